"""Token-authenticated votes: answered without DRF (voting.api.token_vote), with DRF's answers and rules."""

from __future__ import annotations

import pytest
from django.db.models import Count, Q
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import TheoryFactory
from theories.models import Theory
from voting.models import Vote

pytestmark = pytest.mark.django_db


def url(theory):
    return f"/api/v1/theories/{theory.pk}/vote/"


@pytest.fixture
def theory(series, tags, fan):
    return TheoryFactory(series=series, tags=tags[:1], author=fan)


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def counters_match_votes(theory):
    theory.refresh_from_db()
    counts = Vote.objects.filter(theory=theory).aggregate(
        up=Count("pk", filter=Q(value=1)), down=Count("pk", filter=Q(value=-1))
    )
    return (theory.upvotes, theory.downvotes, theory.score) == (
        counts["up"],
        counts["down"],
        counts["up"] - counts["down"],
    )


def test_it_upvotes_with_a_token(other_fan, theory):
    response = token_client(other_fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 200
    assert response.json() == {"theory": theory.pk, "score": 1, "upvotes": 1, "downvotes": 0, "my_vote": 1}
    assert Vote.objects.get(theory=theory, user=other_fan).value == 1
    assert counters_match_votes(theory)


def test_it_answers_like_the_drf_path(api_as, other_fan, theory):
    lean = token_client(other_fan).put(url(theory), {"value": -1}, format="json")
    drf = api_as(other_fan).put(url(theory), {"value": -1}, format="json")
    assert lean.status_code == drf.status_code == 200
    assert lean.json() == drf.json()
    assert lean["Content-Type"] == drf["Content-Type"]


def test_it_flips_a_vote_with_a_token(other_fan, theory):
    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    response = client.put(url(theory), {"value": -1}, format="json")
    assert response.json() == {"theory": theory.pk, "score": -1, "upvotes": 0, "downvotes": 1, "my_vote": -1}
    assert counters_match_votes(theory)


def test_it_keeps_a_repeated_token_vote_once(other_fan, theory):
    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    response = client.put(url(theory), {"value": 1}, format="json")
    assert response.json()["score"] == 1
    assert Vote.objects.filter(theory=theory).count() == 1
    assert counters_match_votes(theory)


def test_it_removes_a_vote_with_a_token(other_fan, theory):
    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    response = client.delete(url(theory))
    assert response.status_code == 200
    assert response.json() == {"theory": theory.pk, "score": 0, "upvotes": 0, "downvotes": 0, "my_vote": None}
    assert not Vote.objects.filter(theory=theory).exists()
    assert counters_match_votes(theory)


def test_it_casts_a_token_vote_in_two_queries(other_fan, theory, django_assert_num_queries):
    client = token_client(other_fan)
    with django_assert_num_queries(2):
        response = client.put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 200


def test_it_casts_later_votes_with_the_same_token_in_one_query(other_fan, theory, django_assert_num_queries):
    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    with django_assert_num_queries(1):
        response = client.put(url(theory), {"value": -1}, format="json")
    assert response.json()["score"] == -1


def test_it_stops_a_revoked_token_at_its_next_vote(other_fan, theory):
    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    Token.objects.filter(user=other_fan).delete()
    response = client.put(url(theory), {"value": -1}, format="json")
    assert response.status_code == 401
    assert Vote.objects.get(theory=theory).value == 1
    assert counters_match_votes(theory)


def test_it_stops_a_token_whose_account_was_suspended_since_its_last_vote(other_fan, theory, moderator):
    from moderation.services import suspension_create

    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    suspension_create(moderator=moderator, user=other_fan, days=3, reason="Brigading")
    response = client.put(url(theory), {"value": -1}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "suspended"
    assert Vote.objects.get(theory=theory).value == 1


def test_it_stops_a_token_whose_account_was_deactivated_since_its_last_vote(other_fan, theory):
    client = token_client(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    other_fan.is_active = False
    other_fan.save(update_fields=["is_active"])
    response = client.delete(url(theory))
    assert response.status_code == 401
    assert Vote.objects.get(theory=theory).value == 1


def test_it_refuses_a_token_vote_on_own_theory(fan, theory):
    response = token_client(fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "error": {"code": "own_theory", "message": "You cannot vote on your own theory.", "fields": {}}
    }
    assert not Vote.objects.exists()
    assert counters_match_votes(theory)


def test_it_refuses_a_token_vote_from_a_suspended_user(suspended_fan, theory):
    response = token_client(suspended_fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "suspended"
    assert not Vote.objects.exists()


def test_it_answers_404_for_a_token_vote_on_a_deleted_theory(other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    response = token_client(other_fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert not Vote.objects.exists()


def test_it_answers_404_for_a_token_vote_on_a_missing_theory(other_fan, theory):
    response = token_client(other_fan).put(f"/api/v1/theories/{theory.pk + 1000}/vote/", {"value": 1}, format="json")
    assert response.status_code == 404
    assert not Vote.objects.exists()


@override_settings(RATE_LIMITS={"vote": "1/m", "theory": "10/h", "comment": "30/m", "flag": "20/h"})
def test_it_rate_limits_token_votes(other_fan, theory):
    client = token_client(other_fan)
    assert client.put(url(theory), {"value": 1}, format="json").status_code == 200
    response = client.put(url(theory), {"value": -1}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 61
    assert Vote.objects.get(theory=theory).value == 1


def test_it_leaves_an_unknown_token_to_drf(theory):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert not Vote.objects.exists()


def test_it_leaves_an_inactive_account_to_drf(other_fan, theory):
    client = token_client(other_fan)
    other_fan.is_active = False
    other_fan.save(update_fields=["is_active"])
    response = client.put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 401
    assert not Vote.objects.exists()


@pytest.mark.parametrize("body", [{"value": 0}, {"value": True}, {"value": [1]}, {}])
def test_it_leaves_an_invalid_value_to_drf(other_fan, theory, body):
    response = token_client(other_fan).put(url(theory), body, format="json")
    assert response.status_code == 400
    assert "value" in response.json()["error"]["fields"]
    assert not Vote.objects.exists()


def test_it_leaves_a_malformed_body_to_drf(other_fan, theory):
    response = token_client(other_fan).put(url(theory), b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_request"


def test_it_records_new_account_token_votes(other_fan, theory):
    token_client(other_fan).put(url(theory), {"value": 1}, format="json")
    assert Vote.objects.get(theory=theory).voter_account_new is True
