"""A NUL character in a path or query string is a 400, never a database error."""

from __future__ import annotations

import pytest

from theories.models import Tag


@pytest.mark.django_db
def test_an_api_query_with_a_nul_character_is_a_400_in_the_envelope(api, series, tags):
    response = api.get("/api/v1/tags/", {"series": "all\x00", "kind": "topic"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "NUL" in response.json()["error"]["message"]
    assert Tag.objects.count() == len(tags)


@pytest.mark.django_db
def test_a_page_query_with_a_nul_character_is_a_400(client, series):
    response = client.get("/search/", {"q": "Nam-ra", "series": "x\x00y"})
    assert response.status_code == 400
    assert b"NUL" in response.content


@pytest.mark.django_db
def test_a_nul_character_in_a_query_parameter_name_is_a_400(api, series):
    response = api.get("/api/v1/theories/?series%00=x")
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_path_with_a_nul_character_is_a_400(api):
    response = api.get("/api/v1/users/a%00b/")
    assert response.status_code == 400


@pytest.mark.django_db
def test_ordinary_queries_pass(api, series, tags):
    response = api.get("/api/v1/tags/", {"series": series.slug, "kind": "character"})
    assert response.status_code == 200
