"""PUT/DELETE /api/v1/comments/{id}/vote/: comment votes follow the rules of theory votes."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.test import override_settings

from tests.factories import TheoryFactory, UserFactory
from theories import ranking
from theories.models import Comment, Theory
from theories.services import comment_create
from voting.models import CommentVote

pytestmark = pytest.mark.django_db


def url(comment):
    return f"/api/v1/comments/{comment.pk}/vote/"


@pytest.fixture
def comment(series, tags, fan):
    theory = TheoryFactory(series=series, tags=tags[:1], author=UserFactory())
    return comment_create(author=fan, theory=theory, body="Nam-ra knew.")


def assert_counters_match_votes(comment):
    comment.refresh_from_db()
    counts = CommentVote.objects.filter(comment=comment).aggregate(
        up=Count("pk", filter=Q(value=1)), down=Count("pk", filter=Q(value=-1))
    )
    assert (comment.upvotes, comment.downvotes, comment.score) == (
        counts["up"],
        counts["down"],
        counts["up"] - counts["down"],
    )
    expected = ranking.wilson_lower_bound(upvotes=counts["up"], downvotes=counts["down"])
    assert comment.confidence == pytest.approx(expected, abs=1e-9)


def test_it_upvotes(api_as, other_fan, comment):
    response = api_as(other_fan).put(url(comment), {"value": 1}, format="json")
    assert response.status_code == 200
    assert response.json() == {"comment": comment.pk, "score": 1, "upvotes": 1, "downvotes": 0, "my_vote": 1}
    assert CommentVote.objects.get(comment=comment).user == other_fan
    assert_counters_match_votes(comment)
    assert comment.confidence > 0


def test_it_changes_a_vote(api_as, other_fan, comment):
    client = api_as(other_fan)
    client.put(url(comment), {"value": 1}, format="json")
    response = client.put(url(comment), {"value": -1}, format="json")
    assert response.json()["score"] == -1 and response.json()["upvotes"] == 0
    assert CommentVote.objects.get(comment=comment, user=other_fan).value == -1
    assert_counters_match_votes(comment)


def test_it_keeps_a_repeated_vote_once(api_as, other_fan, comment):
    client = api_as(other_fan)
    client.put(url(comment), {"value": 1}, format="json")
    assert client.put(url(comment), {"value": 1}, format="json").json()["score"] == 1
    assert CommentVote.objects.filter(comment=comment).count() == 1
    assert_counters_match_votes(comment)


def test_it_removes_a_vote(api_as, other_fan, comment):
    client = api_as(other_fan)
    client.put(url(comment), {"value": -1}, format="json")
    response = client.delete(url(comment))
    assert response.status_code == 200
    assert response.json()["score"] == 0 and response.json()["my_vote"] is None
    assert not CommentVote.objects.exists()
    assert_counters_match_votes(comment)
    assert comment.confidence == 0


def test_counters_stay_exact_over_many_voters(api_as, comment):
    voters = [UserFactory() for _ in range(7)]
    for index, voter in enumerate(voters):
        api_as(voter).put(url(comment), {"value": 1 if index % 3 else -1}, format="json")
    api_as(voters[1]).delete(url(comment))
    api_as(voters[2]).put(url(comment), {"value": -1}, format="json")
    assert_counters_match_votes(comment)


def test_it_rejects_a_vote_on_own_comment(api_as, fan, comment):
    response = api_as(fan).put(url(comment), {"value": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "own_comment"
    assert response.json()["error"]["message"] == "You cannot vote on your own comment."
    assert not CommentVote.objects.exists()
    assert_counters_match_votes(comment)


def test_it_refuses_a_suspended_fan(api_as, suspended_fan, comment):
    response = api_as(suspended_fan).put(url(comment), {"value": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "suspended"
    assert not CommentVote.objects.exists()


@pytest.mark.parametrize("value", [0, 2, "up", None, [1]])
def test_it_rejects_an_invalid_value(api_as, other_fan, comment, value):
    response = api_as(other_fan).put(url(comment), {"value": value}, format="json")
    assert response.status_code == 400
    assert "value" in response.json()["error"]["fields"]
    assert not CommentVote.objects.exists()


def test_it_requires_authentication(api, comment):
    assert api.put(url(comment), {"value": 1}, format="json").status_code == 401
    assert api.delete(url(comment)).status_code == 401
    assert not CommentVote.objects.exists()


@pytest.mark.parametrize(
    "hide",
    [
        lambda comment: Comment.objects.filter(pk=comment.pk).update(is_deleted=True),
        lambda comment: Comment.objects.filter(pk=comment.pk).update(is_hidden=True, hidden_reason="spam"),
        lambda comment: Theory.objects.filter(pk=comment.theory_id).update(is_deleted=True),
        lambda comment: Theory.objects.filter(pk=comment.theory_id).update(is_hidden=True, hidden_reason="spam"),
    ],
    ids=["deleted comment", "hidden comment", "deleted theory", "hidden theory"],
)
def test_it_answers_404_for_what_cannot_be_seen(api_as, other_fan, comment, hide):
    hide(comment)
    response = api_as(other_fan).put(url(comment), {"value": 1}, format="json")
    assert response.status_code == 404
    assert not CommentVote.objects.exists()


def test_it_answers_404_for_an_unknown_comment(api_as, other_fan):
    assert api_as(other_fan).put("/api/v1/comments/999999/vote/", {"value": 1}, format="json").status_code == 404


@override_settings(RATE_LIMITS={"vote": "2/m", "theory": "10/h", "comment": "30/m", "flag": "20/h"})
def test_it_shares_the_vote_rate_limit(api_as, other_fan, comment):
    client = api_as(other_fan)
    assert client.put(url(comment), {"value": 1}, format="json").status_code == 200
    assert client.put(url(comment), {"value": -1}, format="json").status_code == 200
    response = client.put(url(comment), {"value": 1}, format="json")
    assert response.status_code == 429
    assert CommentVote.objects.get(comment=comment).value == -1


def test_the_database_allows_one_vote_per_user_and_comment(other_fan, comment):
    CommentVote.objects.create(user=other_fan, comment=comment, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentVote.objects.create(user=other_fan, comment=comment, value=-1)


def test_theory_votes_keep_working_after_the_refactor(api_as, other_fan, comment):
    theory = comment.theory
    response = api_as(other_fan).put(f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json")
    assert response.json() == {"theory": theory.pk, "score": 1, "upvotes": 1, "downvotes": 0, "my_vote": 1}
    comment.refresh_from_db()
    assert comment.score == 0, "a theory vote moves no comment counter"
