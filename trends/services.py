"""Every write of the trends app: daily rollups, snapshots, refresh requests and pruning.

Locks: a snapshot holds pg_advisory_xact_lock(SNAPSHOT_LOCK, hash(series, window)) for its transaction,
a daily rollup pg_advisory_lock(ROLLUP_LOCK, series) until it is done and an hourly one the same lock for
its transaction. Nothing here locks a row of another app: the snapshot only reads theories, votes and
comments (plain MVCC reads), so voting never waits on trends.
"""

from __future__ import annotations

import logging
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError
from theories.models import Series, Tag
from trends import metrics, phrases
from trends.models import (
    PERSISTENCE_BUCKETS,
    WINDOW_LENGTHS,
    DailyPhraseCount,
    DailyRollup,
    DailyThemeStat,
    HourlyPhraseCount,
    HourlyRollup,
    Snapshot,
    ThemeStat,
    Window,
)

logger = logging.getLogger(__name__)

HISTORY_DAYS = 90
# Days per rollup transaction: phrases are counted a week at a time (the sorts stay in memory), theme figures
# a month at a time (one statement, one pass over the votes each: a batch costs a scan of the votes table).
ROLLUP_BATCH_DAYS = 7
THEME_BATCH_DAYS = 31
SNAPSHOT_RETENTION_DAYS = 30
ROLLUP_RETENTION_DAYS = 180
HOURLY_RETENTION_DAYS = 3  # the partial days of a window are at most yesterday and today
TASK_META_SECONDS = 86400
WRITE_BATCH = 500
# Memory for the hash aggregates of one snapshot (per sort/hash node), and no JIT: these queries run
# once per tick, so compiling them costs more than it saves.
WORK_MEM = "64MB"


def _lock_key(text: str) -> int:
    """A stable signed 32-bit key for pg_advisory_xact_lock(int, int)."""
    value = zlib.crc32(text.encode())
    return value - (1 << 32) if value >= (1 << 31) else value


SNAPSHOT_LOCK = _lock_key("trends.snapshot")
ROLLUP_LOCK = _lock_key("trends.rollup")

Progress = Callable[[str], None]


def _report(progress: Progress | None, step: str) -> None:
    if progress is not None:
        progress(step)


def tick_floor(moment: datetime) -> datetime:
    """The schedule tick at or before `moment`: epoch seconds rounded down to TRENDS_REFRESH_SECONDS."""
    tick = settings.TRENDS_REFRESH_SECONDS
    seconds = int(moment.timestamp()) // tick * tick
    return datetime.fromtimestamp(seconds, tz=UTC)


def _tune_transaction() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute("SET LOCAL jit = off")


# --- daily rollups -------------------------------------------------------------------------------


def _missing_days(*, series: Series, first_day: date, end_day: date) -> list[date]:
    done = set(
        DailyRollup.objects.filter(series=series, day__gte=first_day, day__lt=end_day).values_list("day", flat=True)
    )
    days = (first_day + timedelta(days=n) for n in range((end_day - first_day).days))
    return [day for day in days if day not in done]


def _batches(days: list[date], *, size: int) -> list[tuple[date, date]]:
    """Runs of consecutive days, cut to `size` days: [(first, end), ...] with `end` exclusive."""
    batches: list[tuple[date, date]] = []
    for day in days:
        if batches and batches[-1][1] == day and (day - batches[-1][0]).days < size:
            batches[-1] = (batches[-1][0], day + timedelta(days=1))
        else:
            batches.append((day, day + timedelta(days=1)))
    return batches


