"""The first-run rollup of daily theme figures: one set-based statement per batch of days, the same figures
as the window code path, zeros for quiet days, and no lock that a vote waits on."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import DatabaseError, connection, connections, transaction

from tests.factories import TagFactory, UserFactory
from tests.trends.conftest import AS_OF, comment_at, theory_at, vote_at
from theories.models import Series, Tag
from trends import metrics, services
from trends.models import DailyPhraseCount, DailyRollup, DailyThemeStat

FIGURES = ("new_theories", "votes", "net_score", "comments", "replies", "participants")
FIRST = date(2025, 5, 30)
END = date(2025, 6, 11)


def stored(series) -> dict:  # type: ignore[no-untyped-def]
    return {
        (row.tag_id, row.day): tuple(getattr(row, name) for name in FIGURES) + (row.activity,)
        for row in DailyThemeStat.objects.filter(series=series)
    }


def window_path_daily(*, series_id: int, tag_ids: list[int]) -> dict:
    """Every theme's figures per UTC day in [FIRST, END) through the snapshot's window code path, in days."""
    slots = metrics.TagSlots.for_tags(tag_ids)
    lo, hi = (datetime(day.year, day.month, day.day, tzinfo=UTC) for day in (FIRST, END))
    with transaction.atomic():  # its temporary tables last until commit
        metrics.prepare_theories(series_id=series_id, slots=slots)
        metrics.aggregate_events(
            slots=slots, lo=lo, hi=hi, origin=lo, period=timedelta(days=1), bucket=timedelta(days=1)
        )
        by_period = metrics.figures_by_tag_and_period(slots=slots)
    return {(tag_id, period.astimezone(UTC).date()): figures for (tag_id, period), figures in by_period.items()}


def reference(series, tag_ids) -> dict:  # type: ignore[no-untyped-def]
    """The window code path run per day, with zeros filled in: what the rollup's one statement must equal."""
    figures = window_path_daily(series_id=series.pk, tag_ids=tag_ids)
    days = [FIRST + timedelta(days=n) for n in range((END - FIRST).days)]
    rows = {}
    for tag_id in tag_ids:
        for day in days:
            f = figures.get((tag_id, day), metrics.Figures())
            rows[(tag_id, day)] = tuple(getattr(f, name) for name in FIGURES) + (f.activity,)
    return rows


@pytest.mark.django_db
def test_it_writes_the_same_figures_as_the_window_code_path(known_activity, series, tags):
    tag_ids = [tag.pk for tag in tags]
    written = metrics.daily_theme_stats_upsert(series_id=series.pk, tag_ids=tag_ids, first_day=FIRST, end_day=END)
    assert written == len(tag_ids) * (END - FIRST).days
    assert stored(series) == reference(series, tag_ids)
    # Spot checks against the hand count (tests/trends/conftest.py): on June 9, Nam On-jo (tag A) had
    # t1 and t2 posted, five votes (net 3), three comments (one a reply), by u1 … u5.
    a, _b, c = tags
    day = date(2025, 6, 9)
    assert stored(series)[(a.pk, day)] == (2, 5, 3, 3, 1, 5, 10)
    # Half-zombies' only activity that day is on the busted t4 and on t5 (one vote by u6).
    assert stored(series)[(c.pk, day)] == (0, 1, 1, 0, 0, 1, 1)


@pytest.mark.django_db
def test_it_counts_tags_past_the_first_64_bits(series, people):
    tags = [TagFactory(series=series, name=f"Theme {n}", slug=f"theme-{n}") for n in range(70)]
    at = AS_OF - timedelta(hours=30)
    first, last = tags[0], tags[-1]
    theory = theory_at(series=series, author=people["u1"], tags=[first, last, tags[64]], at=at)
    other = theory_at(series=series, author=people["u2"], tags=[last], at=at)
    vote_at(user=people["u3"], theory=theory, value=1, at=at + timedelta(minutes=5))
    vote_at(user=people["u3"], theory=other, value=-1, at=at + timedelta(minutes=6))
    comment_at(author=people["u2"], theory=theory, at=at + timedelta(minutes=7))
    tag_ids = [tag.pk for tag in tags]
    metrics.daily_theme_stats_upsert(series_id=series.pk, tag_ids=tag_ids, first_day=FIRST, end_day=END)
    rows = stored(series)
    assert rows == reference(series, tag_ids)
    day = at.astimezone(UTC).date()
    # u1 posted, u2 posted and commented, u3 voted on both: three people on the last theme, counted once each.
    assert rows[(last.pk, day)] == (2, 2, 0, 1, 0, 3, 5)
    assert rows[(first.pk, day)] == (1, 1, 1, 1, 0, 3, 3)


