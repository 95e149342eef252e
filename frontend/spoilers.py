"""Spoiler gating on the pages: the reader's progress per series (saved, or a cookie for visitors) and
the marks that collapse theories citing later chapters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from accounts.selectors import reader_progress
from theories.models import Series, Theory

COOKIE_PREFIX = "progress_"
COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Spoiler:
    """Why a theory is collapsed: the latest chapter it cites, where the reader is, whether they asked to see it."""

    chapter: int
    progress: int
    revealed: bool


def cookie_name(series: Series | str) -> str:
    slug = series if isinstance(series, str) else series.slug
    return f"{COOKIE_PREFIX}{slug}"


def cookie_progress(request: HttpRequest, *, series: Series) -> int | None:
    """A visitor's progress in a series from its cookie; anything but a whole number from 0 counts as none."""
    return reader_progress(user=None, series=series, cookie_value=request.COOKIES.get(cookie_name(series)))


def set_progress_cookie(request: HttpRequest, response: HttpResponse, *, series: Series, chapter: int) -> None:
    response.set_cookie(
        cookie_name(series),
        str(chapter),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )


def mark_spoilers(request: HttpRequest, theories: Iterable[Theory]) -> None:
    """Set `spoiler` (a Spoiler, or None) on each theory for this reader; no queries.

    The reader's progress is their saved one (theory_list annotates it as `reader_progress`), else
    the series' cookie. No progress means the reader chose none and sees everything. `?reveal=1`
    opens every collapsed theory of the page, which stays marked.
    """
    reveal = request.GET.get("reveal") == "1"
    cookies: dict[int, int | None] = {}
    for theory in theories:
        progress = getattr(theory, "reader_progress", None)
        if progress is None:
            if theory.series_id not in cookies:
                cookies[theory.series_id] = cookie_progress(request, series=theory.series)
            progress = cookies[theory.series_id]
        cited = max((chapter.number for chapter in theory.chapters.all()), default=0)
        theory.spoiler = (  # type: ignore[attr-defined]
            Spoiler(chapter=cited, progress=progress, revealed=reveal)
            if progress is not None and cited > progress
            else None
        )


def progress_context(request: HttpRequest, series: Series) -> dict[str, object]:
    """The progress control's state for a series from series_for_reader: saved progress, else the cookie."""
    progress = getattr(series, "saved_progress", None)
    if progress is None:
        progress = cookie_progress(request, series=series)
    last = getattr(series, "latest_chapter", None) or 0
    return {
        "reader_progress": progress,
        "last_chapter": last,
        "read_everything": progress is not None and progress >= last,
    }
