"""Search latency through the real server, against a primary-key lookup measured in the same run.

    make bench                                  # every bench/bench_*.py
    .venv/bin/python bench/bench_search.py      # this one; DATABASE_URL / REDIS_URL must be set

It uses the voting benchmark's database (100,000 theories, 2,000,000 votes, 300,000 comments,
loaded once by `manage.py generate_synthetic`) and its production serving setup for HTTP
(gunicorn, sync WSGI workers, CONN_MAX_AGE=60). One client sends, one at a time over a kept-alive
connection, alternating rounds of:

- a primary-key lookup: GET /api/v1/theories/<id>/ for a random theory (the baseline);
- a search: GET /api/v1/theories/?series=…&q=… for a query from QUERIES (names, misspellings,
  topics, Korean aliases, two-word queries), first page of 25 with highlights.

It prints p50 and p95 of each and the search/lookup ratios. Targets (the discussion issue):
search p95 under 10 × the lookup's p95, and under 100 ms. Then, one kind at a time, it measures
the CPU each kind of request costs (server processes plus the database's backends, from /proc),
which a busy neighbour on a shared machine does not move the way it moves latency.

generate_synthetic gives the demo catalog's tags no aliases; the first run gives them their
aliases and re-indexes the theories once, so that alias queries ("hambies", "최남라") measure
alias search rather than the trigram fallback.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_voting import (  # noqa: E402
    DATA_SEED,
    HOST,
    RESULTS_DIR,
    CpuMeter,
    Processes,
    _bench_database_url,
    _ensure_database,
    _free_port,
    _manage,
    _server_environment,
    _setups,
    _wait_until_serving,
    load_bench_data,
)

QUERIES = [
    "Nam-ra", "Namra", "Cheongsan", "cheong-san alive", "On-jo", "Su-hyeok", "Gwi-nam", "half-zombies",
    "hambies", "Jonas virus", "military", "quarantine", "vaccine", "cure", "season 2", "outbreak",
    "webtoon ending", "최남라", "남온조", "class president", "Lee Byeong-chan lab", "trauma", "Hyoryung",
]  # fmt: skip
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "300"))
# Requests of each kind in the CPU phase (after the timed rounds), one kind at a time.
CPU_ROUNDS = int(os.environ.get("BENCH_SEARCH_CPU_ROUNDS", "230"))
TARGET_RATIO = 10.0
TARGET_P95_MS = 100.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _get(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return elapsed


def _ensure_tag_aliases(slug: str) -> None:
    """Give the bench series' tags the demo catalog's aliases, and re-index the theories once if they lacked them.

    generate_synthetic creates the catalog's tags without their aliases, and search is measured for
    queries that name tags by alias ("hambies", "최남라"): without them those queries would fall
    back to trigram title matching and measure something else.
    """
    from theories import search
    from theories.demo import catalog
    from theories.models import Tag

    if catalog.SERIES.get("slug") != slug:
        return
    wanted = {tag["slug"]: list(tag.get("aliases", [])) for tag in catalog.TAGS}
    stale = [tag for tag in Tag.objects.filter(series__slug=slug) if wanted.get(tag.slug, tag.aliases) != tag.aliases]
    if not stale:
        return
    started = time.monotonic()
    for tag in stale:
        tag.aliases = wanted[tag.slug]
    Tag.objects.bulk_update(stale, ["aliases"])
    count = search.theory_search_update_many()
    elapsed = time.monotonic() - started
    print(f"gave {len(stale)} tags their catalog aliases; re-indexed {count:,} theories in {elapsed:.0f} s")


def _cpu_per_request(
    processes: Processes, database_url: str, connection: http.client.HTTPConnection, paths: list[str]
) -> dict[str, float | None]:
    """CPU ms per request (server processes + the bench database's backends) over CPU_ROUNDS requests cycling `paths`.

    Latency on a shared machine moves with its neighbours' load; the CPU a request costs does not,
    so this is the figure to compare across runs (as in bench_voting).
    """
    meter = CpuMeter(processes, database_url)
    figures: dict = {"requests": CPU_ROUNDS}
    meter.start()
    for index in range(CPU_ROUNDS):
        _get(connection, paths[index % len(paths)])
    meter.stop(figures)
    total = figures["app_cpu_ms"] + (figures["db_cpu_ms"] or 0.0)
    return {"app_cpu_ms": figures["app_cpu_ms"], "db_cpu_ms": figures["db_cpu_ms"], "cpu_ms": total}


def main() -> int:
    database_url = _bench_database_url()
    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit("bench_search: set REDIS_URL (or run it through `make bench`)")
    env = _server_environment(database_url, redis_url)
    os.environ.update(env)
    (RESULTS_DIR / "logs").mkdir(parents=True, exist_ok=True)
    _ensure_database(database_url)
    _manage(env, "migrate", "--noinput", "-v0")

    slug = load_bench_data(env, database_url).slug
    from theories.models import Theory

    _ensure_tag_aliases(slug)
    ids = list(Theory.objects.filter(is_deleted=False).values_list("pk", flat=True)[:50000])

    port = _free_port()
    setup = _setups(port, _free_port())["wsgi+asgi"]
    web = next(process for process in setup.processes if process.name == "web")
    processes = Processes(RESULTS_DIR / "logs")
    rng = random.Random(DATA_SEED)
    lookups: list[float] = []
    searches: list[float] = []
    per_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    try:
        processes.start(web, env, "search")
        _wait_until_serving(port, processes)
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        for query in QUERIES:  # warm caches and connections once
            _get(connection, f"/api/v1/theories/?{urlencode({'series': slug, 'q': query})}")
        for _ in range(ROUNDS):
            lookups.append(_get(connection, f"/api/v1/theories/{rng.choice(ids)}/"))
            query = rng.choice(QUERIES)
            elapsed = _get(connection, f"/api/v1/theories/?{urlencode({'series': slug, 'q': query})}")
            searches.append(elapsed)
            per_query[query].append(elapsed)
        cpu = {
            "lookup": _cpu_per_request(processes, database_url, connection, [f"/api/v1/theories/{i}/" for i in ids]),
            "search": _cpu_per_request(
                processes,
                database_url,
                connection,
                [f"/api/v1/theories/?{urlencode({'series': slug, 'q': query})}" for query in QUERIES],
            ),
        }
        connection.close()
    finally:
        processes.stop()

    figures = {
        "lookup_p50_ms": statistics.median(lookups),
        "lookup_p95_ms": _percentile(lookups, 0.95),
        "search_p50_ms": statistics.median(searches),
        "search_p95_ms": _percentile(searches, 0.95),
    }
    ratio_p50 = figures["search_p50_ms"] / figures["lookup_p50_ms"]
    ratio_p95 = figures["search_p95_ms"] / figures["lookup_p95_ms"]
    print(f"\nsearch against primary-key lookup, {ROUNDS} of each, one client, {setup.description.split(';')[0]}")
    print(f"{'figure':<28}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'primary-key lookup':<28}{figures['lookup_p50_ms']:>10.1f}{figures['lookup_p95_ms']:>10.1f}")
    print(f"{'search (q)':<28}{figures['search_p50_ms']:>10.1f}{figures['search_p95_ms']:>10.1f}")
    print(f"{'ratio search / lookup':<28}{ratio_p50:>10.2f}{ratio_p95:>10.2f}")
    verdict_ratio = "pass" if ratio_p95 <= TARGET_RATIO else "FAIL"
    verdict_p95 = "pass" if figures["search_p95_ms"] <= TARGET_P95_MS else "FAIL"
    print(f"target: p95 ratio ≤ {TARGET_RATIO:.0f}: {verdict_ratio}; p95 ≤ {TARGET_P95_MS:.0f} ms: {verdict_p95}")
    cpu_ratio = cpu["search"]["cpu_ms"] / cpu["lookup"]["cpu_ms"] if cpu["lookup"]["cpu_ms"] else None
    print(f"{'CPU ms per request':<28}{'lookup':>10}{'search':>10}")
    for part in ("app_cpu_ms", "db_cpu_ms", "cpu_ms"):
        values = [cpu[kind][part] for kind in ("lookup", "search")]
        cells = "".join(f"{value:>10.2f}" if value is not None else f"{'—':>10}" for value in values)
        print(f"{'  ' + {'app_cpu_ms': 'app', 'db_cpu_ms': 'database', 'cpu_ms': 'total'}[part]:<28}{cells}")
    if cpu_ratio is not None:
        print(f"{'ratio search / lookup (CPU)':<28}{cpu_ratio:>20.2f}")
    slowest = sorted(((statistics.median(v), max(v), q) for q, v in per_query.items() if v), reverse=True)[:5]
    print("slowest queries (p50 / max ms): " + ", ".join(f"{q!r} {p50:.0f} / {top:.0f}" for p50, top, q in slowest))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    output = {
        "benchmark": "search",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "rounds": ROUNDS,
        "figures": figures,
        "ratio_p50": ratio_p50,
        "ratio_p95": ratio_p95,
        "per_query_p50_ms": {q: statistics.median(v) for q, v in per_query.items() if v},
        "per_query_max_ms": {q: max(v) for q, v in per_query.items() if v},
        "cpu_per_request": cpu,
        "ratio_cpu": cpu_ratio,
    }
    (RESULTS_DIR / "search-latest.json").write_text(json.dumps(output, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
