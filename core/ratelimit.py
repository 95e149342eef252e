"""Per-user rate limits in Redis, shared by every web worker.

A fixed window per user and action: INCR and EXPIRE run in one MULTI/EXEC, so concurrent
requests across workers are counted exactly and a limit of N admits exactly N. Limits are
settings (RATE_LIMITS, "count/period" with period s, m, h or d). If Redis is unavailable the
limit is not enforced (fail open): voting and posting must keep working without Redis.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.http import HttpRequest

from core.exceptions import ApplicationError
from core.redis_client import redis_client

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """'60/m' → 60 per 60 seconds; '10/5m' → 10 per 300 seconds."""
    count, _, period = text.partition("/")
    unit = period[-1:]
    multiplier = int(period[:-1] or 1)
    if not count.isdigit() or unit not in _PERIODS or multiplier < 1:
        raise ValueError(f"bad rate {text!r}: expected like 60/m or 10/5m")
    return Rate(count=int(count), seconds=multiplier * _PERIODS[unit])


def rate_limit(*, scope: str, user_id: int | str) -> None:
    """Count one action of `scope` by the user (or, for anonymous actions, the client address).

    Raises a 429 ApplicationError past the limit.
    """
    rate = parse_rate(settings.RATE_LIMITS[scope])
    window = int(time.time() // rate.seconds)
    key = f"theorycraft:rl:{scope}:{user_id}:{window}"
    try:
        pipe = redis_client().pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, rate.seconds + 1)
        used, _ = pipe.execute()
    except redis.RedisError:
        logger.warning("rate limit for %s not enforced: Redis unavailable", scope)
        return
    if used > rate.count:
        retry_after = max(1, math.ceil((window + 1) * rate.seconds - time.time()))
        raise ApplicationError(
            code="rate_limited",
            message=f"Slow down: at most {rate.count} per {_describe(rate.seconds)}. Try again in {retry_after} s.",
            status=429,
            headers={"Retry-After": str(retry_after)},
        )


def client_address(request: HttpRequest) -> str:
    """The client's IP address as sign-in throttling sees it (honours TRUSTED_PROXY_COUNT)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def _describe(seconds: int) -> str:
    for unit, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % unit == 0:
            count = seconds // unit
            return name if count == 1 else f"{count} {name}s"
    return f"{seconds} seconds"