def daily_rollups_ensure(*, series: Series, first_day: date, end_day: date, progress: Progress | None = None) -> int:
    """Roll up every complete day in [first_day, end_day) that is not rolled up yet; return how many.

    A rollup writes every theme's DailyThemeStat per day (upserted), the day's DailyPhraseCount rows
    (replaced) and the day's DailyRollup marker. Theme figures come in batches of THEME_BATCH_DAYS
    days, each one set-based statement over all its days (GROUP BY tag, day: see
    metrics.daily_theme_stats_upsert), phrases in batches of ROLLUP_BATCH_DAYS days, each batch one
    transaction. The two are independent, so they run side by side: the theme batches in a second
    thread on a database connection of its own while this one counts phrases, two PostgreSQL backends
    each busy with its own aggregate, so that on two cores the rollup takes about as long as the
    longer of the two instead of their sum (a series' first snapshot rolls up 91 days). Inside a
    caller's transaction, whose rows another connection cannot see, they run one after the other.

    The markers are written last, in one transaction, once both sides have committed: a day counts
    as rolled up only when its theme figures and phrase counts are both there. A killed worker leaves
    no marker for the days it was working on, and running it again rolls them up again and changes
    nothing else (upserts, and phrase rows replaced). The whole rollup holds the series' rollup lock,
    so a concurrent run waits and then finds the days done.

    Locks: the batches only read theories, votes and comments (MVCC, ACCESS SHARE) and write trends rows,
    so a vote never waits on them, however long they run (tests/trends/test_daily_rollup.py casts one
    with lock_timeout = 1 s while a batch is open). Batches bound the length of each transaction and the
    memory of its aggregate.
    """
    today = timezone.now().astimezone(UTC).date()
    end_day = min(end_day, today)  # only complete days
    if not _missing_days(series=series, first_day=first_day, end_day=end_day):
        return 0
    with _rollup_lock(series=series):
        missing = _missing_days(series=series, first_day=first_day, end_day=end_day)  # again, under the lock
        if not missing:
            return 0
        theme_batches = _batches(missing, size=THEME_BATCH_DAYS)
        phrase_batches = _batches(missing, size=ROLLUP_BATCH_DAYS)
        if connection.in_atomic_block:
            _rollup_themes(series=series, batches=theme_batches, progress=progress)
            markers = _rollup_phrases(series=series, batches=phrase_batches, progress=progress)
        else:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="trends-rollup") as pool:
                themes = pool.submit(_on_own_connection, _rollup_themes, series=series, batches=theme_batches)
                markers = _rollup_phrases(series=series, batches=phrase_batches, progress=progress)
                themes.result()  # a failed theme batch fails the rollup before any marker is written
        DailyRollup.objects.bulk_create(
            markers,
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["series", "day"],
            update_fields=["computed_at", "theories", "phrase_total"],
        )
    # Fresh statistics, so the snapshot's lookups in these tables get good plans (autovacuum may lag).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trends_dailyphrasecount")
        cursor.execute("ANALYZE trends_dailyrollup")
    return len(markers)


@contextmanager
def _rollup_lock(*, series: Series) -> Iterator[None]:
    """The series' rollup lock: for the caller's transaction inside one, else for the session until released."""
    if connection.in_atomic_block:
        _lock_rollups(series=series)
        yield
        return
    key = _rollup_lock_key(series=series)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", key)
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)
        except DatabaseError:  # the connection is gone, and the lock with it
            logger.warning("could not release the trends rollup lock of series %s", series.pk, exc_info=True)


def _on_own_connection(work: Callable[..., None], **kwargs: Any) -> None:
    """Run `work` in a worker thread, on that thread's own database connection, and close it after."""
    try:
        work(**kwargs)
    finally:
        connection.close()


def _rollup_lock_key(*, series: Series) -> list[int]:
    return [ROLLUP_LOCK, _lock_key(f"series:{series.pk}")]


