"""The writers' feed: trends pages per series, drawn from the stored snapshots and daily rollups.

Reading never recomputes: every page reads the latest snapshot of a window (trends.selectors) and the
daily history rows, in a fixed number of queries whatever the number of themes. Charts are drawn by
static/frontend/js/trends.js from data passed with json_script (the CSP forbids inline script); every
chart also has a data table or a text summary, so the page reads without JavaScript. Sparklines are
small inline SVGs drawn here, since they need no axes and must show without JavaScript too.

The public page is for everyone; the 90-day history, the theme-against-theme comparison and the CSV
download are for writers and moderators (403 for other readers, sign-in for visitors).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts.models import MODERATORS_GROUP, WRITERS_GROUP
from core.exceptions import ApplicationError, NotFound
from theories import selectors as theory_selectors
from theories.models import Series, Tag
from trends import export, selectors
from trends.metrics import INDEX_WEIGHTS
from trends.models import Snapshot, ThemeStat, Window
from trends.services import HISTORY_DAYS

DEFAULT_WINDOW = Window.DAY
SPARK_DAYS = 30  # the public page's sparklines and line chart
CHOSEN_DEFAULT = 5  # themes drawn on the line chart when none are chosen
CHOSEN_MAX = 10  # more lines than this are unreadable; the form says so
# A theme "rises" or "falls" when its activity moved by more than this share against the previous window.
FLAT_BAND = 0.05
FIGURES = {
    "activity": "Activity (new theories + votes + comments)",
    "participants": "Unique participants",
    "votes": "Votes",
    "comments": "Comments and replies",
    "new_theories": "New theories",
    "net_score": "Net score",
}
PART_LABELS = {
    "breadth": ("Breadth", "unique participants"),
    "depth": ("Depth", "comments per active theory"),
    "intensity": ("Intensity", "votes per participant"),
    "momentum": ("Momentum", "activity against the previous window"),
    "persistence": ("Persistence", "share of the window with activity"),
}
WINDOW_NAMES = {Window.DAY: "24 hours", Window.WEEK: "7 days", Window.MONTH: "30 days"}


class PageError(Exception):
    """A request the trends pages cannot answer: rendered as a page with a clear message and its status."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- access --------------------------------------------------------------------------------------


def is_writer_or_moderator(request: HttpRequest) -> bool:
    """One query, cached on the request: the page shows the writers' controls only when this holds."""
    cached = getattr(request, "_trends_writer", None)
    if cached is None:
        user = request.user
        cached = bool(user.is_authenticated and user.groups.filter(name__in=[WRITERS_GROUP, MODERATORS_GROUP]).exists())
        request._trends_writer = cached  # type: ignore[attr-defined]
    return cached


def _error_page(request: HttpRequest, *, message: str, status: int, series: Series | None = None) -> HttpResponse:
    titles = {400: "That request did not work", 403: "This view is for writers", 404: "Not found"}
    context = {"message": message, "status": status, "heading": titles.get(status, "Error"), "series": series}
    return render(request, "frontend/trends/error.html", context, status=status)


