"""The embedded PostgreSQL and Redis keep their data in the data folder across a stop and a start.

Each test runs its own servers in a fresh temporary data folder and stops them whatever happens.
"""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
import redis

from config import embedded


@pytest.fixture
def data_dir(tmp_path_factory, monkeypatch):
    data = tmp_path_factory.mktemp("embedded")
    monkeypatch.setattr(embedded, "DATA_DIR", data)
    monkeypatch.setattr(embedded, "PG_DIR", data / "postgres")
    monkeypatch.setattr(embedded, "REDIS_DIR", data / "redis")
    try:
        yield data
    finally:
        embedded.stop(["redis", "postgres"])


def test_it_keeps_database_rows_across_a_restart(data_dir):
    url = embedded.database_url()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE survivors (name text)")
        connection.execute("INSERT INTO survivors VALUES ('Nam On-jo')")

    embedded.stop_postgres()
    assert not embedded.postgres_running()
    url_after = embedded.database_url()

    assert embedded.postgres_running()
    assert (data_dir / "postgres" / "PG_VERSION").exists()
    with psycopg.connect(url_after) as connection:
        assert connection.execute("SELECT name FROM survivors").fetchall() == [("Nam On-jo",)]


def test_it_keeps_redis_keys_across_a_restart(data_dir):
    key = f"survivor:{uuid.uuid4().hex}"
    url = embedded.redis_url()
    client = redis.Redis.from_url(url)
    client.set(key, "Choi Nam-ra")
    client.close()

    embedded.stop_redis()
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    url_after = embedded.redis_url()

    assert url_after == url, "the port is kept so running processes find Redis again"
    client = redis.Redis.from_url(url_after)
    try:
        assert client.get(key) == b"Choi Nam-ra"
    finally:
        client.close()
    assert (data_dir / "redis" / "appendonlydir").is_dir() or (data_dir / "redis" / "appendonly.aof").exists()


def test_it_starts_only_what_is_not_running(data_dir, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    first = embedded.ensure_environment()
    urls = (os.environ["DATABASE_URL"], os.environ["REDIS_URL"])
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("REDIS_URL")

    second = embedded.ensure_environment()

    assert sorted(first) == ["postgres", "redis"]
    assert second == [], "running servers are reused, and so are not stopped by this caller"
    assert (os.environ["DATABASE_URL"], os.environ["REDIS_URL"]) == urls


def test_it_leaves_urls_that_are_set_alone(data_dir, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://db.example/theorycraft")
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/0")

    assert embedded.ensure_environment() == []
    assert not embedded.postgres_running()
    assert not (data_dir / "redis").exists()
