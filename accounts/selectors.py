"""Read queries for accounts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum

from accounts.models import User
from core.exceptions import NotFound


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
