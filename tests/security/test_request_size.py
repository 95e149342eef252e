"""Request bodies past DATA_UPLOAD_MAX_MEMORY_SIZE get 413 in the error envelope and write nothing."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from theories.models import Theory


@pytest.mark.django_db
def test_it_refuses_an_oversized_theory_with_413(api_as, fan, series, tags):
    body = {
        "series": series.slug,
        "title": "A theory far too long to accept",
        "body": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        "tags": [tags[0].slug],
    }

    response = api_as(fan).post("/api/v1/theories/", json.dumps(body), content_type="application/json")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_oversized_token_request_with_413(api):
    body = {"username": "alice", "password": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}

    response = api.post("/api/v1/auth/token/", json.dumps(body), content_type="application/json")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
