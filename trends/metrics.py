"""Theme figures for trend snapshots: the SQL that aggregates activity per theme, and the formulas on top.

The audience investment index (paste-ready for the README)
-----------------------------------------------------------

For each theme (tag) of a series and a window (24 hours, 7 days or 30 days), the audience
investment index is a number from 0 to 100:

    index = 100 × (0.30 breadth + 0.20 depth + 0.15 intensity + 0.15 momentum + 0.20 persistence)

Each part is scaled to 0–1 and returned with the index, beside the raw value it comes from.
**Breadth** is how many people took part: unique participants (authors of new theories, voters
and commenters), as ln(1 + participants) / ln(1 + the most participants of any theme in the
same snapshot). **Depth** is how much people argue: comments and replies per active theory
(a theory posted, voted on or commented on in the window), log-scaled against the snapshot's
maximum in the same way. **Intensity** is how engaged the participants are: votes per
participant, log-scaled likewise. **Momentum** is the direction of travel: activity (new
theories + votes + comments) in the window against the previous window of the same length,
as current / (current + previous): 0.5 is steady, above 0.5 rising, 1 when the theme is new;
it is the velocity v = (current − previous) / max(previous, 1) mapped to (v + 1) / (v + 2).
**Persistence** is whether the interest lasts: the share of the window's hours (24 h window),
quarter days (7 days) or days (30 days) that saw any activity on the theme. Breadth, depth and
intensity are relative to the busiest theme of the same snapshot, so the index ranks the
themes of a series against each other; momentum and persistence are absolute. Theories ruled
*contradicted* by official news are left out of every figure and listed on their own line
("busted theories", with their votes in the window). Each snapshot also reports, per theme,
new theories, votes, net score, comments, replies, unique participants, the share of the
series' activity (the theme's new theories, votes and comments over the series', where each
event counts once, so shares add up to more than 1 when theories carry several tags), the
velocity and a surprise score over unique participants,
(observed − expected)² / expected with the previous window as expected (only when observed ≥
expected), as Mastodon ranks trending tags.

How the aggregation works
-------------------------

All counting is done by PostgreSQL in one pass over the events of the window and the previous
window (new theories, votes, comments). Each theory of the series is first given a bit mask of
its tags (a temporary table, one 64-bit word per 64 tags); the events are then aggregated with
GROUPING SETS by (period, theory), (period, participant) and (period, time bucket), OR-ing the
masks. Unique participants per theme are then the participant rows whose mask has the theme's
bit, so the events are never multiplied by their number of tags and no DISTINCT over millions of
rows is needed. Busted theories get an empty mask: they are counted per theory only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection

from theories.models import Theory

# The weights of the investment index; they sum to 1.
INDEX_WEIGHTS: dict[str, float] = {
    "breadth": 0.30,
    "depth": 0.20,
    "intensity": 0.15,
    "momentum": 0.15,
    "persistence": 0.20,
}
PARTS = tuple(INDEX_WEIGHTS)

# GROUPING(theory_id, actor, bucket) for each grouping set of the event aggregate.
_G_THEORY = 3  # (period, theory_id)
_G_ACTOR = 5  # (period, actor)
_G_BUCKET = 6  # (period, bucket)

# Busted theories listed per snapshot (the count and the votes cover all of them).
BUSTED_LIMIT = 50


# --- formulas ------------------------------------------------------------------------------------


def velocity(*, current: int, previous: int) -> float:
    """Relative change of activity against the previous window of the same length.

    v = (current − previous) / max(previous, 1): 0 is steady, 2 means the activity tripled.
    """
    return (current - previous) / max(previous, 1)


def surprise(*, observed: int, expected: int) -> float:
    """A chi-square-like surprise over unique participants, as Mastodon ranks trending tags.

    Source: Mastodon, app/models/trends/tags.rb: expected is the previous period's unique accounts
    (1 when there were none); the score is (observed − expected)² / expected, and 0 when observed < expected.
    """
    expected_value = float(max(expected, 1))
    if observed < expected_value:
        return 0.0
    return (observed - expected_value) ** 2 / expected_value


def momentum(*, current: int, previous: int) -> float:
    """current / (current + previous), 0 when both are 0: the velocity v mapped to (v + 1) / (v + 2) in [0, 1]."""
    total = current + previous
    return current / total if total else 0.0


def log_scaled(value: float, *, top: float) -> float:
    """ln(1 + value) / ln(1 + top): 1 for the snapshot's maximum, 0 for nothing, gentle on outliers."""
    if top <= 0 or value <= 0:
        return 0.0
    return min(math.log1p(value) / math.log1p(top), 1.0)


