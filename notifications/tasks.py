"""Notification fan-outs. Each takes an id, re-reads, and calls one idempotent service, so a retry is harmless."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from notifications import services

_TASK_OPTIONS = {
    "acks_late": True,
    "time_limit": 300,
    "soft_time_limit": 240,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "max_retries": 5,
    "ignore_result": True,
}


@shared_task(**_TASK_OPTIONS)
def fan_out_ruling(ruling_id: int) -> int:
    """Notify a ruled theory's author, upvoters and followers (enqueued by moderation's ruling services)."""
    return services.notify_ruling(ruling_id=ruling_id)


@shared_task(**_TASK_OPTIONS)
def fan_out_new_theory(theory_id: int) -> int:
    """Notify the followers of a new theory's tags (to be enqueued after theory_create commits)."""
    return services.notify_new_theory(theory_id=theory_id)


@shared_task(**_TASK_OPTIONS)
def fan_out_comment(comment_id: int) -> int:
    """Notify the theory's author and the parent comment's author of a new comment."""
    return services.notify_comment(comment_id=comment_id)
