"""Soak: the recommended production setup under a steady 70 % of its measured peak, for half an hour.

    make soak                                        # 30 minutes, services as for `make bench`
    .venv/bin/python bench/soak.py --minutes 4       # a short run; DATABASE_URL / REDIS_URL must be set

Not a test and not in CI: it prints figures for people to read (bench/README.md, "Soak").

1. Uses bench_voting.py's bench database (100,000 theories, 2,000,000 votes, 300,000 comments; loaded
   the first time), its users and tokens, and starts its recommended setup (gunicorn WSGI workers for
   HTTP, uvicorn for /ws/, a Celery worker; THEORYCRAFT_ENV=production), with its helpers.
2. Measures the peak: wrk (-c CONNECTIONS) as fast as it goes for --peak-seconds with the soak's mix
   (bench/lua/soak.lua): 90 % reads (lists, theories, pages, comments), 8 % vote PUTs, 2 % comment POSTs.
3. Runs the same mix paced to --share (70 %) of that peak for --minutes, as consecutive wrk runs of one
   window each (5 minutes, or a third of a short run), re-pacing each window from the rate the one
   before achieved. Meanwhile it samples every few seconds the resident memory (RSS) of every server
   process and the connections to the bench database in pg_stat_activity. On a server with autovacuum
   off it vacuums the tables the load writes every minute itself, as autovacuum would (Vacuumer).
4. Reports errors (non-2xx answers and socket errors) as a share of requests, p99 of the first window
   against the last, RSS growth of the server processes from the first window's start to the end, and
   the most PostgreSQL connections seen against the setup's worker processes + 5; checks the counters
   of every theory it voted on against their rows. Writes bench/results/soak-latest.json.

Targets (issue 8): errors under 0.1 %, last-window p99 within 1.2 x the first, RSS growth under 10 %,
connections never above workers + 5.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_voting import (  # noqa: E402 - bench/ is not a package; its helpers are imported from the path
    HOST,
    RECOMMENDED,
    RESULTS_DIR,
    BenchData,
    LoadOptions,
    Processes,
    _bench_database_url,
    _ensure_database,
    _free_port,
    _manage,
    _server_environment,
    _setups,
    _wait_until_serving,
    _wrk,
    load_bench_data,
)

TARGETS = {"errors_percent": 0.1, "p99_ratio": 1.2, "rss_growth_percent": 10.0, "connections_over_workers": 5}
SAMPLE_SECONDS = 3.0


def _worker_processes(setup) -> int:  # type: ignore[no-untyped-def]
    """Processes of the setup that serve requests or run tasks (and so may hold a database connection)."""
    total = 0
    for process in setup.processes:
        argv = process.argv
        for flag in ("--workers", "--concurrency"):
            if flag in argv:
                total += int(argv[argv.index(flag) + 1])
                break
        else:
            total += 1
    return total


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _group_members(group_ids: set[int]) -> dict[int, str]:
    """Every live process whose process group is one of `group_ids`: {pid: command}."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        if int(fields[2]) in group_ids:
            members[int(entry.name)] = raw[raw.index("(") + 1 : raw.rindex(")")]
    return members


class Sampler(threading.Thread):
    """Samples the server processes' RSS and the bench database's connections until stopped."""

    def __init__(self, processes: Processes, database_url: str) -> None:
        super().__init__(daemon=True)
        self.groups = {popen.pid for _, popen in processes.running}
        self.database_url = database_url
        self.samples: list[dict] = []
        self.halt = threading.Event()

    def sample(self) -> dict:
        import psycopg

        members = _group_members(self.groups)
        rss = {pid: _rss_kib(pid) for pid in members}
        try:
            with psycopg.connect(self.database_url, autocommit=True) as conn:
                row = conn.execute(
                    "SELECT count(*), count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend' AND application_name <> %s",
                    [VACUUM_APPLICATION],
                ).fetchone()
        except psycopg.Error:
            row = (None, None)
        return {
            "t": time.monotonic(),
            "rss_kib": sum(rss.values()),
            "processes": len(members),
            "by_process": {f"{members[pid]}:{pid}": kib for pid, kib in rss.items()},
            "connections": row[0],
            "active_connections": row[1],
        }

    def run(self) -> None:
        while not self.halt.is_set():
            self.samples.append(self.sample())
            self.halt.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self.halt.set()
        self.join(timeout=30)
        self.samples.append(self.sample())


VACUUM_SECONDS = 60  # autovacuum_naptime's default
VACUUM_APPLICATION = "soak-vacuum"
VACUUMED_TABLES = ("theories_theory", "theories_comment", "voting_vote", "voting_commentvote")


def _autovacuum_on(database_url: str) -> bool:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute("SHOW autovacuum").fetchone()[0] == "on"