def investment_index(parts: dict[str, float]) -> float:
    """The audience investment index, 0–100: 100 × the weighted sum of the parts (see the module docstring)."""
    return 100.0 * sum(INDEX_WEIGHTS[name] * parts[name] for name in PARTS)


# --- figures -------------------------------------------------------------------------------------


@dataclass
class Figures:
    """What one theme (or the whole series) did in one period."""

    new_theories: int = 0
    votes: int = 0
    net_score: int = 0
    comments: int = 0
    replies: int = 0
    participants: int = 0
    active_theories: int = 0
    active_buckets: int = 0

    @property
    def activity(self) -> int:
        return self.new_theories + self.votes + self.comments


@dataclass
class ThemeScores:
    """A theme's figures in a window with everything derived from them."""

    tag_id: int
    current: Figures
    previous: Figures
    buckets: int
    share: float = 0.0
    velocity: float = 0.0
    surprise: float = 0.0
    comments_per_theory: float = 0.0
    votes_per_participant: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    index: float = 0.0


def theme_scores(
    *,
    current: dict[int, Figures],
    previous: dict[int, Figures],
    series_activity: int,
    buckets: int,
) -> list[ThemeScores]:
    """Velocity, surprise, share and the investment index with its parts for every theme, ranked.

    Themes are ranked by index, then unique participants, then tag id; see the module docstring for
    the formulas (index: this project's; surprise: Mastodon's trending tags).
    """
    scores = []
    for tag_id, now in current.items():
        before = previous.get(tag_id, Figures())
        scores.append(
            ThemeScores(
                tag_id=tag_id,
                current=now,
                previous=before,
                buckets=buckets,
                share=now.activity / series_activity if series_activity else 0.0,
                velocity=velocity(current=now.activity, previous=before.activity),
                surprise=surprise(observed=now.participants, expected=before.participants),
                comments_per_theory=now.comments / now.active_theories if now.active_theories else 0.0,
                votes_per_participant=now.votes / now.participants if now.participants else 0.0,
            )
        )
    top_participants = max((s.current.participants for s in scores), default=0)
    top_depth = max((s.comments_per_theory for s in scores), default=0.0)
    top_intensity = max((s.votes_per_participant for s in scores), default=0.0)
    for s in scores:
        s.parts = {
            "breadth": log_scaled(s.current.participants, top=top_participants),
            "depth": log_scaled(s.comments_per_theory, top=top_depth),
            "intensity": log_scaled(s.votes_per_participant, top=top_intensity),
            "momentum": momentum(current=s.current.activity, previous=s.previous.activity),
            "persistence": s.current.active_buckets / buckets if buckets else 0.0,
        }
        s.index = investment_index(s.parts)
    scores.sort(key=lambda s: (-s.index, -s.current.participants, s.tag_id))
    return scores


