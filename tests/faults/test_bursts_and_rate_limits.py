"""Concurrency against several gunicorn worker processes: bursts of sign-ups and posts, atomic rate limits."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from accounts.models import User
from tests.factories import TheoryFactory, UserFactory
from theories.models import Theory
from voting.models import Vote

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

TIMEOUT = 300  # per request: 200 at once on two shared cores queue up behind four workers
FAST_HASHING = "tests.faults.fast_hashing_settings"


def _all_at_once(calls: list) -> list[requests.Response]:  # type: ignore[type-arg]
    """Run every call in its own thread, released together by a barrier; return the responses in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):  # type: ignore[no-untyped-def]
        with requests.Session() as session:
            barrier.wait()
            return call(session)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_a_burst_of_200_sign_ups_and_posts_stores_every_accepted_one(stack, series, tags, token_for):
    base = stack.gunicorn(workers=4, RATE_LIMIT_SIGNUP="1000/h", DJANGO_SETTINGS_MODULE=FAST_HASHING)
    authors = [UserFactory(username=f"poster{number}") for number in range(20)]
    headers = {author.pk: token_for(author) for author in authors}

    calls, kinds = [], []
    for number in range(100):
        # Every tenth sign-up reuses an earlier name: two racing requests for one name, one must win.
        name = f"burst{number - number % 10 if number % 10 == 9 else number}"
        payload = {"username": name, "email": f"{name}-{number}@example.com", "password": "zombie-school-2022"}
        calls.append(lambda s, p=payload: s.post(f"{base}/api/v1/auth/register/", json=p, timeout=TIMEOUT))
        kinds.append(("signup", payload))
    for number in range(100):
        author = authors[number % len(authors)]
        # Every tenth post is invalid (a title under 5 characters): refused with 400, never stored.
        title = "Hi" if number % 10 == 0 else f"Burst theory number {number}"
        payload = {"series": series.slug, "title": title, "body": f"Body {number}.", "tags": ["nam-on-jo"]}
        calls.append(
            lambda s, p=payload, h=headers[author.pk]: s.post(
                f"{base}/api/v1/theories/", json=p, headers=h, timeout=TIMEOUT
            )
        )
        kinds.append(("post", payload))

    responses = _all_at_once(calls)

    statuses = Counter(response.status_code for response in responses)
    assert not [status for status in statuses if status >= 500], statuses
    assert all(status in (200, 201) or 400 <= status < 500 for status in statuses), statuses
    accepted_users = {
        payload["username"]
        for (kind, payload), response in zip(kinds, responses, strict=True)
        if kind == "signup" and response.status_code == 201
    }
    accepted_titles = Counter(
        payload["title"]
        for (kind, payload), response in zip(kinds, responses, strict=True)
        if kind == "post" and response.status_code == 201
    )
    # Every accepted one is stored; no refused one is.
    assert set(User.objects.filter(username__startswith="burst").values_list("username", flat=True)) == accepted_users
    assert Counter(Theory.objects.filter(series=series).values_list("title", flat=True)) == accepted_titles
    # The 10 racing duplicates lost to their originals (all 90 distinct names can be taken: the limit is raised).
    assert len(accepted_users) == 90
    assert sum(accepted_titles.values()) == 90


def test_a_rate_limit_admits_exactly_n_of_50_concurrent_requests_across_workers(stack, series, tags, token_for):
    limit = 7
    base = stack.gunicorn(workers=4, RATE_LIMIT_VOTE=f"{limit}/h")
    voter = UserFactory(username="voter")
    theories = [TheoryFactory(series=series, tags=tags[:1]) for _ in range(50)]
    header = token_for(voter)

    responses = _all_at_once(
        [
            lambda s, pk=theory.pk: s.put(
                f"{base}/api/v1/theories/{pk}/vote/", json={"value": 1}, headers=header, timeout=TIMEOUT
            )
            for theory in theories
        ]
    )

    statuses = Counter(response.status_code for response in responses)
    assert statuses == {200: limit, 429: 50 - limit}
    assert Vote.objects.filter(user=voter).count() == limit
    refused = next(response for response in responses if response.status_code == 429)
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1


def test_a_forged_x_forwarded_for_does_not_reset_the_sign_up_limit(stack):
    limit = 5
    base = stack.gunicorn(workers=2, RATE_LIMIT_SIGNUP=f"{limit}/h", DJANGO_SETTINGS_MODULE=FAST_HASHING)

    def sign_up(number: int, forwarded_for: str | None) -> int:
        name = f"forger{number}"
        headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        payload = {"username": name, "email": f"{name}@example.com", "password": "zombie-school-2022"}
        return requests.post(
            f"{base}/api/v1/auth/register/", json=payload, headers=headers, timeout=TIMEOUT
        ).status_code

    assert [sign_up(number, None) for number in range(limit)] == [201] * limit
    # A new client address in every request, as a script rotating a forged header would send.
    forged = [sign_up(limit + number, f"203.0.113.{number + 1}, 10.0.0.{number + 1}") for number in range(10)]
    assert forged == [429] * 10
    assert User.objects.filter(username__startswith="forger").count() == limit


def test_a_forged_x_forwarded_for_does_not_reset_a_per_user_limit(stack, series, tags, token_for):
    limit = 3
    base = stack.gunicorn(workers=2, RATE_LIMIT_VOTE=f"{limit}/h")
    voter = UserFactory(username="forging-voter")
    theories = [TheoryFactory(series=series, tags=tags[:1]) for _ in range(limit + 5)]
    header = token_for(voter)

    statuses = [
        requests.put(
            f"{base}/api/v1/theories/{theory.pk}/vote/",
            json={"value": 1},
            headers={**header, "X-Forwarded-For": f"198.51.100.{number + 1}", "X-Real-IP": f"198.51.100.{number + 1}"},
            timeout=TIMEOUT,
        ).status_code
        for number, theory in enumerate(theories)
    ]
    assert statuses == [200] * limit + [429] * 5


def test_behind_a_trusted_proxy_a_forged_x_forwarded_for_prefix_does_not_reset_the_limit(stack):
    """TRUSTED_PROXY_COUNT=1: the load balancer appends the client's address; entries before it are forgeable."""
    limit = 4
    base = stack.gunicorn(
        workers=2, RATE_LIMIT_SIGNUP=f"{limit}/h", TRUSTED_PROXY_COUNT="1", DJANGO_SETTINGS_MODULE=FAST_HASHING
    )

    def sign_up(number: int, forwarded_for: str) -> int:
        name = f"proxied{number}"
        payload = {"username": name, "email": f"{name}@example.com", "password": "zombie-school-2022"}
        headers = {"X-Forwarded-For": forwarded_for}
        return requests.post(
            f"{base}/api/v1/auth/register/", json=payload, headers=headers, timeout=TIMEOUT
        ).status_code

    client = "198.51.100.23"  # as the load balancer saw it
    first = [sign_up(number, f"203.0.113.{number + 1}, {client}") for number in range(limit + 3)]
    assert first == [201] * limit + [429] * 3
    # Another client behind the same balancer has its own allowance.
    assert sign_up(100, "192.0.2.50") == 201
    assert User.objects.filter(username__startswith="proxied").count() == limit + 1
