"""`manage.py backup` and `manage.py restore`: a backup of a database with rows, wiped and restored, has every row.

This runs against a scratch database created and dropped here, never the pytest test database.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from core.backup import BackupError, Tool, choose_tool

ROOT = Path(__file__).resolve().parents[2]

WRITE_ROWS = """
from datetime import UTC, datetime
from accounts.services import user_get_or_create
from moderation.services import news_create
from theories.services import chapters_ensure, comment_create, series_get_or_create, tag_get_or_create, theory_create
from voting.services import vote_cast

alice, _ = user_get_or_create(username="alice", email="alice@example.com", password="a long passphrase")
bob, _ = user_get_or_create(username="bob", email="bob@example.com", password="a long passphrase")
mona, _ = user_get_or_create(username="mona", email="mona@example.com", groups=["moderators"])
series = series_get_or_create(slug="all-of-us-are-dead", title="All of Us Are Dead")
series = series[0] if isinstance(series, tuple) else series
chapters_ensure(series=series, numbers=range(1, 11))
tag, _ = tag_get_or_create(series=series, kind="character", slug="nam-on-jo", name="Nam On-jo", aliases=["On-jo"])
for number in range(3):
    theory = theory_create(
        author=alice, series=series, title=f"Theory {number}: the half-zombies ✓ 반좀비",
        body=f"**Nam-ra** keeps her memories — part {number}.", tag_slugs=["nam-on-jo"], chapter_numbers=[number + 1],
    )
    comment_create(author=bob, theory=theory, body=f"Agreed ({number}).")
    vote_cast(user=bob, theory_id=theory.pk, value=1)
news_create(moderator=mona, series=series, title="Season 2 confirmed", url="https://example.com/s2",
            publisher="Netflix", published_at=datetime(2025, 6, 1, tzinfo=UTC))
"""


def server_url(database: str) -> str:
    params = connection.settings_dict
    host = params.get("HOST") or "localhost"
    if host.startswith("/"):
        from urllib.parse import quote

        host = quote(host, safe="")
    port = f":{params['PORT']}" if params.get("PORT") else ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return f"postgres://{params.get('USER') or 'postgres'}{password}@{host}{port}/{database}"


def conninfo(database: str) -> dict[str, object]:
    params = connection.settings_dict
    info: dict[str, object] = {"dbname": database, "user": params.get("USER") or "postgres", "autocommit": True}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("PASSWORD", "password")):
        if params.get(key):
            info[name] = params[key]
    return info


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "THEORYCRAFT_ENV": "development", "DEBUG": "0"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def snapshot(database: str) -> dict[str, object]:
    """Row counts of every table, and the contents of a few."""
    with psycopg.connect(**conninfo(database)) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ]
        counts = {
            table: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            for table in tables
        }
        rows = {
            "users": conn.execute("SELECT id, username, email, password FROM accounts_user ORDER BY id").fetchall(),
            "theories": conn.execute(
                "SELECT id, title, body, body_html, upvotes, score FROM theories_theory ORDER BY id"
            ).fetchall(),
            "votes": conn.execute("SELECT user_id, theory_id, value FROM voting_vote ORDER BY id").fetchall(),
        }
    return {"counts": counts, "rows": rows}


@pytest.fixture
def scratch_database(db) -> Iterator[str]:
    name = f"theorycraft_backup_{secrets.token_hex(4)}"
    with psycopg.connect(**conninfo("postgres")) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(**conninfo("postgres")) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def populated(scratch_database) -> str:
    url = server_url(scratch_database)
    for args in (("migrate", "--noinput", "-v0"), ("shell", "-c", WRITE_ROWS)):
        result = manage(url, *args)
        assert result.returncode == 0, result.stdout + result.stderr
    return scratch_database


def test_it_restores_every_row_after_a_flush(populated, tmp_path):
    url, file = server_url(populated), tmp_path / "theorycraft.dump"
    before = snapshot(populated)
    assert before["counts"]["theories_theory"] == 3 and before["counts"]["voting_vote"] == 3

    backed_up = manage(url, "backup", "--file", str(file))
    wiped = manage(url, "flush", "--noinput")
    assert snapshot(populated)["counts"]["theories_theory"] == 0
    restored = manage(url, "restore", "--file", str(file))

    assert backed_up.returncode == 0 and wiped.returncode == 0, backed_up.stderr + wiped.stderr
    assert restored.returncode == 0, restored.stderr
    assert snapshot(populated) == before


def test_it_restores_dropped_tables(populated, tmp_path):
    url, file = server_url(populated), tmp_path / "theorycraft.dump"
    before = snapshot(populated)
    manage(url, "backup", "--file", str(file))
    with psycopg.connect(**conninfo(populated)) as conn:
        conn.execute("DROP TABLE voting_vote, theories_comment CASCADE")

    restored = manage(url, "restore", "--file", str(file))

    assert restored.returncode == 0, restored.stderr
    assert snapshot(populated) == before


def test_it_refuses_to_restore_a_missing_file(db, tmp_path):
    result = manage(server_url(connection.settings_dict["NAME"]), "restore", "--file", str(tmp_path / "missing.dump"))

    assert result.returncode != 0
    assert "no backup file" in result.stderr


def test_it_requires_a_file_to_restore(db):
    result = manage(server_url(connection.settings_dict["NAME"]), "restore")

    assert result.returncode != 0
    assert "--file" in result.stderr


def test_it_picks_the_client_of_the_servers_version():
    tools = [Tool(path="/usr/bin/pg_dump", major=15), Tool(path="/pgserver/bin/pg_dump", major=16)]

    assert choose_tool("pg_dump", server_major=16, tools=tools).path == "/pgserver/bin/pg_dump"
    assert choose_tool("pg_dump", server_major=15, tools=tools).path == "/usr/bin/pg_dump"


def test_it_picks_a_newer_client_when_none_matches():
    tools = [Tool(path="/usr/bin/pg_dump", major=17)]

    assert choose_tool("pg_dump", server_major=16, tools=tools).path == "/usr/bin/pg_dump"


def test_it_refuses_a_client_older_than_the_server():
    with pytest.raises(BackupError, match="PostgreSQL 17 or newer"):
        choose_tool("pg_dump", server_major=17, tools=[Tool(path="/usr/bin/pg_dump", major=15)])
