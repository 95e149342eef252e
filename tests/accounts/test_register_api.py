"""POST /api/v1/auth/register/: anyone may create a fan account."""

from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import UserFactory

URL = "/api/v1/auth/register/"
STRONG_PASSWORD = "a-long-and-unusual-passphrase"


def register(api, **overrides):
    payload = {"username": "hyeon-ju", "email": "hyeon-ju@example.com", "password": STRONG_PASSWORD}
    payload.update(overrides)
    return api.post(URL, {k: v for k, v in payload.items() if v is not None}, format="json")


def assert_refused(response, field):
    assert response.status_code == 400
    error = response.json()["error"]
    assert field in error["fields"]
    assert error["fields"][field], "the field names at least one message"


@pytest.mark.django_db
def test_it_creates_a_fan_account(api):
    response = register(api)

    assert response.status_code == 201
    user = User.objects.get(username="hyeon-ju")
    assert response.json() == {
        "id": user.pk,
        "username": "hyeon-ju",
        "role": "fan",
        "date_joined": response.json()["date_joined"],
    }
    assert user.email == "hyeon-ju@example.com"
    assert user.is_active and not user.is_staff and not user.is_superuser


@pytest.mark.django_db
def test_it_stores_the_password_hashed(api):
    register(api)

    user = User.objects.get(username="hyeon-ju")
    assert user.password != STRONG_PASSWORD
    assert user.password.startswith(("pbkdf2_", "argon2", "bcrypt", "scrypt", "md5$"))
    assert user.check_password(STRONG_PASSWORD)


@pytest.mark.django_db
def test_it_never_returns_the_password(api):
    response = register(api)

    assert "password" not in response.json()
    assert STRONG_PASSWORD not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "reason"),
    [
        (None, "missing"),
        ("", "blank"),
        ("ab", "too short"),
        ("a" * 31, "too long"),
        ("has space", "space"),
        ("semi;colon", "punctuation"),
    ],
)
def test_it_refuses_a_bad_username(api, username, reason):
    response = register(api, username=username)

    assert_refused(response, "username")
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("email", [None, "", "not-an-email", "two@@example.com", "a" * 250 + "@example.com"])
def test_it_refuses_a_bad_email(api, email):
    response = register(api, email=email)

    assert_refused(response, "email")
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "validator"),
    [
        ("short1!", "minimum length"),
        ("password123", "common password"),
        ("83920174635", "entirely numeric"),
        ("hyeon-ju-2022", "similar to the username"),
    ],
)
def test_it_refuses_a_weak_password(api, password, validator):
    response = register(api, password=password)

    assert_refused(response, "password")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_missing_password(api):
    response = register(api, password=None)

    assert_refused(response, "password")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_taken_username_in_any_case(api):
    UserFactory(username="Hyeon-Ju", email="first@example.com")

    response = register(api, username="hyeon-JU")

    assert_refused(response, "username")
    assert response.json()["error"]["code"] == "username_taken"
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_a_registered_email_in_any_case(api):
    UserFactory(username="first", email="Hyeon-Ju@Example.com")

    response = register(api, email="hyeon-ju@example.com")

    assert_refused(response, "email")
    assert response.json()["error"]["code"] == "email_unavailable"
    assert "registered" not in response.json()["error"]["message"]
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_malformed_json(api):
    response = api.post(URL, '{"username": "hyeon-ju",', content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_request"
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_json_body_that_is_not_an_object(api):
    response = api.post(URL, '["hyeon-ju"]', content_type="application/json")

    assert response.status_code == 400
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_refuses_the_loser_of_a_sign_up_race_with_a_400(monkeypatch):
    """Both requests pass the existence check; the database's unique constraint decides."""
    from accounts import services
    from accounts.models import User

    services.user_register(username="racer", email="racer@example.com", password="a-long-and-unusual-passphrase")
    real_filter = User.objects.filter
    monkeypatch.setattr(User.objects, "filter", lambda *a, **k: real_filter(pk=-1))
    with pytest.raises(services.ApplicationError) as refusal:
        services.user_register(username="RACER", email="other@example.com", password="a-long-and-unusual-passphrase")
    assert refusal.value.code == "username_taken"
    assert real_filter(username__iexact="racer").count() == 1
