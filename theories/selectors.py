"""Read queries for theories, shaped for their callers and respecting visibility."""

from __future__ import annotations

from django.db.models import IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value

from accounts.models import User
from core.exceptions import NotFound
from theories.models import Chapter, Series, Tag, Theory

SORT_ORDERINGS = {
    "hot": ("-hot", "-id"),
    "new": ("-created_at", "-id"),
}
SORTS = tuple(SORT_ORDERINGS)


def series_get(*, slug: str) -> Series:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise NotFound(f"No series {slug!r}.")
    return series


def theory_list(*, user: User | None, series: Series | None = None) -> QuerySet[Theory]:
    """Visible theories with author, tags, chapters and the caller's vote, in a fixed number of queries."""
    from voting.models import Vote

    queryset = (
        Theory.objects.filter(is_deleted=False)
        .select_related("author", "series")
        .prefetch_related(
            Prefetch("tags", queryset=Tag.objects.order_by("kind", "name")),
            Prefetch("chapters", queryset=Chapter.objects.order_by("number")),
        )
    )
    if series is not None:
        queryset = queryset.filter(series=series)
    if user is not None and user.is_authenticated:
        my_vote = Vote.objects.filter(theory=OuterRef("pk"), user=user).values("value")[:1]
        queryset = queryset.annotate(my_vote=Subquery(my_vote, output_field=IntegerField()))
    else:
        queryset = queryset.annotate(my_vote=Value(None, output_field=IntegerField()))
    return queryset


def theory_get_visible(*, user: User | None, pk: int) -> Theory:
    theory = theory_list(user=user).filter(pk=pk).first()
    if theory is None:
        raise NotFound("No such theory.")
    return theory


def tag_list(*, series: Series | None = None, kind: str | None = None) -> QuerySet[Tag]:
    queryset = Tag.objects.select_related("series")
    if series is not None:
        queryset = queryset.filter(series=series)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "name")
