"""GET/POST /api/v1/theories/{id}/comments/: threaded comments as flat pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.factories import TheoryFactory, UserFactory
from tests.theories.conftest import assert_comment_count_matches_rows
from theories.models import Comment, Theory
from theories.selectors import MAX_DISPLAY_DEPTH
from voting.services import comment_vote_cast

pytestmark = pytest.mark.django_db


def url(theory):
    return f"/api/v1/theories/{theory.pk}/comments/"


def ids(response):
    return [item["id"] for item in response.json()["results"]]


# --- posting --------------------------------------------------------------------------------------


def test_it_posts_a_comment(api_as, other_fan, theory):
    response = api_as(other_fan).post(url(theory), {"body": "Nam-ra *knew*."}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    comment = Comment.objects.get(pk=body["id"])
    assert (comment.theory_id, comment.author, comment.parent) == (theory.pk, other_fan, None)
    assert comment.body_html == "<p>Nam-ra <em>knew</em>.</p>\n"
    assert body["author"] == {"username": "bob"} and body["depth"] == 0 and body["parent"] is None
    assert body["body_html"] == comment.body_html and body["placeholder"] is None
    assert body["continue_thread"] is False and body["my_vote"] is None and body["edited_at"] is None
    assert_comment_count_matches_rows(theory)
    assert Theory.objects.get(pk=theory.pk).comment_count == 1


def test_it_posts_a_reply(api_as, fan, other_fan, theory, post_comment):
    parent = post_comment(author=fan, theory=theory)
    response = api_as(other_fan).post(url(theory), {"body": "Agreed.", "parent": parent.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == parent.pk and response.json()["depth"] == 1
    assert Comment.objects.get(pk=response.json()["id"]).parent == parent
    assert_comment_count_matches_rows(theory)


def test_it_requires_authentication_to_post(api, theory):
    response = api.post(url(theory), {"body": "Hello"}, format="json")
    assert response.status_code == 401
    assert not Comment.objects.exists()


def test_it_refuses_a_suspended_fan(api_as, suspended_fan, theory):
    response = api_as(suspended_fan).post(url(theory), {"body": "Hello"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "suspended"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 10001}, "body"),
        ({}, "body"),
        ({"body": "Hi", "parent": "first"}, "parent"),
        ({"body": "Hi", "parent": 999999}, "parent"),
    ],
)
def test_it_rejects_bad_input_naming_the_field(api_as, other_fan, theory, data, field):
    response = api_as(other_fan).post(url(theory), data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Comment.objects.exists()
    assert_comment_count_matches_rows(theory)


def test_it_rejects_a_reply_to_a_comment_of_another_theory(api_as, fan, other_fan, series, tags, theory, post_comment):
    elsewhere = post_comment(author=fan, theory=TheoryFactory(series=series, tags=tags[:1]))
    response = api_as(other_fan).post(url(theory), {"body": "Hi", "parent": elsewhere.pk}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()["error"]["fields"]
    assert not Comment.objects.filter(theory=theory).exists()
    assert_comment_count_matches_rows(theory)


def test_it_answers_404_for_a_comment_on_a_deleted_theory(api_as, other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    response = api_as(other_fan).post(url(theory), {"body": "Hello"}, format="json")
    assert response.status_code == 404
    assert not Comment.objects.exists()
    assert api_as(other_fan).get(url(theory)).status_code == 404


def test_it_answers_404_for_a_theory_hidden_from_the_caller(api_as, other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True, hidden_reason="spam")
    assert api_as(other_fan).post(url(theory), {"body": "Hello"}, format="json").status_code == 404
    assert api_as(other_fan).get(url(theory)).status_code == 404
    assert not Comment.objects.exists()


@override_settings(RATE_LIMITS={"vote": "60/m", "theory": "10/h", "comment": "2/m", "flag": "20/h"})
def test_it_limits_posting_comments(api_as, other_fan, theory):
    client = api_as(other_fan)
    for _ in range(2):
        assert client.post(url(theory), {"body": "Again"}, format="json").status_code == 201
    response = client.post(url(theory), {"body": "Again"}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert Comment.objects.count() == 2


# --- the thread -----------------------------------------------------------------------------------


def test_it_lists_a_thread_depth_first_with_depths(api, fan, other_fan, theory, post_comment):
    first = post_comment(author=fan, theory=theory, body="first")
    reply = post_comment(author=other_fan, theory=theory, body="reply", parent=first)
    second = post_comment(author=other_fan, theory=theory, body="second")
    nested = post_comment(author=fan, theory=theory, body="nested", parent=reply)
    response = api.get(url(theory), {"sort": "old"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(item["id"], item["parent"], item["depth"]) for item in results] == [
        (first.pk, None, 0),
        (reply.pk, first.pk, 1),
        (nested.pk, reply.pk, 2),
        (second.pk, None, 0),
    ]


def test_it_sorts_new_and_old(api, fan, other_fan, theory, post_comment):
    older = post_comment(author=fan, theory=theory)
    Comment.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=1))
    newer = post_comment(author=other_fan, theory=theory)
    assert ids(api.get(url(theory), {"sort": "new"})) == [newer.pk, older.pk]
    assert ids(api.get(url(theory), {"sort": "old"})) == [older.pk, newer.pk]


def test_it_sorts_best_by_the_wilson_lower_bound_of_comment_votes(api, fan, other_fan, theory, post_comment):
    few = post_comment(author=fan, theory=theory, body="one upvote")
    many = post_comment(author=fan, theory=theory, body="five upvotes, one down")
    mixed = post_comment(author=fan, theory=theory, body="split")
    comment_vote_cast(user=other_fan, comment_id=few.pk, value=1)
    voters = [UserFactory() for _ in range(6)]
    for voter in voters[:5]:
        comment_vote_cast(user=voter, comment_id=many.pk, value=1)
    comment_vote_cast(user=voters[5], comment_id=many.pk, value=-1)
    comment_vote_cast(user=voters[0], comment_id=mixed.pk, value=1)
    comment_vote_cast(user=voters[1], comment_id=mixed.pk, value=-1)
    assert ids(api.get(url(theory))) == [many.pk, few.pk, mixed.pk]  # best is the default
    assert ids(api.get(url(theory), {"sort": "best"})) == [many.pk, few.pk, mixed.pk]


def test_it_sorts_replies_by_the_same_sort(api, fan, other_fan, theory, post_comment):
    root = post_comment(author=fan, theory=theory)
    plain = post_comment(author=fan, theory=theory, parent=root)
    liked = post_comment(author=fan, theory=theory, parent=root)
    comment_vote_cast(user=other_fan, comment_id=liked.pk, value=1)
    assert ids(api.get(url(theory), {"sort": "best"})) == [root.pk, liked.pk, plain.pk]
    assert ids(api.get(url(theory), {"sort": "old"})) == [root.pk, plain.pk, liked.pk]


def test_it_rejects_an_unknown_sort(api, theory):
    response = api.get(url(theory), {"sort": "loudest"})
    assert response.status_code == 400
    assert "sort" in response.json()["error"]["fields"]


def test_it_marks_replies_past_the_display_depth(api, fan, theory, post_comment):
    parent = None
    chain = []
    for _ in range(MAX_DISPLAY_DEPTH + 2):
        parent = post_comment(author=fan, theory=theory, parent=parent)
        chain.append(parent)
    results = api.get(url(theory)).json()["results"]
    assert [item["id"] for item in results] == [comment.pk for comment in chain]
    assert [item["depth"] for item in results] == list(range(MAX_DISPLAY_DEPTH + 2))
    assert [item["continue_thread"] for item in results] == [False] * MAX_DISPLAY_DEPTH + [True, True]


def test_it_shows_a_deleted_comment_with_replies_as_a_placeholder(api, fan, other_fan, theory, post_comment):
    parent = post_comment(author=fan, theory=theory, body="Secret words")
    reply = post_comment(author=other_fan, theory=theory, parent=parent)
    lonely = post_comment(author=fan, theory=theory, body="Nobody answered")
    Comment.objects.filter(pk__in=[parent.pk, lonely.pk]).update(is_deleted=True, deleted_at=timezone.now())
    results = api.get(url(theory), {"sort": "old"}).json()["results"]
    assert [item["id"] for item in results] == [parent.pk, reply.pk]
    placeholder = results[0]
    assert placeholder["placeholder"] == "[deleted]"
    assert placeholder["body"] is None and placeholder["body_html"] is None and placeholder["author"] is None
    assert "Secret words" not in str(results)


def test_it_keeps_a_chain_of_deleted_comments_above_a_live_reply(api, fan, other_fan, theory, post_comment):
    top = post_comment(author=fan, theory=theory)
    middle = post_comment(author=fan, theory=theory, parent=top)
    live = post_comment(author=other_fan, theory=theory, parent=middle)
    dead_end = post_comment(author=other_fan, theory=theory, parent=top)
    Comment.objects.filter(pk__in=[top.pk, middle.pk, dead_end.pk]).update(is_deleted=True)
    results = api.get(url(theory), {"sort": "old"}).json()["results"]
    assert [(item["id"], item["placeholder"]) for item in results] == [
        (top.pk, "[deleted]"),
        (middle.pk, "[deleted]"),
        (live.pk, None),
    ]


def test_it_shows_a_hidden_comment_to_its_author_only(api_as, api, fan, other_fan, theory, post_comment):
    hidden = post_comment(author=other_fan, theory=theory, body="Rude words")
    reply = post_comment(author=fan, theory=theory, parent=hidden)
    Comment.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="Harassment")
    anonymous = api.get(url(theory), {"sort": "old"}).json()["results"]
    assert [(item["id"], item["placeholder"]) for item in anonymous] == [(hidden.pk, "[hidden]"), (reply.pk, None)]
    assert anonymous[0]["body"] is None and anonymous[0]["hidden_reason"] == ""
    own = api_as(other_fan).get(url(theory), {"sort": "old"}).json()["results"][0]
    assert own["placeholder"] is None and own["body"] == "Rude words" and own["hidden_reason"] == "Harassment"


def test_it_shows_the_callers_comment_votes(api_as, fan, other_fan, theory, post_comment):
    comment = post_comment(author=fan, theory=theory)
    comment_vote_cast(user=other_fan, comment_id=comment.pk, value=-1)
    item = api_as(other_fan).get(url(theory)).json()["results"][0]
    assert item["my_vote"] == -1 and item["score"] == -1 and item["downvotes"] == 1


def test_it_pages_by_top_level_comments_with_their_replies(api, fan, other_fan, theory, post_comment):
    roots = []
    for index in range(3):
        root = post_comment(author=fan, theory=theory, body=f"root {index}")
        Comment.objects.filter(pk=root.pk).update(created_at=timezone.now() - timedelta(minutes=10 - index))
        roots.append(root)
    reply = post_comment(author=other_fan, theory=theory, parent=roots[0])
    first = api.get(url(theory), {"sort": "old", "page_size": 2}).json()
    assert [item["id"] for item in first["results"]] == [roots[0].pk, reply.pk, roots[1].pk]
    second = api.get(first["next"]).json()
    assert [item["id"] for item in second["results"]] == [roots[2].pk]
    assert second["next"] is None


@pytest.mark.parametrize("size", [3, 20])
def test_its_query_count_does_not_grow_with_the_thread(
    api_as, fan, other_fan, theory, post_comment, size, django_assert_max_num_queries
):
    for _ in range(size):
        root = post_comment(author=fan, theory=theory)
        post_comment(author=other_fan, theory=theory, parent=root)
    with django_assert_max_num_queries(4):
        response = api_as(other_fan).get(url(theory), {"page_size": size})
    assert len(response.json()["results"]) == 2 * size


def test_comment_count_follows_posts_and_deletes(api_as, fan, other_fan, theory, post_comment):
    client = api_as(other_fan)
    created = [client.post(url(theory), {"body": f"n{i}"}, format="json").json()["id"] for i in range(3)]
    client.delete(f"/api/v1/comments/{created[0]}/")
    assert_comment_count_matches_rows(theory)
    assert Theory.objects.get(pk=theory.pk).comment_count == 2
    assert api_as(fan).get(f"/api/v1/theories/{theory.pk}/").json()["comment_count"] == 2
