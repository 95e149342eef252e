"""Read queries for accounts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet, Sum

from accounts.models import ReadingProgress, User
from core.exceptions import ApplicationError, NotFound
from theories.models import Series


@dataclass(frozen=True)
class ProfileStats:
    theory_count: int
    total_score: int


def user_get_by_username(*, username: str) -> User:
    """An active account by its username (any case), with its groups loaded so `role` costs no query."""
    user = User.objects.filter(username__iexact=username, is_active=True).prefetch_related("groups").first()
    if user is None:
        raise NotFound("No such user.")
    return user


def user_profile_stats(*, user: User) -> ProfileStats:
    """How many visible theories a user has posted and the net score they collected, in one query."""
    totals = user.theories.filter(is_deleted=False).aggregate(count=Count("pk"), score=Sum("score"))
    return ProfileStats(theory_count=totals["count"], total_score=totals["score"] or 0)


# --- reading progress ----------------------------------------------------------------------------


def reading_progress_list(*, user: User) -> QuerySet[ReadingProgress]:
    """A reader's progress per series, with each series' `last_chapter_number`, by series title."""
    return (
        ReadingProgress.objects.filter(user=user)
        .select_related("series")
        .annotate(last_chapter_number=Max("series__chapters__number"))
        .order_by("series__title")
    )


def reader_progress(
    *,
    user: User | None,
    series: Series,
    cookie_value: str | None = None,
    param: int | str | None = None,
) -> int | None:
    """The last chapter of `series` the reader has read, which spoiler gating compares theories with.

    In order: `param` (the `progress` query parameter of an API read, which must be a chapter
    number from 0 to the series' last chapter, else a 400 naming `progress`); the signed-in
    reader's saved progress; `cookie_value` (the pages' cookie for visitors, ignored unless it is
    a whole number from 0). None when the reader chose nothing: nothing is gated for them.
    """
    if param is not None:
        chapter = _whole_number(param)
        last = series.last_chapter
        if chapter is None or not 0 <= chapter <= last:
            message = f"Progress is a chapter number from 0 to {last}."
            raise ApplicationError(code="invalid", message=message, fields={"progress": [message]})
        return chapter
    if user is not None and user.is_authenticated:
        saved = ReadingProgress.objects.filter(user=user, series=series).values_list("chapter", flat=True).first()
        if saved is not None:
            return saved
    if cookie_value is not None:
        chapter = _whole_number(cookie_value)
        if chapter is not None and chapter >= 0:
            return chapter
    return None


def _whole_number(value: int | str) -> int | None:
    if isinstance(value, int):
        return value
    text = value.strip()
    return int(text) if text.isascii() and text.lstrip("-").isdigit() else None
