"""PATCH/DELETE /api/v1/comments/{id}/: authors (and moderators) edit and soft-delete comments."""

from __future__ import annotations

import pytest

from tests.theories.conftest import assert_comment_count_matches_rows
from theories.models import Comment, Theory

pytestmark = pytest.mark.django_db


def url(comment):
    return f"/api/v1/comments/{comment.pk}/"


@pytest.fixture
def comment(theory, other_fan, post_comment):
    return post_comment(author=other_fan, theory=theory, body="First *draft*")


# --- editing --------------------------------------------------------------------------------------


def test_it_lets_the_author_edit(api_as, other_fan, comment):
    response = api_as(other_fan).patch(url(comment), {"body": "Second **draft**"}, format="json")
    assert response.status_code == 200, response.content
    comment.refresh_from_db()
    assert comment.body == "Second **draft**"
    assert comment.body_html == "<p>Second <strong>draft</strong></p>\n"
    assert comment.edited_at is not None
    body = response.json()
    assert body["body_html"] == comment.body_html and body["edited_at"] is not None and body["depth"] == 0


def test_it_lets_a_moderator_edit(api_as, moderator, comment):
    response = api_as(moderator).patch(url(comment), {"body": "Spoiler removed."}, format="json")
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.body == "Spoiler removed."


def test_it_refuses_another_fan(api_as, fan, comment):
    response = api_as(fan).patch(url(comment), {"body": "Mine now"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_author"
    comment.refresh_from_db()
    assert comment.body == "First *draft*" and comment.edited_at is None


def test_it_requires_authentication_to_edit(api, comment):
    assert api.patch(url(comment), {"body": "Anonymous"}, format="json").status_code == 401
    comment.refresh_from_db()
    assert comment.body == "First *draft*"


@pytest.mark.parametrize(("data", "field"), [({"body": ""}, "body"), ({"body": "x" * 10001}, "body"), ({}, "body")])
def test_it_rejects_a_bad_body(api_as, other_fan, comment, data, field):
    response = api_as(other_fan).patch(url(comment), data, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    comment.refresh_from_db()
    assert comment.body == "First *draft*"


def test_it_keeps_an_unchanged_body_unedited(api_as, other_fan, comment):
    assert api_as(other_fan).patch(url(comment), {"body": "First *draft*"}, format="json").status_code == 200
    comment.refresh_from_db()
    assert comment.edited_at is None


def test_it_refuses_a_suspended_author(api_as, moderator, theory, post_comment):
    from moderation.services import suspension_create
    from tests.factories import UserFactory

    author = UserFactory(username="sid")
    comment = post_comment(author=author, theory=theory)
    suspension_create(moderator=moderator, user=author, days=1, reason="Spam")
    response = api_as(author).patch(url(comment), {"body": "Edited while suspended"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "suspended"


def test_it_answers_404_for_a_deleted_comment_or_theory(api_as, other_fan, comment, theory):
    Comment.objects.filter(pk=comment.pk).update(is_deleted=True)
    assert api_as(other_fan).patch(url(comment), {"body": "Back"}, format="json").status_code == 404
    Comment.objects.filter(pk=comment.pk).update(is_deleted=False)
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    assert api_as(other_fan).patch(url(comment), {"body": "Back"}, format="json").status_code == 404
    comment.refresh_from_db()
    assert comment.body == "First *draft*"


def test_it_answers_404_for_an_unknown_comment(api_as, other_fan):
    assert api_as(other_fan).patch("/api/v1/comments/999999/", {"body": "Hi"}, format="json").status_code == 404


# --- deleting -------------------------------------------------------------------------------------


def test_it_lets_the_author_delete(api_as, other_fan, comment, theory):
    response = api_as(other_fan).delete(url(comment))
    assert response.status_code == 204
    comment.refresh_from_db()
    assert comment.is_deleted and comment.deleted_at is not None
    assert_comment_count_matches_rows(theory)
    assert Theory.objects.get(pk=theory.pk).comment_count == 0


def test_it_lets_a_moderator_delete(api_as, moderator, comment, theory):
    assert api_as(moderator).delete(url(comment)).status_code == 204
    comment.refresh_from_db()
    assert comment.is_deleted
    assert_comment_count_matches_rows(theory)


def test_it_refuses_another_fan_to_delete(api_as, fan, comment, theory):
    assert api_as(fan).delete(url(comment)).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_deleted
    assert Theory.objects.get(pk=theory.pk).comment_count == 1


def test_it_requires_authentication_to_delete(api, comment):
    assert api.delete(url(comment)).status_code == 401
    comment.refresh_from_db()
    assert not comment.is_deleted


def test_it_counts_a_deletion_once(api_as, other_fan, comment, theory, post_comment):
    post_comment(author=other_fan, theory=theory)
    client = api_as(other_fan)
    assert client.delete(url(comment)).status_code == 204
    assert client.delete(url(comment)).status_code == 404
    assert_comment_count_matches_rows(theory)
    assert Theory.objects.get(pk=theory.pk).comment_count == 1


def test_a_suspended_author_may_still_delete(api_as, moderator, theory, post_comment):
    from moderation.services import suspension_create
    from tests.factories import UserFactory

    author = UserFactory(username="sid")
    comment = post_comment(author=author, theory=theory)
    suspension_create(moderator=moderator, user=author, days=1, reason="Spam")
    assert api_as(author).delete(url(comment)).status_code == 204
    assert_comment_count_matches_rows(theory)
