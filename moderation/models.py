"""Official news, rulings, flags, suspensions and the append-only audit log.

Rows are written only by moderation.services. Items that flags and audit entries point at are
named by (target_type, target_id): the audit log outlives whatever it describes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry (the database trigger refuses it too)."""


class OfficialNews(TimeStampedModel):
    """A piece of official news about a series (an announcement, an interview, an episode) that rulings cite."""

    series = models.ForeignKey("theories.Series", on_delete=models.PROTECT, related_name="official_news")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    publisher = models.CharField(max_length=120)
    published_at = models.DateTimeField()
    summary = models.TextField(max_length=5000, blank=True)
    # Optional tags of the series the news is about; candidates for review share them.
    tags = models.ManyToManyField("theories.Tag", related_name="official_news", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "official news item"
        verbose_name_plural = "official news"
        constraints = [
            # Links are shown to everyone: only web links, never javascript: or data: URLs.
            models.CheckConstraint(condition=Q(url__iregex=r"^https?://"), name="moderation_officialnews_url_http"),
        ]
        indexes = [
            # The news list, per series, latest published first (selectors.news_list).
            models.Index(fields=["series", "-published_at"], name="moderation_news_series_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class RulingQuerySet(models.QuerySet["Ruling"]):
    def active(self) -> RulingQuerySet:
        return self.filter(revoked_at__isnull=True)


class Ruling(models.Model):
    """A moderator's verdict on a theory, citing official news. At most one is active per theory."""

    class Verdict(models.TextChoices):
        CONTRADICTED = "contradicted", "Contradicted"
        CONFIRMED = "confirmed", "Confirmed"

    theory = models.ForeignKey("theories.Theory", on_delete=models.PROTECT, related_name="rulings")
    news = models.ForeignKey(OfficialNews, on_delete=models.PROTECT, related_name="rulings")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    note = models.TextField(max_length=2000)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revoke_reason = models.CharField(max_length=1000, blank=True)

    objects = RulingQuerySet.as_manager()

    class Meta:
        constraints = [
            # Also the index behind theory_list's active-ruling prefetch and the candidates' "not ruled yet".
            models.UniqueConstraint(
                fields=["theory"], condition=Q(revoked_at__isnull=True), name="moderation_ruling_one_active_per_theory"
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=["contradicted", "confirmed"]), name="moderation_ruling_verdict_valid"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="moderation_ruling_revoked_by_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} ruling on theory {self.theory_id}"


class TargetType(models.TextChoices):
    THEORY = "theory", "Theory"
    COMMENT = "comment", "Comment"


class Flag(models.Model):
    """A signed-in user's report of a theory or comment. Open until a moderator resolves the item."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        HARASSMENT = "harassment", "Harassment"
        UNMARKED_SPOILER = "unmarked_spoiler", "Unmarked spoiler"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Other"

    class Resolution(models.TextChoices):
        DISMISSED = "dismissed", "Dismissed"
        HIDDEN = "hidden", "Hidden"

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.BigIntegerField()
    reason = models.CharField(max_length=24, choices=Reason.choices)
    text = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=Q(resolved_at__isnull=True),
                name="moderation_flag_one_open_per_user_item",
            ),
            models.CheckConstraint(
                condition=Q(target_type__in=["theory", "comment"]), name="moderation_flag_target_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=["spam", "harassment", "unmarked_spoiler", "off_topic", "other"]),
                name="moderation_flag_reason_valid",
            ),
            models.CheckConstraint(condition=~Q(reason="other") | ~Q(text=""), name="moderation_flag_other_has_text"),
        ]
        indexes = [
            # The moderation queue (selectors.flag_queue) groups open flags by item; resolving an item
            # and counting its distinct flaggers (auto-hide) read the same subset.
            models.Index(
                fields=["target_type", "target_id"],
                condition=Q(resolved_at__isnull=True),
                name="moderation_flag_open_item_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} flag on {self.target_type} {self.target_id}"


class Suspension(models.Model):
    """A time-limited ban on posting, voting and flagging; reading stays open. A moderator may lift it early."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=1000)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lift_reason = models.CharField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="moderation_suspension_ends_after_start"
            ),
        ]
        indexes = [
            # selectors.active_suspension, on every write a user makes (accounts.services.ensure_can_post).
            models.Index(
                fields=["user", "-ends_at"],
                condition=Q(lifted_at__isnull=True),
                name="moderation_suspension_user_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Suspension of {self.user_id} until {self.ends_at:%Y-%m-%d %H:%M}"


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Bulk changes and deletes are refused: the log only grows."""

    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One moderation action: who, what, on which item, the state before and after, and why.

    Append-only in three layers: this model refuses save() of a stored row and delete(), its
    queryset refuses update() and delete(), and a trigger (migration 0002) makes PostgreSQL
    refuse UPDATE and DELETE on the table from any client.
    """

    class Action(models.TextChoices):
        NEWS_CREATE = "news_create", "Official news registered"
        NEWS_UPDATE = "news_update", "Official news corrected"
        RULING_CREATE = "ruling_create", "Theory ruled"
        RULING_REVOKE = "ruling_revoke", "Ruling revoked"
        FLAG_RESOLVE = "flag_resolve", "Flags resolved"
        ITEM_HIDE = "item_hide", "Item hidden"
        ITEM_AUTOHIDE = "item_autohide", "Item hidden automatically"
        ITEM_RESTORE = "item_restore", "Item restored"
        ITEM_EDIT = "item_edit", "Someone else's item edited"
        ITEM_DELETE = "item_delete", "Someone else's item deleted"
        USER_SUSPEND = "user_suspend", "User suspended"
        SUSPENSION_LIFT = "suspension_lift", "Suspension lifted"

    # Null only for automatic actions (auto-hide after enough flags).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    target_type = models.CharField(max_length=32)
    target_id = models.BigIntegerField()
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "audit entries"
        indexes = [
            # The audit API filtered by item (?target_type=&target_id=), newest first.
            models.Index(fields=["target_type", "target_id", "-id"], name="moderation_audit_target_idx"),
            # The audit API filtered by moderator (?actor=), newest first.
            models.Index(fields=["actor", "-id"], name="moderation_audit_actor_idx"),
            # The audit API filtered by action (?action=), newest first.
            models.Index(fields=["action", "-id"], name="moderation_audit_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or self.pk is not None:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")
