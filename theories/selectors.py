"""Read queries for theories, shaped for their callers and respecting visibility."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError, NotFound
from theories import ranking
from theories.models import Chapter, Comment, Series, Tag, Theory, TheoryRevision
from theories.search import (
    SearchQuery,
    search_highlight_items,
    search_query_compile,
    theory_highlights,
    theory_search_filter,
)

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


class TheoryDeleted(NotFound):
    """A theory its author or a moderator deleted: its API URL answers 410 Gone with code `deleted`.

    A NotFound, so callers that only tell "not here" (pages) keep answering 404.
    """

    def __init__(self) -> None:
        super().__init__("This theory was deleted.")
        self.code = "deleted"
        self.status = 410


def series_get(*, slug: str) -> Series:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise NotFound(f"No series {slug!r}.")
    return series


def theory_list(*, user: User | None, series: Series | None = None, include_hidden: bool = False) -> QuerySet[Theory]:
    """Visible theories with author, tags, chapters, the active ruling, the caller's vote (`my_vote`) and
    reading progress in the theory's series (`reader_progress`), in a fixed number of queries. Theories
    hidden by moderation are left out unless `include_hidden`."""
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
        from accounts.models import ReadingProgress

        my_vote = Vote.objects.filter(theory=OuterRef("pk"), user=user).values("value")[:1]
        # The reader's saved progress in the theory's series, for spoiler gating without a query of its own.
        progress = ReadingProgress.objects.filter(user=user, series=OuterRef("series_id")).values("chapter")[:1]
        queryset = queryset.annotate(
            my_vote=Subquery(my_vote, output_field=IntegerField()),
            reader_progress=Subquery(progress, output_field=IntegerField()),
        )
    else:
        queryset = queryset.annotate(
            my_vote=Value(None, output_field=IntegerField()),
            reader_progress=Value(None, output_field=IntegerField()),
        )
    return queryset


def theory_filter(
    queryset: QuerySet[Theory],
    *,
    tags: Sequence[str] = (),
    author: str | None = None,
    chapter: int | None = None,
    status: str | None = None,
) -> QuerySet[Theory]:
    """Narrow a theory list: carrying ALL of `tags` (slugs), by `author` (username, any case), citing
    `chapter` (its number), with `status`. Each is one condition on the theory row (semi-joins, no
    joins that repeat rows), so paging and the query count do not change."""
    slugs = sorted(set(tags))
    if slugs:
        # One semi-join: theories with as many of the wanted slugs as were asked for.
        carrying_all = (
            Theory.tags.through.objects.filter(tag__slug__in=slugs)
            .values("theory_id")
            .annotate(matched=Count("tag__slug", distinct=True))
            .filter(matched=len(slugs))
            .values("theory_id")
        )
        queryset = queryset.filter(pk__in=carrying_all)
    if author:
        queryset = queryset.filter(author__username__iexact=author)
    if chapter is not None:
        citing = Theory.chapters.through.objects.filter(theory_id=OuterRef("pk"), chapter__number=chapter)
        queryset = queryset.filter(Exists(citing))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def theory_feed(
    *,
    user: User | None,
    series: Series | None = None,
    sort: str = "hot",
    window: str = "all",
    as_of: datetime | None = None,
    q: str | SearchQuery | None = None,
    tags: Sequence[str] = (),
    author: str | None = None,
    chapter: int | None = None,
    status: str | None = None,
) -> QuerySet[Theory]:
    """A list for one sort and time window, ordered by feed_ordering(sort).

    `hot` and `rising` leave out theories ruled contradicted; `rising` only considers
    theories under 48 hours old and is computed at read time (ranking.rising) as of `as_of`,
    which paging keeps fixed so that a cursor's position stays meaningful.
    With `q` (a text, or a query from theory_search_query), only theories matching the search
    remain; sort `relevance`, which needs `q`, orders them by their `rank` (theories.search).
    `tags`, `author`, `chapter` and `status` narrow the list (theory_filter).
    """
    queryset = theory_filter(
        theory_list(user=user, series=series), tags=tags, author=author, chapter=chapter, status=status
    )
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


# A theory's tags as [{"slug", "name", "kind"}] in tag order, and its cited chapter numbers in order,
# each one correlated subquery of the list's own query (see theory_feed_rows).
_TAG_CHIPS_SQL = (
    "(SELECT coalesce(json_agg(json_build_object('slug', g.slug, 'name', g.name, 'kind', g.kind) "
    "ORDER BY g.kind, g.name), '[]') FROM theories_theory_tags tt JOIN theories_tag g ON g.id = tt.tag_id "
    "WHERE tt.theory_id = theories_theory.id)"
)
_CHAPTER_NUMBERS_SQL = (
    "ARRAY(SELECT c.number FROM theories_theory_chapters tc JOIN theories_chapter c ON c.id = tc.chapter_id "
    "WHERE tc.theory_id = theories_theory.id ORDER BY c.number)"
)
THEORY_ROW_FIELDS = (
    "id", "series_id", "title", "body", "body_html", "status", "is_hidden", "hidden_reason", "upvotes",
    "downvotes", "score", "comment_count", "my_vote", "reader_progress", "created_at", "updated_at", "edited_at",
)  # fmt: skip


def theory_feed_rows(queryset: QuerySet[Theory], *, sort: str) -> QuerySet[Theory]:
    """A theory_feed list (with or without `q`) as plain rows for lists, in one query whatever the page size.

    Each row holds THEORY_ROW_FIELDS, `series_slug`, `author_username`, `tag_chips`,
    `chapter_numbers`, `has_ruling` (the theory has an active ruling: theory_rulings_for) and the
    sort's cursor column. Building model instances and prefetching tags and chapters cost about
    ten times the query itself for a page of 25.
    """
    from django.contrib.postgres.fields import ArrayField
    from django.db.models import F, Field

    from moderation.models import Ruling

    position = feed_ordering(sort)[0].lstrip("-")
    return queryset.prefetch_related(None).values(
        *dict.fromkeys((*THEORY_ROW_FIELDS, position)),
        series_slug=F("series__slug"),
        author_username=F("author__username"),
        # A plain Field: psycopg already decodes `json` (JSONField would decode it again).
        tag_chips=RawSQL(_TAG_CHIPS_SQL, [], output_field=Field()),
        chapter_numbers=RawSQL(_CHAPTER_NUMBERS_SQL, [], output_field=ArrayField(IntegerField())),
        has_ruling=Exists(Ruling.objects.active().filter(theory_id=OuterRef("pk"))),
    )


def theory_rulings_for(*, rows: Iterable[Mapping]) -> dict[int, object]:
    """The active ruling, with news and moderator, of each theory_feed_rows row that has one; no query if none."""
    from moderation.models import Ruling

    ids = [row["id"] for row in rows if row["has_ruling"]]
    if not ids:
        return {}
    rulings = Ruling.objects.active().filter(theory_id__in=ids).select_related("news", "moderator")
    return {ruling.theory_id: ruling for ruling in rulings}


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


def theory_search_highlight_items(*, items: list[dict], query: SearchQuery) -> None:
    """The same for the items of an API list (theory_list_rows_data): a withheld spoiler keeps a null `highlight`."""
    search_highlight_items(items=items, query=query)


def theory_get_visible(*, user: User | None, pk: int, tell_deleted: bool = False) -> Theory:
    """A theory the caller may see; one hidden by moderation only its author sees (with `hidden_reason`).

    A deleted theory is not found; with `tell_deleted` (its API URL) it raises TheoryDeleted (410) instead.
    """
    theory = theory_list(user=user, include_hidden=True).filter(pk=pk).first()
    if theory is None:
        if tell_deleted and Theory.objects.filter(pk=pk, is_deleted=True).exists():
            raise TheoryDeleted()
        raise NotFound("No such theory.")
    if theory.is_hidden and (user is None or theory.author_id != user.pk):
        raise NotFound("No such theory.")
    return theory


def theory_get(*, user: User | None, pk: int) -> Theory:
    """A theory that is not deleted, hidden or not, shaped as theory_list does: the answer to a write by
    its author or a moderator, who may see it either way."""
    theory = theory_list(user=user, include_hidden=True).filter(pk=pk).first()
    if theory is None:
        raise NotFound("No such theory.")
    return theory


def theory_revision_list(*, theory: Theory) -> QuerySet[TheoryRevision]:
    """A theory's earlier versions with their editors; the caller orders them (newest first)."""
    return TheoryRevision.objects.filter(theory=theory).select_related("editor")


