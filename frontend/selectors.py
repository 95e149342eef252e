"""Read queries shaped for the pages (the apps' own selectors cover everything else)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import BooleanField, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import MODERATORS_GROUP, User
from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension
from moderation.selectors import QueueItem, active_suspension, flag_queue, news_list, queue_items
from notifications.selectors import follow_list, notification_list
from theories import selectors as theory_selectors
from theories.models import Comment, Series, Tag, Theory


def series_list() -> QuerySet[Series]:
    """Every series with its number of visible theories, for the series index."""
    return Series.objects.annotate(
        theory_count=Count("theories", filter=Q(theories__is_deleted=False, theories__is_hidden=False))
    ).order_by("title")


def tag_find(*, series: Series, slug: str) -> Tag | None:
    return Tag.objects.filter(series=series, slug=slug).first()


@dataclass
class CommentNode:
    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)


def comment_tree(*, theory: Theory) -> list[CommentNode]:
    """The comment thread of a theory as a tree, oldest first at every level, in one query.

    A deleted or hidden comment stays in the tree as a placeholder while it has visible replies,
    so the conversation under it keeps its shape; such a leaf disappears.
    """
    comments = list(Comment.objects.filter(theory=theory).select_related("author").order_by("created_at", "id"))
    nodes = {comment.pk: CommentNode(comment=comment) for comment in comments}
    roots: list[CommentNode] = []
    for comment in comments:
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        (parent.replies if parent else roots).append(node)
    return _prune(roots)


def _prune(nodes: list[CommentNode]) -> list[CommentNode]:
    kept = []
    for node in nodes:
        node.replies = _prune(node.replies)
        if node.replies or not (node.comment.is_deleted or node.comment.is_hidden):
            kept.append(node)
    return kept


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
