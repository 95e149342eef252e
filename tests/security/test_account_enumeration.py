"""Sign-in, sign-up and token answers do not tell whether an account exists, by message or by time."""

from __future__ import annotations

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.models import User
from accounts.services import EMAIL_UNAVAILABLE_MESSAGE
from tests.factories import UserFactory

TOKEN_URL = "/api/v1/auth/token/"
REGISTER_URL = "/api/v1/auth/register/"
TRIES = 200


class TimingPBKDF2Hasher(PBKDF2PasswordHasher):
    """Django's production hasher (PBKDF2-SHA256) at a tenth of its work factor.

    The same code path as in production; the cost per hash (tens of ms) stays far above the 10 ms the
    comparison allows, so a skipped hash on either path would show, while 400 tries take seconds, not minutes.
    """

    iterations = PBKDF2PasswordHasher.iterations // 10


@pytest.fixture
def real_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.security.test_account_enumeration.TimingPBKDF2Hasher"]


def token_attempt(api, *, username: str, address: str):
    return api.post(
        TOKEN_URL, {"username": username, "password": "not the password"}, format="json", REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_it_answers_an_unknown_username_like_a_wrong_password(api, fan):
    unknown = token_attempt(api, username="nobody-here", address="10.1.0.1")
    wrong = token_attempt(api, username="alice", address="10.1.0.2")

    assert unknown.status_code == wrong.status_code == 400
    assert unknown.json() == wrong.json()


@pytest.mark.django_db
def test_it_answers_the_sign_in_page_the_same_for_unknown_and_known_usernames(client, fan):
    unknown = client.post("/accounts/login/", {"username": "nobody-here", "password": "x" * 12})
    wrong = client.post("/accounts/login/", {"username": "alice", "password": "x" * 12})

    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


@pytest.mark.django_db
def test_it_takes_as_long_for_an_unknown_username_as_for_a_wrong_password(api, real_hasher):
    UserFactory(username="timed", password="the right passphrase")
    hasher = TimingPBKDF2Hasher()
    started = time.perf_counter()
    hasher.encode("probe", hasher.salt())
    hash_cost = time.perf_counter() - started

    unknown: list[float] = []
    wrong: list[float] = []
    for attempt in range(TRIES):
        # A new address each try keeps sign-in throttling from locking the pair out mid-measurement.
        for username, samples in (("nobody-here", unknown), ("timed", wrong)):
            started = time.perf_counter()
            response = token_attempt(api, username=username, address=f"10.2.{attempt // 250}.{attempt % 250}")
            samples.append(time.perf_counter() - started)
            assert response.status_code == 400

    difference = abs(statistics.median(unknown) - statistics.median(wrong))
    print(
        f"median unknown {statistics.median(unknown) * 1000:.1f} ms, wrong password "
        f"{statistics.median(wrong) * 1000:.1f} ms, one hash {hash_cost * 1000:.1f} ms"
    )
    assert hash_cost > 0.010, "the hash is too cheap for the comparison to show a skipped one"
    assert difference < 0.010


@pytest.mark.django_db
def test_it_says_a_username_is_taken(api):
    UserFactory(username="hyeon-ju")

    response = api.post(
        REGISTER_URL,
        {"username": "hyeon-ju", "email": "new@example.com", "password": "a long passphrase"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "username_taken"


@pytest.mark.django_db
def test_it_does_not_say_an_email_is_registered(api):
    UserFactory(username="first", email="hyeon-ju@example.com")

    response = api.post(
        REGISTER_URL,
        {"username": "second", "email": "Hyeon-Ju@example.com", "password": "a long passphrase"},
        format="json",
    )

    error = response.json()["error"]
    assert response.status_code == 400
    assert error["code"] == "email_unavailable"
    assert error["fields"] == {"email": [EMAIL_UNAVAILABLE_MESSAGE]}
    assert "registered" not in error["message"] and "exists" not in error["message"]
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_it_rate_limits_sign_ups_per_address(api, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": "2/h"}
    for number in range(2):
        api.post(
            REGISTER_URL,
            {"username": f"fan{number}", "email": f"fan{number}@example.com", "password": "a long passphrase"},
            format="json",
        )

    response = api.post(
        REGISTER_URL, {"username": "fan9", "email": "fan9@example.com", "password": "a long passphrase"}, format="json"
    )

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert not User.objects.filter(username="fan9").exists()


@pytest.mark.django_db
def test_it_shows_the_generic_email_answer_on_the_sign_up_page(client):
    UserFactory(username="first", email="hyeon-ju@example.com")

    response = client.post(
        "/accounts/signup/", {"username": "second", "email": "hyeon-ju@example.com", "password": "a long passphrase"}
    )

    assert response.status_code == 200
    assert EMAIL_UNAVAILABLE_MESSAGE in response.content.decode()
    assert User.objects.count() == 1
