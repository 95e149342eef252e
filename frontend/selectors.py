"""Read queries shaped for the pages (the apps' own selectors cover everything else)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import BooleanField, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import MODERATORS_GROUP, User
from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension
from moderation.selectors import QueueItem, active_suspension, flag_queue, news_list, queue_items
from notifications.selectors import follow_list, notification_list
from theories import selectors as theory_selectors
from theories.models import Comment, Series, Tag, Theory, TheoryRevision


def series_list() -> QuerySet[Series]:
    """Every series with its number of visible theories, for the series index."""
    return Series.objects.annotate(
        theory_count=Count("theories", filter=Q(theories__is_deleted=False, theories__is_hidden=False))
    ).order_by("title")


def series_for_reader(*, slug: str, user: User) -> Series | None:
    """A series with `latest_chapter` and the reader's `saved_progress` (None for visitors), in one query."""
    from accounts.models import ReadingProgress

    queryset = theory_selectors.series_list().filter(slug=slug)
    if user.is_authenticated:
        saved = ReadingProgress.objects.filter(user=user, series=OuterRef("pk")).values("chapter")[:1]
        return queryset.annotate(saved_progress=Subquery(saved, output_field=IntegerField())).first()
    return queryset.annotate(saved_progress=Value(None, output_field=IntegerField())).first()


def tag_find(*, series: Series, slug: str) -> Tag | None:
    return Tag.objects.filter(series=series, slug=slug).first()


@dataclass
class CommentNode:
    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)
    # Replies below the deepest level a page shows, reached through "Continue this thread".
    hidden_replies: int = 0


# Top-level comments one page of a thread shows; the rest are behind "More comments".
COMMENT_PAGE_SIZE = 100


def comment_tree(
    *, theory: Theory, user: User | None, sort: str = "best", root: Comment | None = None, offset: int = 0
) -> tuple[list[CommentNode], bool]:
    """A theory's thread (or the sub-thread under `root`) as a tree for the page, and whether more roots follow.

    The API's selectors choose and order the comments (theories.selectors.comment_thread_roots and
    comment_thread: deleted and hidden ones stay as placeholders only while replies below them are
    shown). Levels from MAX_DISPLAY_DEPTH down are not drawn; their ancestor counts them for a
    "Continue this thread" link. Three queries whatever the thread's size.
    """
    if root is not None:
        roots, more = [root], False
    else:
        window = list(
            theory_selectors.comment_thread_roots(theory=theory, user=user, sort=sort)[
                offset : offset + COMMENT_PAGE_SIZE + 1
            ]
        )
        roots, more = window[:COMMENT_PAGE_SIZE], len(window) > COMMENT_PAGE_SIZE
    flat = theory_selectors.comment_thread(theory=theory, roots=roots, user=user, sort=sort)
    return _tree(flat), more


def _tree(comments: list[Comment]) -> list[CommentNode]:
    """Nest a depth-first list of comments carrying `depth`, stopping at MAX_DISPLAY_DEPTH."""
    limit = theory_selectors.MAX_DISPLAY_DEPTH
    roots: list[CommentNode] = []
    stack: list[CommentNode] = []
    for comment in comments:
        depth = comment.depth  # type: ignore[attr-defined]
        if depth >= limit:
            stack[limit - 1].hidden_replies += 1
            continue
        del stack[depth:]
        node = CommentNode(comment=comment)
        (stack[-1].replies if stack else roots).append(node)
        stack.append(node)
    return roots


def tag_get(*, series: Series, slug: str, user: User) -> Tag | None:
    """One tag of a series with its number of visible theories and `is_followed` by the reader."""
    return (
        tag_list_for(user=user, series=series)
        .filter(slug=slug)
        .annotate(
            theory_count=Count(
                "theories", filter=Q(theories__is_deleted=False, theories__is_hidden=False), distinct=True
            )
        )
        .first()
    )


def tag_options(*, series: Series, text: str, chosen: list[str]) -> list[Tag]:
    """The tags of a series whose name or an alias contains `text` (any case), and the chosen ones, for the picker."""
    tags = theory_selectors.tag_list(series=series)
    text = text.strip()
    if text:
        alias_match = Q(
            pk__in=RawSQL(
                "SELECT t.id FROM theories_tag t, unnest(t.aliases) alias WHERE t.series_id = %s AND alias ILIKE %s",
                [series.pk, f"%{_like_escape(text)}%"],
            )
        )
        tags = tags.filter(Q(name__icontains=text) | alias_match | Q(slug__in=chosen))
    return list(tags)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def theory_revisions(*, theory: Theory) -> list[TheoryRevision]:
    """A theory's earlier versions, newest first, for its history page."""
    return list(theory_selectors.theory_revision_list(theory=theory).order_by("-created_at", "-id"))


def theory_deleted_exists(*, pk: int) -> bool:
    return Theory.objects.filter(pk=pk, is_deleted=True).exists()


# --- the signed-in reader, for the base layout -----------------------------------------------------


@dataclass(frozen=True)
class ViewerState:
    """What the header needs about the reader: role, unread notifications, a suspension in force."""

    is_moderator: bool = False
    unread_count: int = 0
    suspension: Suspension | None = None


