"""Ranking formulas for the theory sorts.

`hot`, `confidence` (top) and `controversy` are stored columns on the theory, recomputed in
the same UPDATE that moves a vote's counters, so lists sort by an index. `rising` depends on
the clock, so it is computed at read time over the few theories young enough to rise.
Each formula exists twice: in Python (documentation, tests) and as SQL (writes).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

# Reddit's epoch for the hot formula (2005-12-08 07:46:43 UTC) and its 12.5-hour decay in seconds.
HOT_EPOCH_SECONDS = 1134028003
HOT_DECAY_SECONDS = 45000
# z for an 80% confidence interval, as Reddit's "best"/confidence sort uses.
WILSON_Z = 1.281
RISING_RECENT = timedelta(hours=6)
RISING_MAX_AGE = timedelta(hours=48)


def hot(*, score: int, created: datetime) -> float:
    """Reddit's hot: sign(s)·log10(max(|s|, 1)) + (created − epoch) / 45000.

    Source: reddit's `_hot` in r2/lib/db/_sorts.pyx. Ten times the net votes is worth as
    much as 12.5 hours of recency.
    """
    order = math.log10(max(abs(score), 1))
    sign = 1 if score > 0 else -1 if score < 0 else 0
    seconds = created.timestamp() - HOT_EPOCH_SECONDS
    return round(sign * order + seconds / HOT_DECAY_SECONDS, 7)


def wilson_lower_bound(*, upvotes: int, downvotes: int, z: float = WILSON_Z) -> float:
    """Lower bound of the Wilson score interval for the share of upvotes.

    (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), 0 without votes. Source: Evan Miller,
    "How Not To Sort By Average Rating" (2009); reddit's `_confidence` with z = 1.281.
    """
    n = upvotes + downvotes
    if n == 0:
        return 0.0
    p = upvotes / n
    return (p + z * z / (2 * n) - z * math.sqrt((p * (1 - p) + z * z / (4 * n)) / n)) / (1 + z * z / n)


def controversy(*, upvotes: int, downvotes: int) -> float:
    """Reddit's controversy: (ups + downs) ^ (min / max); 0 unless both are positive.

    Many votes and a near-even split rank highest. Source: reddit's `_controversy`.
    """
    if upvotes <= 0 or downvotes <= 0:
        return 0.0
    balance = min(upvotes, downvotes) / max(upvotes, downvotes)
    return float((upvotes + downvotes) ** balance)


def rising(*, recent_votes: int, age: timedelta) -> float:
    """Vote velocity: votes in the last 6 hours per hour of the theory's age (at least one hour).

    Only theories under 48 hours old rise; a theory that gathers 12 votes in its first two
    hours outranks one that gathered 20 over two days.
    """
    if age > RISING_MAX_AGE:
        return 0.0
    return recent_votes / max(age.total_seconds() / 3600, 1.0)


def counters_sql(*, upvotes: str, downvotes: str, created: str = "created_at") -> dict[str, str]:
    """The stored ranking columns as SQL expressions of new counter values (column SQL or params)."""
    score = f"(({upvotes}) - ({downvotes}))"
    n = f"(({upvotes}) + ({downvotes}))"
    z2 = WILSON_Z * WILSON_Z
    return {
        "hot": (
            f"sign({score}) * log(greatest(abs({score}), 1)) "
            f"+ (extract(epoch from {created}) - {HOT_EPOCH_SECONDS}) / {HOT_DECAY_SECONDS}.0"
        ),
        "confidence": (
            f"CASE WHEN {n} = 0 THEN 0 ELSE "
            f"(({upvotes})::float8 / {n} + {z2} / (2.0 * {n}) - {WILSON_Z} * sqrt("
            f"((({upvotes})::float8 / {n}) * (1 - ({upvotes})::float8 / {n}) + {z2} / (4.0 * {n})) / {n})) "
            f"/ (1 + {z2} / {n}) END"
        ),
        "controversy": (
            f"CASE WHEN ({upvotes}) <= 0 OR ({downvotes}) <= 0 THEN 0 ELSE "
            f"power({n}::float8, least({upvotes}, {downvotes})::float8 / greatest({upvotes}, {downvotes})) END"
        ),
    }