def tag_list(*, series: Series | None = None, kind: str | None = None) -> QuerySet[Tag]:
    queryset = Tag.objects.select_related("series")
    if series is not None:
        queryset = queryset.filter(series=series)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "name")


# --- series and chapters -------------------------------------------------------------------------


def series_list() -> QuerySet[Series]:
    """Every series with `chapter_count` and `latest_chapter` (0 without chapters), in one query."""
    return Series.objects.annotate(chapter_count=Count("chapters"), latest_chapter=Max("chapters__number")).order_by(
        "title"
    )


def series_get_with_counts(*, slug: str) -> Series:
    """One series as series_list shapes it; NotFound for an unknown slug."""
    series = series_list().filter(slug=slug).first()
    if series is None:
        raise NotFound(f"No series {slug!r}.")
    return series


def chapter_list(*, series: Series) -> QuerySet[Chapter]:
    """A series' chapters in order, each with `theory_count`: the visible theories citing it."""
    visible = Q(theories__is_deleted=False, theories__is_hidden=False)
    return (
        Chapter.objects.filter(series=series)
        .annotate(theory_count=Count("theories", filter=visible))
        .order_by("number")
    )


# --- spoilers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpoilerGate:
    """Which theories are spoilers for one reader, and whether their bodies are withheld.

    A theory is a spoiler when it cites a chapter past the reader's progress in its series. That
    progress is, in order: `progress[series id]`, `default` (for every series), or, with
    `saved`, the reader's saved progress, which selectors annotate on each theory as
    `reader_progress`. No progress for a series (None) means the reader chose none, and sees
    everything. With `reveal` the reader asked to see spoilers: they stay marked, but their
    bodies are shown.
    """

    progress: Mapping[int, int] = field(default_factory=dict)
    default: int | None = None
    saved: bool = False
    reveal: bool = False

    def limit(self, *, series_id: int, saved_progress: int | None) -> int | None:
        if series_id in self.progress:
            return self.progress[series_id]
        if self.default is not None:
            return self.default
        return saved_progress if self.saved else None

    def is_spoiler(self, *, series_id: int, chapter_numbers: Iterable[int], saved_progress: int | None = None) -> bool:
        limit = self.limit(series_id=series_id, saved_progress=saved_progress)
        return limit is not None and max(chapter_numbers, default=0) > limit

    def withholds(self, *, series_id: int, chapter_numbers: Iterable[int], saved_progress: int | None = None) -> bool:
        return not self.reveal and self.is_spoiler(
            series_id=series_id, chapter_numbers=chapter_numbers, saved_progress=saved_progress
        )


