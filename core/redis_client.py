"""One Redis client per process for the small things the app keeps in Redis (rate limits, event coalescing)."""

from __future__ import annotations

from functools import cache

import redis
from django.conf import settings


@cache
def redis_client() -> redis.Redis:
    # Short timeouts: callers treat Redis as optional and carry on without it.
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.25, socket_timeout=0.25)
