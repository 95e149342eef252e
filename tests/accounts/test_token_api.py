"""POST /api/v1/auth/token/: scripts exchange a username and password for an API token."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD, TheoryFactory, UserFactory
from voting.models import Vote

URL = "/api/v1/auth/token/"


@pytest.mark.django_db
def test_it_returns_a_token_for_the_right_credentials(api, fan):
    response = api.post(URL, {"username": "alice", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=fan).key}


@pytest.mark.django_db
def test_it_returns_the_same_token_each_time(api, fan):
    first = api.post(URL, {"username": "alice", "password": PASSWORD}, format="json").json()["token"]
    second = api.post(URL, {"username": "alice", "password": PASSWORD}, format="json").json()["token"]

    assert first == second
    assert Token.objects.filter(user=fan).count() == 1


@pytest.mark.django_db
def test_it_authenticates_requests_with_the_token(api, fan, other_fan, series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1], author=other_fan)
    key = api.post(URL, {"username": "alice", "password": PASSWORD}, format="json").json()["token"]

    response = api.put(
        f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json", HTTP_AUTHORIZATION=f"Token {key}"
    )

    assert response.status_code == 200
    assert Vote.objects.get(theory=theory).user == fan


@pytest.mark.django_db
def test_it_rejects_a_request_with_an_unknown_token(api, other_fan, series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1], author=other_fan)

    response = api.put(
        f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json", HTTP_AUTHORIZATION="Token " + "0" * 40
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_wrong_password(api, fan):
    response = api.post(URL, {"username": "alice", "password": "not-the-password"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert not Token.objects.exists()


@pytest.mark.django_db
def test_it_answers_an_unknown_username_like_a_wrong_password(api, fan):
    wrong_password = api.post(URL, {"username": "alice", "password": "not-the-password"}, format="json")
    unknown_user = api.post(URL, {"username": "nobody", "password": "not-the-password"}, format="json")

    assert unknown_user.status_code == wrong_password.status_code == 400
    assert unknown_user.json() == wrong_password.json()


@pytest.mark.django_db
def test_it_refuses_an_inactive_account(api):
    UserFactory(username="gone", is_active=False)

    response = api.post(URL, {"username": "gone", "password": PASSWORD}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert not Token.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["username", "password"])
def test_it_refuses_missing_fields(api, fan, missing):
    payload = {"username": "alice", "password": PASSWORD}
    del payload[missing]

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert missing in response.json()["error"]["fields"]
    assert not Token.objects.exists()
