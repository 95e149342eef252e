"""Read queries for theories, shaped for their callers and respecting visibility."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import FloatField, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import User
from core.exceptions import NotFound
from theories import ranking
from theories.models import Chapter, Series, Tag, Theory

# Cursor orderings per sort; the first column is the cursor position (see theory_feed).
SORT_ORDERINGS = {
    "hot": ("-hot", "-id"),
    "top": ("-confidence", "-id"),
    "new": ("-created_at", "-id"),
    "controversial": ("-controversy", "-id"),
    "rising": ("-rising", "-id"),
}
SORTS = tuple(SORT_ORDERINGS)
WINDOWS = {
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=30),
    "year": timedelta(days=365),
    "all": None,
}
# Sorts that ruled-contradicted theories leave (they stay in new, top, controversial and search).
SORTS_WITHOUT_CONTRADICTED = ("hot", "rising")

# Votes cast in the last RISING_RECENT per hour of age (at least one); see ranking.rising.
_RISING_SQL = (
    "(SELECT count(*) FROM voting_vote v WHERE v.theory_id = theories_theory.id AND v.created_at >= %s)::float8"
    " / greatest(extract(epoch from (%s - theories_theory.created_at)) / 3600.0, 1)"
)


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


def theory_feed(
    *,
    user: User | None,
    series: Series | None = None,
    sort: str = "hot",
    window: str = "all",
    as_of: datetime | None = None,
) -> QuerySet[Theory]:
    """A list for one sort and time window, ordered by SORT_ORDERINGS[sort].

    `hot` and `rising` leave out theories ruled contradicted; `rising` only considers
    theories under 48 hours old and is computed at read time (ranking.rising) as of `as_of`,
    which paging keeps fixed so that a cursor's position stays meaningful.
    """
    queryset = theory_list(user=user, series=series)
    now = as_of or timezone.now()
    since = WINDOWS[window]
    if since is not None:
        queryset = queryset.filter(created_at__gte=now - since)
    if sort in SORTS_WITHOUT_CONTRADICTED:
        queryset = queryset.exclude(status=Theory.Status.CONTRADICTED)
    if sort == "rising":
        queryset = queryset.filter(created_at__gte=now - ranking.RISING_MAX_AGE).annotate(
            rising=RawSQL(_RISING_SQL, [now - ranking.RISING_RECENT, now], output_field=FloatField())
        )
    return queryset.order_by(*SORT_ORDERINGS[sort])


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