# Live events go to everyone on a page, whatever they have read: as if nobody had read a chapter.
LIVE_SPOILER_GATE = SpoilerGate(default=0)


def spoiler_gate(
    *, user: User | None, series: Series | None = None, progress: int | None = None, reveal: bool = False
) -> SpoilerGate:
    """The spoiler gate of one API read.

    `progress` (the query parameter) wins: for `series` when given (checked against its last
    chapter: one query), else for every series. Without it, a signed-in reader's saved progress
    applies (annotated by theory_list, so no query here). A visitor without `progress` sees everything.
    """
    from accounts.selectors import reader_progress

    if progress is not None:
        if series is not None:
            chapter = reader_progress(user=user, series=series, param=progress)
            return SpoilerGate(progress={series.pk: chapter} if chapter is not None else {}, reveal=reveal)
        return SpoilerGate(default=progress, reveal=reveal)
    return SpoilerGate(saved=user is not None and user.is_authenticated, reveal=reveal)


# --- comments ------------------------------------------------------------------------------------

# Orderings of a theory's top-level comments, and of the replies to each comment, per sort.
COMMENT_SORT_ORDERINGS = {
    "best": ("-confidence", "-id"),
    "new": ("-created_at", "-id"),
    "old": ("created_at", "id"),
}
COMMENT_SORTS = tuple(COMMENT_SORT_ORDERINGS)
_COMMENT_SORT_SQL = {
    "best": "c.confidence DESC, c.id DESC",
    "new": "c.created_at DESC, c.id DESC",
    "old": "c.created_at, c.id",
}
# Replies this deep (a top-level comment is depth 0) are still listed, marked `continue_thread`:
# pages stop indenting there and link to the rest of the thread.
MAX_DISPLAY_DEPTH = 6

# The comments of a theory that a thread shows: those the viewer may read (not deleted; not hidden
# by moderation, unless the viewer wrote them), and every comment above one of them, which the
# thread shows as a placeholder ("[deleted]", "[hidden]") to keep the replies in place.
_SHOWN_SQL = """
WITH RECURSIVE shown AS (
    SELECT live.id, live.parent_id FROM theories_comment live
    WHERE live.theory_id = %s AND NOT live.is_deleted AND (NOT live.is_hidden OR live.author_id = %s)
    UNION
    SELECT c.id, c.parent_id FROM theories_comment c JOIN shown s ON c.id = s.parent_id
)
"""
# The page's top-level comments and everything shown below them, depth-first, siblings in the sort's order.
_THREAD_SQL = (
    _SHOWN_SQL
    + """,
ranked AS (
    SELECT c.id, c.parent_id, row_number() OVER (PARTITION BY c.parent_id ORDER BY {order}) AS position
    FROM theories_comment c JOIN shown s ON s.id = c.id
),
tree AS (
    SELECT r.id, 0 AS depth, ARRAY[r.position] AS path FROM ranked r WHERE r.id = ANY(%s)
    UNION ALL
    SELECT r.id, t.depth + 1, t.path || r.position FROM ranked r JOIN tree t ON r.parent_id = t.id
)
SELECT id, depth FROM tree ORDER BY path
"""
)
# A comment's depth: how many comments stand above it.
_DEPTH_SQL = """
WITH RECURSIVE up AS (
    SELECT own.parent_id, 0 AS depth FROM theories_comment own WHERE own.id = theories_comment.id
    UNION ALL
    SELECT c.parent_id, up.depth + 1 FROM theories_comment c JOIN up ON c.id = up.parent_id
)
SELECT max(depth) FROM up
"""


