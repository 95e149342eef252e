"""Celery faults on trend snapshots: a worker killed mid-snapshot, and two beat schedulers at once."""

from __future__ import annotations

import os
import re
import signal
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from django.db.models import Count
from django.utils import timezone

from tests.factories import TheoryFactory, UserFactory
from tests.faults.stack import celery_client, children, wait_for_worker, wait_until
from tests.servers import _test_database_url
from theories.models import Theory
from trends.models import Snapshot, ThemeStat
from voting.models import Vote

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

# A past schedule tick (600 s ticks divide it): the snapshot's window is complete and its data fixed.
AS_OF = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
BLOCKED_INSERT = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
    "AND query ILIKE 'INSERT INTO \"trends_themestat\"%%'"
)


def _activity(series, tags, *, at: datetime) -> None:
    """One theory per tag, each with two votes, at `at`."""
    voters = [UserFactory(username=f"voter{number}") for number in range(2)]
    for number, tag in enumerate(tags):
        theory = TheoryFactory(series=series, tags=[tag], title=f"Theory about {tag.name} {number}")
        Theory.objects.filter(pk=theory.pk).update(created_at=at, updated_at=at, upvotes=2, score=2)
        for voter in voters:
            vote = Vote.objects.create(user=voter, theory=theory, value=1)
            Vote.objects.filter(pk=vote.pk).update(created_at=at, updated_at=at)


def _snapshot_halfway(broker_url: str, series, worker) -> tuple[psycopg.Connection, int]:
    """Send a snapshot task and hold it inside its transaction, after its Snapshot row and before its themes.

    A SHARE lock on trends_themestat (taken here) makes the task's INSERT of the themes wait; its
    snapshot row is then written but not committed. Returns the lock's connection (roll it back to
    release) and the PostgreSQL backend of the waiting task.
    """
    blocker = psycopg.connect(_test_database_url())
    blocker.execute("LOCK TABLE trends_themestat IN SHARE MODE")
    app = celery_client(broker_url)
    try:
        app.send_task("trends.compute_snapshots", args=[series.pk, ["24h"], AS_OF.isoformat()])
    finally:
        app.close()

    def waiting_backend() -> int | None:
        with psycopg.connect(_test_database_url(), autocommit=True) as conn:
            row = conn.execute(BLOCKED_INSERT).fetchone()
        return row[0] if row else None

    backend = wait_until(waiting_backend, timeout=180, interval=0.5, what="the snapshot task to reach its themes")
    assert worker.poll() is None
    return blocker, int(backend)  # type: ignore[arg-type]


def _assert_one_complete_snapshot(series, tags) -> None:
    snapshots = Snapshot.objects.filter(series=series, window="24h", as_of=AS_OF)
    assert snapshots.count() == 1
    snapshot = snapshots.get()
    assert ThemeStat.objects.filter(snapshot=snapshot).count() == len(tags)
    assert (snapshot.theories, snapshot.votes) == (len(tags), 2 * len(tags))


def _complete_snapshot_exists(series, tags) -> bool:
    snapshot = Snapshot.objects.filter(series=series, window="24h", as_of=AS_OF).first()
    return snapshot is not None and ThemeStat.objects.filter(snapshot=snapshot).count() == len(tags)


def test_a_pool_process_killed_mid_snapshot_leaves_nothing_and_the_task_is_redelivered(
    stack, fault_redis, series, tags
):
    _activity(series, tags, at=AS_OF - timedelta(hours=2))
    worker = stack.worker(pool="prefork", concurrency=1)
    wait_for_worker(fault_redis.url)
    blocker, _ = _snapshot_halfway(fault_redis.url, series, worker)
    try:
        pool_processes = children(worker.pid)
        assert len(pool_processes) == 1
        os.kill(pool_processes[0], signal.SIGKILL)
        # Half a snapshot is never visible: the row written before the kill is uncommitted, and stays so.
        assert not Snapshot.objects.filter(series=series).exists()
    finally:
        blocker.rollback()
        blocker.close()

    # acks_late + reject_on_worker_lost: the main process requeues the message; a fresh pool process runs it.
    wait_until(
        lambda: _complete_snapshot_exists(series, tags), timeout=240, interval=1, what="the redelivered snapshot"
    )
    _assert_one_complete_snapshot(series, tags)
    assert "WorkerLostError" in stack.log(worker)
    assert worker.poll() is None


