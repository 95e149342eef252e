"""Snapshots under concurrency and failure, on committed data: separate connections, real locks, real rollbacks."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Q
from django.utils import timezone

from tests.factories import UserFactory
from tests.trends.conftest import AS_OF, theory_at, vote_at
from theories.models import Comment, Series, Tag, Theory
from trends import services
from trends.models import DailyRollup, Snapshot, ThemeStat
from voting.models import Vote

pytestmark = pytest.mark.django_db(transaction=True)


def _in_thread(target, results: list, index: int) -> threading.Thread:
    def run() -> None:
        try:
            results[index] = target()
        except BaseException as error:  # noqa: BLE001 - reported to the test thread
            results[index] = error
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_it_makes_one_snapshot_when_two_runs_race(known_activity, series):
    gate = threading.Barrier(2)
    results: list = [None, None]

    def hold(step: str) -> None:
        if step == "themes":
            time.sleep(0.5)  # keep the lock while the other run arrives

    def run():
        gate.wait()
        return services.snapshot_compute(
            series=Series.objects.get(pk=series.pk), window="24h", as_of=AS_OF, progress=hold
        )

    threads = [_in_thread(run, results, i) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(isinstance(result, BaseException) for result in results), results
    assert sorted(result.created for result in results) == [False, True]
    assert results[0].snapshot.pk == results[1].snapshot.pk
    assert Snapshot.objects.count() == 1
    assert ThemeStat.objects.count() == 3


def test_it_lets_votes_through_while_a_snapshot_is_being_written(known_activity, series, people):
    from voting.services import vote_cast

    inside, release = threading.Event(), threading.Event()
    results: list = [None]

    def pause(step: str) -> None:
        if step == "phrases":  # the themes are read, the transaction and its locks are held
            inside.set()
            release.wait(timeout=30)

    def run():
        return services.snapshot_compute(
            series=Series.objects.get(pk=series.pk), window="24h", as_of=AS_OF, progress=pause
        )

    thread = _in_thread(run, results, 0)
    thread.start()
    try:
        assert inside.wait(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
        started = time.monotonic()
        vote_cast(user=people["u8"], theory_id=known_activity["t1"].pk, value=1)
        waited = time.monotonic() - started
    finally:
        release.set()
        thread.join(timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert waited < 1.0
    assert Vote.objects.filter(user=people["u8"], theory=known_activity["t1"]).exists()
    assert results[0].created


def test_it_leaves_no_half_written_snapshot_when_the_run_dies(known_activity, series, monkeypatch):
    def die(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(ThemeStat.objects, "bulk_create", die)
    with pytest.raises(SystemExit):
        services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    assert Snapshot.objects.count() == 0
    assert ThemeStat.objects.count() == 0
    assert DailyRollup.objects.exists()  # finished rollup batches stay; they are complete and idempotent

    monkeypatch.undo()
    assert services.snapshot_compute(series=series, window="24h", as_of=AS_OF).created  # the redelivery finishes
    assert ThemeStat.objects.count() == 3


def _activity(tag: Tag, lo, hi) -> int:
    on_tag = Q(theory__tags=tag)
    return (
        Theory.objects.filter(tags=tag, created_at__gte=lo, created_at__lt=hi, is_deleted=False).count()
        + Vote.objects.filter(on_tag, created_at__gte=lo, created_at__lt=hi).count()
        + Comment.objects.filter(on_tag, created_at__gte=lo, created_at__lt=hi, is_deleted=False).count()
    )


def test_it_puts_a_planted_theme_first_by_velocity():
    call_command(
        "generate_synthetic",
        series="planted",
        theories=1500,
        votes=15000,
        comments=3000,
        days=6,
        users=400,
        seed=11,
        stdout=StringIO(),
    )
    series = Series.objects.get(slug="planted")
    as_of = services.tick_floor(timezone.now())
    day = timedelta(hours=24)
    # The least used theme; its activity in the last day is brought to three times the day before.
    planted = Tag.objects.filter(series=series).order_by("-id").first()
    before, now = _activity(planted, as_of - 2 * day, as_of - day), _activity(planted, as_of - day, as_of)
    missing = 3 * before - now
    assert before > 20 and missing > 1
    fresh = theory_at(series=series, author=UserFactory(), tags=[planted], at=as_of - timedelta(hours=12))
    for _ in range(missing - 1):
        vote_at(user=UserFactory(), theory=fresh, value=1, at=as_of - timedelta(hours=6))
    assert _activity(planted, as_of - day, as_of) == 3 * before

    snapshot = services.snapshot_compute(series=series, window="24h", as_of=as_of).snapshot
    by_velocity = list(snapshot.themes.order_by("-velocity"))
    assert by_velocity[0].tag_id == planted.pk
    assert by_velocity[0].velocity == pytest.approx(2.0)
    assert by_velocity[1].velocity < 2.0
