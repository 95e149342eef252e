"""Real processes for integration tests: the ASGI server (uvicorn) and a Celery worker on the test database.

The processes see only committed data, so tests using them need `transactional_db`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _test_database_url() -> str:
    params = connection.settings_dict
    host = params.get("HOST") or "localhost"
    if host.startswith("/"):
        host = quote(host, safe="")
    port = f":{params['PORT']}" if params.get("PORT") else ""
    password = f":{quote(params['PASSWORD'])}" if params.get("PASSWORD") else ""
    return f"postgres://{params.get('USER') or 'postgres'}{password}@{host}{port}/{params['NAME']}"


def service_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=_test_database_url(),
        REDIS_URL=settings.REDIS_URL,
        THEORYCRAFT_ENV="development",
        DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer in {timeout}s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def live_asgi(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The real ASGI server (uvicorn) and a Celery worker, on the test database."""
    port = _free_port()
    env = service_env()
    bin_dir = Path(sys.executable).parent
    log = open(Path(tempfile.gettempdir()) / f"theorycraft-live-{port}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(bin_dir / "uvicorn"), "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # Tasks left in the test broker by earlier runs (with no worker then) would delay this worker's first answers.
    from config.celery_app import app as celery_app

    celery_app.control.purge()
    worker = subprocess.Popen(
        [
            str(bin_dir / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(server)
        _stop(worker)
        log.close()


@pytest.fixture(scope="session")
def live_wsgi(django_db_setup, django_db_blocker) -> Iterator[str]:
    """gunicorn with four sync WSGI workers: several processes writing to PostgreSQL at once."""
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    log = open(Path(tempfile.gettempdir()) / f"theorycraft-wsgi-{port}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "config.wsgi:application", "--workers", "4", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=service_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/v1/tags/", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(server)
        log.close()
