from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower

MODERATORS_GROUP = "moderators"
WRITERS_GROUP = "writers"


class User(AbstractUser):
    """A Theorycraft account. Roles are groups: `moderators` and `writers`; everyone else is a fan."""

    email = models.EmailField("email address", blank=False)
    bio = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            # Sign-up looks accounts up by case-insensitive username and email.
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def _in_group(self, name: str) -> bool:
        # Prefetched groups are used when present, so lists do not query per user.
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "groups" in cache:
            return any(group.name == name for group in cache["groups"])
        return self.groups.filter(name=name).exists()

    @property
    def is_moderator(self) -> bool:
        return self._in_group(MODERATORS_GROUP)

    @property
    def is_writer(self) -> bool:
        return self._in_group(WRITERS_GROUP)

    @property
    def role(self) -> str:
        if self.is_moderator:
            return "moderator"
        if self.is_writer:
            return "writer"
        return "fan"


class ReadingProgress(models.Model):
    """The last chapter of a series' source a reader has read (0: none yet). Theories citing later
    chapters are spoilers for them (theories.selectors.spoiler_gate)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_progress")
    series = models.ForeignKey("theories.Series", on_delete=models.CASCADE, related_name="+")
    chapter = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reading progress"
        constraints = [
            # Also the index of every signed-in theory read (theories.selectors.theory_list: `reader_progress`).
            models.UniqueConstraint(fields=["user", "series"], name="accounts_readingprogress_one_per_user_series"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.series_id} to chapter {self.chapter}"
