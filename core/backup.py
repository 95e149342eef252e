"""Database backups: pg_dump in its custom format, and pg_restore of such a file over the database.

The client programs must be at least as new as the server (pg_dump refuses an older one, and an older
pg_restore cannot read a newer archive). Candidates are the machine's own (on PATH) and those pgserver
ships for the embedded PostgreSQL; the one whose major version equals the server's wins, else the
newest one that is not older, else the command stops and says which versions it found.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

BACKUP_DIR = Path(settings.BASE_DIR) / ".data" / "backups"


class BackupError(Exception):
    """A backup or restore that cannot run or did not succeed; the message says why."""


@dataclass(frozen=True)
class Tool:
    path: str
    major: int


def default_backup_file() -> Path:
    return BACKUP_DIR / f"theorycraft-{datetime.now(UTC):%Y%m%d-%H%M%S}.dump"


def _candidate_dirs() -> list[Path | None]:
    dirs: list[Path | None] = [None]  # None: look the program up on PATH
    try:
        import pgserver
    except ImportError:
        return dirs
    dirs.append(Path(pgserver.__file__).parent / "pginstall" / "bin")
    return dirs


def tool_version(path: str) -> int:
    """The major version of a PostgreSQL client program ("pg_dump (PostgreSQL) 16.2" → 16)."""
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", output)
    if match is None:
        raise BackupError(f"cannot read the version of {path}: {output.strip()!r}")
    return int(match.group(1))


def available_tools(program: str) -> list[Tool]:
    tools = []
    for directory in _candidate_dirs():
        path = shutil.which(program) if directory is None else str(directory / program)
        if path and os.access(path, os.X_OK):
            tools.append(Tool(path=path, major=tool_version(path)))
    return tools


def choose_tool(program: str, *, server_major: int, tools: list[Tool]) -> Tool:
    """The client program to use against a server of `server_major`: the same major version, else a newer one."""
    same = [tool for tool in tools if tool.major == server_major]
    if same:
        return same[0]
    newer = sorted((tool for tool in tools if tool.major > server_major), key=lambda tool: tool.major)
    if newer:
        return newer[0]
    found = ", ".join(f"{tool.path} ({tool.major})" for tool in tools) or "none"
    raise BackupError(
        f"{program} must be PostgreSQL {server_major} or newer to work with this server; found: {found}. "
        f"Install the PostgreSQL {server_major} client programs (e.g. postgresql-client-{server_major})."
    )


def server_major_version(connection: Any) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _connection_args(params: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    args += ["--username", str(params.get("USER") or "postgres"), "--no-password"]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()}")


def backup(*, connection: Any, file: Path) -> Path:
    """Dump the connection's database to `file` (pg_dump custom format, no owners or privileges)."""
    tool = choose_tool("pg_dump", server_major=server_major_version(connection), tools=available_tools("pg_dump"))
    params = connection.settings_dict
    args, env = _connection_args(params)
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(file.name + ".partial")
    # Written aside and renamed when complete, so a failed dump never leaves a file that looks like a backup.
    _run(
        [
            tool.path,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={partial}",
            *args,
            "--dbname",
            params["NAME"],
        ],
        env,
    )
    partial.replace(file)
    return file


def restore(*, connection: Any, file: Path) -> None:
    """Replace the connection's database contents with those of a pg_dump custom-format `file`, in one transaction.

    Objects in the backup are dropped (if they exist) and recreated; tables the backup does not know
    are left alone. A failure rolls everything back.
    """
    if not file.is_file():
        raise BackupError(f"no backup file at {file}")
    tool = choose_tool("pg_restore", server_major=server_major_version(connection), tools=available_tools("pg_restore"))
    params = connection.settings_dict
    args, env = _connection_args(params)
    connection.close()  # our own open transaction would block the DROPs
    _run(
        [
            tool.path,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            "--dbname",
            params["NAME"],
            str(file),
        ],
        env,
    )
