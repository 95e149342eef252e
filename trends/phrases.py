"""Emerging phrases: one- and two-word phrases that rise in a window's theories against the series' baseline.

Scoring: the log-odds ratio with an informative Dirichlet prior ("Fightin' Words": Monroe, Colaresi
and Quinn, 2008, "Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the
Content of Political Conflict", Political Analysis 16(4), eq. 16–22). For a phrase w counted y_i
times among the window's n phrase occurrences and y_j times among the baseline's m:

    δ = log((y_i + α_w) / (n + α0 − y_i − α_w)) − log((y_j + α_w) / (m + α0 − y_j − α_w))
    z = δ / sqrt(1 / (y_i + α_w) + 1 / (y_j + α_w))

with the prior α_w = α0 · y_j / m taken from the baseline and scaled to the prior size α0
(PRIOR_SIZE), and at least ALPHA_MIN so that a phrase the baseline never saw keeps a finite,
variance-damped score. The window is [as_of − length, as_of); the baseline is the BASELINE_DAYS
complete days before the window's first day, so the two never overlap. Only phrases written by at
least MIN_AUTHORS distinct authors in the window are scored; the top TOP_PHRASES by z (δ > 0) are
kept, each with up to three example theories (the most recent using it).

Tokenizing: lower-cased title and body, split on anything that is not a letter, digit or hyphen
(regexp_split_to_array, so Markdown punctuation falls away and "half-zombies" or "on-jo" stay
one word); words of one character, words that begin or end with a hyphen (dashes, list markers)
and STOP_WORDS are dropped. A two-word phrase is two adjacent words of the text that both
survive, so "the lab virus" gives "lab", "virus" and "lab virus" but nothing with "the"; title
and body are joined by " - ", a dropped word, so no pair spans them. Deleted and hidden theories
are left out.

Why in SQL, and how: PostgreSQL tokenizes and counts (regexp_split_to_array; unnest of the word
array beside itself shifted by one, in the select list, for the pairs; one GROUP BY with two
grouping sets for words and pairs), so no text travels to Python. On the benchmark data this
beats the alternatives: to_tsvector('simple') parses 2–3× slower than the regular expression
and drops positions past 16,383, and ts_stat() counts single words only. Tokenizing the whole
window on every run would still dominate the snapshot (a 30-day window holds millions of
words), so the daily rollup counts each complete day once into DailyPhraseCount, with the day's
number of distinct authors and the smallest and largest author id, which decide "at least three
distinct authors" over any union of days exactly.

Tokenizing once: even once a day, tokenizing 90 days of theories for a series' first snapshot took
most of a minute (100,000 theories). So each theory is tokenized when it is written: theory_create
and theory_update call theory_phrases_update, in their transaction, which stores the theory's
distinct phrases and their occurrences (TheoryPhrases: terms[] and counts[], computed by the same
SQL); a migration and generate_synthetic fill them in bulk (theory_phrases_update_many). The
rollups then only unnest those arrays and GROUP BY (period, phrase), in one hash aggregate over one
row per author and phrase (_author_phrases_sql). A theory without a row (written another way, e.g.
by test factories) is tokenized on the fly, with the same result. An edit made after its day was
rolled up changes nothing there, as before.

A snapshot reads theory by theory only the partial hours at the two ends of its window (their
stored phrases, keeping one row per theory and phrase, for examples) and sums the complete days
and hours. Examples come from those partial days first, then from the latest complete days
holding the phrase, found there by a regular expression that matches exactly what the tokenizer
counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection

from theories.models import Theory

BASELINE_DAYS = 90
PRIOR_SIZE = 1000.0  # α0, in phrase occurrences
ALPHA_MIN = 0.5
MIN_AUTHORS = 3
TOP_PHRASES = 20
EXAMPLES = 3
MAX_WORD_LENGTH = 60

# A small English stop list: function words, pronouns, auxiliaries, contractions without their
# apostrophe (the tokenizer splits "don't" into "don" and "t"), and the pieces of web links.
STOP_WORDS: tuple[str, ...] = tuple(
    sorted(
        set(
            """
            a about above after again against all also am an and any are aren as at be because been before
            being below between both but by can cannot could couldn did didn do does doesn doing don down
            during each else ever every few for from further had hadn has hasn have haven having he her here
            hers herself him himself his how however i if in into is isn it its itself just let ll me might
            more most much must mustn my myself no nor not now of off on once one only or other ought our
            ours ourselves out over own re same shan she should shouldn so some still such than that the
            their theirs them themselves then there these they this those though through thus to too under
            until up upon us ve very was wasn we were weren what when where whether which while who whom
            whose why will with won would wouldn yet you your yours yourself yourselves
            really maybe also etc vs via lot lots get got gets thing things way even since
            http https www com org net html
            """.split()
        )
    )
)

_SPLIT = r"[^[:alnum:]-]+"
TERMS_TABLE = "trends_theoryphrases"


def _word_ok(column: str) -> str:
    """SQL: the word is 2-60 characters, does not begin or end with a hyphen (dashes, list markers), is no stop word."""
    return (
        f"length({column}) BETWEEN 2 AND {MAX_WORD_LENGTH} AND {column} NOT LIKE '-%%' AND {column} NOT LIKE '%%-' "
        f"AND NOT ({column} = ANY(%(stop)s::text[]))"
    )


def _phrases_sql(docs: str, *, per: str) -> str:
    """SQL (CTEs) turning `docs` (id, author_id, created_at, period, toks) into `phrases` with their occurrences.

    `phrases` has one row per `per` (a list of docs columns, e.g. "period, author_id") and phrase; one GROUP BY
    with two grouping sets counts the single words and the adjacent pairs in the same pass.
    """
    return f"""
        docs AS MATERIALIZED ({docs}),
        pairs AS (
            -- Collation "C" once the words are cut (lower() and the split above keep the database's locale):
            -- grouping and sorting words compare bytes, not locale rules; equal words are equal either way.
            SELECT id, author_id, created_at, period,
                   unnest(toks) COLLATE "C" AS w, unnest(toks[2:]) COLLATE "C" AS nxt
            FROM docs
        ),
        kept AS (
            SELECT {per}, w, CASE WHEN {_word_ok("nxt")} THEN nxt END AS nxt
            FROM pairs
            WHERE {_word_ok("w")}
        ),
        counted AS (
            SELECT {per}, w, nxt, GROUPING(nxt) AS single, count(*) AS occurrences
            FROM kept
            GROUP BY GROUPING SETS (({per}, w), ({per}, w, nxt))
        ),
        phrases AS (
            SELECT {per}, occurrences, CASE WHEN single = 1 THEN w ELSE w || ' ' || nxt END AS phrase
            FROM counted
            WHERE single = 1 OR nxt IS NOT NULL
        )
    """


def phrase_pattern(phrase: str) -> str:
    """A PostgreSQL regular expression matching the phrase in lower-cased text exactly as the tokenizer counts it."""
    words = phrase.split(" ")
    return "(^|[^[:alnum:]-])" + "[^[:alnum:]-]+".join(words) + "($|[^[:alnum:]-])"


_EPOCH = "TIMESTAMPTZ '2000-01-01 00:00:00+00'"
# Per rollup unit: its table, its period column and the SQL that puts a theory in its period.
_UNITS = {
    "day": ("trends_dailyphrasecount", "day", "(t.created_at AT TIME ZONE 'UTC')::date"),
    "hour": ("trends_hourlyphrasecount", "hour", f"date_bin('1 hour', t.created_at, {_EPOCH})"),
}
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


_VISIBLE = "t.series_id = %(series)s AND NOT t.is_deleted AND NOT t.is_hidden"


def _docs_sql(where: str, *, period: str = "NULL::date") -> str:
    return f"""
        SELECT t.id, t.author_id, t.created_at, {period} AS period,
               regexp_split_to_array(lower(t.title || ' - ' || t.body), %(split)s) AS toks
        FROM theories_theory t
        WHERE {where}
    """


def _terms_sql(where: str) -> str:
    """SQL: (id, terms, counts) of every theory matching `where` (alias t) that has a phrase, tokenized here."""
    return f"""
        WITH {_phrases_sql(_docs_sql(where), per="id")}
        SELECT id, array_agg(phrase ORDER BY phrase) AS terms, array_agg(occurrences::int ORDER BY phrase) AS counts
        FROM phrases GROUP BY id
    """


def _theory_phrases_sql(where: str, *, period: str = "NULL::date") -> str:
    """SQL (CTEs) giving `theory_phrases` (id, author_id, created_at, period, phrase, occurrences).

    One row per visible theory of the series matching `where` (alias t) and phrase: unnested from the
    theory's TheoryPhrases row, or, for a theory without one, tokenized here (_phrases_sql) with the same result.
    """
    untokenized = f"{_VISIBLE} AND ({where}) AND NOT EXISTS (SELECT FROM {TERMS_TABLE} s WHERE s.theory_id = t.id)"
    return f"""
        {_phrases_sql(_docs_sql(untokenized, period=period), per="id, author_id, created_at, period")},
        theory_phrases AS (
            SELECT t.id, t.author_id, t.created_at, {period} AS period,
                   u.phrase COLLATE "C" AS phrase, u.occurrences::bigint AS occurrences
            FROM theories_theory t
            JOIN {TERMS_TABLE} s ON s.theory_id = t.id
            CROSS JOIN LATERAL unnest(s.terms, s.counts) AS u(phrase, occurrences)
            WHERE {_VISIBLE} AND ({where})
            UNION ALL
            SELECT id, author_id, created_at, period, phrase, occurrences FROM phrases
        )
    """


def _author_phrases_sql(where: str, *, period: str) -> str:
    """SQL (CTEs) giving `author_phrases` (period, author_id, phrase, occurrences): one row per author and phrase.

    For the rollups, which count distinct authors: with one row per author, that is count(*), and the final
    GROUP BY period, phrase is one hash aggregate. Most authors write one theory in a period: their stored
    phrases go through as they are. Only the theories of the authors with more than one in a period
    (`repeated`), and those without TheoryPhrases (tokenized here), are summed per author first.
    """
    untokenized = f"{_VISIBLE} AND ({where}) AND NOT EXISTS (SELECT FROM {TERMS_TABLE} s WHERE s.theory_id = t.id)"
    return f"""
        {_phrases_sql(_docs_sql(untokenized, period=period), per="period, author_id")},
        repeated AS MATERIALIZED (
            SELECT {period} AS period, t.author_id FROM theories_theory t
            WHERE {_VISIBLE} AND ({where})
            GROUP BY 1, 2 HAVING count(*) > 1
        ),
        stored AS NOT MATERIALIZED (
            SELECT {period} AS period, t.author_id, u.phrase COLLATE "C" AS phrase, u.occurrences::bigint AS occurrences
            FROM theories_theory t
            JOIN {TERMS_TABLE} s ON s.theory_id = t.id
            CROSS JOIN LATERAL unnest(s.terms, s.counts) AS u(phrase, occurrences)
            WHERE {_VISIBLE} AND ({where})
        ),
        author_phrases AS (
            SELECT period, author_id, phrase, occurrences FROM stored
            WHERE NOT EXISTS (SELECT FROM repeated r WHERE r.period = stored.period AND r.author_id = stored.author_id)
            UNION ALL
            SELECT period, author_id, phrase, sum(occurrences) FROM (
                SELECT period, author_id, phrase, occurrences FROM stored
                WHERE EXISTS (SELECT FROM repeated r WHERE r.period = stored.period AND r.author_id = stored.author_id)
                UNION ALL
                SELECT period, author_id, phrase, occurrences FROM phrases
            ) shared
            GROUP BY period, author_id, phrase
        )
    """


def _params(**extra: object) -> dict:
    return {"split": _SPLIT, "stop": list(STOP_WORDS), **extra}


TERMS_CHUNK = 10_000  # theories per statement when tokenizing many (the sorts of one chunk stay in memory)


def theory_phrases_update(*, theory_id: int) -> None:
    """Store the theory's phrases and their occurrences (TheoryPhrases) from its current title and body.

    Called in the transaction of every write of a theory's title or body (theories.services), like the
    search document.
    """
    _terms_upsert(where="t.id = %(id)s", params=_params(id=theory_id))


def theory_phrases_update_many(*, theory_ids: range | list[int] | None = None) -> int:
    """theory_phrases_update for many theories (all when None) in set-based statements of TERMS_CHUNK ids.

    For the migration that backfills TheoryPhrases and for generate_synthetic. Returns the rows written.
    """
    if theory_ids is not None and not isinstance(theory_ids, range):
        ids = list(theory_ids)
        return sum(
            _terms_upsert(where="t.id = ANY(%(ids)s)", params=_params(ids=ids[n : n + TERMS_CHUNK]))
            for n in range(0, len(ids), TERMS_CHUNK)
        )
    if theory_ids is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT min(id), max(id) FROM theories_theory")
            low, high = cursor.fetchone()
        if low is None:
            return 0
        theory_ids = range(low, high + 1)
    return sum(
        _terms_upsert(
            where="t.id >= %(lo)s AND t.id < %(hi)s",
            params=_params(lo=lo, hi=min(lo + TERMS_CHUNK, theory_ids.stop)),
        )
        for lo in range(theory_ids.start, theory_ids.stop, TERMS_CHUNK)
    )


def _terms_upsert(*, where: str, params: dict) -> int:
    """Tokenize the theories matching `where` (alias t) into TheoryPhrases, empty arrays for a theory with none."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {TERMS_TABLE} (theory_id, terms, counts)
            SELECT t.id, coalesce(p.terms, '{{}}'), coalesce(p.counts, '{{}}')
            FROM theories_theory t LEFT JOIN ({_terms_sql(where)}) p ON p.id = t.id
            WHERE {where}
            ON CONFLICT (theory_id) DO UPDATE SET terms = EXCLUDED.terms, counts = EXCLUDED.counts
            """,
            params,
        )
        return cursor.rowcount


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _floor_hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _floor_hour(moment)
    return floor if floor == moment else floor + HOUR


def rollup_phrases(*, series_id: int, unit: str, lo: datetime, hi: datetime) -> dict:
    """Replace the phrase counts of every `unit` ("day" or "hour") in [lo, hi); return {period: occurrences}.

    Idempotent: the periods' rows are deleted and written again in the caller's transaction.
    """
    table, column, period = _UNITS[unit]
    first, end = (lo.date(), hi.date()) if unit == "day" else (lo, hi)
    params = _params(series=series_id, lo=lo, hi=hi, first=first, end=end)
    author_phrases = _author_phrases_sql("t.created_at >= %(lo)s AND t.created_at < %(hi)s", period=period)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE series_id = %(series)s AND {column} >= %(first)s AND {column} < %(end)s", params
        )
        cursor.execute(
            f"""
            INSERT INTO {table} (series_id, {column}, phrase, occurrences, author_count, authors)
            WITH {author_phrases}
            SELECT %(series)s, period, phrase, sum(occurrences), count(*),
                   CASE WHEN min(author_id) = max(author_id) THEN ARRAY[min(author_id)]
                        ELSE ARRAY[min(author_id), max(author_id)] END
            FROM author_phrases GROUP BY period, phrase
            """,
            params,
        )
        cursor.execute(
            f"SELECT {column}, sum(occurrences) FROM {table} "
            f"WHERE series_id = %(series)s AND {column} >= %(first)s AND {column} < %(end)s GROUP BY {column}",
            params,
        )
        return {key: int(total) for key, total in cursor.fetchall()}


def theories_per_day(*, series_id: int, first_day: date, end_day: date) -> dict[date, int]:
    """Visible theories posted per UTC day in [first_day, end_day)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT (created_at AT TIME ZONE 'UTC')::date, count(*) FROM theories_theory
            WHERE series_id = %s AND NOT is_deleted AND NOT is_hidden AND created_at >= %s AND created_at < %s
            GROUP BY 1
            """,
            [series_id, midnight(first_day), midnight(end_day)],
        )
        return dict(cursor.fetchall())


@dataclass(frozen=True)
class PhraseWindow:
    """Where a window's phrase counts come from.

    Complete days are summed from DailyPhraseCount and the complete hours of the partial days at both
    ends from HourlyPhraseCount; only the partial hours at the very ends (`live`) are tokenized by the
    snapshot itself.
    """

    live: list[tuple[datetime, datetime]]
    hours: list[datetime]
    first_full_day: date
    end_full_day: date
    baseline_first_day: date
    baseline_end_day: date

    @classmethod
    def for_window(cls, *, start: datetime, as_of: datetime) -> PhraseWindow:
        start_day = start.astimezone(UTC).date()
        first_full = start_day if midnight(start_day) == start else start_day + DAY
        end_full = as_of.astimezone(UTC).date()
        live: list[tuple[datetime, datetime]] = []
        hours: list[datetime] = []

        def split(lo: datetime, hi: datetime) -> None:
            first_hour, end_hour = _ceil_hour(lo), _floor_hour(hi)
            if first_hour >= end_hour:
                live.append((lo, hi))
                return
            if lo < first_hour:
                live.append((lo, first_hour))
            hours.extend(first_hour + n * HOUR for n in range((end_hour - first_hour) // HOUR))
            if end_hour < hi:
                live.append((end_hour, hi))

        if first_full > end_full:  # a window inside one day
            first_full = end_full
            split(start, as_of)
        else:
            if start < midnight(first_full):
                split(start, midnight(first_full))
            if midnight(end_full) < as_of:
                split(midnight(end_full), as_of)
        return cls(
            live=live,
            hours=hours,
            first_full_day=first_full,
            end_full_day=end_full,
            baseline_first_day=start_day - timedelta(days=BASELINE_DAYS),
            baseline_end_day=start_day,
        )


def emerging_phrases(*, series_id: int, start: datetime, as_of: datetime) -> list[dict]:
    """The top phrases of the window [start, as_of) by Fightin' Words z against the series' baseline.

    Needs the DailyPhraseCount/DailyRollup rows of the window's complete days and of the baseline days.
    """
    window = PhraseWindow.for_window(start=start, as_of=as_of)
    live_where = " OR ".join(
        f"(t.created_at >= %(live{i}_lo)s AND t.created_at < %(live{i}_hi)s)" for i in range(len(window.live))
    )
    params: dict = {
        "series": series_id,
        "split": _SPLIT,
        "stop": list(STOP_WORDS),
        "c0": window.first_full_day,
        "c1": window.end_full_day,
        "hours": window.hours,
        "b0": window.baseline_first_day,
        "b1": window.baseline_end_day,
        "prior": PRIOR_SIZE,
        "alpha_min": ALPHA_MIN,
        "min_authors": MIN_AUTHORS,
        "limit": TOP_PHRASES,
    }
    for i, (lo, hi) in enumerate(window.live):
        params[f"live{i}_lo"], params[f"live{i}_hi"] = lo, hi
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS trends_tmp_live")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE trends_tmp_live ON COMMIT DROP AS
            WITH {_theory_phrases_sql(live_where or "false")}
            SELECT phrase, id, author_id, created_at, occurrences FROM theory_phrases
            """,
            params,
        )
        cursor.execute(
            "SELECT coalesce(sum(phrase_total), 0) FROM trends_dailyrollup "
            "WHERE series_id = %(series)s AND day >= %(b0)s AND day < %(b1)s",
            params,
        )
        params["m"] = float(cursor.fetchone()[0])
        cursor.execute(
            """
            WITH counted AS (
                SELECT phrase, occurrences, author_count, authors FROM trends_dailyphrasecount
                WHERE series_id = %(series)s AND day >= %(c0)s AND day < %(c1)s
                UNION ALL
                SELECT phrase, occurrences, author_count, authors FROM trends_hourlyphrasecount
                WHERE series_id = %(series)s AND hour = ANY(%(hours)s::timestamptz[])
            ), counts AS (
                SELECT phrase, sum(occurrences)::float8 AS y
                FROM (
                    SELECT phrase, occurrences FROM trends_tmp_live UNION ALL SELECT phrase, occurrences FROM counted
                ) u
                GROUP BY phrase
            ), total AS (
                SELECT coalesce(sum(y), 0)::float8 AS n FROM counts
            ), authored AS (
                SELECT phrase FROM counted WHERE author_count >= %(min_authors)s
                UNION
                SELECT phrase FROM (
                    SELECT phrase, author_id FROM trends_tmp_live
                    UNION SELECT phrase, unnest(authors) FROM counted WHERE author_count < %(min_authors)s
                ) u
                GROUP BY phrase HAVING count(*) >= %(min_authors)s
            ), candidates AS (
                SELECT c.phrase, c.y FROM counts c JOIN authored a ON a.phrase = c.phrase
            ), baseline AS (
                SELECT phrase, sum(occurrences)::float8 AS y FROM trends_dailyphrasecount
                WHERE series_id = %(series)s AND day >= %(b0)s AND day < %(b1)s
                  AND phrase IN (SELECT phrase FROM candidates)
                GROUP BY phrase
            ), priors AS (
                SELECT c.phrase, c.y AS yi, coalesce(b.y, 0) AS yj,
                       greatest(%(prior)s * coalesce(b.y, 0) / nullif(%(m)s, 0), %(alpha_min)s) AS alpha
                FROM candidates c LEFT JOIN baseline b ON b.phrase = c.phrase
            ), scored AS (
                SELECT p.phrase, p.yi, p.yj,
                       ln((p.yi + p.alpha) / greatest(total.n + %(prior)s - p.yi - p.alpha, %(alpha_min)s))
                       - ln((p.yj + p.alpha) / greatest(%(m)s + %(prior)s - p.yj - p.alpha, %(alpha_min)s)) AS delta,
                       sqrt(1 / (p.yi + p.alpha) + 1 / (p.yj + p.alpha)) AS sigma
                FROM priors p CROSS JOIN total
            )
            SELECT phrase, yi, yj, delta, delta / sigma AS z FROM scored
            WHERE delta > 0
            ORDER BY z DESC, phrase
            LIMIT %(limit)s
            """,
            params,
        )
        top = cursor.fetchall()
        if not top:
            return []
        params["top"] = [row[0] for row in top]
        cursor.execute(
            """
            SELECT phrase, id, created_at FROM (
                SELECT phrase, id, created_at,
                       row_number() OVER (PARTITION BY phrase ORDER BY created_at DESC, id DESC) AS position
                FROM trends_tmp_live WHERE phrase = ANY(%(top)s)
            ) ranked
            WHERE position <= %(examples)s
            """,
            {**params, "examples": EXAMPLES},
        )
        found: dict[str, list[tuple[datetime, int]]] = {}
        for phrase, theory_id, created_at in cursor.fetchall():
            found.setdefault(phrase, []).append((created_at, theory_id))
        short = [phrase for phrase, *_ in top if len(found.get(phrase, [])) < EXAMPLES]
        if short:
            # The complete days and hours holding each phrase, newest first, searched until three are found.
            cursor.execute(
                """
                SELECT phrase, array_agg(lo ORDER BY lo DESC), array_agg(hi ORDER BY lo DESC) FROM (
                    SELECT phrase, day::timestamp AT TIME ZONE 'UTC' AS lo,
                           (day + 1)::timestamp AT TIME ZONE 'UTC' AS hi
                    FROM trends_dailyphrasecount
                    WHERE series_id = %(series)s AND day >= %(c0)s AND day < %(c1)s AND phrase = ANY(%(short)s)
                    UNION ALL
                    SELECT phrase, hour, hour + interval '1 hour' FROM trends_hourlyphrasecount
                    WHERE series_id = %(series)s AND hour = ANY(%(hours)s::timestamptz[]) AND phrase = ANY(%(short)s)
                ) periods
                GROUP BY phrase
                """,
                {**params, "short": short},
            )
            for phrase, starts, ends in cursor.fetchall():
                periods = list(zip(starts, ends, strict=True))
                found.setdefault(phrase, []).extend(
                    _examples_in(cursor, series_id=series_id, phrase=phrase, periods=periods)
                )
    picked = {
        phrase: [theory_id for _, theory_id in sorted(candidates, reverse=True)[:EXAMPLES]]
        for phrase, candidates in found.items()
    }
    titles = dict(
        Theory.objects.filter(pk__in=[pk for ids in picked.values() for pk in ids]).values_list("pk", "title")
    )
    examples = {phrase: [{"id": pk, "title": titles[pk]} for pk in ids] for phrase, ids in picked.items()}
    return [
        {
            "phrase": phrase,
            "words": phrase.count(" ") + 1,
            "score": float(z),
            "log_odds": float(delta),
            "window_count": int(yi),
            "baseline_count": int(yj),
            "examples": examples.get(phrase, []),
        }
        for phrase, yi, yj, delta, z in top
    ]


def _examples_in(  # type: ignore[no-untyped-def]
    cursor, *, series_id: int, phrase: str, periods: list[tuple[datetime, datetime]]
) -> list[tuple[datetime, int]]:
    """The latest theories using `phrase` in the given periods (newest first), up to EXAMPLES."""
    examples: list[tuple[datetime, int]] = []
    for lo, hi in periods:
        cursor.execute(
            """
            SELECT created_at, id FROM theories_theory
            WHERE series_id = %(series)s AND NOT is_deleted AND NOT is_hidden
              AND created_at >= %(lo)s AND created_at < %(hi)s
              AND lower(title || ' - ' || body) ~ %(pattern)s
            ORDER BY created_at DESC, id DESC
            LIMIT %(limit)s
            """,
            {
                "series": series_id,
                "lo": lo,
                "hi": hi,
                "pattern": phrase_pattern(phrase),
                "limit": EXAMPLES - len(examples),
            },
        )
        examples.extend(cursor.fetchall())
        if len(examples) >= EXAMPLES:
            break
    return examples