def test_a_whole_worker_killed_mid_snapshot_leaves_nothing_and_the_next_run_completes(stack, fault_redis, series, tags):
    _activity(series, tags, at=AS_OF - timedelta(hours=2))
    worker = stack.worker(pool="prefork", concurrency=1)
    wait_for_worker(fault_redis.url)
    blocker, backend = _snapshot_halfway(fault_redis.url, series, worker)
    try:
        os.killpg(worker.pid, signal.SIGKILL)  # the main process and its pool, as the OOM killer or a lost VM would
        worker.wait(timeout=60)
        assert not Snapshot.objects.filter(series=series).exists()
    finally:
        blocker.rollback()
        blocker.close()

    def backend_gone() -> bool:
        with psycopg.connect(_test_database_url(), autocommit=True) as conn:
            return conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]).fetchone() is None

    # The killed worker's transaction is rolled back by PostgreSQL: nothing of it remains.
    wait_until(backend_gone, timeout=120, interval=0.5, what="the killed worker's backend to end")
    assert not Snapshot.objects.filter(series=series).exists()

    # The next run (beat's next tick, or a refresh) for the same tick completes.
    stack.worker(pool="prefork", concurrency=1)
    wait_for_worker(fault_redis.url)
    app = celery_client(fault_redis.url)
    try:
        app.send_task("trends.compute_snapshots", args=[series.pk, ["24h"], AS_OF.isoformat()])
    finally:
        app.close()
    wait_until(lambda: _complete_snapshot_exists(series, tags), timeout=240, interval=1, what="the next snapshot run")
    _assert_one_complete_snapshot(series, tags)


def test_two_beat_schedulers_at_once_make_one_snapshot_per_tick(stack, fault_redis, series, tags):
    _activity(series, tags, at=timezone.now() - timedelta(hours=2))
    # Ticks of a minute, the shortest the settings allow; two pool processes so duplicates can run side by side.
    worker = stack.worker(pool="prefork", concurrency=2, TRENDS_REFRESH_SECONDS="60")
    beats = [stack.beat(TRENDS_REFRESH_SECONDS="60") for _ in range(2)]
    wait_for_worker(fault_redis.url)

    def both_beats_sent() -> bool:
        return all("Sending due task trends-snapshots" in stack.log(beat) for beat in beats)

    wait_until(both_beats_sent, timeout=300, interval=1, what="both beats to send a trends-snapshots tick")
    windows = 3
    # Each beat's tick queues one task per window: wait for all of them to be done.
    sent = sum(stack.log(beat).count("Sending due task trends-snapshots") for beat in beats)

    def all_done() -> bool:
        log = stack.log(worker)
        finished = len(re.findall(r"Task trends\.compute_snapshots\[[^\]]+\] (?:succeeded|raised|retry)", log))
        return finished >= sent * windows

    wait_until(all_done, timeout=600, interval=1, what=f"the {sent * windows} snapshot tasks of {sent} ticks")

    log = stack.log(worker)
    assert " raised " not in log and "Traceback" not in log, log[-3000:]
    per_tick = Snapshot.objects.filter(series=series).values("window", "as_of").annotate(n=Count("id"))
    assert per_tick and all(row["n"] == 1 for row in per_tick)
    # Both beats sent the same tick (or, straddling a tick boundary, neighbouring ones): one snapshot each.
    assert {row["window"] for row in per_tick} == {"24h", "7d", "30d"}
    assert len(per_tick) <= sent * windows
    for snapshot in Snapshot.objects.filter(series=series):
        assert ThemeStat.objects.filter(snapshot=snapshot).count() == len(tags)
