"""GET /api/v1/trends/: the stored snapshot, never a recomputation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.trends.conftest import AS_OF
from trends.models import Snapshot
from trends.services import snapshot_compute

pytestmark = pytest.mark.django_db

URL = "/api/v1/trends/"


def test_it_answers_the_latest_snapshot_with_ranked_themes(api, snapshot, series):
    response = api.get(URL, {"series": series.slug, "window": "24h"})
    assert response.status_code == 200
    body = response.json()
    assert (body["series"], body["window"]) == (series.slug, "24h")
    assert body["as_of"] == "2025-06-10T12:00:00Z"
    assert body["computed_at"]
    assert [theme["tag"]["slug"] for theme in body["themes"]] == ["nam-on-jo", "choi-nam-ra", "half-zombies"]
    assert body["totals"] == {"theories": 2, "votes": 7, "comments": 3, "participants": 6}


def test_it_returns_each_themes_index_with_its_parts(api, snapshot, series):
    theme = api.get(URL, {"series": series.slug}).json()["themes"][0]
    assert theme["index"] == pytest.approx(85.8333, abs=1e-3)
    assert theme["parts"]["breadth"] == {"score": 1.0, "weight": 0.3, "raw": 5.0, "measure": "unique participants"}
    assert theme["parts"]["persistence"]["raw"] == 7
    assert theme["parts"]["persistence"]["score"] == pytest.approx(7 / 24)
    assert theme["parts"]["momentum"]["raw"] == pytest.approx(10.0)
    assert theme["previous"] == {"activity": 0, "participants": 0}
    weighted = sum(part["score"] * part["weight"] for part in theme["parts"].values())
    assert theme["index"] == pytest.approx(100 * weighted)


def test_it_returns_busted_theories_on_their_own_line(api, snapshot, series, known_activity):
    busted = api.get(URL, {"series": series.slug}).json()["busted"]
    assert (busted["theories"], busted["votes"]) == (1, 2)
    assert busted["items"][0]["id"] == known_activity["t4"].pk


def test_it_answers_the_newest_snapshot(api, known_activity, series):
    snapshot_compute(series=series, window="24h", as_of=AS_OF - timedelta(hours=1))
    snapshot_compute(series=series, window="24h", as_of=AS_OF)
    assert api.get(URL, {"series": series.slug}).json()["as_of"] == "2025-06-10T12:00:00Z"


def test_it_answers_a_given_snapshot(api, known_activity, series):
    snapshot_compute(series=series, window="24h", as_of=AS_OF - timedelta(hours=1))
    snapshot_compute(series=series, window="24h", as_of=AS_OF)
    body = api.get(URL, {"series": series.slug, "as_of": "2025-06-10T11:00:00Z"}).json()
    assert body["as_of"] == "2025-06-10T11:00:00Z"


def test_it_never_recomputes_on_read(api, snapshot, series, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert api.get(URL, {"series": series.slug}).status_code == 200
    assert Snapshot.objects.count() == 1


def test_it_answers_404_with_a_clear_message_before_the_first_snapshot(api, series):
    response = api.get(URL, {"series": series.slug, "window": "7d"})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "no_snapshot"
    assert "No 7d trends for All of Us Are Dead yet" in error["message"]


def test_it_answers_404_for_a_snapshot_time_that_does_not_exist(api, snapshot, series):
    response = api.get(URL, {"series": series.slug, "as_of": "2025-06-10T11:00:00Z"})
    assert response.status_code == 404


def test_it_rejects_an_unknown_series_naming_the_field(api, db):
    response = api.get(URL, {"series": "squid-game"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"series": ["Unknown series: squid-game."]}


def test_it_rejects_an_unknown_window_naming_the_field(api, series):
    response = api.get(URL, {"series": series.slug, "window": "1y"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["window"]


def test_it_requires_the_series(api, db):
    response = api.get(URL)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["series"]
