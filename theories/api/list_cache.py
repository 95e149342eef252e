"""A visitor's first page of a theory list, served from Redis for THEORY_LIST_CACHE_MS as rendered JSON.

The hot list is the site's most requested read; visitors without a session or token all see the same
first page of a given query, so it is rendered once per interval. Signed-in readers, later pages and
searches are never cached. Redis down: every request is answered from PostgreSQL.
"""

from __future__ import annotations

import hashlib
import logging

import redis
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from rest_framework.request import Request

from core.redis_client import redis_client

logger = logging.getLogger(__name__)

PREFIX = "theorycraft:theory-list:"


def cache_ms() -> int:
    """How long the anonymous first page of a list (no cursor, no search) is served from Redis as rendered.

    A visitor may see counters and order up to this old; live vote events keep open pages current.
    THEORY_LIST_CACHE_MS; by default 1 s in production and off elsewhere, where a write should show at once.
    """
    return settings.THEORY_LIST_CACHE_MS


def key_for(request: Request) -> str | None:
    """The Redis key of an anonymous first page (no cursor, no search) rendered as JSON, keyed by its full query."""
    params = request.query_params
    if not cache_ms() or request.user.is_authenticated or "cursor" in params or "q" in params:
        return None
    if request.accepted_renderer.format != "json":
        return None
    return PREFIX + hashlib.sha1(request.get_full_path().encode()).hexdigest()


def get(key: str) -> bytes | None:
    try:
        return redis_client().get(key)
    except redis.RedisError:
        logger.warning("theory list cache unavailable", exc_info=True)
        return None


def store(key: str, body: bytes) -> None:
    try:
        redis_client().set(key, body, px=cache_ms())
    except redis.RedisError:
        logger.warning("theory list cache unavailable", exc_info=True)


def cached_page(request: HttpRequest) -> HttpResponse | None:
    """A visitor's cached first page straight from Redis, before DRF's request handling; None to let DRF answer.

    Only for requests DRF would treat as anonymous and answer in JSON (no Authorization header, no
    session cookie, JSON acceptable), under the same key as TheoryListCreateApi.get stores with `store`.
    """
    if request.method != "GET" or not cache_ms() or "HTTP_AUTHORIZATION" in request.META:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "cursor" in request.GET or "q" in request.GET:
        return None
    accept = request.META.get("HTTP_ACCEPT", "*/*")
    if accept not in ("*/*", "application/json"):
        return None
    body = get(PREFIX + hashlib.sha1(request.get_full_path().encode()).hexdigest())
    if body is None:
        return None
    response = HttpResponse(body, content_type="application/json")
    # The headers DRF's answer carries: its methods, and what it varies with.
    response["Allow"] = "GET, POST, HEAD, OPTIONS"
    patch_vary_headers(response, ("Accept", "Cookie"))
    return response
