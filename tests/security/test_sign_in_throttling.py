"""Sign-in throttling (django-axes): 5 failures for one username from one address lock that pair out for 15 minutes."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URL = "/accounts/login/"


def fail_token(api, username="alice", times=1, address="10.0.0.1"):
    responses = [
        api.post(TOKEN_URL, {"username": username, "password": "wrong password"}, format="json", REMOTE_ADDR=address)
        for _ in range(times)
    ]
    return responses[-1]


@pytest.mark.django_db
def test_it_answers_invalid_credentials_before_the_limit(api, fan):
    response = fail_token(api, times=4)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"


@pytest.mark.django_db
def test_it_locks_the_token_endpoint_out_on_the_fifth_failure(api, fan):
    response = fail_token(api, times=5)

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"
    assert response.json()["error"]["fields"] == {}
    assert response["Retry-After"] == str(15 * 60)


@pytest.mark.django_db
def test_it_refuses_the_right_password_while_locked_out(api, fan):
    fail_token(api, times=5)

    response = api.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    assert not Token.objects.filter(user=fan).exists()


@pytest.mark.django_db
def test_it_locks_an_unknown_username_out_the_same_way(api, fan):
    known = fail_token(api, username="alice", times=5)
    unknown = fail_token(api, username="nobody-here", times=5)

    assert unknown.status_code == known.status_code == 429
    assert unknown.json() == known.json()


@pytest.mark.django_db
def test_it_keeps_the_same_username_open_from_another_address(api, fan):
    fail_token(api, times=5, address="10.0.0.1")

    response = api.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 200


@pytest.mark.django_db
def test_it_keeps_other_usernames_open_from_the_same_address(api, fan, other_fan):
    fail_token(api, username="alice", times=5)

    response = api.post(TOKEN_URL, {"username": "bob", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 200


@pytest.mark.django_db
def test_it_opens_again_after_the_cool_off(api, fan):
    fail_token(api, times=5)
    # As if 15 minutes had passed: axes compares attempt times with the cool-off.
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = api.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 200


@pytest.mark.django_db
def test_it_forgets_failures_after_a_successful_sign_in(api, fan):
    fail_token(api, times=4)
    api.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.1")

    response = fail_token(api, times=1)

    assert response.status_code == 400
    assert not AccessAttempt.objects.filter(failures_since_start__gte=2).exists()


@pytest.mark.django_db
def test_it_locks_the_sign_in_page_out_on_the_fifth_failure(client, fan):
    for _ in range(5):
        response = client.post(LOGIN_URL, {"username": "alice", "password": "wrong password"}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert response["Retry-After"] == str(15 * 60)


@pytest.mark.django_db
def test_it_does_not_sign_in_on_the_page_while_locked_out(client, fan):
    for _ in range(5):
        client.post(LOGIN_URL, {"username": "alice", "password": "wrong password"}, REMOTE_ADDR="10.0.0.9")

    response = client.post(LOGIN_URL, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_counts_page_and_api_failures_together(api, client, fan):
    for _ in range(3):
        client.post(LOGIN_URL, {"username": "alice", "password": "wrong password"}, REMOTE_ADDR="10.0.0.1")

    response = fail_token(api, times=2)

    assert response.status_code == 429