def trends_view(*, writers_only: bool = False) -> Callable[..., Callable[..., HttpResponse]]:
    """Wrap a trends page: GET/HEAD only, the series looked up, PageError turned into a page with its status.

    Writer-only pages send visitors to sign in and answer other readers with 403, so a fan who follows a
    shared link learns why instead of meeting a bare error.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @require_safe
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str) -> HttpResponse:
            try:
                series = theory_selectors.series_get(slug=slug)
            except NotFound:
                return _error_page(request, message=f"There is no series called “{slug}”.", status=404)
            if writers_only:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not is_writer_or_moderator(request):
                    message = "The history, comparison and CSV export of trends are for writers and moderators."
                    return _error_page(request, message=message, status=403, series=series)
            try:
                return view(request, series)
            except PageError as error:
                return _error_page(request, message=error.message, status=error.status, series=series)

        return wrapper

    return decorate


# --- parameters ----------------------------------------------------------------------------------


def _window(request: HttpRequest) -> str:
    window = request.GET.get("window", DEFAULT_WINDOW)
    if window not in Window.values:
        raise PageError(f"Unknown window “{window}”: choose 24h, 7d or 30d.")
    return window


def _figure(request: HttpRequest) -> str:
    figure = request.GET.get("figure", "activity")
    if figure not in FIGURES:
        raise PageError(f"Unknown figure “{figure}”: choose one of {', '.join(FIGURES)}.")
    return figure


def _chosen_tags(request: HttpRequest, *, available: Sequence[Tag], default: Sequence[Tag]) -> list[Tag]:
    """The themes named by the repeated `theme` parameter (tag slugs), in the order given; `default` when none."""
    slugs = [slug for slug in request.GET.getlist("theme") if slug]
    if not slugs:
        return list(default)
    by_slug = {tag.slug: tag for tag in available}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise PageError(f"Not a theme of this series: {', '.join(unknown)}.")
    chosen = [by_slug[slug] for slug in dict.fromkeys(slugs)]
    if len(chosen) > CHOSEN_MAX:
        raise PageError(f"Choose at most {CHOSEN_MAX} themes to draw; {len(chosen)} were chosen.")
    return chosen


def _latest_snapshot(*, series: Series, window: str) -> Snapshot | None:
    try:
        return selectors.snapshot_get(series=series, window=window)
    except ApplicationError as error:
        if error.status == 404:
            return None
        raise


# --- shaping -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """A velocity turned into words and an arrow, so the direction never rests on colour alone."""

    direction: str  # up, down, flat, new
    arrow: str
    label: str


def trend_of(theme: ThemeStat) -> Trend:
    """Rising, falling, steady or new, from the theme's velocity against the previous window."""
    if theme.previous_activity == 0 and theme.activity > 0:
        return Trend("new", "↑", "New this window")
    if theme.velocity > FLAT_BAND:
        return Trend("up", "↑", f"Rising {theme.velocity:+.0%}")
    if theme.velocity < -FLAT_BAND:
        return Trend("down", "↓", f"Falling {theme.velocity:+.0%}".replace("-", "−"))
    return Trend("flat", "→", "Steady")


def parts_of(theme: ThemeStat) -> list[dict[str, Any]]:
    """The index's parts as the page lists them: score 0-1, points it adds to the index, and the raw value."""
    raw = {
        "breadth": f"{theme.participants} participant{'s' if theme.participants != 1 else ''}",
        "depth": f"{theme.comments_per_theory:.1f} comments per theory",
        "intensity": f"{theme.votes_per_participant:.1f} votes per participant",
        "momentum": f"{theme.activity} now, {theme.previous_activity} before",
        "persistence": f"{theme.active_buckets} of {theme.buckets} periods active",
    }
    parts = []
    for name, weight in INDEX_WEIGHTS.items():
        score = getattr(theme, name)
        label, measure = PART_LABELS[name]
        parts.append(
            {
                "name": name,
                "label": label,
                "measure": measure,
                "score": score,
                "weight": weight,
                "points": 100 * weight * score,
                "width": round(100 * score, 1),
                "raw": raw[name],
            }
        )
    return parts


SPARK_WIDTH = 120
SPARK_HEIGHT = 28


def sparkline(values: Sequence[int | None]) -> dict[str, Any]:
    """SVG polyline segments for a day series (None is a day not rolled up yet: a gap, not a zero)."""
    known = [value for value in values if value is not None]
    top = max(known, default=0) or 1
    step = SPARK_WIDTH / max(len(values) - 1, 1)
    segments: list[list[str]] = [[]]
    for position, value in enumerate(values):
        if value is None:
            if segments[-1]:
                segments.append([])
            continue
        y = SPARK_HEIGHT - 2 - (SPARK_HEIGHT - 4) * value / top
        segments[-1].append(f"{position * step:.1f},{y:.1f}")
    return {
        "segments": [" ".join(points) for points in segments if len(points) > 1],
        "dots": [dict(zip(("x", "y"), points[0].split(","), strict=True)) for points in segments if len(points) == 1],
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
    }


def describe_series(values: Sequence[int | None], days: Sequence[Any]) -> str:
    """A one-line text summary of a day series, for screen readers and as the chart's fallback."""
    known = [(day, value) for day, value in zip(days, values, strict=True) if value is not None]
    if not known:
        return "no daily figures yet"
    peak_day, peak = max(known, key=lambda item: (item[1], item[0]))
    first, last = known[0][1], known[-1][1]
    return f"{first} on {known[0][0]:%b %-d}, {last} on {known[-1][0]:%b %-d}, peak {peak} on {peak_day:%b %-d}"


def history_by_tag(*, series: Series, tags: Sequence[Tag], days: int) -> tuple[list[Any], dict[int, list[dict]]]:
    """The calendar and each tag's daily rows (two queries, whatever the number of tags)."""
    histories = selectors.theme_history(series=series, tags=tags, days=days)
    calendar = [row["day"] for row in histories[0].days] if histories else []
    return calendar, {history.tag.pk: history.days for history in histories}