class Vacuumer(threading.Thread):
    """Stands in for autovacuum on a server that has it off: VACUUM (ANALYZE) of the tables the load writes, every
    minute. Every vote rewrites its theory's row; without vacuum the dead rows pile up in the lists' indexes and
    latency drifts for a reason no production server (autovacuum on, the default) has."""

    def __init__(self, database_url: str) -> None:
        super().__init__(daemon=True)
        self.database_url = database_url
        self.halt = threading.Event()
        self.runs: list[float] = []

    def vacuum(self) -> None:
        import psycopg

        started = time.monotonic()
        with psycopg.connect(self.database_url, autocommit=True, application_name=VACUUM_APPLICATION) as conn:
            conn.execute(f"VACUUM (ANALYZE) {', '.join(VACUUMED_TABLES)}")
        self.runs.append(time.monotonic() - started)

    def run(self) -> None:
        while not self.halt.wait(VACUUM_SECONDS):
            self.vacuum()

    def stop(self) -> None:
        self.halt.set()
        self.join(timeout=120)


def _data_file(path: Path, data: BenchData) -> None:
    voter_ids = [user.pk for user in data.voters]
    path.write_text(
        "\n".join(
            [
                f"series {data.slug}",
                "theories " + " ".join(map(str, data.spread_theories)),
                "tokens " + " ".join(data.tokens[user_id] for user_id in voter_ids),
            ]
        )
        + "\n"
    )


def _run(base: str, data_path: Path, seconds: int, connections: int, threads: int, delay_ms: float) -> dict:
    figures = _wrk(
        base + "/",
        "soak.lua",
        LoadOptions(duration=seconds, connections=connections, threads=threads),
        {"WRK_SOAK_DATA": str(data_path), "WRK_SOAK_DELAY_MS": str(int(round(delay_ms)))},
    )
    statuses = {int(code): count for code, count in figures["statuses"].items()}
    bad_status = sum(count for code, count in statuses.items() if code >= 400)
    errors = figures["errors"]
    figures["error_count"] = bad_status + errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    figures["delay_ms"] = delay_ms
    return figures


