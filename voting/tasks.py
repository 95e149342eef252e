from __future__ import annotations

from celery import shared_task

from voting import services


@shared_task(acks_late=True, time_limit=30, soft_time_limit=20, max_retries=3, ignore_result=True)
def publish_vote_counts(theory_id: int) -> None:
    """The trailing vote.updated of a coalescing window (see voting.services._publish_vote)."""
    services.vote_counts_publish(theory_id=theory_id)
