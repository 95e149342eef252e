"""Read queries for trends: stored snapshots, their themes, daily history and export rows. Nothing recomputes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from core.exceptions import ApplicationError
from theories.models import Series, Tag
from trends.models import DailyRollup, DailyThemeStat, Snapshot, ThemeStat


def snapshot_get(*, series: Series, window: str, as_of: datetime | None = None) -> Snapshot:
    """The latest snapshot of a series and window (or the one cut at `as_of`); 404 when there is none yet."""
    snapshots = Snapshot.objects.filter(series=series, window=window).select_related("series")
    if as_of is not None:
        snapshot = snapshots.filter(as_of=as_of).first()
        if snapshot is None:
            raise ApplicationError(
                code="not_found",
                message=f"No {window} trends snapshot of {series.title} cut at {as_of.isoformat()}.",
                status=404,
            )
        return snapshot
    snapshot = snapshots.order_by("-as_of").first()
    if snapshot is None:
        raise ApplicationError(
            code="no_snapshot",
            message=(
                f"No {window} trends for {series.title} yet: snapshots are computed on a schedule, and writers "
                "or moderators can ask for one with POST /api/v1/trends/refresh/."
            ),
            status=404,
        )
    return snapshot


def snapshot_themes(*, snapshot: Snapshot) -> QuerySet[ThemeStat]:
    """A snapshot's themes, ranked, with their tags."""
    return ThemeStat.objects.filter(snapshot=snapshot).select_related("tag").order_by("rank")


def snapshot_list(*, series: Series, window: str | None = None, limit: int = 30) -> list[Snapshot]:
    """The latest snapshots of a series (one window or all), newest first, with their themes prefetched."""
    from django.db.models import Prefetch

    snapshots = Snapshot.objects.filter(series=series)
    if window:
        snapshots = snapshots.filter(window=window)
    themes = ThemeStat.objects.select_related("tag").order_by("rank")
    return list(
        snapshots.select_related("series")
        .prefetch_related(Prefetch("themes", queryset=themes))
        .order_by("-as_of", "window")[:limit]
    )


def top_risers(*, snapshot: Snapshot, limit: int = 3) -> list[ThemeStat]:
    """The themes of a snapshot that rose most (velocity > 0), from prefetched themes when present."""
    themes = [theme for theme in snapshot.themes.all() if theme.velocity > 0 and theme.activity > 0]
    themes.sort(key=lambda theme: (-theme.velocity, -theme.activity, theme.rank))
    return themes[:limit]


EXPORT_COLUMNS = [
    "series",
    "window",
    "as_of",
    "computed_at",
    "rank",
    "tag",
    "tag_name",
    "tag_kind",
    "index",
    "breadth",
    "depth",
    "intensity",
    "momentum",
    "persistence",
    "new_theories",
    "votes",
    "net_score",
    "comments",
    "replies",
    "participants",
    "active_theories",
    "activity",
    "share",
    "previous_activity",
    "previous_participants",
    "velocity",
    "surprise",
    "comments_per_theory",
    "votes_per_participant",
    "active_buckets",
    "buckets",
]


def export_rows(*, series: Series, window: str, scope: str) -> Iterator[list[object]]:
    """CSV rows (EXPORT_COLUMNS), one per theme per snapshot: the latest, or every stored one oldest first."""
    themes = ThemeStat.objects.filter(snapshot__series=series, snapshot__window=window).select_related(
        "tag", "snapshot"
    )
    if scope == "latest":
        latest = snapshot_get(series=series, window=window)
        themes = themes.filter(snapshot=latest).order_by("rank")
    else:
        themes = themes.order_by("snapshot__as_of", "rank")
    for theme in themes.iterator(chunk_size=2000):
        snapshot = theme.snapshot
        yield [
            series.slug,
            snapshot.window,
            snapshot.as_of.isoformat(),
            snapshot.computed_at.isoformat(),
            theme.rank,
            theme.tag.slug,
            theme.tag.name,
            theme.tag.kind,
            round(theme.index, 4),
            round(theme.breadth, 6),
            round(theme.depth, 6),
            round(theme.intensity, 6),
            round(theme.momentum, 6),
            round(theme.persistence, 6),
            theme.new_theories,
            theme.votes,
            theme.net_score,
            theme.comments,
            theme.replies,
            theme.participants,
            theme.active_theories,
            theme.activity,
            round(theme.share, 6),
            theme.previous_activity,
            theme.previous_participants,
            round(theme.velocity, 6),
            round(theme.surprise, 6),
            round(theme.comments_per_theory, 6),
            round(theme.votes_per_participant, 6),
            theme.active_buckets,
            theme.buckets,
        ]


HISTORY_FIGURES = ("new_theories", "votes", "net_score", "comments", "replies", "participants", "activity")


@dataclass
class ThemeHistory:
    tag: Tag
    days: list[dict]


def theme_history(*, series: Series, tags: Sequence[Tag], days: int, today: date | None = None) -> list[ThemeHistory]:
    """Daily figures of each tag for the `days` complete days before today, oldest first.

    Days not rolled up yet have null figures (a gap, not a zero); rolled-up days with no activity are zeros.
    """
    today = today or timezone.now().astimezone(UTC).date()
    first = today - timedelta(days=days)
    rolled = set(DailyRollup.objects.filter(series=series, day__gte=first, day__lt=today).values_list("day", flat=True))
    stats = {
        (stat["tag_id"], stat["day"]): stat
        for stat in DailyThemeStat.objects.filter(tag__in=tags, day__gte=first, day__lt=today).values(
            "tag_id", "day", *HISTORY_FIGURES
        )
    }
    calendar = [first + timedelta(days=n) for n in range(days)]
    histories = []
    for tag in tags:
        rows = []
        for day in calendar:
            stat = stats.get((tag.pk, day))
            if stat is None and day in rolled:
                stat = dict.fromkeys(HISTORY_FIGURES, 0)
            rows.append({"day": day, **{name: (stat[name] if stat else None) for name in HISTORY_FIGURES}})
        histories.append(ThemeHistory(tag=tag, days=rows))
    return histories