def _lock_rollups(*, series: Series) -> None:
    """The series' rollup lock for the current transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", _rollup_lock_key(series=series))


def _rollup_themes(*, series: Series, batches: list[tuple[date, date]], progress: Progress | None = None) -> None:
    """Upsert DailyThemeStat for every tag and day of each batch, zeros included, one statement per batch."""
    tag_ids = list(Tag.objects.filter(series=series).values_list("pk", flat=True))
    for number, (batch_first, batch_end) in enumerate(batches, start=1):
        _report(progress, f"rollups: themes {number}/{len(batches)}")
        with transaction.atomic():
            _tune_transaction()
            metrics.daily_theme_stats_upsert(
                series_id=series.pk, tag_ids=tag_ids, first_day=batch_first, end_day=batch_end
            )


def _rollup_phrases(
    *, series: Series, batches: list[tuple[date, date]], progress: Progress | None = None
) -> list[DailyRollup]:
    """Replace DailyPhraseCount for the days of each batch, one transaction per batch; return their markers."""
    markers: list[DailyRollup] = []
    for number, (first_day, end_day) in enumerate(batches, start=1):
        _report(progress, f"rollups: phrases {number}/{len(batches)}")
        with transaction.atomic():
            _tune_transaction()
            totals = phrases.rollup_phrases(
                series_id=series.pk, unit="day", lo=phrases.midnight(first_day), hi=phrases.midnight(end_day)
            )
            theories = phrases.theories_per_day(series_id=series.pk, first_day=first_day, end_day=end_day)
        now = timezone.now()
        markers.extend(
            DailyRollup(
                series=series, day=day, computed_at=now, theories=theories.get(day, 0), phrase_total=totals.get(day, 0)
            )
            for day in (first_day + timedelta(days=n) for n in range((end_day - first_day).days))
        )
    return markers


def hourly_rollups_ensure(*, series: Series, hours: list[datetime]) -> int:
    """Count the phrases of every complete hour in `hours` not counted yet (HourlyPhraseCount); return how many.

    One transaction under the series' rollup lock; in steady state it is the one hour completed since
    the previous tick. Idempotent like the daily rollup.
    """
    now = timezone.now()
    wanted = [hour for hour in hours if hour + phrases.HOUR <= now]
    done = set(HourlyRollup.objects.filter(series=series, hour__in=wanted).values_list("hour", flat=True))
    if not [hour for hour in wanted if hour not in done]:
        return 0
    with transaction.atomic():
        _lock_rollups(series=series)
        done = set(HourlyRollup.objects.filter(series=series, hour__in=wanted).values_list("hour", flat=True))
        missing = sorted(hour for hour in wanted if hour not in done)
        if not missing:
            return 0
        _tune_transaction()
        runs: list[tuple[datetime, datetime]] = []
        for hour in missing:
            if runs and runs[-1][1] == hour:
                runs[-1] = (runs[-1][0], hour + phrases.HOUR)
            else:
                runs.append((hour, hour + phrases.HOUR))
        totals: dict = {}
        for lo, hi in runs:
            totals.update(phrases.rollup_phrases(series_id=series.pk, unit="hour", lo=lo, hi=hi))
        HourlyRollup.objects.bulk_create(
            [
                HourlyRollup(series=series, hour=hour, computed_at=now, phrase_total=totals.get(hour, 0))
                for hour in missing
            ],
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["series", "hour"],
            update_fields=["computed_at", "phrase_total"],
        )
    return len(missing)


# --- snapshots -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotResult:
    snapshot: Snapshot
    created: bool


def snapshot_compute(
    *,
    series: Series,
    window: str,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> SnapshotResult:
    """Compute and store the snapshot of `series` over `window` with the data cut at `as_of`'s tick.

    `as_of` (default: now) is rounded down to the schedule tick, so every run for the same moment
    makes the same snapshot; when it exists already it is returned as it is (created=False). The
    missing daily and hourly rollups are written first, in their own transactions; the
    snapshot itself is one transaction under a per-(series, window) advisory lock, backed by the
    unique constraint (series, window, as_of): two concurrent runs give one snapshot, and a worker
    killed midway leaves none. `trends.updated` goes to the series' live group after commit.
    """
    if window not in WINDOW_LENGTHS:
        raise ApplicationError(
            code="invalid", message="Unknown window.", fields={"window": [f"Choose one of {', '.join(Window.values)}."]}
        )
    now = timezone.now()
    as_of = tick_floor(as_of or now)
    if as_of > now:
        raise ApplicationError(
            code="invalid", message="A snapshot cannot be cut in the future.", fields={"as_of": ["Must not be ahead."]}
        )
    length = WINDOW_LENGTHS[window]
    start = as_of - length
    existing = Snapshot.objects.filter(series=series, window=window, as_of=as_of).first()
    if existing is not None:
        return SnapshotResult(snapshot=existing, created=False)

    window_days = phrases.PhraseWindow.for_window(start=start, as_of=as_of)
    daily_rollups_ensure(
        series=series,
        first_day=min(window_days.baseline_first_day, window_days.end_full_day - timedelta(days=HISTORY_DAYS)),
        end_day=window_days.end_full_day,
        progress=progress,
    )
    _report(progress, "rollups: hours")
    hourly_rollups_ensure(series=series, hours=window_days.hours)
    try:
        return _snapshot_write(series=series, window=window, start=start, as_of=as_of, progress=progress)
    except IntegrityError:
        # The unique constraint caught a concurrent writer that the lock did not (it cannot, short of a
        # lock-key collision); its snapshot stands.
        snapshot = Snapshot.objects.get(series=series, window=window, as_of=as_of)
        return SnapshotResult(snapshot=snapshot, created=False)


@transaction.atomic
def _snapshot_write(
    *, series: Series, window: str, start: datetime, as_of: datetime, progress: Progress | None
) -> SnapshotResult:
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [SNAPSHOT_LOCK, _lock_key(f"series:{series.pk}:{window}")]
        )
    existing = Snapshot.objects.filter(series=series, window=window, as_of=as_of).first()
    if existing is not None:
        return SnapshotResult(snapshot=existing, created=False)
    _tune_transaction()

    _report(progress, "themes")
    tags = {tag.pk: tag for tag in Tag.objects.filter(series=series)}
    bucket = PERSISTENCE_BUCKETS[window]
    activity = metrics.window_activity(series_id=series.pk, tag_ids=list(tags), start=start, as_of=as_of, bucket=bucket)
    scores = metrics.theme_scores(
        current=activity.current,
        previous=activity.previous,
        series_activity=activity.series.activity,
        buckets=(as_of - start) // bucket,
    )

    _report(progress, "phrases")
    emerging = phrases.emerging_phrases(series_id=series.pk, start=start, as_of=as_of)

    _report(progress, "saving")
    snapshot = Snapshot(
        series=series,
        window=window,
        as_of=as_of,
        window_start=start,
        computed_at=timezone.now(),
        theories=activity.series.new_theories,
        votes=activity.series.votes,
        comments=activity.series.comments,
        participants=activity.series.participants,
        phrases=emerging,
        busted=activity.busted.theories,
        busted_theories=activity.busted.count,
        busted_votes=activity.busted.votes,
    )
    snapshot.duration_ms = int((time.monotonic() - started) * 1000)
    snapshot.full_clean(validate_unique=False, validate_constraints=False)
    snapshot.save()
    ThemeStat.objects.bulk_create(
        [_theme_stat(snapshot=snapshot, rank=rank, score=score) for rank, score in enumerate(scores, start=1)],
        batch_size=WRITE_BATCH,
    )
    snapshot_id = snapshot.pk
    transaction.on_commit(lambda: _publish_snapshot(snapshot_id=snapshot_id))
    return SnapshotResult(snapshot=snapshot, created=True)


def _theme_stat(*, snapshot: Snapshot, rank: int, score: metrics.ThemeScores) -> ThemeStat:
    now, before = score.current, score.previous
    return ThemeStat(
        snapshot=snapshot,
        tag_id=score.tag_id,
        rank=rank,
        new_theories=now.new_theories,
        votes=now.votes,
        net_score=now.net_score,
        comments=now.comments,
        replies=now.replies,
        participants=now.participants,
        active_theories=now.active_theories,
        activity=now.activity,
        share=score.share,
        previous_activity=before.activity,
        previous_participants=before.participants,
        velocity=score.velocity,
        surprise=score.surprise,
        index=score.index,
        comments_per_theory=score.comments_per_theory,
        votes_per_participant=score.votes_per_participant,
        active_buckets=now.active_buckets,
        buckets=score.buckets,
        **score.parts,
    )


TOP_THEMES_IN_EVENT = 5


def _publish_snapshot(*, snapshot_id: int) -> None:
    """trends.updated to the series' live group, with the top themes as the REST API renders them."""
    from theories.events import publish, series_group
    from trends.api import ThemeOutputSerializer
    from trends.selectors import snapshot_themes

    snapshot = Snapshot.objects.select_related("series").get(pk=snapshot_id)
    top = snapshot_themes(snapshot=snapshot)[:TOP_THEMES_IN_EVENT]
    publish(
        groups=[series_group(snapshot.series.slug)],
        event={
            "type": "trends.updated",
            "series": snapshot.series.slug,
            "window": snapshot.window,
            "as_of": snapshot.as_of.isoformat(),
            "computed_at": snapshot.computed_at.isoformat(),
            "top_themes": ThemeOutputSerializer(top, many=True).data,
        },
    )


