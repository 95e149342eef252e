"""Counters stay exact when many clients vote at once through the real server."""

from __future__ import annotations

import json
import random
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from tests.factories import TheoryFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

CLIENTS = 50
CALLS = 2000


def _call(base: str, method: str, path: str, token: str, body: dict | None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_counters_equal_the_votes_table_after_a_storm_of_mixed_votes(live_wsgi, series, tags):
    author = UserFactory()
    theories = [TheoryFactory(series=series, tags=tags[:1], author=author) for _ in range(5)]
    voters = [UserFactory() for _ in range(100)]
    tokens = [Token.objects.create(user=user).key for user in voters]
    rng = random.Random(7)
    calls = []
    for _ in range(CALLS):
        theory = rng.choice(theories)
        token = rng.choice(tokens)
        action = rng.random()
        if action < 0.45:
            calls.append(("PUT", f"/api/v1/theories/{theory.pk}/vote/", token, {"value": 1}))
        elif action < 0.85:
            calls.append(("PUT", f"/api/v1/theories/{theory.pk}/vote/", token, {"value": -1}))
        else:
            calls.append(("DELETE", f"/api/v1/theories/{theory.pk}/vote/", token, None))

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(lambda call: _call(live_wsgi, *call), calls))

    assert statuses.count(200) == CALLS, {status: statuses.count(status) for status in set(statuses)}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.id, t.upvotes, t.downvotes, t.score,
                   count(v.id) FILTER (WHERE v.value = 1), count(v.id) FILTER (WHERE v.value = -1)
            FROM theories_theory t LEFT JOIN voting_vote v ON v.theory_id = t.id
            WHERE t.id = ANY(%s) GROUP BY t.id
            """,
            [[theory.pk for theory in theories]],
        )
        rows = cursor.fetchall()
    assert len(rows) == len(theories)
    for _, upvotes, downvotes, score, counted_up, counted_down in rows:
        assert (upvotes, downvotes, score) == (counted_up, counted_down, counted_up - counted_down)
    assert sum(up + down for _, up, down, *_ in rows) > 0
