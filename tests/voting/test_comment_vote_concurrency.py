"""Comment counters stay exact when many clients vote, comment and delete at once through the real server."""

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
from theories.models import Comment, Theory
from theories.services import comment_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

CLIENTS = 40


def _call(base: str, method: str, path: str, token: str, body: dict | None) -> tuple[int, dict | None]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, None


def test_comment_counters_equal_the_votes_table_after_a_storm(live_wsgi, series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1], author=UserFactory())
    author = UserFactory()
    comments = [comment_create(author=author, theory=theory, body=f"Comment {n}") for n in range(4)]
    voters = [UserFactory() for _ in range(60)]
    tokens = [Token.objects.create(user=user).key for user in voters]
    rng = random.Random(11)
    calls = []
    for _ in range(800):
        path = f"/api/v1/comments/{rng.choice(comments).pk}/vote/"
        action = rng.random()
        if action < 0.45:
            calls.append(("PUT", path, rng.choice(tokens), {"value": 1}))
        elif action < 0.85:
            calls.append(("PUT", path, rng.choice(tokens), {"value": -1}))
        else:
            calls.append(("DELETE", path, rng.choice(tokens), None))

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = [status for status, _ in pool.map(lambda call: _call(live_wsgi, *call), calls)]

    assert statuses.count(200) == len(calls), {status: statuses.count(status) for status in set(statuses)}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.upvotes, c.downvotes, c.score,
                   count(v.id) FILTER (WHERE v.value = 1), count(v.id) FILTER (WHERE v.value = -1)
            FROM theories_comment c LEFT JOIN voting_commentvote v ON v.comment_id = c.id
            WHERE c.id = ANY(%s) GROUP BY c.id
            """,
            [[comment.pk for comment in comments]],
        )
        rows = cursor.fetchall()
    assert len(rows) == len(comments)
    for upvotes, downvotes, score, counted_up, counted_down in rows:
        assert (upvotes, downvotes, score) == (counted_up, counted_down, counted_up - counted_down)
    assert sum(up + down for up, down, *_ in rows) > 0


def test_comment_count_equals_the_rows_after_concurrent_posts_and_deletes(live_wsgi, series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1], author=UserFactory())
    users = [UserFactory() for _ in range(30)]
    tokens = [Token.objects.create(user=user).key for user in users]
    path = f"/api/v1/theories/{theory.pk}/comments/"

    def post_then_maybe_delete(index: int) -> list[int]:
        token = tokens[index % len(tokens)]
        status, body = _call(live_wsgi, "POST", path, token, {"body": f"Comment {index}"})
        statuses = [status]
        if status == 201 and body is not None and index % 3 == 0:
            statuses.append(_call(live_wsgi, "DELETE", f"/api/v1/comments/{body['id']}/", token, None)[0])
        return statuses

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(post_then_maybe_delete, range(90)))

    assert all(statuses[0] == 201 for statuses in results)
    assert all(statuses[1] == 204 for statuses in results if len(statuses) > 1)
    live = Comment.objects.filter(theory=theory, is_deleted=False).count()
    assert live == 60
    assert Theory.objects.get(pk=theory.pk).comment_count == live
