"""The discussion endpoints are in the OpenAPI document, with the statuses they answer."""

from __future__ import annotations

import pytest
import yaml


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get("/api/schema/").content)


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/api/v1/theories/{id}/", "get", {"200", "404", "410"}),
        ("/api/v1/theories/{id}/", "patch", {"200", "400", "401", "403", "404", "410"}),
        ("/api/v1/theories/{id}/", "delete", {"204", "401", "403", "404", "410"}),
        ("/api/v1/theories/{id}/revisions/", "get", {"200", "404", "410"}),
        ("/api/v1/theories/{id}/comments/", "get", {"200", "400", "404"}),
        ("/api/v1/theories/{id}/comments/", "post", {"201", "400", "401", "403", "404", "429"}),
        ("/api/v1/comments/{id}/", "patch", {"200", "400", "401", "403", "404"}),
        ("/api/v1/comments/{id}/", "delete", {"204", "401", "403", "404"}),
        ("/api/v1/comments/{id}/vote/", "put", {"200", "400", "401", "403", "404", "429"}),
        ("/api/v1/series/", "get", {"200"}),
        ("/api/v1/series/{slug}/", "get", {"200", "404"}),
        ("/api/v1/series/{slug}/chapters/", "get", {"200", "404"}),
        ("/api/v1/me/progress/", "put", {"200", "400", "401"}),
    ],
)
def test_it_documents_the_endpoint(schema, path, method, statuses):
    assert set(schema["paths"][path][method]["responses"]) >= statuses


def test_it_documents_the_list_filters(schema):
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/theories/"]["get"]["parameters"]}
    assert names >= {"tag", "author", "chapter", "status", "progress", "reveal"}