# --- scheduling and refresh requests -------------------------------------------------------------


def snapshots_schedule(*, as_of: datetime | None = None) -> int:
    """Queue one snapshot task per series and window for the current tick; return how many were queued.

    Beat calls this every TRENDS_REFRESH_SECONDS. All tasks carry the same tick, so a late delivery
    still computes the intended moment, and a second beat firing at once only repeats finished work.
    """
    from trends.tasks import compute_snapshots

    tick = tick_floor(as_of or timezone.now()).isoformat()
    queued = 0
    for series_id in Series.objects.order_by("pk").values_list("pk", flat=True):
        for window in Window.values:
            compute_snapshots.delay(series_id, [window], tick)
            queued += 1
    return queued


@dataclass(frozen=True)
class RefreshRequest:
    task_id: str
    series: Series
    windows: list[str]
    as_of: datetime


def task_key(task_id: str) -> str:
    return f"trends:task:{task_id}"


def snapshot_refresh_request(*, user: User, series: Series, windows: list[str]) -> RefreshRequest:
    """Queue a fresh snapshot of `series` for `windows` at the current tick, on behalf of a writer or moderator.

    The task id is chosen here so the caller can watch it at once; the request is remembered for a day
    (TASK_META_SECONDS) so only tasks asked for this way can be looked up (task_status).
    """
    from trends.tasks import compute_snapshots

    if not (user.is_writer or user.is_moderator):
        raise ApplicationError(
            code="permission_denied", message="Only writers and moderators can refresh trends.", status=403
        )
    task_id = str(uuid.uuid4())
    as_of = tick_floor(timezone.now())
    meta = {"series": series.slug, "windows": windows, "as_of": as_of.isoformat(), "requested_by": user.pk}
    try:
        cache.set(task_key(task_id), meta, timeout=TASK_META_SECONDS)
    except Exception:  # noqa: BLE001 - the task still runs; only looking it up later will not work
        logger.warning("could not remember trends task %s", task_id, exc_info=True)
    transaction.on_commit(
        lambda: compute_snapshots.apply_async(args=[series.pk, windows, as_of.isoformat()], task_id=task_id)
    )
    return RefreshRequest(task_id=task_id, series=series, windows=windows, as_of=as_of)