# --- SQL -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagSlots:
    """Each tag's bit in the theory masks: word (a bigint column) and bit within it."""

    tag_ids: list[int]
    words: list[int]
    bits: list[int]

    @classmethod
    def for_tags(cls, tag_ids: Sequence[int]) -> TagSlots:
        ordered = sorted(tag_ids)
        return cls(
            tag_ids=ordered,
            words=[position // 64 for position in range(len(ordered))],
            bits=[position % 64 for position in range(len(ordered))],
        )

    @property
    def word_count(self) -> int:
        return max(1, math.ceil(len(self.tag_ids) / 64))

    @property
    def masks(self) -> list[str]:
        return [f"mask{word}" for word in range(self.word_count)]

    def params(self) -> dict[str, list[int]]:
        return {"slot_tags": self.tag_ids, "slot_words": self.words, "slot_bits": self.bits}


_SLOTS_SQL = "unnest(%(slot_tags)s::bigint[], %(slot_words)s::int[], %(slot_bits)s::int[]) AS s(tag_id, word, bit)"


def prepare_theories(*, series_id: int, slots: TagSlots) -> None:
    """Fill the temporary table trends_tmp_theory: the series' visible theories with their tag masks.

    Visible means neither deleted nor hidden. Busted (contradicted) theories keep their row, flagged, with an
    empty mask.
    """
    word_columns = ", ".join(
        f"bit_or(CASE WHEN s.word = {word} THEN 1::bigint << s.bit ELSE 0 END) AS mask{word}"
        for word in range(slots.word_count)
    )
    masks = ", ".join(
        f"CASE WHEN t.status = %(busted)s THEN 0 ELSE coalesce(m.{mask}, 0) END AS {mask}" for mask in slots.masks
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS trends_tmp_theory")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE trends_tmp_theory ON COMMIT DROP AS
            SELECT t.id AS theory_id, t.author_id, t.created_at, (t.status = %(busted)s) AS busted, {masks}
            FROM theories_theory t
            LEFT JOIN (
                SELECT tt.theory_id, {word_columns}
                FROM theories_theory_tags tt JOIN {_SLOTS_SQL} ON s.tag_id = tt.tag_id
                GROUP BY tt.theory_id
            ) m ON m.theory_id = t.id
            WHERE t.series_id = %(series)s AND NOT t.is_deleted AND NOT t.is_hidden
            """,
            {"series": series_id, "busted": Theory.Status.CONTRADICTED, **slots.params()},
        )
        # Statistics, so the event aggregate hashes this table (the probe side is millions of votes).
        cursor.execute("ANALYZE trends_tmp_theory")


def aggregate_events(
    *, slots: TagSlots, lo: datetime, hi: datetime, origin: datetime, period: timedelta, bucket: timedelta
) -> None:
    """Fill trends_tmp_agg: the events in [lo, hi) grouped by period and theory, participant or time bucket.

    Periods and buckets are date_bin() bins from `origin`. Needs trends_tmp_theory (prepare_theories).
    """
    masks = slots.masks
    carried = ", ".join(f"t.{mask}" for mask in masks)
    ored = ", ".join(f"bit_or({mask}) AS {mask}" for mask in masks)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS trends_tmp_agg")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE trends_tmp_agg ON COMMIT DROP AS
            WITH ev AS (
                SELECT t.theory_id, t.author_id AS actor, t.created_at AS at, 0 AS kind, 0 AS val, {carried}
                FROM trends_tmp_theory t WHERE t.created_at >= %(lo)s AND t.created_at < %(hi)s
                UNION ALL
                SELECT v.theory_id, v.user_id, v.created_at, 1, v.value, {carried}
                FROM voting_vote v JOIN trends_tmp_theory t ON t.theory_id = v.theory_id
                WHERE v.created_at >= %(lo)s AND v.created_at < %(hi)s
                UNION ALL
                SELECT c.theory_id, c.author_id, c.created_at, CASE WHEN c.parent_id IS NULL THEN 2 ELSE 3 END, 0,
                       {carried}
                FROM theories_comment c JOIN trends_tmp_theory t ON t.theory_id = c.theory_id
                WHERE NOT c.is_deleted AND NOT c.is_hidden AND c.created_at >= %(lo)s AND c.created_at < %(hi)s
            ), binned AS (
                SELECT date_bin(%(period)s, at, %(origin)s) AS period, date_bin(%(bucket)s, at, %(origin)s) AS bucket,
                       theory_id, actor, kind, val, {", ".join(masks)}
                FROM ev
            )
            SELECT period, theory_id, actor, bucket, GROUPING(theory_id, actor, bucket) AS g, {ored},
                   count(*) FILTER (WHERE kind = 0) AS theories,
                   count(*) FILTER (WHERE kind = 1) AS votes,
                   coalesce(sum(val), 0) AS net,
                   count(*) FILTER (WHERE kind >= 2) AS comments,
                   count(*) FILTER (WHERE kind = 3) AS replies
            FROM binned
            GROUP BY GROUPING SETS ((period, theory_id), (period, actor), (period, bucket))
            """,
            {"lo": lo, "hi": hi, "origin": origin, "period": period, "bucket": bucket},
        )


def _mask_of(slots: TagSlots, alias: str) -> str:
    """SQL for the mask word that holds tag slot `s`."""
    if slots.word_count == 1:
        return f"{alias}.mask0"
    cases = " ".join(f"WHEN {word} THEN {alias}.mask{word}" for word in range(slots.word_count))
    return f"(CASE s.word {cases} END)"


def figures_by_tag_and_period(*, slots: TagSlots) -> dict[tuple[int, datetime], Figures]:
    """Per (tag, period) figures from trends_tmp_agg (aggregate_events).

    Rows are first summed per distinct mask (for theories, a few thousand tag combinations at most),
    then, tag by tag, the combinations holding the tag's bit are summed per period: the per-tag sums
    stay a handful of rows, so nothing large is sorted.
    """
    masks = ", ".join(f"a.{mask}" for mask in slots.masks)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH combos AS MATERIALIZED (
                SELECT a.period, a.g, {masks}, sum(a.theories) AS theories, sum(a.votes) AS votes,
                       sum(a.net) AS net, sum(a.comments) AS comments, sum(a.replies) AS replies, count(*) AS rows
                FROM trends_tmp_agg a
                GROUP BY a.period, a.g, {masks}
            )
            SELECT s.tag_id, x.*
            FROM {_SLOTS_SQL}
            CROSS JOIN LATERAL (
                SELECT a.period,
                       coalesce(sum(a.theories) FILTER (WHERE a.g = {_G_THEORY}), 0),
                       coalesce(sum(a.votes) FILTER (WHERE a.g = {_G_THEORY}), 0),
                       coalesce(sum(a.net) FILTER (WHERE a.g = {_G_THEORY}), 0),
                       coalesce(sum(a.comments) FILTER (WHERE a.g = {_G_THEORY}), 0),
                       coalesce(sum(a.replies) FILTER (WHERE a.g = {_G_THEORY}), 0),
                       coalesce(sum(a.rows) FILTER (WHERE a.g = {_G_ACTOR}), 0),
                       coalesce(sum(a.rows) FILTER (WHERE a.g = {_G_THEORY}), 0),
                       coalesce(sum(a.rows) FILTER (WHERE a.g = {_G_BUCKET}), 0)
                FROM combos a
                WHERE ({_mask_of(slots, "a")} >> s.bit) & 1 = 1
                GROUP BY a.period
            ) x
            """,
            slots.params(),
        )
        return {
            (tag_id, period): Figures(
                new_theories=int(theories),
                votes=int(votes),
                net_score=int(net),
                comments=int(comments),
                replies=int(replies),
                participants=int(participants),
                active_theories=int(active),
                active_buckets=int(buckets),
            )
            for tag_id, period, theories, votes, net, comments, replies, participants, active, buckets in (
                cursor.fetchall()
            )
        }


def series_figures(*, slots: TagSlots, period: datetime) -> Figures:
    """The whole series in one period of trends_tmp_agg, each event once (busted theories left out)."""
    any_tag = " OR ".join(f"a.{mask} <> 0" for mask in slots.masks)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT coalesce(sum(a.theories) FILTER (WHERE a.g = {_G_THEORY}), 0),
                   coalesce(sum(a.votes) FILTER (WHERE a.g = {_G_THEORY}), 0),
                   coalesce(sum(a.net) FILTER (WHERE a.g = {_G_THEORY}), 0),
                   coalesce(sum(a.comments) FILTER (WHERE a.g = {_G_THEORY}), 0),
                   coalesce(sum(a.replies) FILTER (WHERE a.g = {_G_THEORY}), 0),
                   count(*) FILTER (WHERE a.g = {_G_ACTOR}),
                   count(*) FILTER (WHERE a.g = {_G_THEORY})
            FROM trends_tmp_agg a WHERE a.period = %(period)s AND ({any_tag})
            """,
            {"period": period},
        )
        theories, votes, net, comments, replies, participants, active = cursor.fetchone()
    return Figures(
        new_theories=int(theories),
        votes=int(votes),
        net_score=int(net),
        comments=int(comments),
        replies=int(replies),
        participants=int(participants),
        active_theories=int(active),
    )


