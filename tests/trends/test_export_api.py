"""GET /api/v1/trends/export.csv: writers and moderators only; one row per theme per snapshot."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from tests.trends.conftest import AS_OF
from trends.selectors import EXPORT_COLUMNS
from trends.services import snapshot_compute

pytestmark = pytest.mark.django_db

URL = "/api/v1/trends/export.csv"


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_it_exports_the_latest_snapshot_for_writers(api_as, writer, snapshot, series):
    response = api_as(writer).get(URL, {"series": series.slug, "window": "24h"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [(row["rank"], row["tag"]) for row in rows] == [
        ("1", "nam-on-jo"),
        ("2", "choi-nam-ra"),
        ("3", "half-zombies"),
    ]
    assert float(rows[0]["index"]) == pytest.approx(85.8333, abs=1e-3)
    assert (rows[0]["votes"], rows[0]["participants"], rows[0]["as_of"]) == ("5", "5", "2025-06-10T12:00:00+00:00")


def test_it_exports_for_moderators(api_as, moderator, snapshot, series):
    assert api_as(moderator).get(URL, {"series": series.slug}).status_code == 200


def test_it_exports_every_snapshot_oldest_first(api_as, writer, known_activity, series):
    snapshot_compute(series=series, window="24h", as_of=AS_OF - timedelta(hours=1))
    snapshot_compute(series=series, window="24h", as_of=AS_OF)
    rows = _rows(api_as(writer).get(URL, {"series": series.slug, "snapshots": "all"}))
    assert len(rows) == 6
    assert [row["as_of"][11:16] for row in rows] == ["11:00"] * 3 + ["12:00"] * 3


def test_it_refuses_fans(api_as, fan, snapshot, series):
    response = api_as(fan).get(URL, {"series": series.slug})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_it_asks_anonymous_callers_to_sign_in(api, snapshot, series):
    response = api.get(URL, {"series": series.slug})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_it_answers_json_errors_even_to_a_csv_client(api, series):
    response = api.get(URL, {"series": series.slug}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_it_answers_404_before_the_first_snapshot(api_as, writer, series):
    response = api_as(writer).get(URL, {"series": series.slug})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_snapshot"


def test_it_rejects_an_unknown_window_naming_the_field(api_as, writer, series):
    response = api_as(writer).get(URL, {"series": series.slug, "window": "90d"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["window"]


def test_it_rejects_an_unknown_series_naming_the_field(api_as, writer, db):
    response = api_as(writer).get(URL, {"series": "nope"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["series"]
