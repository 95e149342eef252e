from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class Vote(TimeStampedModel):
    """One user's vote on one theory: +1 or -1. Counters on the theory mirror these rows."""

    # No single-column indexes: voting_vote_one_per_user_theory leads with the user and
    # voting_vote_theory_time_idx with the theory, and every new vote would write to two more.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes", db_index=False)
    theory = models.ForeignKey("theories.Theory", on_delete=models.CASCADE, related_name="votes", db_index=False)
    value = models.SmallIntegerField()
    # The raw data for brigading checks: was the voter's account under 24 hours old?
    voter_account_new = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "theory"], name="voting_vote_one_per_user_theory"),
            models.CheckConstraint(condition=Q(value__in=[-1, 1]), name="voting_vote_value_plus_or_minus_one"),
        ]
        indexes = [
            # Counter checks and trends aggregate a theory's votes, newest first.
            models.Index(fields=["theory", "-created_at"], name="voting_vote_theory_time_idx"),
        ]


class CommentVote(TimeStampedModel):
    """One user's vote on one comment: +1 or -1. Counters on the comment mirror these rows."""

    # Looked up by user through voting_commentvote_one_per_user_comment, which leads with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_votes", db_index=False
    )
    comment = models.ForeignKey("theories.Comment", on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            # Also the index behind the caller's `my_vote` on a comment page (theories.selectors).
            models.UniqueConstraint(fields=["user", "comment"], name="voting_commentvote_one_per_user_comment"),
            models.CheckConstraint(condition=Q(value__in=[-1, 1]), name="voting_commentvote_value_plus_or_minus_one"),
        ]
