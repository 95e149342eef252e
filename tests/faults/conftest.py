"""Fault tests (`make faults`): real servers on the test database and a dedicated Redis they may lose."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rest_framework.authtoken.models import Token

from tests.faults.stack import RedisServer, Stack


@pytest.fixture(scope="session")
def fault_redis() -> Iterator[RedisServer]:
    """A Redis server of the fault tests' own, on a free port: stopping it disturbs nobody else."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def stack(fault_redis: RedisServer) -> Iterator[Stack]:
    """Start servers with `stack.uvicorn()`, `stack.gunicorn()`, `stack.worker()`; all stop after the test."""
    if not fault_redis.running():
        fault_redis.start()
    fault_redis_flush(fault_redis)
    servers = Stack(fault_redis.url)
    try:
        yield servers
    finally:
        servers.stop()
        if not fault_redis.running():
            fault_redis.start()


def fault_redis_flush(server: RedisServer) -> None:
    import redis

    client = redis.Redis(host="127.0.0.1", port=server.port)
    try:
        client.flushall()
    finally:
        client.close()


@pytest.fixture
def token_for():
    """The API token header of a user."""

    def make(user) -> dict[str, str]:
        return {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}

    return make
