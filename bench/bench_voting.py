"""Voting under load, on the production serving setup, with every figure as a ratio to a baseline.

    make bench                                   # every bench/bench_*.py, services as for `make test`
    .venv/bin/python bench/bench_voting.py       # this one; DATABASE_URL / REDIS_URL must be set
    .venv/bin/python bench/bench_voting.py --setups wsgi+asgi --duration 5 --fanout-rounds 5

What it does, all in one run (bench/README.md explains the figures and the setups):

1. Prepares a separate bench database next to DATABASE_URL's (same server, name + "_bench",
   or BENCH_DATABASE_URL), migrates it and, the first time, fills it with 100,000 theories,
   2,000,000 votes and 300,000 comments (`manage.py generate_synthetic`); later runs reuse it.
2. For each serving setup (see _setups; the recommended one first), starts it as real processes
   with THEORYCRAFT_ENV=production and measures, with wrk (-t2 -c50, 10 s each):
   - baseline: GET /api/v1/meta/, a trivial JSON view, before every other figure and after the
     last; each figure is compared with the mean of the baseline runs around it;
   - the `hot` list: GET /api/v1/theories/?series=…&sort=hot, 25 theories with tags, anonymous
     (served, as in production, with its first page cached for 1 s);
   - vote PUTs by 200 token-holding users spread over 1,000 theories, every PUT creating or
     flipping a vote (bench/lua/vote.lua);
   - the same PUTs all on one theory (the hot-row case);
   - the hot list again with every request a cache miss (bench/lua/get_unique.lua), shown
     without a target, measured last because its backlog spills into the next run;
   with the CPU time per request of the setup's processes and of the database backends; then
   the WebSocket fan-out (bench/fanout.py): 500 and 1,000 clients on /ws/series/<slug>/, one
   vote per round over HTTP, time from the vote's response to each client's event.
3. After every vote run, checks that each (user, theory) pair holds the last value sent and
   that every touched theory's counters equal COUNT(*) over voting_vote; at the end, the same
   counter check over all theories ("lost votes: 0").
4. Prints a table per setup (figure, value, ratio to baseline, CPU per request, target,
   pass/fail), a comparison of the setups, and writes everything to
   bench/results/voting-latest.json.

Every process it starts runs in its own process group and is stopped in a finally block.
Only 127.0.0.1 is used. The vote rate limit (RATE_LIMIT_VOTE) is raised for the servers it
starts: 200 users cannot otherwise sustain this load, and the limiter's Redis round trip still
runs on every vote.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
LUA_DIR = BENCH_DIR / "lua"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BASE_DIR))

from fanout import percentile, run_fanout  # noqa: E402

HOST = "127.0.0.1"
DATA_THEORIES = 100_000
DATA_VOTES = 2_000_000
DATA_COMMENTS = 300_000
DATA_DAYS = 90
DATA_SEED = 20220128  # the show's release date; any fixed seed makes the data set repeatable
VOTERS = 200
SPREAD_THEORIES = 1_000
META_PATH = "/api/v1/meta/"

# The targets of the voting issue.
TARGET_HOT = 0.5  # × baseline
TARGET_VOTES = 0.4  # × baseline
TARGET_VOTES_P99_MS = 100.0
TARGET_ONE_THEORY = 0.9  # × the spread-out vote figure
TARGET_FANOUT_P99_MS = 250.0
TARGET_DELIVERED = 0.999


@dataclass
class Process:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Setup:
    name: str
    description: str
    http_port: int
    ws_port: int
    processes: list[Process]


def _setups(http_port: int, ws_port: int) -> dict[str, Setup]:
    """The serving setups that can be measured, by name."""
    celery = Process(
        "worker",
        f"{BIN}/celery -A config worker --loglevel WARNING --concurrency 2 --without-gossip --without-mingle".split(),
    )
    wsgi = Process(
        "web",
        f"{BIN}/gunicorn config.wsgi:application --workers 4 --bind {HOST}:{http_port} --log-level warning".split(),
        # Sync workers serve one request at a time: one persistent connection each, reused.
        {"CONN_MAX_AGE": "60"},
    )
    # ASGI runs sync views in threads; psycopg's pool keeps their connections from piling up.
    asgi_env = {"DATABASE_POOL": "true"}
    uvicorn = f"{BIN}/uvicorn config.asgi:application --host {HOST} --no-access-log --log-level warning"
    return {
        "wsgi+asgi": Setup(
            name="wsgi+asgi",
            description=(
                "HTTP: gunicorn, 4 sync WSGI workers, CONN_MAX_AGE=60; /ws/: uvicorn, 2 worker processes, psycopg pool"
            ),
            http_port=http_port,
            ws_port=ws_port,
            processes=[wsgi, Process("ws", f"{uvicorn} --port {ws_port} --workers 2".split(), asgi_env), celery],
        ),
        "wsgi+asgi1": Setup(
            name="wsgi+asgi1",
            description=(
                "HTTP: gunicorn, 4 sync WSGI workers, CONN_MAX_AGE=60; /ws/: one uvicorn process, psycopg pool"
            ),
            http_port=http_port,
            ws_port=ws_port,
            processes=[wsgi, Process("ws", f"{uvicorn} --port {ws_port}".split(), asgi_env), celery],
        ),
        "asgi": Setup(
            name="asgi",
            description="HTTP and /ws/: gunicorn, 2 uvicorn ASGI workers, psycopg pool",
            http_port=http_port,
            ws_port=http_port,
            processes=[
                Process(
                    "web",
                    f"{BIN}/gunicorn config.asgi:application --worker-class uvicorn.workers.UvicornWorker "
                    f"--workers 2 --bind {HOST}:{http_port} --log-level warning".split(),
                    # uvicorn.workers announces its own deprecation (in favour of the uvicorn-worker package).
                    {**asgi_env, "PYTHONWARNINGS": "ignore::DeprecationWarning"},
                ),
                celery,
            ],
        ),
    }


# The setup the README recommends for production; measured first, and the one the verdict is about.
RECOMMENDED = "wsgi+asgi"
DEFAULT_SETUPS = "wsgi+asgi,asgi"


# --- environment and database -------------------------------------------------------------


def _bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("bench_voting: set DATABASE_URL (or run it through `make bench`, which starts the services)")
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "theorycraft"
    if not name.endswith("_bench"):
        name += "_bench"
    return urlunsplit(parts._replace(path="/" + quote(name)))


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def _server_environment(database_url: str, redis_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_", "CONN_MAX_AGE"))}
    env.update(
        THEORYCRAFT_ENV="production",
        SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        LOG_LEVEL="WARNING",
        RATE_LIMIT_VOTE="100000000/m",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    env.pop("DEBUG", None)
    return env


def _manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=check)


# --- processes ------------------------------------------------------------------------------


class Processes:
    """Servers started for one setup, each in its own process group; stop() ends every one of them."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, process: Process, env: dict[str, str], label: str) -> None:
        log = open(self.log_dir / f"{label}-{process.name}.log", "wb")  # noqa: SIM115 - closed with the process
        popen = subprocess.Popen(
            process.argv,
            cwd=BASE_DIR,
            env={**env, **process.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.running.append((process.name, popen))

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by every live process in the started process groups."""
        return _cpu_seconds(lambda stat: int(stat[2]) in {popen.pid for _, popen in self.running})

    def check_alive(self) -> None:
        for name, popen in self.running:
            if popen.poll() is not None:
                raise RuntimeError(f"{name} exited with {popen.returncode}; see {self.log_dir}")

    def stop(self) -> None:
        for _, popen in self.running:
            if popen.poll() is None:
                try:
                    os.killpg(popen.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 15
        for _, popen in self.running:
            try:
                popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            # Whatever is left in the group (workers of a stuck master) is killed outright.
            try:
                os.killpg(popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            popen.wait()
        self.running.clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait_until_serving(port: int, processes: Processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check_alive()
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{META_PATH}", timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            if error.code == 404:
                raise RuntimeError(
                    f"{META_PATH} answers 404: the baseline view is missing (core.views.meta at api/v1/meta/)"
                ) from None
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"nothing served on port {port} after {timeout:.0f} s")


def _cpu_seconds(select) -> float:  # type: ignore[no-untyped-def]
    """Sum utime + stime over /proc/<pid>/stat entries accepted by `select` (fields after the command)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after "(command)": state, ppid, pgrp, ..., utime (12th), stime (13th).
        fields = raw[raw.rindex(")") + 2 :].split()
        if select(fields):
            total += int(fields[11]) + int(fields[12])
    return total / ticks


class CpuMeter:
    """CPU spent per request by the setup's processes and by the PostgreSQL backends of the bench database.

    Robust to other load on the machine, unlike requests a second: a busy neighbour slows a run
    down but does not make it use more CPU per request. PostgreSQL's share is measured only when
    it runs on this machine (its backends are visible in /proc).
    """

    def __init__(self, processes: Processes, database_url: str) -> None:
        self.processes = processes
        self.database_url = database_url

    def _backends(self) -> dict[int, float]:
        import psycopg

        try:
            with psycopg.connect(self.database_url, autocommit=True) as conn:
                query = (
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                pids = [row[0] for row in conn.execute(query)]
        except psycopg.Error:
            return {}
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = {}
        for pid in pids:
            try:
                raw = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            fields = raw[raw.rindex(")") + 2 :].split()
            cpu[pid] = (int(fields[11]) + int(fields[12])) / ticks
        return cpu

    def start(self) -> None:
        self.app = self.processes.cpu_seconds()
        self.db = self._backends()

    def stop(self, figures: dict) -> None:
        app = self.processes.cpu_seconds() - self.app
        db_now = self._backends()
        db = sum(seconds - self.db.get(pid, 0.0) for pid, seconds in db_now.items())
        requests = max(1, figures["requests"])
        figures["app_cpu_ms"] = app * 1000 / requests
        figures["db_cpu_ms"] = db * 1000 / requests if db_now else None


# --- wrk --------------------------------------------------------------------------------------


@dataclass
class LoadOptions:
    duration: int
    connections: int
    threads: int


def _wrk(
    url: str, script: str, options: LoadOptions, extra_env: dict[str, str] | None = None, meter: CpuMeter | None = None
) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as scratch:
        report_path = Path(scratch) / "report.json"
        env = {
            **os.environ,
            "WRK_REPORT": str(report_path),
            "BENCH_LUA_DIR": str(LUA_DIR),
            "WRK_THREADS": str(options.threads),
            **(extra_env or {}),
        }
        argv = [
            "wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{options.duration}s",
            "--timeout", "10s", "-s", str(LUA_DIR / script), url,
        ]  # fmt: skip
        if meter:
            meter.start()
        completed = subprocess.run(argv, env=env, capture_output=True, text=True)
        if completed.returncode != 0 or not report_path.exists():
            raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr or completed.stdout}")
        report = json.loads(report_path.read_text())
    seconds = report["duration_us"] / 1e6
    errors = report["errors"]
    figures = {
        "requests": report["requests"],
        "seconds": round(seconds, 2),
        "rps": report["requests"] / seconds if seconds else 0.0,
        "p50_ms": report["latency_us"]["p50"] / 1000,
        "p90_ms": report["latency_us"]["p90"] / 1000,
        "p99_ms": report["latency_us"]["p99"] / 1000,
        "max_ms": report["latency_us"]["max"] / 1000,
        "errors": errors,
        "failed": errors["connect"] + errors["read"] + errors["write"] + errors["status"] + errors["timeout"],
        "statuses": report.get("statuses", {}),
    }
    if meter:
        meter.stop(figures)
    return figures


# --- data, users and checks (Django, in this process) ------------------------------------------


class BenchData:
    """The bench's users, tokens and theories, and the checks on votes, through the Django ORM."""

    def __init__(self, slug: str) -> None:
        import django

        django.setup()
        self.slug = slug

    def theory_count(self) -> int:
        from theories.models import Theory

        return Theory.objects.filter(series__slug=self.slug).count()

    def prepare(self) -> None:
        from django.db import connection
        from rest_framework.authtoken.models import Token

        from accounts.models import User
        from theories.models import Theory

        users = list(User.objects.filter(username__startswith="synthetic", is_active=True).order_by("id")[: VOTERS + 1])
        if len(users) < VOTERS + 1:
            raise RuntimeError(f"the bench database has {len(users)} synthetic users; {VOTERS + 1} needed")
        self.voters = users[:VOTERS]
        self.fanout_voter = users[VOTERS]
        # The same lookup-or-create as POST /api/v1/auth/token/ does for a signed-in user.
        self.tokens = {user.pk: Token.objects.get_or_create(user=user)[0].key for user in users}
        voter_ids = [user.pk for user in users]
        candidates = list(
            Theory.objects.filter(series__slug=self.slug, is_deleted=False, status=Theory.Status.OPEN)
            .exclude(author_id__in=voter_ids)
            .order_by("id")
            .values_list("id", flat=True)[: SPREAD_THEORIES + 1 + 100]
        )
        if len(candidates) < SPREAD_THEORIES + 101:
            raise RuntimeError("not enough theories in the bench database")
        self.spread_theories = candidates[:SPREAD_THEORIES]
        self.one_theory = candidates[SPREAD_THEORIES]
        self.fanout_theories = candidates[SPREAD_THEORIES + 1 :]
        connection.close()

    def current_votes(self, user_ids: list[int], theory_ids: list[int]) -> dict[tuple[int, int], int]:
        from django.db import connection

        from voting.models import Vote

        rows = Vote.objects.filter(user_id__in=user_ids, theory_id__in=theory_ids).values_list(
            "user_id", "theory_id", "value"
        )
        votes = {(user_id, theory_id): value for user_id, theory_id, value in rows}
        connection.close()
        return votes

    def vote_data_file(self, path: Path, theory_ids: list[int]) -> None:
        voter_ids = [user.pk for user in self.voters]
        lines = [
            "theories " + " ".join(map(str, theory_ids)),
            "users " + " ".join(map(str, voter_ids)),
            "tokens " + " ".join(self.tokens[user_id] for user_id in voter_ids),
        ]
        for (user_id, theory_id), value in self.current_votes(voter_ids, theory_ids).items():
            lines.append(f"vote {user_id} {theory_id} {value}")
        path.write_text("\n".join(lines) + "\n")

    def check_sent(self, state_path: Path, theory_ids: list[int], answered_ok: int) -> dict:
        """Acknowledged votes are all in voting_vote, and every theory's counters equal its vote rows.

        A pair must hold the last value sent. It may still hold the value before only if that
        last PUT got no 200 (wrk stops with up to one request in flight per connection, and
        those may never reach a worker); such pairs cannot outnumber the PUTs without a 200.
        Any other value, or more unapplied pairs than unanswered PUTs, is a lost vote.
        """
        expected: dict[tuple[int, int], tuple[int, int]] = {}
        sent = 0
        for line in state_path.read_text().split("\n"):
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "sent":
                sent += int(fields[1])
                continue
            user_id, theory_id, last, before = map(int, fields)
            expected[(user_id, theory_id)] = (last, before)
        stored = self.current_votes(sorted({u for u, _ in expected}), sorted({t for _, t in expected}))
        unapplied = wrong = 0
        for pair, (last, before) in expected.items():
            value = stored.get(pair, 0)
            if value == last:
                continue
            if value == before:
                unapplied += 1
            else:
                wrong += 1
        unanswered = max(0, sent - answered_ok)
        return {
            "sent": sent,
            "pairs": len(expected),
            "unanswered": unanswered,
            "unapplied_unanswered": unapplied,
            "lost_votes": wrong + max(0, unapplied - unanswered),
            "counter_mismatches": self.counter_mismatches(theory_ids),
        }

    def counter_mismatches(self, theory_ids: list[int] | None = None) -> int:
        """Theories whose upvotes, downvotes or score differ from COUNT(*) over their votes."""
        from django.db import connection

        where_votes = "WHERE theory_id = ANY(%(ids)s)" if theory_ids is not None else ""
        where_theories = "WHERE t.id = ANY(%(ids)s)" if theory_ids is not None else "WHERE TRUE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT count(*) FROM theories_theory t
                LEFT JOIN (
                    SELECT theory_id, count(*) FILTER (WHERE value = 1) AS up,
                           count(*) FILTER (WHERE value = -1) AS down
                    FROM voting_vote {where_votes} GROUP BY theory_id
                ) v ON v.theory_id = t.id
                {where_theories} AND (t.upvotes <> coalesce(v.up, 0) OR t.downvotes <> coalesce(v.down, 0)
                     OR t.score <> coalesce(v.up, 0) - coalesce(v.down, 0))
                """,
                {"ids": theory_ids},
            )
            mismatches = int(cursor.fetchone()[0])
        connection.close()
        return mismatches


# --- one setup --------------------------------------------------------------------------------


def _vote_run(
    data: BenchData, setup: Setup, theory_ids: list[int], options: LoadOptions, meter: CpuMeter | None = None
) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-votes-") as scratch:
        data_path, state_path = Path(scratch) / "votes.txt", Path(scratch) / "sent.txt"
        data.vote_data_file(data_path, theory_ids)
        figures = _wrk(
            f"http://{HOST}:{setup.http_port}/",
            "vote.lua",
            options,
            {"WRK_VOTE_DATA": str(data_path), "WRK_VOTE_STATE_OUT": str(state_path)},
            meter,
        )
        # Requests still in flight when wrk stopped are finished by the server; let them land.
        time.sleep(1.5)
        figures.update(data.check_sent(state_path, theory_ids, answered_ok=int(figures["statuses"].get("200", 0))))
    return figures


def _fanout(data: BenchData, setup: Setup, clients: int, rounds: int) -> dict:
    theory_ids = data.fanout_theories[:rounds]
    current = data.current_votes([data.fanout_voter.pk], theory_ids)
    votes = [(theory_id, -1 if current.get((data.fanout_voter.pk, theory_id)) == 1 else 1) for theory_id in theory_ids]
    result = asyncio.run(
        run_fanout(
            ws_url=f"ws://{HOST}:{setup.ws_port}/ws/series/{data.slug}/",
            origin=f"http://{HOST}:{setup.ws_port}",
            http_host=HOST,
            http_port=setup.http_port,
            token=data.tokens[data.fanout_voter.pk],
            votes=votes,
            clients=clients,
        )
    )
    return {
        "clients": clients,
        "connected": result.connected,
        "rounds": result.rounds,
        "expected": result.expected,
        "delivered": result.delivered,
        "delivered_share": result.delivered_share,
        "p50_ms": percentile(result.latencies_ms, 50),
        "p99_ms": percentile(result.latencies_ms, 99),
        "max_ms": max(result.latencies_ms, default=float("nan")),
        "from_request_p99_ms": percentile(result.from_request_ms, 99),
        "vote_p50_ms": percentile(result.vote_ms, 50),
        "last_client_median_ms": percentile(result.last_client_ms, 50),
        "last_client_max_ms": max(result.last_client_ms, default=float("nan")),
    }


def _measure(
    setup: Setup, env: dict[str, str], data: BenchData, options: LoadOptions, args: argparse.Namespace
) -> dict:
    processes = Processes(RESULTS_DIR / "logs")
    meter = CpuMeter(processes, env["DATABASE_URL"])
    results: dict = {"description": setup.description}
    print(f"\n== {setup.name}: {setup.description}")
    try:
        for process in setup.processes:
            processes.start(process, env, setup.name)
        _wait_until_serving(setup.http_port, processes)
        if setup.ws_port != setup.http_port:
            _wait_until_serving(setup.ws_port, processes)
        base = f"http://{HOST}:{setup.http_port}"
        hot_url = f"{base}/api/v1/theories/?series={data.slug}&sort=hot"
        warmup = LoadOptions(duration=3, connections=options.connections, threads=options.threads)
        for url in (base + META_PATH, hot_url):
            _wrk(url, "get.lua", warmup)
        _vote_run(data, setup, data.spread_theories, warmup)

        def step(name: str, run) -> dict:  # type: ignore[no-untyped-def]
            processes.check_alive()
            print(f"   {name} ...", end="", flush=True)
            figures = run()
            if "rps" in figures:
                print(f" {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms", end="")
                if "app_cpu_ms" in figures:
                    db_cpu = figures["db_cpu_ms"]
                    db_text = f" + database {db_cpu:.2f}" if db_cpu is not None else ""
                    print(f", CPU/request: app {figures['app_cpu_ms']:.2f}{db_text} ms", end="")
                if figures["failed"]:
                    print(f", {figures['failed']} failed {figures['statuses']}", end="")
            print(flush=True)
            results[name] = figures
            return figures

        baselines: list[dict] = []

        def baseline() -> None:
            figures = step(
                f"baseline_{len(baselines) + 1}", lambda: _wrk(base + META_PATH, "get.lua", options, meter=meter)
            )
            baselines.append(figures)

        # Each HTTP figure sits between two baseline runs and is compared with their mean, so that
        # load from elsewhere on the machine shifts both sides of a ratio alike.
        for name, run in (
            ("hot_list", lambda: _wrk(hot_url, "get.lua", options, meter=meter)),
            ("votes_spread", lambda: _vote_run(data, setup, data.spread_theories, options, meter)),
            ("votes_one_theory", lambda: _vote_run(data, setup, [data.one_theory], options, meter)),
            # Last: its backlog of slow requests would otherwise spill into the next figure's baseline.
            ("hot_list_uncached", lambda: _wrk(hot_url, "get_unique.lua", options, meter=meter)),
        ):
            baseline()
            step(name, run)
            results[name]["baseline_index"] = len(baselines) - 1
        baseline()
        for name in ("hot_list", "hot_list_uncached", "votes_spread", "votes_one_theory"):
            before = baselines[results[name]["baseline_index"]]
            after = baselines[results[name]["baseline_index"] + 1]
            results[name]["baseline_rps"] = (before["rps"] + after["rps"]) / 2
            results[name]["baseline_p99_ms"] = (before["p99_ms"] + after["p99_ms"]) / 2
            results[name]["baseline_cpu_ms"] = _mean_cpu([before, after])
        if not args.skip_fanout:
            for clients in args.fanout_clients:
                figures = step(f"fanout_{clients}", lambda c=clients: _fanout(data, setup, c, args.fanout_rounds))
                print(
                    f"     {figures['connected']}/{clients} connected, delivered {figures['delivered_share']:.2%}, "
                    f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
                    f"last client (median of rounds) {figures['last_client_median_ms']:.1f} ms"
                )
        processes.check_alive()
    finally:
        processes.stop()
    rates = [figures["rps"] for figures in baselines]
    results["baseline_rps"] = statistics.mean(rates)
    results["baseline_p99_ms"] = statistics.mean(figures["p99_ms"] for figures in baselines)
    # How far apart the baseline runs were: a measure of how noisy the machine was during the run.
    results["baseline_spread"] = (max(rates) - min(rates)) / max(rates) if max(rates) else 0.0
    results["baselines_rps"] = rates
    results["baseline_cpu_ms"] = _mean_cpu(baselines)
    return results


def _cpu_total(figures: dict) -> float | None:
    """CPU ms per request, app processes plus database backends (app only when the database is remote)."""
    if figures.get("app_cpu_ms") is None:
        return None
    return figures["app_cpu_ms"] + (figures.get("db_cpu_ms") or 0.0)


def _mean_cpu(runs: list[dict]) -> float | None:
    values = [_cpu_total(figures) for figures in runs]
    return statistics.mean(values) if values and None not in values else None


# --- report -----------------------------------------------------------------------------------


def _rows(results: dict, fanout_clients: list[int]) -> list[dict]:
    """The table for one setup: figure, value, ratio to baseline, target, verdict.

    Throughput ratios divide by the mean of the baseline runs just before and after the figure;
    latency ratios compare with the baseline's p99 latency the same way.
    """
    rows = [
        {
            "figure": "baseline: trivial JSON view, 50 connections",
            "value": f"{results['baseline_rps']:,.0f} req/s (spread {results['baseline_spread']:.0%})",
            "ratio": 1.0,
            "cpu": results["baseline_cpu_ms"],
            "cpu_ratio": 1.0 if results["baseline_cpu_ms"] else None,
            "target": "",
            "pass": None,
        }
    ]

    def throughput(name: str, label: str, target: float | None, target_text: str, against: float | None = None) -> None:
        figures = results[name]
        ratio = figures["rps"] / figures["baseline_rps"] if figures["baseline_rps"] else 0.0
        ok = (
            None
            if target is None
            else ((ratio if against is None else figures["rps"] / against) >= target and figures["failed"] == 0)
        )
        value = f"{figures['rps']:,.0f} req/s"
        if figures["failed"]:
            value += f" ({figures['failed']} failed)"
        cpu, baseline_cpu = _cpu_total(figures), figures.get("baseline_cpu_ms")
        rows.append(
            {
                "figure": label,
                "value": value,
                "ratio": ratio,
                "cpu": cpu,
                "cpu_ratio": baseline_cpu / cpu if cpu and baseline_cpu else None,
                "target": target_text,
                "pass": ok,
            }
        )

    throughput(
        "hot_list",
        "hot list, 25 theories with tags (100k theories; anonymous first page, 1 s cache)",
        TARGET_HOT,
        "≥ 0.50 × baseline",
    )
    throughput("hot_list_uncached", "hot list, every request a cache miss (unique query)", None, "(shown, no target)")
    throughput("votes_spread", "vote PUTs over 1,000 theories, 50 clients", TARGET_VOTES, "≥ 0.40 × baseline")
    spread = results["votes_spread"]
    rows.append(
        {
            "figure": "vote PUTs over 1,000 theories: p99 latency",
            "value": f"{spread['p99_ms']:.1f} ms",
            "ratio": spread["p99_ms"] / spread["baseline_p99_ms"] if spread["baseline_p99_ms"] else None,
            "target": f"≤ {TARGET_VOTES_P99_MS:.0f} ms",
            "pass": spread["p99_ms"] <= TARGET_VOTES_P99_MS,
        }
    )
    one = results["votes_one_theory"]
    throughput(
        "votes_one_theory",
        f"vote PUTs all on one theory ({one['rps'] / max(spread['rps'], 1e-9):.2f} × spread)",
        TARGET_ONE_THEORY,
        "≥ 0.90 × spread",
        against=spread["rps"],
    )
    for clients in fanout_clients:
        figures = results.get(f"fanout_{clients}")
        if figures is None:
            continue
        rows.append(
            {
                "figure": f"fan-out to {clients} clients: p50 / p99, vote response → event",
                "value": f"{figures['p50_ms']:.1f} / {figures['p99_ms']:.1f} ms",
                "note": f"from the vote request: p99 {figures['from_request_p99_ms']:.1f} ms",
                "ratio": figures["p99_ms"] / results["baseline_p99_ms"] if results["baseline_p99_ms"] else None,
                "target": f"p99 ≤ {TARGET_FANOUT_P99_MS:.0f} ms" if clients == 500 else "",
                "pass": figures["p99_ms"] <= TARGET_FANOUT_P99_MS if clients == 500 else None,
            }
        )
        rows.append(
            {
                "figure": f"fan-out to {clients} clients: delivered",
                "value": f"{figures['delivered_share']:.2%} of {figures['expected']:,}",
                "ratio": None,
                "target": f"≥ {TARGET_DELIVERED:.1%}" if clients >= 1000 else "",
                "pass": figures["delivered_share"] >= TARGET_DELIVERED if clients >= 1000 else None,
            }
        )
    lost = spread["lost_votes"] + one["lost_votes"]
    mismatched = spread["counter_mismatches"] + one["counter_mismatches"]
    rows.append(
        {
            "figure": "lost votes (acknowledged PUTs not in voting_vote; counters ≠ COUNT(*))",
            "value": f"{lost} / {mismatched}",
            "ratio": None,
            "target": "0 / 0",
            "pass": lost == 0 and mismatched == 0,
        }
    )
    return rows


def _print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    header = ("figure", "value", "vs baseline", "CPU ms/req", "by CPU", "target", "result")
    lines = []
    for row in rows:
        ratio, cpu, cpu_ratio = row["ratio"], row.get("cpu"), row.get("cpu_ratio")
        lines.append(
            (
                row["figure"],
                row["value"],
                "" if ratio is None else f"{ratio:.2f} ×",
                "" if cpu is None else f"{cpu:.2f}",
                "" if cpu_ratio is None else f"{cpu_ratio:.2f} ×",
                row["target"],
                "" if row["pass"] is None else ("PASS" if row["pass"] else "FAIL"),
            )
        )
    widths = [max(len(header[i]), *(len(line[i]) for line in lines)) for i in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
    for row in rows:
        if row.get("note"):
            print(f"  {row['figure']}: {row['note']}")


def _print_comparison(setups: dict[str, dict]) -> None:
    names = list(setups)
    print("\nServing setups compared (requests a second; p99 latency in ms; CPU ms per request, app + database)")

    def rate(name: str):  # type: ignore[no-untyped-def]
        def render(r: dict) -> str:
            cpu = _cpu_total(r[name])
            cpu_text = f"  {cpu:.1f} ms CPU" if cpu is not None else ""
            return f"{r[name]['rps']:,.0f}  p99 {r[name]['p99_ms']:.0f}{cpu_text}"

        return render

    figures = [
        ("baseline (mean of its runs)", lambda r: f"{r['baseline_rps']:,.0f}  {r['baseline_cpu_ms'] or 0:.1f} ms CPU"),
        ("baseline spread (max-min)/max", lambda r: f"{r['baseline_spread']:.0%}"),
        ("hot list", rate("hot_list")),
        ("hot list, uncached", rate("hot_list_uncached")),
        ("votes over 1,000 theories", rate("votes_spread")),
        ("votes on one theory", rate("votes_one_theory")),
    ]
    for clients in (500, 1000):
        key = f"fanout_{clients}"
        if all(key in setups[name] for name in names):
            figures.append(
                (
                    f"fan-out {clients}: p99, delivered",
                    lambda r, k=key: f"{r[k]['p99_ms']:.0f}  {r[k]['delivered_share']:.1%}",
                )
            )
    width = max(len(label) for label, _ in figures)
    cell = 34
    print(" " * width + "  " + "".join(name.ljust(cell) for name in names))
    for label, render in figures:
        print(label.ljust(width) + "  " + "".join(render(setups[name]).ljust(cell) for name in names))
    fastest = max(names, key=lambda name: setups[name]["votes_spread"]["rps"])
    print(f"fastest for votes: {fastest}")


def load_bench_data(env: dict[str, str], database_url: str) -> BenchData:
    """The bench series with its 100,000 theories (generated the first time, reused later), users and tokens ready."""
    slug = env.get("DEFAULT_SERIES", "all-of-us-are-dead")
    data = BenchData(slug)
    present = data.theory_count()
    if present < DATA_THEORIES:
        missing = DATA_THEORIES - present
        print(f"loading {missing:,} theories into {urlsplit(database_url).path.lstrip('/')} (once; reused later)")
        _manage(
            env, "generate_synthetic", "--series", slug, "--theories", str(missing),
            "--votes", str(DATA_VOTES * missing // DATA_THEORIES),
            "--comments", str(DATA_COMMENTS * missing // DATA_THEORIES),
            "--days", str(DATA_DAYS), "--seed", str(DATA_SEED),
        )  # fmt: skip
    data.prepare()
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--setups",
        default=DEFAULT_SETUPS,
        help=f"comma-separated serving setups to measure, or 'all' (default: {DEFAULT_SETUPS})",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--fanout-clients", default="500,1000", help="client counts for the fan-out")
    parser.add_argument("--fanout-rounds", type=int, default=20, help="votes per fan-out run")
    parser.add_argument("--skip-fanout", action="store_true")
    args = parser.parse_args()
    args.fanout_clients = [int(n) for n in args.fanout_clients.split(",") if n]

    if shutil.which("wrk") is None:
        print("bench_voting: wrk is not installed (apt-get install wrk); skipped")
        return 1
    database_url = _bench_database_url()
    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("bench_voting: set REDIS_URL (or run it through `make bench`)")
    env = _server_environment(database_url, redis_url)
    os.environ.update(env)
    (RESULTS_DIR / "logs").mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    cpus = os.cpu_count() or 1
    load = os.getloadavg()[0]
    print(f"bench_voting: {cpus} CPUs, load average {load:.1f} at the start")
    if load > cpus:
        print("  the machine is busy: requests a second will be low and noisy; the CPU columns stay comparable")
    _ensure_database(database_url)
    _manage(env, "migrate", "--noinput", "-v0")
    if _manage(env, "collectstatic", "--noinput", "-v0", check=False).returncode != 0:
        print("collectstatic failed; the API figures do not depend on static files, going on")
    data = load_bench_data(env, database_url)

    http_port, ws_port = _free_port(), _free_port()
    all_setups = _setups(http_port, ws_port)
    names = list(all_setups) if args.setups == "all" else [name.strip() for name in args.setups.split(",")]
    unknown = [name for name in names if name not in all_setups]
    if unknown:
        sys.exit(f"bench_voting: unknown setup {', '.join(unknown)}; known: {', '.join(all_setups)}")
    options = LoadOptions(duration=args.duration, connections=args.connections, threads=args.threads)

    measured: dict[str, dict] = {}
    for name in names:
        measured[name] = _measure(all_setups[name], env, data, options, args)
    mismatched_overall = data.counter_mismatches()

    tables = {}
    for name, results in measured.items():
        rows = _rows(results, args.fanout_clients)
        tables[name] = rows
        marker = " (recommended for production)" if name == RECOMMENDED else ""
        _print_table(f"{name}{marker}: {results['description']}", rows)
    if len(measured) > 1:
        _print_comparison(measured)
    lost = sum(r["votes_spread"]["lost_votes"] + r["votes_one_theory"]["lost_votes"] for r in measured.values())
    print(f"\nlost votes: {lost}")
    print(f"theories whose counters differ from their votes (all {DATA_THEORIES:,}+): {mismatched_overall}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"total time {time.monotonic() - started:.0f} s; logs in {RESULTS_DIR / 'logs'}")

    output = {
        "benchmark": "voting",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "options": {**vars(options), "fanout_clients": args.fanout_clients, "fanout_rounds": args.fanout_rounds},
        "data": {"theories": data.theory_count(), "voters": VOTERS, "spread_theories": SPREAD_THEORIES},
        "recommended": RECOMMENDED,
        "setups": measured,
        "tables": tables,
        "counter_mismatches_overall": mismatched_overall,
    }
    (RESULTS_DIR / "voting-latest.json").write_text(json.dumps(output, indent=2, default=str) + "\n")
    print(f"results in {RESULTS_DIR / 'voting-latest.json'}")
    return 0


if __name__ == "__main__":
    # SIGTERM (e.g. from make being stopped) unwinds like Ctrl-C, so the finally blocks stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
