"""GET /api/v1/series/, /series/{slug}/ and /series/{slug}/chapters/."""

from __future__ import annotations

import pytest

from tests.factories import SeriesFactory, TheoryFactory
from theories.models import Theory

pytestmark = pytest.mark.django_db


def test_it_lists_series_with_chapter_counts(api, series):
    SeriesFactory(slug="sweet-home", title="Sweet Home")
    response = api.get("/api/v1/series/")
    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "all-of-us-are-dead",
            "title": "All of Us Are Dead",
            "description": "",
            "source_title": "The Webtoon",
            "chapter_count": 10,
            "last_chapter": 10,
        },
        {
            "slug": "sweet-home",
            "title": "Sweet Home",
            "description": "",
            "source_title": "The Webtoon",
            "chapter_count": 0,
            "last_chapter": 0,
        },
    ]


def test_it_shows_one_series(api, series):
    response = api.get(f"/api/v1/series/{series.slug}/")
    assert response.status_code == 200
    assert response.json()["chapter_count"] == 10 and response.json()["last_chapter"] == 10


def test_it_lists_chapters_in_order_with_theory_counts(api, series, tags):
    cites = TheoryFactory(series=series, tags=tags[:1])
    cites.chapters.set(series.chapters.filter(number__in=[1, 2]))
    deleted = TheoryFactory(series=series, tags=tags[:1])
    deleted.chapters.set(series.chapters.filter(number=2))
    Theory.objects.filter(pk=deleted.pk).update(is_deleted=True)
    response = api.get(f"/api/v1/series/{series.slug}/chapters/")
    assert response.status_code == 200
    chapters = response.json()
    assert [chapter["number"] for chapter in chapters] == list(range(1, 11))
    assert [chapter["theory_count"] for chapter in chapters[:3]] == [1, 1, 0]


@pytest.mark.parametrize("path", ["/api/v1/series/nope/", "/api/v1/series/nope/chapters/"])
def test_an_unknown_series_is_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_series_are_read_only(api_as, fan, series):
    response = api_as(fan).post("/api/v1/series/", {"slug": "new", "title": "New"}, format="json")
    assert response.status_code == 405