@pytest.mark.django_db
def test_it_writes_zeros_for_quiet_days_and_upserts_a_day_again(known_activity, series, tags):
    tag_ids = [tag.pk for tag in tags]
    metrics.daily_theme_stats_upsert(series_id=series.pk, tag_ids=tag_ids, first_day=FIRST, end_day=END)
    quiet = DailyThemeStat.objects.get(tag=tags[0], day=FIRST)
    assert (quiet.activity, quiet.participants) == (0, 0)
    vote_at(user=UserFactory(username="late"), theory=known_activity["t2"], value=1, at=AS_OF - timedelta(hours=20))
    metrics.daily_theme_stats_upsert(series_id=series.pk, tag_ids=tag_ids, first_day=FIRST, end_day=END)
    assert DailyThemeStat.objects.filter(series=series).count() == len(tag_ids) * (END - FIRST).days
    assert stored(series) == reference(series, tag_ids)


@pytest.mark.django_db
def test_the_first_run_rolls_up_in_a_few_statements_not_a_loop_per_day(known_activity, series, tags):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        services.daily_rollups_ensure(series=series, first_day=END - timedelta(days=91), end_day=END)
    statements = [query["sql"].lstrip() for query in captured]
    inserts = [sql for sql in statements if sql.startswith("INSERT INTO trends_dailythemestat")]
    assert len(inserts) == 3  # 91 days in batches of THEME_BATCH_DAYS (31)
    assert DailyThemeStat.objects.filter(series=series).count() == len(tags) * 91


@pytest.mark.django_db(transaction=True)
def test_a_vote_does_not_wait_on_a_rollup_batch(known_activity, series, people, monkeypatch):
    """A rollup batch only reads theories, votes and comments; a vote cast while it is open goes through at once."""
    from voting.services import vote_cast

    inside, release = threading.Event(), threading.Event()
    upsert = metrics.daily_theme_stats_upsert
    errors: list[BaseException] = []

    def paused(**kwargs):  # type: ignore[no-untyped-def]
        written = upsert(**kwargs)
        inside.set()  # the batch's transaction and its locks are held
        release.wait(timeout=30)
        return written

    def run() -> None:
        try:
            services.daily_rollups_ensure(series=Series.objects.get(pk=series.pk), first_day=FIRST, end_day=END)
        except BaseException as error:  # noqa: BLE001 - reported to the test thread
            errors.append(error)
        finally:
            connections.close_all()

    monkeypatch.setattr(metrics, "daily_theme_stats_upsert", paused)
    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert inside.wait(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
        voter = UserFactory(username="voter_during_rollup")
        vote_cast(user=voter, theory_id=known_activity["t1"].pk, value=1)
        Tag.objects.filter(pk=known_activity["t1"].tags.first().pk).update(name="Renamed while rolling up")
    finally:
        release.set()
        thread.join(timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert not errors, errors


def rollup_outside_a_transaction(series) -> None:  # type: ignore[no-untyped-def]
    """daily_rollups_ensure as a Celery worker runs it: in autocommit, so theme batches get a thread of their own."""
    assert not connection.in_atomic_block
    services.daily_rollups_ensure(series=Series.objects.get(pk=series.pk), first_day=FIRST, end_day=END)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_theme_figures_are_rolled_up_beside_the_phrases(
    known_activity, series, tags, monkeypatch
):
    threads: set[int] = set()
    upsert = metrics.daily_theme_stats_upsert

    def recorded(**kwargs):  # type: ignore[no-untyped-def]
        threads.add(threading.get_ident())
        return upsert(**kwargs)

    monkeypatch.setattr(metrics, "daily_theme_stats_upsert", recorded)
    rollup_outside_a_transaction(series)
    assert threads and threading.get_ident() not in threads
    assert stored(series) == reference(series, [tag.pk for tag in tags])
    assert DailyPhraseCount.objects.filter(series=series).exists()
    assert sorted(DailyRollup.objects.filter(series=series).values_list("day", flat=True)) == [
        FIRST + timedelta(days=n) for n in range((END - FIRST).days)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_failed_theme_batch_marks_no_day_rolled_up_and_a_rerun_completes(known_activity, series, tags, monkeypatch):
    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise DatabaseError("the theme batch failed")

    with monkeypatch.context() as patch:
        patch.setattr(metrics, "daily_theme_stats_upsert", broken)
        with pytest.raises(DatabaseError):
            rollup_outside_a_transaction(series)
    assert not DailyRollup.objects.filter(series=series).exists()
    rollup_outside_a_transaction(series)
    assert DailyRollup.objects.filter(series=series).count() == (END - FIRST).days
    assert stored(series) == reference(series, [tag.pk for tag in tags])


@pytest.mark.django_db(transaction=True)
def test_a_rollup_waits_while_another_session_holds_the_series_lock(known_activity, series):
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", [services.ROLLUP_LOCK, services._lock_key(f"series:{series.pk}")]
            )
        finished = threading.Event()

        def run() -> None:
            try:
                rollup_outside_a_transaction(series)
                finished.set()
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        thread.start()
        assert not finished.wait(timeout=1)  # held by the other session
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", [services.ROLLUP_LOCK, services._lock_key(f"series:{series.pk}")]
            )
        thread.join(timeout=60)
        assert finished.is_set()
    finally:
        other.close()
    assert services.daily_rollups_ensure(series=series, first_day=FIRST, end_day=END) == 0
