"""/healthz reports the database, Redis and Celery; a real worker process answers the Celery check.

The Celery checks run on their own Redis database number, so a worker started by anything else
on the same Redis server (another test run, a developer's `make run`) cannot answer for ours.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings as django_settings

import core.health

BASE_DIR = Path(__file__).resolve().parents[2]
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"


def redis_url_with_db(url: str, db: int) -> str:
    base, _, last = url.rstrip("/").rpartition("/")
    return f"{base}/{db}" if last.isdigit() else f"{url.rstrip('/')}/{db}"


@pytest.fixture
def broker_url(settings, monkeypatch):
    """Point /healthz (Redis check and Celery ping) at a Redis database no other worker listens on."""
    url = redis_url_with_db(django_settings.REDIS_URL, random.randint(8, 15))
    settings.REDIS_URL = url
    settings.CELERY_BROKER_URL = url
    app = Celery(f"healthz-{uuid.uuid4().hex[:8]}", broker=url, set_as_current=False)
    monkeypatch.setattr(core.health, "celery_app", app)
    yield url
    app.close()


@pytest.fixture
def celery_worker(broker_url, tmp_path):
    """A real `celery worker` process on the test broker; always stopped, and killed if it hangs."""
    name = f"healthz-{uuid.uuid4().hex[:8]}@%h"
    log = tmp_path / "worker.log"
    env = {**os.environ, "REDIS_URL": broker_url}
    command = [
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "config",
        "worker",
        "--pool",
        "solo",
        "--without-gossip",
        "--without-mingle",
        "--loglevel",
        "WARNING",
        "-n",
        name,
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        ping = core.health.celery_app.control.ping
        deadline = time.monotonic() + 60
        while not ping(timeout=0.5, limit=1):
            if process.poll() is not None:
                pytest.fail(f"the Celery worker exited with {process.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the Celery worker did not answer a ping within 60 s:\n{log.read_text()}")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        try:
            os.killpg(process.pid, signal.SIGKILL)  # anything it started
        except ProcessLookupError:
            pass


@pytest.mark.live
@pytest.mark.django_db
def test_it_is_healthy_when_a_worker_runs(client, celery_worker):
    response = client.get("/healthz")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok" and body["failing"] == []
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "redis": True,
        "celery": True,
    }


@pytest.mark.django_db
def test_it_reports_celery_when_no_worker_runs(client, broker_url):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["celery"]
    assert "no Celery worker" in body["checks"]["celery"]["error"]


@pytest.mark.django_db
def test_it_reports_redis_when_redis_is_unreachable(client, settings, monkeypatch):
    settings.REDIS_URL = CLOSED_PORT_URL
    settings.CELERY_BROKER_URL = CLOSED_PORT_URL
    app = Celery("healthz-closed-port", broker=CLOSED_PORT_URL, set_as_current=False)
    monkeypatch.setattr(core.health, "celery_app", app)

    started = time.monotonic()
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert "redis" in body["failing"] and "database" not in body["failing"]
    assert "Connection" in body["checks"]["redis"]["error"]
    assert body["checks"]["database"]["ok"] is True
    assert time.monotonic() - started < 5, "a dead Redis must not stall the health check"


@pytest.mark.django_db
def test_it_is_never_cached(client, broker_url):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_only_answers_get(client):
    response = client.post("/healthz")

    assert response.status_code == 405
