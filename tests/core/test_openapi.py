"""The OpenAPI document at /api/schema/ is valid, complete and free of generator warnings; /api/docs/ renders it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from drf_spectacular.validation import validate_schema

BASE_DIR = Path(__file__).resolve().parents[2]

PUBLIC_PATHS = [
    "/api/v1/theories/",
    "/api/v1/theories/{id}/",
    "/api/v1/theories/{id}/vote/",
    "/api/v1/auth/register/",
    "/api/v1/auth/token/",
    "/api/v1/tags/",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_it_serves_a_valid_openapi_3_document(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on anything that breaks the OpenAPI 3 JSON schema


def test_it_also_serves_json_on_request(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Theorycraft API"


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_it_lists_the_public_endpoint(schema, path):
    assert path in schema["paths"]


def test_it_leaves_out_the_catch_all_for_unknown_api_paths(schema):
    assert all(path.startswith(("/api/v1/", "/api/schema")) for path in schema["paths"])
    assert not any("{" in path and "path" in path for path in schema["paths"])


def test_it_documents_token_authentication(schema):
    schemes = schema["components"]["securitySchemes"]
    assert any(
        scheme.get("scheme") == "token" or "Token" in scheme.get("description", "") for scheme in schemes.values()
    )


def test_it_documents_the_error_envelope_of_sign_up(schema):
    responses = schema["paths"]["/api/v1/auth/register/"]["post"]["responses"]
    assert set(responses) >= {"201", "400"}
    envelope = responses["400"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][envelope]["properties"]) == {"error"}


def test_it_renders_the_interactive_docs(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"<script>" not in response.content, "no inline script: the CSP forbids it"
    assert b"https://" not in response.content, "Swagger UI comes from the app, not a CDN"


def test_it_serves_the_docs_script_pointing_at_the_schema(client):
    response = client.get("/api/docs/?script=")

    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert b'"/api/schema/"' in response.content


def test_it_serves_swagger_ui_from_the_apps_static_files(client):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")

    assert response.status_code == 200


def test_it_generates_the_schema_without_warnings(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(tmp_path / "s.yaml"),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stderr, result.stderr
