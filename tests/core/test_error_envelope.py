"""Every API error answers {"error": {"code", "message", "fields"}} with the right status, never HTML."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accounts.models import User
from theories.models import Theory


def error_of(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    return body["error"]


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_theory(api):
    response = api.get("/api/v1/theories/999999/")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_it_answers_404_in_json_for_an_unknown_api_path(api, method):
    response = getattr(api, method)("/api/v1/no-such-endpoint/")

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.django_db
def test_it_answers_404_instead_of_redirecting_an_api_path_without_its_slash(api_as, fan, series, tags):
    response = api_as(fan).post(
        "/api/v1/theories",
        {"series": series.slug, "title": "A missing slash", "body": "Lost on the way.", "tags": ["nam-on-jo"]},
        format="json",
    )

    assert response.status_code == 404
    assert "/api/v1/theories/" in error_of(response)["message"]
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_answers_405_for_a_wrong_method(api):
    response = api.get("/api/v1/auth/token/")

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "POST" in response["Allow"]


@pytest.mark.django_db
def test_it_answers_401_when_not_signed_in(api, series, tags):
    response = api.post(
        "/api/v1/theories/",
        {"series": series.slug, "title": "Anonymous theory", "body": "Who wrote this?", "tags": ["nam-on-jo"]},
        format="json",
    )

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Token")
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_answers_400_with_the_fields_for_invalid_input(api):
    response = api.post("/api/v1/auth/register/", {"username": "ok-name"}, format="json")

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"email", "password"}


@pytest.mark.django_db
def test_it_answers_400_for_malformed_json(api):
    response = api.post("/api/v1/auth/register/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "malformed_request"


@pytest.mark.django_db
def test_it_answers_415_for_a_form_body(api):
    response = api.post("/api/v1/auth/register/", "username=a", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"


@pytest.mark.django_db
def test_it_answers_413_for_a_body_over_the_limit(api, settings):
    payload = {"username": "big-body", "email": "big@example.com", "password": "p" * 1000}
    body = json.dumps(payload)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body) - 1

    response = api.post("/api/v1/auth/register/", body, content_type="application/json")

    assert response.status_code == 413
    assert error_of(response)["code"] == "request_too_large"
    assert not User.objects.exists()


@pytest.mark.urls("tests.core.urls_with_failure")
def test_it_answers_500_in_json_for_an_api_path():
    response = Client(raise_request_exception=False).get("/api/v1/failing/")

    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"


@pytest.mark.urls("tests.core.urls_with_failure")
def test_it_keeps_the_html_server_error_page_outside_the_api():
    response = Client(raise_request_exception=False).get("/failing/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