# --- pruning -------------------------------------------------------------------------------------


@transaction.atomic
def trends_prune(*, today: date | None = None) -> dict[str, int]:
    """Delete snapshots older than SNAPSHOT_RETENTION_DAYS, daily rollups older than ROLLUP_RETENTION_DAYS and
    hourly ones older than HOURLY_RETENTION_DAYS.

    A pruned day loses its marker with its rows, so it would be rolled up again if ever needed.
    """
    today = today or timezone.now().astimezone(UTC).date()
    snapshot_cutoff = phrases.midnight(today - timedelta(days=SNAPSHOT_RETENTION_DAYS))
    rollup_cutoff = today - timedelta(days=ROLLUP_RETENTION_DAYS)
    hourly_cutoff = phrases.midnight(today - timedelta(days=HOURLY_RETENTION_DAYS))
    deleted = {
        "snapshots": Snapshot.objects.filter(as_of__lt=snapshot_cutoff).delete()[1].get("trends.Snapshot", 0),
        "phrases": DailyPhraseCount.objects.filter(day__lt=rollup_cutoff).delete()[0],
        "themes": DailyThemeStat.objects.filter(day__lt=rollup_cutoff).delete()[0],
        "rollups": DailyRollup.objects.filter(day__lt=rollup_cutoff).delete()[0],
        "hourly_phrases": HourlyPhraseCount.objects.filter(hour__lt=hourly_cutoff).delete()[0],
        "hours": HourlyRollup.objects.filter(hour__lt=hourly_cutoff).delete()[0],
    }
    return deleted