def line_chart(
    *, title: str, figure: str, calendar: Sequence[Any], tags: Sequence[Tag], rows: dict[int, list[dict]]
) -> dict[str, Any]:
    """The data a line chart needs (for json_script) and its text fallback: one line per tag."""
    lines = [
        {"label": tag.name, "slug": tag.slug, "values": [row[figure] for row in rows.get(tag.pk, [])]} for tag in tags
    ]
    summary = "; ".join(f"{line['label']}: {describe_series(line['values'], calendar)}" for line in lines)
    days = [day.isoformat() for day in calendar]
    return {
        "title": title,
        "figure": figure,
        "figure_label": FIGURES[figure],
        "lines": lines,
        "data": {"kind": "line", "title": title, "figure_label": FIGURES[figure], "days": days, "lines": lines},
        "summary": f"{title}, {FIGURES[figure].lower()} per day. {summary}." if lines else f"{title}: no themes.",
        "table": [
            {"day": day, "values": [line["values"][position] for line in lines]}
            for position, day in enumerate(calendar)
        ],
    }


def theme_rows(themes: Sequence[ThemeStat], rows: dict[int, list[dict]], calendar: Sequence[Any]) -> list[dict]:
    """Everything the page shows per theme: figures, trend, parts, sparkline and its summary."""
    shaped = []
    for theme in themes:
        values = [row["activity"] for row in rows.get(theme.tag_id, [])]
        shaped.append(
            {
                "stat": theme,
                "tag": theme.tag,
                "trend": trend_of(theme),
                "parts": parts_of(theme),
                "spark": sparkline(values),
                "spark_summary": f"Daily activity over {len(calendar)} days: {describe_series(values, calendar)}",
            }
        )
    return shaped


def _windows(request: HttpRequest, current: str) -> list[dict[str, Any]]:
    """The window switcher: plain links keeping the other parameters."""
    links = []
    for key in Window.values:
        query = request.GET.copy()
        query["window"] = key
        links.append({"key": key, "label": WINDOW_NAMES[key], "query": query.urlencode(), "current": key == current})
    return links


def _base_context(request: HttpRequest, series: Series, **extra: Any) -> dict[str, Any]:
    return {"series": series, "is_writer": is_writer_or_moderator(request), "figures": FIGURES, **extra}


# --- pages ---------------------------------------------------------------------------------------


@require_safe
def trends_index(request: HttpRequest) -> HttpResponse:
    """The header's Trends link: straight to the trends of the only series, else a list to choose from."""
    series_list = list(Series.objects.order_by("title")[:200])
    if len(series_list) == 1:
        return redirect("series-trends", slug=series_list[0].slug)
    return render(request, "frontend/trends/index.html", {"series_list": series_list})


@trends_view()
def trends_page(request: HttpRequest, series: Series) -> HttpResponse:
    """The public trends page of a series: ranked themes with index, parts, trend and sparkline; the line
    chart of chosen themes; emerging phrases; busted theories."""
    window = _window(request)
    snapshot = _latest_snapshot(series=series, window=window)
    context = _base_context(request, series, window=window, windows=_windows(request, window), snapshot=snapshot)
    if snapshot is None:
        return render(request, "frontend/trends/page.html", context)
    themes = list(selectors.snapshot_themes(snapshot=snapshot))
    tags = [theme.tag for theme in themes]
    chosen = _chosen_tags(request, available=tags, default=tags[:CHOSEN_DEFAULT])
    calendar, rows = history_by_tag(series=series, tags=tags, days=SPARK_DAYS)
    context.update(
        themes=theme_rows(themes, rows, calendar),
        all_tags=tags,
        chosen=chosen,
        chosen_slugs={tag.slug for tag in chosen},
        chosen_max=CHOSEN_MAX,
        keep=[("window", window)],
        chart=line_chart(
            title=f"Daily activity of the chosen themes, last {SPARK_DAYS} days",
            figure="activity",
            calendar=calendar,
            tags=chosen,
            rows=rows,
        ),
        busted_items=snapshot.busted[:10],
        index_weights=[(*PART_LABELS[name], round(100 * weight)) for name, weight in INDEX_WEIGHTS.items()],
    )
    return render(request, "frontend/trends/page.html", context)


