from __future__ import annotations

from celery import shared_task

from voting import services


@shared_task(acks_late=True, time_limit=30, soft_time_limit=20, max_retries=3, ignore_result=True)
def publish_pending_vote_counts() -> int:
    """The trailing vote.updated of a coalescing window, for every theory waiting for one (voting.services)."""
    return services.vote_counts_publish_pending()
