"""Every write of notifications: follows, notifications and their read state; the fan-outs.

A notification is unique per (user, kind, target, event_key), so every fan-out can run again
(a retried Celery task, a re-delivered message) without adding anything twice. New
notifications are pushed to their users' live channel after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError
from notifications.models import Follow, Notification
from theories.models import Comment, Tag, Theory

logger = logging.getLogger(__name__)

Kind = Notification.Kind
# Fan-outs insert and look up recipients in chunks of this many users.
CHUNK = 1000
MAX_TEXT = 500


def user_group(user_id: int) -> str:
    """The Channels group of one user's live notifications."""
    return f"notifications.user-{user_id}"


def _shorten(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- follows -------------------------------------------------------------------------------------


def _follow_target(*, theory: Theory | None, tag: Tag | None) -> dict[str, Any]:
    if (theory is None) == (tag is None):
        raise ApplicationError(code="invalid", message="Follow either a theory or a tag.")
    return {"theory": theory} if theory is not None else {"tag": tag}


@transaction.atomic
def follow_create(*, user: User, theory: Theory | None = None, tag: Tag | None = None) -> tuple[Follow, bool]:
    """Follow a theory (to hear of its rulings) or a tag (to hear of new theories in it); idempotent."""
    target = _follow_target(theory=theory, tag=tag)
    existing = Follow.objects.filter(user=user, **target).first()
    if existing is not None:
        return existing, False
    follow = Follow(user=user, **target)
    follow.full_clean(exclude=["user", "theory", "tag"], validate_constraints=False)
    follow.save()
    return follow, True


@transaction.atomic
def follow_delete(*, user: User, theory: Theory | None = None, tag: Tag | None = None) -> bool:
    """Stop following a theory or a tag; returns whether there was a follow to remove."""
    target = _follow_target(theory=theory, tag=tag)
    deleted, _ = Follow.objects.filter(user=user, **target).delete()
    return deleted > 0


# --- read state ----------------------------------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user: User, ids: Sequence[int] = (), all_unread: bool = False) -> int:
    """Mark the user's notifications read (the given ids, or every unread one); returns how many changed."""
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if not all_unread:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())


# --- creating and pushing ------------------------------------------------------------------------