@trends_view(writers_only=True)
def trends_history(request: HttpRequest, series: Series) -> HttpResponse:
    """Writers' 90-day history: any figure of the chosen themes per day, as a chart and a table."""
    figure = _figure(request)
    tags = list(Tag.objects.filter(series=series).order_by("kind", "name"))
    snapshot = _latest_snapshot(series=series, window=DEFAULT_WINDOW)
    ranked = [theme.tag for theme in selectors.snapshot_themes(snapshot=snapshot)] if snapshot else tags
    chosen = _chosen_tags(request, available=tags, default=ranked[:CHOSEN_DEFAULT])
    calendar, rows = history_by_tag(series=series, tags=chosen, days=HISTORY_DAYS)
    chart = line_chart(
        title=f"{FIGURES[figure]} per day, last {HISTORY_DAYS} days",
        figure=figure,
        calendar=calendar,
        tags=chosen,
        rows=rows,
    )
    totals = [
        {"tag": tag, "total": sum(value or 0 for value in line["values"])}
        for tag, line in zip(chosen, chart["lines"], strict=True)
    ]
    context = _base_context(
        request,
        series,
        figure=figure,
        all_tags=tags,
        chosen=chosen,
        chosen_slugs={tag.slug for tag in chosen},
        chosen_max=CHOSEN_MAX,
        keep=[],
        chart=chart,
        totals=totals,
        has_history=any(value is not None for line in chart["lines"] for value in line["values"]),
    )
    return render(request, "frontend/trends/history.html", context)


def _pick_pair(request: HttpRequest, themes: Sequence[ThemeStat]) -> tuple[ThemeStat, ThemeStat]:
    """The two themes to compare (`a` and `b`, tag slugs); the top two of the snapshot by default."""
    by_slug = {theme.tag.slug: theme for theme in themes}
    picked = []
    for key, fallback in (("a", 0), ("b", 1)):
        slug = request.GET.get(key) or (themes[fallback].tag.slug if len(themes) > fallback else "")
        if not slug:
            raise PageError("This series has fewer than two themes to compare.")
        if slug not in by_slug:
            raise PageError(f"Not a theme of this series: {slug}.")
        picked.append(by_slug[slug])
    if picked[0].pk == picked[1].pk:
        raise PageError("Choose two different themes to compare.")
    return picked[0], picked[1]


@trends_view(writers_only=True)
def trends_compare(request: HttpRequest, series: Series) -> HttpResponse:
    """Writers' theme-against-theme view: the two indexes part by part, and their 90-day activity."""
    window = _window(request)
    figure = _figure(request)
    snapshot = _latest_snapshot(series=series, window=window)
    context = _base_context(
        request, series, window=window, windows=_windows(request, window), snapshot=snapshot, figure=figure
    )
    if snapshot is None:
        return render(request, "frontend/trends/compare.html", context)
    themes = list(selectors.snapshot_themes(snapshot=snapshot))
    first, second = _pick_pair(request, themes)
    calendar, rows = history_by_tag(series=series, tags=[first.tag, second.tag], days=HISTORY_DAYS)
    pair = [first, second]
    context.update(
        themes=themes,
        first=first,
        second=second,
        pair=[{"stat": theme, "tag": theme.tag, "trend": trend_of(theme), "parts": parts_of(theme)} for theme in pair],
        parts_rows=[
            {
                "label": PART_LABELS[name][0],
                "measure": PART_LABELS[name][1],
                "a": getattr(first, name),
                "b": getattr(second, name),
            }
            for name in INDEX_WEIGHTS
        ],
        parts_chart={
            "kind": "bars",
            "labels": [PART_LABELS[name][0] for name in INDEX_WEIGHTS],
            "series": [
                {"label": theme.tag.name, "values": [round(getattr(theme, name), 4) for name in INDEX_WEIGHTS]}
                for theme in pair
            ],
        },
        chart=line_chart(
            title=f"{first.tag.name} against {second.tag.name}, last {HISTORY_DAYS} days",
            figure=figure,
            calendar=calendar,
            tags=[first.tag, second.tag],
            rows=rows,
        ),
    )
    return render(request, "frontend/trends/compare.html", context)


@trends_view(writers_only=True)
def trends_export(request: HttpRequest, series: Series) -> HttpResponse:
    """The CSV download behind the page's button: the same rows as GET /api/v1/trends/export.csv, with the
    site's session, so a writer's click downloads a file instead of meeting the API's authentication."""
    window = _window(request)
    scope = request.GET.get("snapshots", "latest")
    if scope not in ("latest", "all"):
        raise PageError(f"Unknown choice “{scope}”: snapshots is latest or all.")
    if scope == "latest" and _latest_snapshot(series=series, window=window) is None:
        raise PageError(f"No {window} trends for {series.title} yet, so there is nothing to export.", status=404)
    response = export.csv_response(series=series, window=window, scope=scope)
    response["Cache-Control"] = "private, no-store"
    return response