def _viewer_id(user: User | None) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def _comments(*, user: User | None) -> QuerySet[Comment]:
    """Comments with their authors and the caller's vote (`my_vote`)."""
    from voting.models import CommentVote

    queryset = Comment.objects.select_related("author")
    viewer_id = _viewer_id(user)
    if viewer_id is None:
        return queryset.annotate(my_vote=Value(None, output_field=IntegerField()))
    my_vote = CommentVote.objects.filter(comment=OuterRef("pk"), user_id=viewer_id).values("value")[:1]
    return queryset.annotate(my_vote=Subquery(my_vote, output_field=IntegerField()))


def theory_get_for_comments(*, user: User | None, pk: int) -> Theory:
    """A theory whose comments the caller may read or add to: not deleted, and not hidden from the caller."""
    theory = Theory.objects.only("id", "author_id", "series_id", "is_hidden", "is_deleted").filter(
        pk=pk, is_deleted=False
    )
    found = theory.first()
    if found is None or (found.is_hidden and found.author_id != _viewer_id(user)):
        raise NotFound("No such theory.")
    return found


def comment_thread_roots(*, theory: Theory, user: User | None, sort: str = "best") -> QuerySet[Comment]:
    """The top-level comments a thread shows (see _SHOWN_SQL), ordered by COMMENT_SORT_ORDERINGS[sort].

    Callers page these and expand each page with comment_thread.
    """
    params = (theory.pk, _viewer_id(user))
    shown_roots = RawSQL(_SHOWN_SQL + "SELECT id FROM shown WHERE parent_id IS NULL", params)
    return (
        Comment.objects.filter(theory=theory, parent__isnull=True, pk__in=shown_roots)
        .only("id", "confidence", "created_at")
        .order_by(*COMMENT_SORT_ORDERINGS[sort])
    )


def comment_thread(*, theory: Theory, roots: Sequence[Comment], user: User | None, sort: str = "best") -> list[Comment]:
    """A flat page of a thread: each root, then the comments shown below it, depth-first.

    Siblings follow the sort; each comment carries `depth` (0 for a root) and `my_vote`. Two
    queries whatever the page size: the tree (a recursive CTE) and the comments.
    """
    if not roots:
        return []
    sql = _THREAD_SQL.format(order=_COMMENT_SORT_SQL[sort])
    with connection.cursor() as cursor:
        cursor.execute(sql, [theory.pk, _viewer_id(user), [root.pk for root in roots]])
        rows = cursor.fetchall()
    comments = _comments(user=user).in_bulk([comment_id for comment_id, _ in rows])
    thread = []
    for comment_id, depth in rows:
        comment = comments[comment_id]
        comment.depth = depth
        thread.append(comment)
    return thread


def comment_get(*, user: User | None, pk: int) -> Comment:
    """One comment the caller may read, with its `depth` and `my_vote`. Deleted ones and those on a
    deleted theory are not found; hidden ones (or on a hidden theory) only their authors and moderators find."""
    comment = (
        _comments(user=user)
        .filter(pk=pk, is_deleted=False, theory__is_deleted=False)
        .annotate(depth=RawSQL(_DEPTH_SQL, [], output_field=IntegerField()))
        .select_related("theory")
        .first()
    )
    if comment is None:
        raise NotFound("No such comment.")
    if (comment.is_hidden or comment.theory.is_hidden) and comment.author_id != _viewer_id(user):
        if _viewer_id(user) is None or not user.is_moderator:  # type: ignore[union-attr]
            raise NotFound("No such comment.")
    return comment


def comment_get_parent(*, pk: int) -> Comment:
    """The comment a reply answers; comment_create checks it belongs to the same theory."""
    comment = Comment.objects.filter(pk=pk).only("id", "theory_id", "is_deleted").first()
    if comment is None:
        message = "No such comment to reply to."
        raise ApplicationError(code="invalid", message=message, fields={"parent": [message]})
    return comment
