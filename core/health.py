"""The checks behind /healthz: PostgreSQL, Redis and at least one live Celery worker."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import redis
from django.conf import settings
from django.db import connection

from config.celery_app import app as celery_app


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _redis() -> None:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()


def _celery() -> None:
    # limit=1: answer as soon as one worker replies instead of waiting out the timeout.
    replies = celery_app.control.ping(timeout=1.0, limit=1)
    if not replies:
        raise RuntimeError("no Celery worker answered a ping")


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "redis": _redis, "celery": _celery}


def check_all() -> dict[str, dict[str, Any]]:
    """Run every check; each reports ok, its latency in ms and, when failing, the error."""
    results: dict[str, dict[str, Any]] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            if name == "celery" and not results.get("redis", {}).get("ok"):
                raise RuntimeError("the broker (Redis) is unavailable")
            check()
        except Exception as exc:  # noqa: BLE001 - a health check reports any failure
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            results[name] = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return results
