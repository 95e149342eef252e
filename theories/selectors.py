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
from theories.search import SearchQuery, search_query_compile, theory_highlights, theory_search_filter

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
# A search (theory_feed's `q`) may also be ordered by relevance (theories.search), and is unless told otherwise.
RELEVANCE = "relevance"
RELEVANCE_ORDERING = ("-rank", "-id")
SEARCH_SORTS = (*SORTS, RELEVANCE)
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


def theory_list(*, user: User | None, series: Series | None = None, include_hidden: bool = False) -> QuerySet[Theory]:
    """Visible theories with author, tags, chapters, the active ruling and the caller's vote, in a fixed
    number of queries. Theories hidden by moderation are left out unless `include_hidden`."""
    from moderation.models import Ruling
    from voting.models import Vote

    queryset = (
        Theory.objects.filter(is_deleted=False)
        .defer("search_vector")  # ~1 kB a row that only the database reads (theories.search)
        .select_related("author", "series")
        .prefetch_related(
            Prefetch("tags", queryset=Tag.objects.order_by("kind", "name")),
            Prefetch("chapters", queryset=Chapter.objects.order_by("number")),
            Prefetch(
                "rulings",
                queryset=Ruling.objects.active().select_related("news", "moderator"),
                to_attr="active_rulings",
            ),
        )
    )
    if not include_hidden:
        queryset = queryset.filter(is_hidden=False)
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
    q: str | SearchQuery | None = None,
) -> QuerySet[Theory]:
    """A list for one sort and time window, ordered by feed_ordering(sort).

    `hot` and `rising` leave out theories ruled contradicted; `rising` only considers
    theories under 48 hours old and is computed at read time (ranking.rising) as of `as_of`,
    which paging keeps fixed so that a cursor's position stays meaningful.
    With `q` (a text, or a query from theory_search_query), only theories matching the search
    remain; sort `relevance`, which needs `q`, orders them by their `rank` (theories.search).
    """
    queryset = theory_list(user=user, series=series)
    now = as_of or timezone.now()
    since = WINDOWS[window]
    if since is not None:
        queryset = queryset.filter(created_at__gte=now - since)
    if sort in SORTS_WITHOUT_CONTRADICTED:
        queryset = queryset.exclude(status=Theory.Status.CONTRADICTED)
    if q is not None:
        query = q if isinstance(q, SearchQuery) else theory_search_query(text=q, series=series)
        queryset = theory_search_filter(queryset, query=query, ranked=sort == RELEVANCE)
    elif sort == RELEVANCE:
        raise ValueError("Sort 'relevance' needs a search query.")
    if sort == "rising":
        queryset = queryset.filter(created_at__gte=now - ranking.RISING_MAX_AGE).annotate(
            rising=RawSQL(_RISING_SQL, [now - ranking.RISING_RECENT, now], output_field=FloatField())
        )
    return queryset.order_by(*feed_ordering(sort))


def feed_ordering(sort: str) -> tuple[str, ...]:
    """The cursor ordering of a sort of theory_feed; its first column is the cursor position."""
    return RELEVANCE_ORDERING if sort == RELEVANCE else SORT_ORDERINGS[sort]


def theory_search_query(*, text: str, series: Series | None = None) -> SearchQuery:
    """Compile a search once per request (one query), for theory_feed(q=…) and theory_search_highlights.

    The text must hold 1–200 characters, not all blank (the API validates it first).
    """
    return search_query_compile(text=text, series_id=series.pk if series is not None else None)


def theory_search(*, user: User | None, q: str | SearchQuery, series: Series | None = None) -> QuerySet[Theory]:
    """Visible theories matching a search, most relevant first (the search page)."""
    return theory_feed(user=user, series=series, sort=RELEVANCE, q=q)


def theory_search_highlights(*, theories: list[Theory], query: SearchQuery) -> None:
    """Set `highlight` and `title_highlight` (escaped HTML, matches in <mark>) on a page of results; one query."""
    theory_highlights(theories=theories, query=query)


def theory_get_visible(*, user: User | None, pk: int) -> Theory:
    """A theory the caller may see; one hidden by moderation only its author sees (with `hidden_reason`)."""
    theory = theory_list(user=user, include_hidden=True).filter(pk=pk).first()
    if theory is None or (theory.is_hidden and (user is None or theory.author_id != user.pk)):
        raise NotFound("No such theory.")
    return theory


def tag_list(*, series: Series | None = None, kind: str | None = None) -> QuerySet[Tag]:
    queryset = Tag.objects.select_related("series")
    if series is not None:
        queryset = queryset.filter(series=series)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "name")
