"""Per-user rate limits in Redis, shared by every web worker.

A fixed window per user and action: INCR and EXPIRE run in one Lua script, atomically and in
one round trip, so concurrent requests across workers are counted exactly and a limit of N
admits exactly N. Limits are settings (RATE_LIMITS, "count/period" with period s, m, h or d).
If Redis is unavailable the limit is not enforced (fail open): voting and posting must keep
working without Redis.
"""

from __future__ import annotations

import functools
import hashlib
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


# INCR the window's counter, and give it its expiry when this INCR created it; returns the count.
_COUNT_SCRIPT = """
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return used
"""
_COUNT_SHA = hashlib.sha1(_COUNT_SCRIPT.encode()).hexdigest()


def _count(client: redis.Redis, *, key: str, seconds: int) -> int:
    """One EVALSHA (EVAL the first time a Redis server sees the script): a vote's only Redis round trip before it."""
    try:
        return int(client.evalsha(_COUNT_SHA, 1, key, seconds))
    except redis.exceptions.NoScriptError:
        return int(client.eval(_COUNT_SCRIPT, 1, key, seconds))


@functools.cache
def _parsed(text: str) -> Rate:
    return parse_rate(text)


def rate_limit(*, scope: str, user_id: int | str) -> None:
    """Count one action of `scope` by the user (or, for anonymous actions, the client address).

    Raises a 429 ApplicationError past the limit.
    """
    rate = _parsed(settings.RATE_LIMITS[scope])
    window = int(time.time() // rate.seconds)
    key = f"theorycraft:rl:{scope}:{user_id}:{window}"
    try:
        used = _count(redis_client(), key=key, seconds=rate.seconds + 1)
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
    return client_ip(request) or "unknown"


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N trusted
    proxies the client is the N-th entry from the right; anything left of it was sent by the client and
    is ignored (a forged header cannot pick the address a limit counts). Also django-axes' client address
    (AXES_CLIENT_IP_CALLABLE): axes would read TRUSTED_PROXY_COUNT only through django-ipware, which is
    not installed.
    """
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def _describe(seconds: int) -> str:
    for unit, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % unit == 0:
            count = seconds // unit
            return name if count == 1 else f"{count} {name}s"
    return f"{seconds} seconds"