@dataclass
class Busted:
    """Theories ruled contradicted that were active in the window: the list (capped) and the totals."""

    theories: list[dict]
    count: int
    votes: int


def busted_theories(*, period: datetime) -> Busted:
    """Busted theories with activity in one period of trends_tmp_agg, most voted first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT theory_id FROM trends_tmp_theory WHERE busted")
        busted_ids = [row[0] for row in cursor.fetchall()]
        if not busted_ids:
            return Busted(theories=[], count=0, votes=0)
        cursor.execute(
            """
            SELECT a.theory_id, a.votes, a.net, a.comments, a.theories
            FROM trends_tmp_agg a
            WHERE a.g = %(g)s AND a.period = %(period)s AND a.theory_id = ANY(%(ids)s)
            ORDER BY a.votes DESC, a.theory_id
            """,
            {"g": _G_THEORY, "period": period, "ids": busted_ids},
        )
        rows = cursor.fetchall()
    theories = Theory.objects.in_bulk([row[0] for row in rows[:BUSTED_LIMIT]])
    listed = [
        {
            "id": theory_id,
            "title": theories[theory_id].title,
            "votes": int(votes),
            "upvotes": (int(votes) + int(net)) // 2,
            "downvotes": (int(votes) - int(net)) // 2,
            "comments": int(comments),
            "posted_in_window": bool(posted),
            "total_votes": theories[theory_id].upvotes + theories[theory_id].downvotes,
        }
        for theory_id, votes, net, comments, posted in rows[:BUSTED_LIMIT]
    ]
    return Busted(theories=listed, count=len(rows), votes=sum(int(row[1]) for row in rows))


@dataclass
class WindowActivity:
    current: dict[int, Figures]
    previous: dict[int, Figures]
    series: Figures
    busted: Busted


def window_activity(
    *, series_id: int, tag_ids: Sequence[int], start: datetime, as_of: datetime, bucket: timedelta
) -> WindowActivity:
    """Every theme's figures in [start, as_of) and in the previous window of the same length, in SQL."""
    length = as_of - start
    slots = TagSlots.for_tags(tag_ids)
    prepare_theories(series_id=series_id, slots=slots)
    aggregate_events(slots=slots, lo=start - length, hi=as_of, origin=start - length, period=length, bucket=bucket)
    by_period = figures_by_tag_and_period(slots=slots)
    current = {tag_id: by_period.get((tag_id, start), Figures()) for tag_id in slots.tag_ids}
    previous = {tag_id: by_period.get((tag_id, start - length), Figures()) for tag_id in slots.tag_ids}
    return WindowActivity(
        current=current,
        previous=previous,
        series=series_figures(slots=slots, period=start),
        busted=busted_theories(period=start),
    )


