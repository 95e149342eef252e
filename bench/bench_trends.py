"""Trend snapshots at scale: time per window, ratio to a raw GROUP BY, worker memory, and scaling.

    make bench                                  # every bench/bench_*.py, services as for `make test`
    .venv/bin/python bench/bench_trends.py      # this one; DATABASE_URL / REDIS_URL must be set
    .venv/bin/python bench/bench_trends.py --scales 10 --no-cold

What it does, all in one run:

1. Prepares its own database on DATABASE_URL's server, `theorycraft_trends_bench` (or
   BENCH_TRENDS_DATABASE_URL), migrates it and, the first time, fills it with 100,000 theories,
   2,000,000 votes and 300,000 comments over 90 days (`manage.py generate_synthetic`); for the
   smaller scales, the same shape at 10 % and 50 % in `theorycraft_trends_bench_10` and `_50`.
   Later runs reuse the data. Windows are cut at the data's own "now" (its newest theory), so an
   old data set measures the same thing as a fresh one.
2. Per scale, starts a real Celery worker (solo pool, so the task runs in the worker process
   itself) on a private queue and sends it the snapshot task, one window at a time:
   - cold: every trends table emptied first, so the 24h run also rolls up the 91 days it needs
     (each day's theme figures and phrase counts, done once per day in production); all but
     trends_theoryphrases, each theory's phrases, which are written with the theory itself
     (theory_create / theory_update; generate_synthetic for this data), not by the snapshot;
   - warm: the snapshots deleted, the daily rollups kept: what beat does every 10 minutes
     (best of two runs per window).
   Each time is the wall time from sending the task to its result.
3. Measures, per window and right before its warm runs, a raw `SELECT tag, count(*)` over the
   window's votes joined to their tags (best of three, JIT off as in the snapshot's transaction):
   the floor any per-theme vote figure costs. The ratio warm / raw is the figure to compare across
   machines.
4. Reads the worker's peak resident memory (VmHWM from /proc while it runs, else
   getrusage(RUSAGE_CHILDREN) after it exits), checks each snapshot's vote total against a direct
   count, prints a table per scale and the scaling, and writes bench/results/trends-latest.json.

Targets (the trends issue): the three windows of one series in under 30 s, the worker under
300 MB, each window at most 5× the raw GROUP BY.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(BASE_DIR))

FULL = {"theories": 100_000, "votes": 2_000_000, "comments": 300_000}
DAYS = 90
SEED = 20220128
SERIES = "all-of-us-are-dead"
WINDOWS = ("24h", "7d", "30d")
WINDOW_LENGTHS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
DEFAULT_DATABASE = "theorycraft_trends_bench"

WARM_RUNS = 2  # each warm figure is the best of two: the machine may be busy with other work

TARGET_TOTAL_S = 30.0
TARGET_RSS_MB = 300.0
TARGET_RATIO = 5.0


def log(message: str) -> None:
    print(message, flush=True)


# --- databases -----------------------------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _connect(url: str, *, autocommit: bool = True):  # type: ignore[no-untyped-def]
    import environ
    import psycopg

    config = environ.Env.db_url_config(url)
    host = config.get("HOST") or None
    if host and host.startswith("%2F"):
        from urllib.parse import unquote

        host = unquote(host)
    return psycopg.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=host,
        port=config.get("PORT") or None,
        autocommit=autocommit,
    )


def _scaled(scale: int) -> dict[str, int]:
    return {key: value * scale // 100 for key, value in FULL.items()}


def prepare_database(base_url: str, name: str, scale: int) -> str:
    """Create, migrate and fill the bench database for one scale; reuse it when it holds the right data."""
    url = _with_database(base_url, name)
    admin = _connect(_with_database(base_url, "postgres"))
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"  creating database {name}")
            admin.execute(f'CREATE DATABASE "{name}"')
    env = _env(url)
    subprocess.run([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True)
    wanted = _scaled(scale)
    with _connect(url) as conn:
        have = conn.execute(
            "SELECT (SELECT count(*) FROM theories_theory), (SELECT count(*) FROM voting_vote), "
            "(SELECT count(*) FROM theories_comment)"
        ).fetchone()
    if have == (wanted["theories"], wanted["votes"], wanted["comments"]):
        log(f"  reusing {name}: {have[0]:,} theories, {have[1]:,} votes, {have[2]:,} comments")
        return url
    if any(have):
        raise SystemExit(f"{name} holds other data ({have}); drop it or point BENCH_TRENDS_DATABASE_URL elsewhere")
    log(f"  generating {wanted['theories']:,} theories, {wanted['votes']:,} votes, {wanted['comments']:,} comments")
    started = time.monotonic()
    subprocess.run(
        [
            str(BIN / "python"),
            "manage.py",
            "generate_synthetic",
            "--series",
            SERIES,
            "--theories",
            str(wanted["theories"]),
            "--votes",
            str(wanted["votes"]),
            "--comments",
            str(wanted["comments"]),
            "--days",
            str(DAYS),
            "--seed",
            str(SEED),
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    log(f"  generated in {time.monotonic() - started:.0f} s")
    return url


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, THEORYCRAFT_ENV="development", DEBUG="0", PYTHONUNBUFFERED="1")
    return env


# --- measurements --------------------------------------------------------------------------------


def data_now(url: str) -> tuple[int, datetime]:
    """The series id and the tick at the data's own "now" (its newest theory)."""
    with _connect(url) as conn:
        series_id, newest = conn.execute(
            "SELECT s.id, max(t.created_at) FROM theories_series s JOIN theories_theory t ON t.series_id = s.id "
            "WHERE s.slug = %s GROUP BY s.id",
            [SERIES],
        ).fetchone()
    tick = 600
    moment = newest + timedelta(minutes=1)
    return series_id, datetime.fromtimestamp(int(moment.timestamp()) // tick * tick, tz=UTC)


RAW_SQL = """
    SELECT tt.tag_id, count(*)
    FROM voting_vote v
    JOIN theories_theory_tags tt ON tt.theory_id = v.theory_id
    JOIN theories_tag tg ON tg.id = tt.tag_id
    WHERE tg.series_id = %(series)s AND v.created_at >= %(start)s AND v.created_at < %(as_of)s
    GROUP BY tt.tag_id
"""


def raw_group_by(url: str, series_id: int, as_of: datetime, window: str) -> float:
    """Best of three: the window's votes counted per tag, in plain SQL."""
    times = []
    with _connect(url) as conn:
        conn.execute("SET jit = off")
        for _ in range(3):
            started = time.perf_counter()
            params = {"series": series_id, "start": as_of - WINDOW_LENGTHS[window], "as_of": as_of}
            conn.execute(RAW_SQL, params).fetchall()
            times.append(time.perf_counter() - started)
    return min(times)


def check_votes(url: str, series_id: int, as_of: datetime) -> list[str]:
    """Each stored snapshot's vote total against a direct count over the same window."""
    problems = []
    with _connect(url) as conn:
        for window in WINDOWS:
            stored = conn.execute(
                'SELECT votes FROM trends_snapshot WHERE series_id = %s AND "window" = %s AND as_of = %s',
                [series_id, window, as_of],
            ).fetchone()
            counted = conn.execute(
                "SELECT count(*) FROM voting_vote v JOIN theories_theory t ON t.id = v.theory_id "
                "WHERE t.series_id = %s AND NOT t.is_deleted AND NOT t.is_hidden AND t.status <> 'contradicted' "
                "AND v.created_at >= %s AND v.created_at < %s",
                [series_id, as_of - WINDOW_LENGTHS[window], as_of],
            ).fetchone()[0]
            if stored is None or stored[0] != counted:
                problems.append(f"{window}: stored {stored and stored[0]}, counted {counted}")
    return problems


class Worker:
    """A Celery worker (solo pool) on a private queue, in its own process group."""

    def __init__(self, database_url: str) -> None:
        self.queue = f"bench-trends-{uuid.uuid4().hex[:8]}"
        self.log = open(Path(tempfile.gettempdir()) / f"{self.queue}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(BIN / "celery"), "-A", "config", "worker", "--pool", "solo", "-Q", self.queue,
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"],
            cwd=BASE_DIR,
            env=_env(database_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.peak_kb = 0

    def sample(self) -> None:
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kb = max(self.peak_kb, int(line.split()[1]))
        except OSError:
            pass

    def stop(self) -> float:
        """Stop the worker; its peak resident memory in MB."""
        self.sample()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        if not self.peak_kb:  # no /proc: the largest finished child so far (kilobytes on Linux)
            self.peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return self.peak_kb / 1024


def run_window(worker: Worker, series_id: int, window: str, as_of: datetime) -> float:
    from trends.tasks import compute_snapshots

    started = time.perf_counter()
    result = compute_snapshots.apply_async(args=[series_id, [window], as_of.isoformat()], queue=worker.queue)
    while not result.ready():
        worker.sample()
        if worker.process.poll() is not None:
            raise SystemExit(f"the worker died; see {worker.log.name}")
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    outcome = result.get(timeout=5)
    result.forget()
    if not outcome["snapshots"] or not outcome["snapshots"][0]["created"]:
        raise SystemExit(f"{window}: no new snapshot was computed ({outcome})")
    return elapsed


def _delete_snapshots(conn, series_id: int, windows: tuple[str, ...] = WINDOWS) -> None:  # type: ignore[no-untyped-def]
    """The snapshots of some windows and their themes; the daily rollups stay."""
    conn.execute(
        "DELETE FROM trends_themestat WHERE snapshot_id IN "
        '(SELECT id FROM trends_snapshot WHERE series_id = %s AND "window" = ANY(%s))',
        [series_id, list(windows)],
    )
    conn.execute('DELETE FROM trends_snapshot WHERE series_id = %s AND "window" = ANY(%s)', [series_id, list(windows)])


def measure_scale(base_url: str, scale: int, *, cold: bool) -> dict:
    name = DEFAULT_DATABASE if scale == 100 else f"{DEFAULT_DATABASE}_{scale}"
    if scale == 100 and os.environ.get("BENCH_TRENDS_DATABASE_URL"):
        url = os.environ["BENCH_TRENDS_DATABASE_URL"]
        name = urlsplit(url).path.lstrip("/")
        base_url = _with_database(url, "postgres")
    log(f"\n== {scale} % ({name})")
    url = prepare_database(base_url, name, scale)
    series_id, as_of = data_now(url)
    figures: dict = {"scale": scale, "database": name, "as_of": as_of.isoformat(), "windows": {}}

    with _connect(url) as conn:
        if cold:
            conn.execute(
                "TRUNCATE trends_themestat, trends_snapshot, trends_dailyrollup, trends_dailythemestat, "
                "trends_dailyphrasecount, trends_hourlyrollup, trends_hourlyphrasecount"
            )
        else:
            _delete_snapshots(conn, series_id)

    worker = Worker(url)
    try:
        time.sleep(2)  # the worker subscribes to its queue
        if cold:
            for window in WINDOWS:
                figures["windows"].setdefault(window, {})["cold_s"] = run_window(worker, series_id, window, as_of)
        for window in WINDOWS:
            # The raw query and the snapshot are measured back to back, so both see the same machine.
            entry = figures["windows"].setdefault(window, {})
            entry["raw_group_by_s"] = raw_group_by(url, series_id, as_of, window)
            runs = []
            for _ in range(WARM_RUNS):
                with _connect(url) as conn:
                    _delete_snapshots(conn, series_id, (window,))
                runs.append(run_window(worker, series_id, window, as_of))
            entry["warm_runs_s"] = runs
            entry["warm_s"] = min(runs)
            entry["ratio"] = entry["warm_s"] / entry["raw_group_by_s"]
    finally:
        figures["peak_rss_mb"] = worker.stop()

    figures["warm_total_s"] = sum(entry["warm_s"] for entry in figures["windows"].values())
    if cold:
        figures["cold_total_s"] = sum(entry["cold_s"] for entry in figures["windows"].values())
    figures["problems"] = check_votes(url, series_id, as_of)
    return figures


# --- report --------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def report(results: list[dict]) -> None:
    for figures in results:
        log(f"\n{figures['scale']} % of the data, cut at {figures['as_of']}:")
        log(f"  {'window':<8}{'cold s':>9}{'warm s':>9}{'raw s':>9}{'warm/raw':>10}  target ≤ {TARGET_RATIO:.0f}×")
        for window, entry in figures["windows"].items():
            cold = f"{entry['cold_s']:9.2f}" if "cold_s" in entry else f"{'-':>9}"
            log(
                f"  {window:<8}{cold}{entry['warm_s']:9.2f}{entry['raw_group_by_s']:9.3f}{entry['ratio']:9.1f}×"
                f"  {_verdict(entry['ratio'] <= TARGET_RATIO)}"
            )
        total = figures["warm_total_s"]
        verdict = _verdict(total < TARGET_TOTAL_S)
        log(f"  three windows, warm: {total:.1f} s (target < {TARGET_TOTAL_S:.0f} s): {verdict}")
        if "cold_total_s" in figures:
            cold_total = figures["cold_total_s"]
            log(
                f"  three windows, cold (with the one-time rollup of 91 days): {cold_total:.1f} s: "
                f"{_verdict(cold_total < TARGET_TOTAL_S)}"
            )
        rss = figures["peak_rss_mb"]
        log(f"  worker peak memory: {rss:.0f} MB (target < {TARGET_RSS_MB:.0f} MB): {_verdict(rss < TARGET_RSS_MB)}")
        log(f"  vote totals checked: {'ok' if not figures['problems'] else '; '.join(figures['problems'])}")
    if len(results) > 1:
        log("\nScaling (three windows):")
        base = results[0]
        for figures in results:
            line = f"  {figures['scale']:>3} %: warm {figures['warm_total_s']:6.1f} s"
            line += f" ({figures['warm_total_s'] / base['warm_total_s']:.1f}× the {base['scale']} % run)"
            if "cold_total_s" in figures:
                line += f", cold {figures['cold_total_s']:6.1f} s"
            log(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10,50,100", help="percentages of the full data set, e.g. 10,50,100")
    parser.add_argument("--no-cold", dest="cold", action="store_false", help="skip the cold run (rollups kept)")
    args = parser.parse_args()
    scales = sorted({int(value) for value in args.scales.split(",")})
    if any(scale < 1 or scale > 100 for scale in scales):
        raise SystemExit("--scales are percentages between 1 and 100")
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit("DATABASE_URL and REDIS_URL must be set (make bench sets them)")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    base_url = os.environ["DATABASE_URL"]
    log(f"Trends benchmark on {platform.node()} ({os.cpu_count()} CPUs), scales {scales} %")
    results = [measure_scale(base_url, scale, cold=args.cold) for scale in scales]
    report(results)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / "trends-latest.json"
    out.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(),
                "machine": {"node": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version()},
                "targets": {"total_s": TARGET_TOTAL_S, "rss_mb": TARGET_RSS_MB, "ratio": TARGET_RATIO},
                "results": results,
            },
            indent=2,
        )
    )
    log(f"\nWritten to {out.relative_to(BASE_DIR)}")
    failed = [f for f in results if f["problems"]]
    if failed:
        raise SystemExit("vote totals differ from a direct count")


if __name__ == "__main__":
    main()
