"""Trend snapshots (per series and window), their per-theme figures, and the daily rollups they build on.

Everything here is written only by trends.services, from Celery tasks; reading never recomputes.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q


class Window(models.TextChoices):
    DAY = "24h", "Last 24 hours"
    WEEK = "7d", "Last 7 days"
    MONTH = "30d", "Last 30 days"


WINDOW_LENGTHS: dict[str, timedelta] = {
    Window.DAY: timedelta(hours=24),
    Window.WEEK: timedelta(days=7),
    Window.MONTH: timedelta(days=30),
}
# Persistence counts the buckets of a window that saw activity: hours of a day, quarter days of a week,
# days of a month (24, 28 and 30 buckets).
PERSISTENCE_BUCKETS: dict[str, timedelta] = {
    Window.DAY: timedelta(hours=1),
    Window.WEEK: timedelta(hours=6),
    Window.MONTH: timedelta(days=1),
}


class Snapshot(models.Model):
    """The trends of one series over one window, with the data cut at `as_of` (a schedule tick)."""

    # No index of its own: the unique constraint (series, window, as_of) starts with it.
    series = models.ForeignKey(
        "theories.Series", on_delete=models.CASCADE, related_name="trend_snapshots", db_index=False
    )
    window = models.CharField(max_length=3, choices=Window.choices)
    as_of = models.DateTimeField(help_text="The data is cut here: the window is [as_of - length, as_of).")
    window_start = models.DateTimeField()
    computed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)

    # Series totals in the window (each event counted once, whatever its number of tags; busted theories left out).
    theories = models.PositiveIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    participants = models.PositiveIntegerField(default=0)

    # Emerging phrases: [{phrase, words, score, log_odds, window_count, baseline_count, examples: [{id, title}]}].
    phrases = models.JSONField(default=list, blank=True)
    # Busted theories (ruled contradicted) active in the window:
    # [{id, title, votes, upvotes, downvotes, comments, total_votes}].
    busted = models.JSONField(default=list, blank=True)
    busted_theories = models.PositiveIntegerField(default=0)
    busted_votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-as_of", "window"]
        constraints = [
            # One snapshot per tick. Its index also serves the reads: the latest snapshot of a series and
            # window (trends.selectors.snapshot_get: ORDER BY as_of DESC LIMIT 1), the Atom feed and the CSV export.
            models.UniqueConstraint(
                fields=["series", "window", "as_of"], name="trends_snapshot_series_window_as_of_unique"
            ),
            models.CheckConstraint(condition=Q(window__in=["24h", "7d", "30d"]), name="trends_snapshot_window_valid"),
        ]
        indexes = [
            # Pruning (trends.services.trends_prune): DELETE ... WHERE as_of < cutoff, over every series.
            models.Index(fields=["as_of"], name="trends_snapshot_as_of_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.window} @ {self.as_of:%Y-%m-%d %H:%M}"


class ThemeStat(models.Model):
    """One theme (tag) in one snapshot: its figures, the investment index and the parts that make it up."""

    # Indexed by the constraint (snapshot, tag) and by trends_themestat_tag_idx.
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="themes", db_index=False)
    tag = models.ForeignKey("theories.Tag", on_delete=models.CASCADE, related_name="+", db_index=False)
    rank = models.PositiveIntegerField()

    new_theories = models.PositiveIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)
    net_score = models.IntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    participants = models.PositiveIntegerField(default=0)
    active_theories = models.PositiveIntegerField(default=0)
    activity = models.PositiveIntegerField(default=0, help_text="new theories + votes + comments")
    share = models.FloatField(default=0.0)
    previous_activity = models.PositiveIntegerField(default=0)
    previous_participants = models.PositiveIntegerField(default=0)
    velocity = models.FloatField(default=0.0)
    surprise = models.FloatField(default=0.0)

    # The audience investment index (0-100) and its parts, each scaled to 0-1 (see trends/metrics.py).
    index = models.FloatField(default=0.0)
    breadth = models.FloatField(default=0.0)
    depth = models.FloatField(default=0.0)
    intensity = models.FloatField(default=0.0)
    momentum = models.FloatField(default=0.0)
    persistence = models.FloatField(default=0.0)
    # The raw values behind depth, intensity and persistence.
    comments_per_theory = models.FloatField(default=0.0)
    votes_per_participant = models.FloatField(default=0.0)
    active_buckets = models.PositiveIntegerField(default=0)
    buckets = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["snapshot", "rank"]
        constraints = [
            # One row per theme; the index serves loading a snapshot's themes (WHERE snapshot_id = ...).
            models.UniqueConstraint(fields=["snapshot", "tag"], name="trends_themestat_snapshot_tag_unique"),
        ]
        indexes = [
            # Deleting a tag cascades here (DELETE ... WHERE tag_id IN (...)).
            models.Index(fields=["tag"], name="trends_themestat_tag_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tag_id} in {self.snapshot_id}"


class DailyRollup(models.Model):
    """Marks a complete (UTC) day of a series as rolled up: its DailyThemeStat and DailyPhraseCount rows exist."""

    # No index of its own: the unique constraint starts with it.
    series = models.ForeignKey("theories.Series", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    computed_at = models.DateTimeField()
    theories = models.PositiveIntegerField(default=0)
    phrase_total = models.PositiveBigIntegerField(default=0, help_text="Phrase occurrences counted that day.")

    class Meta:
        constraints = [
            # One marker per day; the index serves finding the days still to roll up and summing the
            # baseline's phrase totals (WHERE series_id = ... AND day BETWEEN ...).
            models.UniqueConstraint(fields=["series", "day"], name="trends_dailyrollup_series_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.day}"


class DailyThemeStat(models.Model):
    """One theme's figures for one complete day, for history charts (every tag has a row, zeros included)."""

    # Not indexed: reads go by tag; it only serves deleting a series, which its theories protect.
    series = models.ForeignKey("theories.Series", on_delete=models.CASCADE, related_name="+", db_index=False)
    tag = models.ForeignKey("theories.Tag", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    new_theories = models.PositiveIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)
    net_score = models.IntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    participants = models.PositiveIntegerField(default=0)
    activity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["tag", "day"]
        constraints = [
            # The upsert target (INSERT ... ON CONFLICT (tag_id, day)); its index serves the history query
            # (trends.selectors.theme_history: WHERE tag_id IN (...) AND day >= ...).
            models.UniqueConstraint(fields=["tag", "day"], name="trends_dailythemestat_tag_day_unique"),
        ]
        indexes = [
            # Pruning (trends.services.trends_prune): DELETE ... WHERE day < cutoff.
            models.Index(fields=["day"], name="trends_dailythemestat_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tag_id} {self.day}"


class DailyPhraseCount(models.Model):
    """How often a one- or two-word phrase was written in a series' theories on one complete day.

    `author_count` is the number of distinct authors who wrote it that day and `authors` the smallest and
    largest of their ids: together they decide "at least 3 distinct authors" over any union of days
    exactly (a day with 3 or more settles it; otherwise the one or two ids are the whole set).
    """

    # No index of its own: the unique constraint starts with it.
    series = models.ForeignKey("theories.Series", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    phrase = models.CharField(max_length=200)
    occurrences = models.PositiveIntegerField()
    author_count = models.PositiveIntegerField()
    authors = ArrayField(models.BigIntegerField(), size=2)

    class Meta:
        constraints = [
            # Its index serves the lookups of candidate phrases: the baseline counts and the days to search for
            # examples (trends.phrases: WHERE series_id = ... AND phrase = ANY(...) AND day range).
            models.UniqueConstraint(
                fields=["series", "phrase", "day"], name="trends_dailyphrasecount_series_phrase_day_unique"
            ),
        ]
        indexes = [
            # The window's complete days (trends.phrases.emerging_phrases: WHERE series_id = ... AND day range),
            # replacing a day's rows in a rollup, and pruning.
            models.Index(fields=["series", "day"], name="trends_dailyphrase_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.phrase!r} {self.day}"


class HourlyRollup(models.Model):
    """Marks a complete hour of a series as counted into HourlyPhraseCount (for the partial days of windows)."""

    # No index of its own: the unique constraint starts with it.
    series = models.ForeignKey("theories.Series", on_delete=models.CASCADE, related_name="+", db_index=False)
    hour = models.DateTimeField()
    computed_at = models.DateTimeField()
    phrase_total = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            # One marker per hour; the index serves finding the hours still to count and pruning by series.
            models.UniqueConstraint(fields=["series", "hour"], name="trends_hourlyrollup_series_hour_unique"),
        ]
        indexes = [
            # Pruning (trends.services.trends_prune): DELETE ... WHERE hour < cutoff.
            models.Index(fields=["hour"], name="trends_hourlyrollup_hour_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.hour:%Y-%m-%d %H}h"


class HourlyPhraseCount(models.Model):
    """DailyPhraseCount for one complete hour: the partial days at a window's two ends are summed from these,
    so a snapshot tokenizes only the two partial hours at its ends. Kept for a few days only."""

    # No index of its own: the unique constraint starts with it.
    series = models.ForeignKey("theories.Series", on_delete=models.CASCADE, related_name="+", db_index=False)
    hour = models.DateTimeField()
    phrase = models.CharField(max_length=200)
    occurrences = models.PositiveIntegerField()
    author_count = models.PositiveIntegerField()
    authors = ArrayField(models.BigIntegerField(), size=2)

    class Meta:
        constraints = [
            # Its index serves finding the hours that hold a phrase, for examples (trends.phrases).
            models.UniqueConstraint(
                fields=["series", "phrase", "hour"], name="trends_hourlyphrasecount_series_phrase_hour_unique"
            ),
        ]
        indexes = [
            # The window's complete hours (trends.phrases.emerging_phrases: WHERE series_id = ... AND hour = ANY(...)),
            # replacing an hour's rows, and pruning.
            models.Index(fields=["series", "hour"], name="trends_hourlyphrase_hour_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.phrase!r} {self.hour:%Y-%m-%d %H}h"


class TheoryPhrases(models.Model):
    """A theory's one- and two-word phrases with their occurrences, tokenized once when it is written.

    `terms[i]` occurs `counts[i]` times in the theory's title and body, tokenized as trends.phrases
    describes (stop words removed). Written in SQL by trends.phrases.theory_phrases_update in the
    transaction of every theory_create / theory_update, beside the search document; backfilled by a
    migration and by generate_synthetic. The rollups count phrases with a GROUP BY over unnest(terms),
    with no text processing; a theory without a row (written some other way) is tokenized on the fly.
    Changing the tokenizer or STOP_WORDS needs a migration that runs theory_phrases_update_many again.
    """

    theory = models.OneToOneField("theories.Theory", on_delete=models.CASCADE, primary_key=True, related_name="+")
    terms = ArrayField(models.TextField(), default=list)
    counts = ArrayField(models.IntegerField(), default=list)

    def __str__(self) -> str:
        return f"phrases of theory {self.theory_id}"
