"""GET /api/v1/trends/history/: daily figures per theme, for charts and comparisons."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.trends.conftest import theory_at, vote_at
from trends.services import daily_rollups_ensure

pytestmark = pytest.mark.django_db

URL = "/api/v1/trends/history/"


@pytest.fixture
def yesterday_rolled_up(series, tags, people):
    today = timezone.now().date()
    yesterday = today - timedelta(days=1)
    noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    theory = theory_at(series=series, author=people["u1"], tags=tags[:2], at=noon)
    vote_at(user=people["u2"], theory=theory, value=1, at=noon + timedelta(minutes=5))
    vote_at(user=people["u3"], theory=theory, value=-1, at=noon + timedelta(minutes=6))
    daily_rollups_ensure(series=series, first_day=today - timedelta(days=3), end_day=today)
    return yesterday


def _days(body: dict, slug: str) -> dict[str, dict]:
    [theme] = [theme for theme in body["themes"] if theme["tag"]["slug"] == slug]
    return {row["day"]: row for row in theme["days"]}


def test_it_answers_the_last_90_complete_days_for_every_theme(api, series, tags, yesterday_rolled_up):
    body = api.get(URL, {"series": series.slug}).json()
    assert {theme["tag"]["slug"] for theme in body["themes"]} == {tag.slug for tag in tags}
    assert all(len(theme["days"]) == 90 for theme in body["themes"])
    assert body["last_day"] == yesterday_rolled_up.isoformat()
    assert body["first_day"] == (yesterday_rolled_up - timedelta(days=89)).isoformat()


def test_it_answers_the_daily_figures(api, series, yesterday_rolled_up):
    row = _days(api.get(URL, {"series": series.slug}).json(), "nam-on-jo")[yesterday_rolled_up.isoformat()]
    assert row == {
        "day": yesterday_rolled_up.isoformat(),
        "new_theories": 1,
        "votes": 2,
        "net_score": 0,
        "comments": 0,
        "replies": 0,
        "participants": 3,
        "activity": 3,
    }


def test_it_compares_the_tags_asked_for_in_order(api, series, yesterday_rolled_up):
    body = api.get(f"{URL}?series={series.slug}&tag=half-zombies&tag=nam-on-jo").json()
    assert [theme["tag"]["slug"] for theme in body["themes"]] == ["half-zombies", "nam-on-jo"]
    assert _days(body, "half-zombies")[yesterday_rolled_up.isoformat()]["activity"] == 0


def test_it_leaves_days_not_rolled_up_empty(api, series, yesterday_rolled_up):
    rows = _days(api.get(URL, {"series": series.slug, "tag": "nam-on-jo"}).json(), "nam-on-jo")
    old_day = (yesterday_rolled_up - timedelta(days=30)).isoformat()
    assert rows[old_day]["activity"] is None


def test_it_limits_the_days(api, series, yesterday_rolled_up):
    body = api.get(URL, {"series": series.slug, "days": 7}).json()
    assert all(len(theme["days"]) == 7 for theme in body["themes"])


def test_it_rejects_a_tag_of_another_series_naming_the_field(api, series, tags):
    response = api.get(URL, {"series": series.slug, "tag": "gi-hun"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"tag": ["Not a tag of All of Us Are Dead: gi-hun."]}


def test_it_rejects_an_unknown_series_naming_the_field(api, db):
    response = api.get(URL, {"series": "nope"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["series"]


def test_it_rejects_more_days_than_kept(api, series):
    response = api.get(URL, {"series": series.slug, "days": 91})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["days"]


def test_it_is_public(api, series, tags):
    assert api.get(URL, {"series": series.slug}).status_code == 200
