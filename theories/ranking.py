"""Ranking formulas. Each is computed in SQL where lists sort by it, and here for tests and docs."""

from __future__ import annotations

import math
from datetime import datetime

# Reddit's epoch for the hot formula (2005-12-08 07:46:43 UTC) and its 12.5-hour half-life in seconds.
HOT_EPOCH_SECONDS = 1134028003
HOT_DECAY_SECONDS = 45000


def hot(*, score: int, created: datetime) -> float:
    """Reddit's hot: sign(s)·log10(max(|s|, 1)) + (created − epoch) / 45000.

    Source: reddit's `_hot` in r2/lib/db/_sorts.pyx. Ten times the net votes is worth as
    much as 12.5 hours of recency.
    """
    order = math.log10(max(abs(score), 1))
    sign = 1 if score > 0 else -1 if score < 0 else 0
    seconds = created.timestamp() - HOT_EPOCH_SECONDS
    return round(sign * order + seconds / HOT_DECAY_SECONDS, 7)


# The same formula as a SQL expression over a theory row, so a vote updates `hot` in its one UPDATE.
HOT_SQL = (
    "sign({score}) * log(greatest(abs({score}), 1)) "
    f"+ (extract(epoch from {{created}}) - {HOT_EPOCH_SECONDS}) / {HOT_DECAY_SECONDS}.0"
)