def _notify_many(
    *,
    user_ids: Iterable[int],
    kind: str,
    target_type: str,
    target_id: int,
    event_key: str,
    text: str,
    actor_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> list[int]:
    """Insert one notification per user that does not have it yet; push the new ones after commit.

    Returns the ids of the notifications created now (a re-run returns none).
    """
    recipients = sorted(set(user_ids))
    same_event = Notification.objects.filter(
        kind=kind, target_type=target_type, target_id=target_id, event_key=event_key
    )
    created_ids: list[int] = []
    for start in range(0, len(recipients), CHUNK):
        chunk = recipients[start : start + CHUNK]
        have = set(same_event.filter(user_id__in=chunk).values_list("user_id", flat=True))
        missing = [user_id for user_id in chunk if user_id not in have]
        if not missing:
            continue
        rows = [
            Notification(
                user_id=user_id,
                kind=kind,
                actor_id=actor_id,
                target_type=target_type,
                target_id=target_id,
                event_key=event_key,
                text=_shorten(text),
                payload=payload or {},
            )
            for user_id in missing
        ]
        # A concurrent run may insert the same rows; the unique constraint settles it.
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        created_ids += list(same_event.filter(user_id__in=missing).values_list("pk", flat=True))
    if created_ids:
        transaction.on_commit(lambda: notifications_publish(ids=created_ids), robust=True)
    return created_ids


def notifications_publish(*, ids: Sequence[int]) -> None:
    """Push `notification.created` to each recipient's live channel (best effort: Redis may be down)."""
    from notifications.api import NotificationOutputSerializer
    from theories.events import publish

    for notification in Notification.objects.filter(pk__in=list(ids)).select_related("actor").order_by("pk"):
        data = NotificationOutputSerializer(notification).data
        publish(groups=[user_group(notification.user_id)], event={"type": "notification.created", "notification": data})


def _theory_payload(theory: Theory) -> dict[str, Any]:
    return {"theory": theory.pk, "title": theory.title, "url": f"/theories/{theory.pk}/"}


@transaction.atomic
def notify_ruling(*, ruling_id: int) -> int:
    """Tell a ruled theory's author, and everyone who upvoted or follows it, about the ruling.

    Nothing is sent for a ruling revoked before this ran. Returns how many notifications were new.
    """
    from moderation.models import Ruling
    from voting.models import Vote

    ruling = (
        Ruling.objects.select_related("theory", "news", "moderator")
        .filter(pk=ruling_id, revoked_at__isnull=True)
        .first()
    )
    if ruling is None:
        return 0
    theory = ruling.theory
    verdict = ruling.get_verdict_display().lower()
    payload = {
        **_theory_payload(theory),
        "ruling": ruling.pk,
        "verdict": ruling.verdict,
        "news": {"id": ruling.news_id, "title": ruling.news.title, "url": ruling.news.url},
    }
    common = {
        "target_type": "theory",
        "target_id": theory.pk,
        "event_key": f"ruling-{ruling.pk}",
        "actor_id": ruling.moderator_id,
        "payload": payload,
    }
    skip = {theory.author_id, ruling.moderator_id}
    created = []
    if theory.author_id != ruling.moderator_id:
        created += _notify_many(
            user_ids=[theory.author_id],
            kind=Kind.RULING_ON_OWN_THEORY,
            text=f"Your theory “{theory.title}” was ruled {verdict} by official news: {ruling.news.title}.",
            **common,
        )
    upvoters = Vote.objects.filter(theory=theory, value=1).values_list("user_id", flat=True)
    followers = Follow.objects.filter(theory=theory).values_list("user_id", flat=True)
    audience = (set(upvoters) | set(followers)) - skip
    created += _notify_many(
        user_ids=audience,
        kind=Kind.RULING_ON_FOLLOWED_THEORY,
        text=f"“{theory.title}”, a theory you upvoted or follow, was ruled {verdict} by official news: "
        f"{ruling.news.title}.",
        **common,
    )
    return len(created)


@transaction.atomic
def notify_new_theory(*, theory_id: int) -> int:
    """Tell the followers of a new theory's tags about it (once each, whatever number of its tags they follow)."""
    theory = Theory.objects.select_related("author").filter(pk=theory_id, is_deleted=False, is_hidden=False).first()
    if theory is None:
        return 0
    followers = set(
        Follow.objects.filter(tag__theories=theory).exclude(user_id=theory.author_id).values_list("user_id", flat=True)
    )
    return len(
        _notify_many(
            user_ids=followers,
            kind=Kind.NEW_THEORY_IN_FOLLOWED_TAG,
            target_type="theory",
            target_id=theory.pk,
            event_key=f"theory-{theory.pk}",
            actor_id=theory.author_id,
            text=f"New theory by {theory.author.username} in a tag you follow: “{theory.title}”.",
            payload=_theory_payload(theory),
        )
    )


@transaction.atomic
def notify_comment(*, comment_id: int) -> int:
    """Tell the parent comment's author about a reply, the theory's author and its followers about a comment.

    Each person hears once, about the most personal reason (reply, then own theory, then
    following); nobody hears about their own comment.
    """
    comment = Comment.objects.select_related("author", "theory", "parent").filter(pk=comment_id).first()
    if comment is None or comment.is_deleted or comment.is_hidden:
        return 0
    theory = comment.theory
    common = {
        "target_type": "comment",
        "target_id": comment.pk,
        "event_key": f"comment-{comment.pk}",
        "actor_id": comment.author_id,
        "payload": {**_theory_payload(theory), "comment": comment.pk, "url": f"/theories/{theory.pk}/#c{comment.pk}"},
    }
    created = []
    told: set[int] = {comment.author_id}
    if comment.parent is not None and comment.parent.author_id not in told:
        created += _notify_many(
            user_ids=[comment.parent.author_id],
            kind=Kind.REPLY_TO_OWN_COMMENT,
            text=f"{comment.author.username} replied to your comment on “{theory.title}”.",
            **common,
        )
        told.add(comment.parent.author_id)
    if theory.author_id not in told:
        created += _notify_many(
            user_ids=[theory.author_id],
            kind=Kind.COMMENT_ON_OWN_THEORY,
            text=f"{comment.author.username} commented on your theory “{theory.title}”.",
            **common,
        )
        told.add(theory.author_id)
    followers = Follow.objects.filter(theory=theory).exclude(user_id__in=told).values_list("user_id", flat=True)
    created += _notify_many(
        user_ids=list(followers),
        kind=Kind.COMMENT_ON_FOLLOWED_THEORY,
        text=f"{comment.author.username} commented on “{theory.title}”, which you follow.",
        **common,
    )
    return len(created)


@transaction.atomic
def notify_content_hidden(
    *, target_type: str, target: Theory | Comment, reason: str, actor: User | None, audit_id: int
) -> int:
    """Tell an author that moderation hid their theory or comment, and why (in the caller's transaction)."""
    if isinstance(target, Theory):
        what, theory_id = f"Your theory “{target.title}”", target.pk
    else:
        what, theory_id = "Your comment", target.theory_id
    return len(
        _notify_many(
            user_ids=[target.author_id],
            kind=Kind.CONTENT_HIDDEN,
            target_type=target_type,
            target_id=target.pk,
            event_key=f"audit-{audit_id}",
            actor_id=actor.pk if actor else None,
            text=f"{what} was hidden by moderation: {reason}",
            payload={"theory": theory_id, "reason": reason, "url": f"/theories/{theory_id}/"},
        )
    )
