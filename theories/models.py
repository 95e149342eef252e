from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class Series(TimeStampedModel):
    """A show (and its source) that fans theorize about."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source_title = models.CharField(max_length=200, blank=True, help_text="The source work, e.g. the webtoon.")

    class Meta:
        verbose_name_plural = "series"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def last_chapter(self) -> int:
        return self.chapters.aggregate(models.Max("number"))["number__max"] or 0


class Chapter(models.Model):
    """A numbered part of the series' source (a webtoon chapter)."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="theories_chapter_series_number_unique"),
        ]

    def __str__(self) -> str:
        return f"Chapter {self.number}"


class Tag(models.Model):
    class Kind(models.TextChoices):
        CHARACTER = "character", "Character"
        TOPIC = "topic", "Topic"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    aliases = ArrayField(models.CharField(max_length=80), default=list, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"], name="theories_tag_series_slug_unique"),
            models.CheckConstraint(condition=Q(kind__in=["character", "topic"]), name="theories_tag_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Theory(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CONTRADICTED = "contradicted", "Contradicted by official news"
        CONFIRMED = "confirmed", "Confirmed by official news"

    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="theories")
    # Indexed by theories_theory_author_idx, which leads with it: a vote rewrites the row, so every
    # index on it is written again.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="theories", db_index=False
    )
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20000)
    body_html = models.TextField(blank=True, editable=False)
    tags = models.ManyToManyField(Tag, related_name="theories")
    chapters = models.ManyToManyField(Chapter, related_name="theories", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)

    # Counters move with F() in voting/theories services, always in the vote's transaction.
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0)
    # Ranking columns, recomputed with the counters (see theories/ranking.py).
    hot = models.FloatField(default=0.0)
    confidence = models.FloatField(default=0.0)
    controversy = models.FloatField(default=0.0)
    comment_count = models.PositiveIntegerField(default=0)

    # Set by theory_update when the author (or a moderator) changes it; the old text is a TheoryRevision.
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Set by moderation (a resolved flag, or enough flags to hide it until review); hidden theories
    # leave lists and search, and only their author still sees them, with the reason.
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)

    # The full-text document: title (weight A), tag names, aliases and tag markers (B), body (C).
    # Written only in SQL by theories.search.theory_search_update, in the transaction of every write
    # of the title, body or tags (see theories/search.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "theories"
        constraints = [
            models.CheckConstraint(
                condition=Q(score=models.F("upvotes") - models.F("downvotes")), name="theories_theory_score_is_net"
            ),
        ]
        indexes = [
            # The `hot` list of a series: visible theories ordered by hot.
            models.Index(
                fields=["series", "-hot"],
                name="theories_theory_hot_idx",
                condition=Q(is_deleted=False),
            ),
            # The `top` list of a series (Wilson lower bound), filtered by a time window.
            models.Index(
                fields=["series", "-confidence"], name="theories_theory_top_idx", condition=Q(is_deleted=False)
            ),
            # The `controversial` list of a series.
            models.Index(
                fields=["series", "-controversy"],
                name="theories_theory_contro_idx",
                condition=Q(is_deleted=False),
            ),
            # The `new` list of a series and time windows.
            models.Index(
                fields=["series", "-created_at"],
                name="theories_theory_new_idx",
                condition=Q(is_deleted=False),
            ),
            # A user's theories on the profile page.
            models.Index(fields=["author", "-created_at"], name="theories_theory_author_idx"),
            # Search (theories.search.theory_search): `search_vector @@ query` over visible theories.
            # Its trigram partner on the title, theories_theory_title_trgm_idx, is created by migration
            # 0003_search only where pg_trgm exists, so it is not declared here.
            GinIndex(fields=["search_vector"], name="theories_theory_search_idx", condition=Q(is_deleted=False)),
        ]

    def __str__(self) -> str:
        return self.title


class TheoryRevision(models.Model):
    """A theory as it was before an edit: `editor` made the edit at `created_at` that replaced this text."""

    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20000)
    # Slugs and numbers rather than relations: a revision keeps what the theory cited then.
    tag_slugs = ArrayField(models.SlugField(max_length=80), default=list, blank=True)
    chapter_numbers = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # A theory's history, newest first (selectors.theory_revision_list).
            models.Index(fields=["theory", "-created_at"], name="theories_revision_theory_idx"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk} of theory {self.theory_id}"


class Comment(TimeStampedModel):
    # Indexed by theories_comment_thread_idx and theories_comment_author_idx, which lead with them:
    # a comment vote rewrites the row, so every index on it is written again.
    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="comments", db_index=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments", db_index=False
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(max_length=10000)
    body_html = models.TextField(blank=True, editable=False)
    # Counters move with the comment's votes in one UPDATE (voting.services), like a theory's.
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0)
    # Wilson lower bound of the votes (theories.ranking), for the `best` sort.
    confidence = models.FloatField(default=0.0)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Set by moderation, as on Theory.
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score=models.F("upvotes") - models.F("downvotes")), name="theories_comment_score_is_net"
            ),
        ]
        indexes = [
            # The comment thread of a theory, oldest or newest first (sorts `old` and `new`).
            models.Index(fields=["theory", "created_at"], name="theories_comment_thread_idx"),
            # The top-level comments of a theory by `best` (selectors.comment_thread_roots).
            models.Index(
                fields=["theory", "-confidence", "-id"],
                name="theories_comment_best_idx",
                condition=Q(parent__isnull=True),
            ),
            # A user's comments on the profile page.
            models.Index(fields=["author", "-created_at"], name="theories_comment_author_idx"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.theory_id}"