ANONYMOUS_VIEWER = ViewerState()


def viewer_state(*, user: User) -> ViewerState:
    """The header's state of a signed-in user in one query (two while they are suspended).

    The unread count is the notifications selector's own queryset, counted in a subquery; the
    suspension test mirrors moderation.selectors.active_suspension, which loads the details
    only for the rare reader who has one.
    """
    now = timezone.now()
    unread = (
        notification_list(user=user, unread_only=True)
        .order_by()
        .values("user_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), 0),
            in_moderators=Exists(Group.objects.filter(user=OuterRef("pk"), name=MODERATORS_GROUP)),
            suspended=Exists(
                Suspension.objects.filter(
                    user=OuterRef("pk"), lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now
                )
            ),
        )
        .values("unread_count", "in_moderators", "suspended")
        .first()
    )
    if row is None:
        return ANONYMOUS_VIEWER
    return ViewerState(
        is_moderator=row["in_moderators"],
        unread_count=row["unread_count"],
        suspension=active_suspension(user=user) if row["suspended"] else None,
    )


# --- follows ---------------------------------------------------------------------------------------


def theory_is_followed(*, user: User, theory: Theory) -> bool:
    return follow_list(user=user).filter(theory=theory).exists()


def tag_list_for(*, user: User, series: Series) -> QuerySet[Tag]:
    """The series' tags, each with `is_followed` by the reader (false for visitors), in one query."""
    tags = theory_selectors.tag_list(series=series)
    if not user.is_authenticated:
        return tags.annotate(is_followed=Value(False, output_field=BooleanField()))
    return tags.annotate(is_followed=Exists(follow_list(user=user).filter(tag=OuterRef("pk"))))


# --- official news ---------------------------------------------------------------------------------


def news_page_list(*, series: Series | None) -> QuerySet[OfficialNews]:
    """Official news for the news list, with how many theories each one currently rules."""
    return news_list(series=series).annotate(
        ruled_count=Count("rulings", filter=Q(rulings__revoked_at__isnull=True), distinct=True)
    )


def news_rulings(*, news: OfficialNews) -> list[Ruling]:
    """The active rulings citing a news item, with their visible theories, latest first."""
    return list(
        Ruling.objects.active()
        .filter(news=news, theory__is_deleted=False, theory__is_hidden=False)
        .select_related("theory", "theory__author", "moderator")
        .order_by("-created_at", "-id")
    )


def news_choices(*, series: Series) -> list[OfficialNews]:
    """A series' news for the ruling form's select, latest published first."""
    return list(news_list(series=series).prefetch_related(None).order_by("-published_at", "-id")[:100])


# --- the moderation queue and the audit log --------------------------------------------------------


def queue_page(*, offset: int, size: int) -> tuple[list[QueueItem], bool]:
    """One page of the moderation queue in the selector's order, each item with its open flags.

    Returns the items and whether more follow. Three queries: the queue rows, their items, their flags.
    """
    rows = list(flag_queue()[offset : offset + size + 1])
    items = queue_items(rows=rows[:size])
    if items:
        wanted = Q()
        for item in items:
            wanted |= Q(target_type=item.target_type, target_id=item.target_id)
        flags: dict[tuple[str, int], list[Flag]] = {}
        for flag in Flag.objects.filter(wanted, resolved_at__isnull=True).select_related("reporter").order_by("id"):
            flags.setdefault((flag.target_type, flag.target_id), []).append(flag)
        for item in items:
            item.flags = flags.get((item.target_type, item.target_id), [])  # type: ignore[attr-defined]
    return items, len(rows) > size


@dataclass(frozen=True)
class TargetLink:
    label: str
    url: str | None


def audit_target_links(*, entries: list[AuditEntry]) -> dict[tuple[str, int], TargetLink]:
    """A label and page link for the item of each audit entry, in at most four queries (one per kind)."""
    ids: dict[str, set[int]] = {}
    for entry in entries:
        ids.setdefault(entry.target_type, set()).add(entry.target_id)
    links: dict[tuple[str, int], TargetLink] = {}
    if ids.get("theory"):
        for pk, title in Theory.objects.filter(pk__in=ids["theory"]).values_list("pk", "title"):
            links["theory", pk] = TargetLink(label=title, url=reverse("theory-detail", args=[pk]))
    if ids.get("comment"):
        for pk, theory_id in Comment.objects.filter(pk__in=ids["comment"]).values_list("pk", "theory_id"):
            url = f"{reverse('theory-detail', args=[theory_id])}#comment-{pk}"
            links["comment", pk] = TargetLink(label=f"Comment {pk}", url=url)
    if ids.get("user"):
        for pk, username in User.objects.filter(pk__in=ids["user"]).values_list("pk", "username"):
            links["user", pk] = TargetLink(label=username, url=reverse("profile", args=[username]))
    if ids.get("official_news"):
        for pk, title in OfficialNews.objects.filter(pk__in=ids["official_news"]).values_list("pk", "title"):
            links["official_news", pk] = TargetLink(label=title, url=reverse("news-detail", args=[pk]))
    return links
