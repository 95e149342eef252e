"""Read queries shaped for the pages (the apps' own selectors cover everything else)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

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
