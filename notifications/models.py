"""Follows and notifications. Rows are written only by notifications.services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Follow(models.Model):
    """A user following a theory (its rulings) or a tag (new theories in it)."""

    class TargetType(models.TextChoices):
        THEORY = "theory", "Theory"
        TAG = "tag", "Tag"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    theory = models.ForeignKey(
        "theories.Theory", on_delete=models.CASCADE, related_name="follows", null=True, blank=True
    )
    tag = models.ForeignKey("theories.Tag", on_delete=models.CASCADE, related_name="follows", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(theory__isnull=False, tag__isnull=True) | Q(theory__isnull=True, tag__isnull=False),
                name="notifications_follow_one_target",
            ),
            # Also the indexes of the fan-outs: followers of a theory, followers of a tag.
            models.UniqueConstraint(
                fields=["theory", "user"], condition=Q(theory__isnull=False), name="notifications_follow_theory_once"
            ),
            models.UniqueConstraint(
                fields=["tag", "user"], condition=Q(tag__isnull=False), name="notifications_follow_tag_once"
            ),
        ]
        indexes = [
            # A user's own follows (GET /follows/), newest first.
            models.Index(fields=["user", "-id"], name="notifications_follow_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.target_type} {self.theory_id or self.tag_id}"

    @property
    def target_type(self) -> str:
        return self.TargetType.THEORY if self.theory_id else self.TargetType.TAG


class Notification(models.Model):
    """Something that happened that one user should hear about."""

    class Kind(models.TextChoices):
        RULING_ON_OWN_THEORY = "ruling_on_own_theory", "Your theory was ruled"
        RULING_ON_FOLLOWED_THEORY = "ruling_on_followed_theory", "A theory you upvoted or follow was ruled"
        NEW_THEORY_IN_FOLLOWED_TAG = "new_theory_in_followed_tag", "A new theory in a tag you follow"
        CONTENT_HIDDEN = "content_hidden", "Your content was hidden"
        COMMENT_ON_OWN_THEORY = "comment_on_own_theory", "A comment on your theory"
        REPLY_TO_OWN_COMMENT = "reply_to_own_comment", "A reply to your comment"
        COMMENT_ON_FOLLOWED_THEORY = "comment_on_followed_theory", "A comment on a theory you follow"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    target_type = models.CharField(max_length=16)
    target_id = models.BigIntegerField()
    # What caused it (e.g. "ruling-12", "theory-40", "comment-7", "audit-3"): with the user, kind and
    # target it makes a notification unique, so a re-run fan-out adds nothing twice.
    event_key = models.CharField(max_length=64)
    text = models.CharField(max_length=500)
    payload = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "target_type", "target_id", "event_key"],
                name="notifications_notification_once_per_event",
            ),
        ]
        indexes = [
            # A user's notifications, newest first (GET /notifications/, cursor on -id).
            models.Index(fields=["user", "-id"], name="notifications_list_idx"),
            # The unread count and "mark all read" (read_at IS NULL per user).
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notifications_unread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