def daily_theme_stats_upsert(*, series_id: int, tag_ids: Sequence[int], first_day: date, end_day: date) -> int:
    """Write every theme's DailyThemeStat row for every UTC day in [first_day, end_day), zeros included,
    in one INSERT ... SELECT ... GROUP BY (tag, day) ... ON CONFLICT DO UPDATE; return the rows written.

    Why one statement: the first snapshot of a series rolls up 91 days, and per-day (or per-tag) passes
    over millions of votes, or rows built in Python, cost more than the aggregation itself. The events
    (new theories, votes, comments) of the range are read once and grouped by (day, theory) and
    (day, participant) with GROUPING SETS; the theory groups are joined to their tags and summed per
    (tag, day); the participant groups carry the OR of their theories' tag masks (trends_tmp_theory,
    see prepare_theories), so unique participants per (tag, day) are the groups holding the tag's bit,
    with no DISTINCT over the events multiplied by their tags. Busted (contradicted), deleted and hidden
    theories are left out, as in every trends figure. The figures equal those of the window code path run per
    day (tests/trends/test_daily_rollup.py holds it to that).
    """
    from datetime import UTC

    slots = TagSlots.for_tags(tag_ids)
    if not slots.tag_ids or end_day <= first_day:
        return 0
    prepare_theories(series_id=series_id, slots=slots)
    masks = slots.masks
    carried = ", ".join(f"t.{mask}" for mask in masks)
    ored = ", ".join(f"bit_or({mask}) AS {mask}" for mask in masks)
    params = {
        "series": series_id,
        "lo": datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC),
        "hi": datetime(end_day.year, end_day.month, end_day.day, tzinfo=UTC),
        "first": first_day,
        "last": end_day - timedelta(days=1),
        **slots.params(),
    }
    with connection.cursor() as cursor:
        # The events, read once, grouped by (day, theory) and (day, participant); a table with statistics,
        # so the statement below hashes the theory groups against their tags instead of probing an index.
        cursor.execute("DROP TABLE IF EXISTS trends_tmp_daily")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE trends_tmp_daily ON COMMIT DROP AS
            WITH ev AS (
                SELECT t.theory_id, t.author_id AS actor, t.created_at AS at, 0 AS kind, 0 AS val, {carried}
                FROM trends_tmp_theory t
                WHERE NOT t.busted AND t.created_at >= %(lo)s AND t.created_at < %(hi)s
                UNION ALL
                SELECT v.theory_id, v.user_id, v.created_at, 1, v.value, {carried}
                FROM voting_vote v JOIN trends_tmp_theory t ON t.theory_id = v.theory_id
                WHERE NOT t.busted AND v.created_at >= %(lo)s AND v.created_at < %(hi)s
                UNION ALL
                SELECT c.theory_id, c.author_id, c.created_at, CASE WHEN c.parent_id IS NULL THEN 2 ELSE 3 END, 0,
                       {carried}
                FROM theories_comment c JOIN trends_tmp_theory t ON t.theory_id = c.theory_id
                WHERE NOT t.busted AND NOT c.is_deleted AND NOT c.is_hidden
                  AND c.created_at >= %(lo)s AND c.created_at < %(hi)s
            ), dated AS (
                SELECT (at AT TIME ZONE 'UTC')::date AS day, theory_id, actor, kind, val, {", ".join(masks)} FROM ev
            )
            SELECT day, theory_id, GROUPING(theory_id) AS by_actor, {ored},
                   count(*) FILTER (WHERE kind = 0) AS theories,
                   count(*) FILTER (WHERE kind = 1) AS votes,
                   coalesce(sum(val), 0) AS net,
                   count(*) FILTER (WHERE kind >= 2) AS comments,
                   count(*) FILTER (WHERE kind = 3) AS replies
            FROM dated
            GROUP BY GROUPING SETS ((day, theory_id), (day, actor))
            """,
            params,
        )
        cursor.execute("ANALYZE trends_tmp_daily")
        cursor.execute(
            f"""
            INSERT INTO trends_dailythemestat
                (series_id, tag_id, day, new_theories, votes, net_score, comments, replies, participants, activity)
            WITH counts AS (
                SELECT tt.tag_id, g.day, sum(g.theories) AS theories, sum(g.votes) AS votes, sum(g.net) AS net,
                       sum(g.comments) AS comments, sum(g.replies) AS replies
                FROM trends_tmp_daily g JOIN theories_theory_tags tt ON tt.theory_id = g.theory_id
                WHERE g.by_actor = 0 AND tt.tag_id = ANY(%(slot_tags)s::bigint[])
                GROUP BY tt.tag_id, g.day
            ), actors AS MATERIALIZED (
                SELECT day, {", ".join(masks)}, count(*) AS people
                FROM trends_tmp_daily WHERE by_actor = 1
                GROUP BY day, {", ".join(masks)}
            ), participants AS (
                SELECT s.tag_id, g.day, sum(g.people) AS participants
                FROM actors g JOIN {_SLOTS_SQL} ON ({_mask_of(slots, "g")} >> s.bit) & 1 = 1
                GROUP BY s.tag_id, g.day
            ), grid AS (
                SELECT s.tag_id, d::date AS day
                FROM unnest(%(slot_tags)s::bigint[]) AS s(tag_id)
                CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS d
            )
            SELECT %(series)s, grid.tag_id, grid.day,
                   coalesce(c.theories, 0), coalesce(c.votes, 0), coalesce(c.net, 0), coalesce(c.comments, 0),
                   coalesce(c.replies, 0), coalesce(p.participants, 0),
                   coalesce(c.theories + c.votes + c.comments, 0)
            FROM grid
            LEFT JOIN counts c ON c.tag_id = grid.tag_id AND c.day = grid.day
            LEFT JOIN participants p ON p.tag_id = grid.tag_id AND p.day = grid.day
            ON CONFLICT (tag_id, day) DO UPDATE SET
                new_theories = EXCLUDED.new_theories, votes = EXCLUDED.votes, net_score = EXCLUDED.net_score,
                comments = EXCLUDED.comments, replies = EXCLUDED.replies, participants = EXCLUDED.participants,
                activity = EXCLUDED.activity
            """,
            params,
        )
        return cursor.rowcount