def _print_window(name: str, figures: dict) -> None:
    print(
        f"   {name}: {figures['rps']:.1f} req/s, p50 {figures['p50_ms']:.0f} ms, p99 {figures['p99_ms']:.0f} ms, "
        f"errors {figures['error_count']} of {figures['requests']} {figures['statuses']}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the paced run (default 30)")
    parser.add_argument("--share", type=float, default=0.7, help="share of the measured peak to run at (0.7)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--peak-seconds", type=int, default=30, help="length of the peak measurement (30)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("soak: wrk is not installed (apt-get install wrk)")
        return 1
    database_url = _bench_database_url()
    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("soak: set REDIS_URL (or run it through `make soak`)")
    env = _server_environment(database_url, redis_url)
    env["RATE_LIMIT_COMMENT"] = "100000000/m"  # 200 users cannot otherwise post 2 % of the load
    os.environ.update(env)
    (RESULTS_DIR / "logs").mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    print(f"soak: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    _ensure_database(database_url)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0", check=False)
    data = load_bench_data(env, database_url)

    setup = _setups(_free_port(), _free_port())[RECOMMENDED]
    workers = _worker_processes(setup)
    processes = Processes(RESULTS_DIR / "logs")
    results: dict = {"setup": setup.description, "workers": workers, "options": vars(args)}
    print(f"setup {setup.name}: {setup.description}; {workers} worker processes")
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch:
        data_path = Path(scratch) / "soak.txt"
        _data_file(data_path, data)
        try:
            for process in setup.processes:
                processes.start(process, env, "soak")
            _wait_until_serving(setup.http_port, processes)
            _wait_until_serving(setup.ws_port, processes)
            base = f"http://{HOST}:{setup.http_port}"
            sampler = Sampler(processes, database_url)
            sampler.start()
            vacuumer = None if _autovacuum_on(database_url) else Vacuumer(database_url)
            if vacuumer is not None:
                print(f"   autovacuum is off on this server: the soak vacuums {', '.join(VACUUMED_TABLES)} "
                      f"every {VACUUM_SECONDS} s instead, first now", flush=True)  # fmt: skip
                vacuumer.vacuum()
                vacuumer.start()

            print(f"   warm-up 10 s, then the peak for {args.peak_seconds} s ...", flush=True)
            _run(base, data_path, 10, args.connections, args.threads, 0)
            peak = _run(base, data_path, args.peak_seconds, args.connections, args.threads, 0)
            _print_window("peak", peak)
            target = args.share * peak["rps"]
            # Each connection sends one request per connections / target seconds: pause for that less the
            # time a request takes (taken from the peak run, then corrected window by window).
            interval_ms = args.connections * 1000 / target
            delay = max(0.0, interval_ms - peak["p50_ms"] * args.share)
            calibration = _run(base, data_path, 30, args.connections, args.threads, delay)
            delay = max(0.0, delay + interval_ms - args.connections * 1000 / max(calibration["rps"], 0.1))
            print(f"   target {target:.1f} req/s ({args.share:.0%} of the peak); pause {delay:.0f} ms", flush=True)

            window_seconds = int(min(300, args.minutes * 60 / 3))
            count = max(3, round(args.minutes * 60 / window_seconds))
            soak_start_sample = sampler.sample()
            windows = []
            for number in range(count):
                processes.check_alive()
                figures = _run(base, data_path, window_seconds, args.connections, args.threads, delay)
                sample = sampler.samples[-1] if sampler.samples else {}
                figures["rss_kib_after"] = sample.get("rss_kib")
                windows.append(figures)
                _print_window(f"window {number + 1}/{count} ({window_seconds} s)", figures)
                # Half the correction: one window's rate is noisy on a shared machine, and a full step oscillates.
                delay = max(0.0, delay + 0.5 * (interval_ms - args.connections * 1000 / max(figures["rps"], 0.1)))
            processes.check_alive()
            sampler.stop()
            if vacuumer is not None:
                vacuumer.stop()
        finally:
            processes.stop()

    total = sum(w["requests"] for w in windows)
    errors = sum(w["error_count"] for w in windows)
    soak_samples = [s for s in sampler.samples if s["t"] >= soak_start_sample["t"]]
    rss_start, rss_end = soak_start_sample["rss_kib"], sampler.samples[-1]["rss_kib"]
    connections = [s["connections"] for s in sampler.samples if s["connections"] is not None]
    first, last = windows[0], windows[-1]
    results.update(
        {
            "peak_rps": peak["rps"],
            "target_rps": target,
            "window_seconds": window_seconds,
            "soak_seconds": sum(w["seconds"] for w in windows),
            "achieved_rps": total / max(1.0, sum(w["seconds"] for w in windows)),
            "requests": total,
            "errors": errors,
            "errors_percent": 100 * errors / max(1, total),
            "first_p99_ms": first["p99_ms"],
            "last_p99_ms": last["p99_ms"],
            "p99_ratio": last["p99_ms"] / first["p99_ms"] if first["p99_ms"] else None,
            "rss_start_mib": rss_start / 1024,
            "rss_end_mib": rss_end / 1024,
            "rss_peak_mib": max(s["rss_kib"] for s in soak_samples) / 1024,
            "rss_growth_percent": 100 * (rss_end - rss_start) / rss_start if rss_start else None,
            "rss_by_process_start": soak_start_sample["by_process"],
            "rss_by_process_end": sampler.samples[-1]["by_process"],
            "max_connections": max(connections, default=None),
            "max_active_connections": max((s["active_connections"] or 0 for s in sampler.samples), default=None),
            "connection_limit": workers + TARGETS["connections_over_workers"],
            "counter_mismatches": data.counter_mismatches(data.spread_theories),
            "windows": windows,
            "peak": peak,
            "load_average_end": os.getloadavg()[0],
            "vacuum_runs_s": None if vacuumer is None else vacuumer.runs,
        }
    )

    def verdict(ok: bool) -> str:
        return "pass" if ok else "FAIL"

    print(f"\nSoak: {results['soak_seconds'] / 60:.1f} min at {results['achieved_rps']:.1f} req/s "
          f"(target {target:.1f} = {args.share:.0%} of the peak {peak['rps']:.1f}); {setup.description}")  # fmt: skip
    rows = [
        ("errors", f"{errors} of {total} = {results['errors_percent']:.3f} %", "< 0.1 %",
         results["errors_percent"] < TARGETS["errors_percent"]),
        ("p99 first / last window", f"{first['p99_ms']:.0f} / {last['p99_ms']:.0f} ms "
         f"(x {results['p99_ratio']:.2f})", "last <= 1.2 x first",
         results["p99_ratio"] is not None and results["p99_ratio"] <= TARGETS["p99_ratio"]),
        ("RSS of the server processes", f"{results['rss_start_mib']:.0f} -> {results['rss_end_mib']:.0f} MiB "
         f"({results['rss_growth_percent']:+.1f} %)", "< +10 %",
         results["rss_growth_percent"] is not None and results["rss_growth_percent"] < TARGETS["rss_growth_percent"]),
        ("PostgreSQL connections, max", f"{results['max_connections']} (active {results['max_active_connections']})",
         f"<= {results['connection_limit']} ({workers} workers + 5)",
         results["max_connections"] is not None and results["max_connections"] <= results["connection_limit"]),
        ("theories whose counters differ from their votes", str(results["counter_mismatches"]), "0",
         results["counter_mismatches"] == 0),
    ]  # fmt: skip
    for name, value, target_text, ok in rows:
        print(f"  {name:<48} {value:<40} {target_text:<28} {verdict(ok)}")
    if results["vacuum_runs_s"]:
        runs = results["vacuum_runs_s"]
        print(f"vacuum (autovacuum off on the server): {len(runs)} runs, {sum(runs) / len(runs):.1f} s on average")
    print(f"load average {os.getloadavg()[0]:.1f} at the end; total time {time.monotonic() - started:.0f} s")
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["verdicts"] = {name: ok for name, _, _, ok in rows}
    (RESULTS_DIR / "soak-latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"results in {RESULTS_DIR / 'soak-latest.json'}")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
