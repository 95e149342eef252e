"""Read queries for notifications and follows: always the caller's own."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from core.exceptions import NotFound
from notifications.models import Follow, Notification
from theories.models import Tag, Theory


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    queryset = Notification.objects.filter(user=user).select_related("actor")
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def follow_list(*, user: User) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user).select_related("theory", "tag", "tag__series")


def follow_target_theory(*, pk: int, hidden_too: bool = False) -> Theory:
    """A theory that can be followed: visible to everyone (or, to unfollow it, hidden since)."""
    queryset = Theory.objects.filter(pk=pk, is_deleted=False)
    theory = (queryset if hidden_too else queryset.filter(is_hidden=False)).first()
    if theory is None:
        raise NotFound("No such theory.")
    return theory


def follow_target_tag(*, pk: int | None = None, series: str | None = None, slug: str | None = None) -> Tag:
    """A tag by id, or by its series' slug and its own slug."""
    queryset = Tag.objects.select_related("series")
    tag = queryset.filter(pk=pk).first() if pk is not None else queryset.filter(series__slug=series, slug=slug).first()
    if tag is None:
        raise NotFound("No such tag.")
    return tag
