"""Spoiler gating on theory reads: a theory citing a chapter past the reader's progress keeps its body to itself."""

from __future__ import annotations

import pytest

from accounts.services import reading_progress_set
from tests.factories import SeriesFactory, TagFactory, TheoryFactory
from theories.models import Theory

pytestmark = pytest.mark.django_db

URL = "/api/v1/theories/"


@pytest.fixture
def late(series, tags):
    """A theory citing chapters 3 and 8 of the 10."""
    theory = TheoryFactory(series=series, tags=tags[:1], title="What chapter eight reveals", body="Su-hyeok *lives*.")
    theory.chapters.set(series.chapters.filter(number__in=[3, 8]))
    return theory


@pytest.fixture
def early(series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1], title="About chapter two only", body="The lab.")
    theory.chapters.set(series.chapters.filter(number=2))
    return theory


def by_id(response):
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["results"]}


def test_a_visitor_without_progress_sees_everything(api, late, early):
    items = by_id(api.get(URL))
    assert items[late.pk]["spoiler"] is False
    assert items[late.pk]["body"] == "Su-hyeok *lives*." and items[late.pk]["body_html"]


def test_the_progress_parameter_withholds_later_chapters(api, series, late, early):
    items = by_id(api.get(URL, {"series": series.slug, "progress": 5}))
    assert items[late.pk]["spoiler"] is True
    assert items[late.pk]["body"] is None and items[late.pk]["body_html"] is None
    assert items[late.pk]["title"] == "What chapter eight reveals", "titles stay: the warning needs them"
    assert items[late.pk]["chapters"] == [3, 8]
    assert items[early.pk]["spoiler"] is False and items[early.pk]["body"] == "The lab."


def test_progress_zero_gates_every_theory_citing_a_chapter(api, late, early, series, tags):
    uncited = TheoryFactory(series=series, tags=tags[:1])
    items = by_id(api.get(URL, {"progress": 0}))
    assert items[late.pk]["spoiler"] and items[early.pk]["spoiler"]
    assert items[uncited.pk]["spoiler"] is False and items[uncited.pk]["body"]


def test_reveal_shows_the_body_and_keeps_the_mark(api, series, late):
    item = by_id(api.get(URL, {"series": series.slug, "progress": 5, "reveal": 1}))[late.pk]
    assert item["spoiler"] is True and item["body"] == "Su-hyeok *lives*."


def test_a_reader_who_read_everything_sees_everything(api, series, late):
    item = by_id(api.get(URL, {"series": series.slug, "progress": 10}))[late.pk]
    assert item["spoiler"] is False and item["body"]


def test_saved_progress_applies_to_a_signed_in_reader(api_as, fan, series, late, early):
    reading_progress_set(user=fan, series=series, chapter=4)
    items = by_id(api_as(fan).get(URL))
    assert items[late.pk]["spoiler"] is True and items[late.pk]["body"] is None
    assert items[early.pk]["spoiler"] is False
    detail = api_as(fan).get(f"{URL}{late.pk}/").json()
    assert detail["spoiler"] is True and detail["body_html"] is None


def test_the_parameter_overrides_saved_progress(api_as, fan, series, late):
    reading_progress_set(user=fan, series=series, chapter=4)
    item = by_id(api_as(fan).get(URL, {"series": series.slug, "progress": 9}))[late.pk]
    assert item["spoiler"] is False


def test_saved_progress_is_per_series(api_as, fan, series, late):
    other = SeriesFactory(slug="sweet-home")
    elsewhere = TheoryFactory(series=other, tags=[TagFactory(series=other)])
    from tests.factories import ChapterFactory

    elsewhere.chapters.set([ChapterFactory(series=other, number=40)])
    reading_progress_set(user=fan, series=series, chapter=2)
    items = by_id(api_as(fan).get(URL))
    assert items[late.pk]["spoiler"] is True
    assert items[elsewhere.pk]["spoiler"] is False, "no progress chosen in that series"


def test_the_detail_is_gated_too(api, late):
    item = api.get(f"{URL}{late.pk}/", {"progress": 7}).json()
    assert item["spoiler"] is True and item["body"] is None
    item = api.get(f"{URL}{late.pk}/", {"progress": 7, "reveal": "1"}).json()
    assert item["body"] == "Su-hyeok *lives*."


def test_search_highlights_are_withheld_for_spoilers(api, late):
    from theories.search import theory_search_update

    theory_search_update(theory_id=late.pk)
    item = by_id(api.get(URL, {"q": "lives", "progress": 5}))[late.pk]
    assert item["spoiler"] is True and item["highlight"] is None
    assert by_id(api.get(URL, {"q": "lives"}))[late.pk]["highlight"]


@pytest.mark.parametrize("progress", [-1, "three", 11])
def test_it_rejects_progress_out_of_range_naming_it(api, series, late, progress):
    response = api.get(URL, {"series": series.slug, "progress": progress})
    assert response.status_code == 400
    assert "progress" in response.json()["error"]["fields"]
    response = api.get(f"{URL}{late.pk}/", {"progress": progress})
    assert response.status_code == 400
    assert "progress" in response.json()["error"]["fields"]


def test_writes_answer_with_the_whole_theory(api_as, fan, series, tags):
    reading_progress_set(user=fan, series=series, chapter=1)
    data = {"series": series.slug, "title": "Chapter nine twist", "body": "It happens.", "tags": ["nam-on-jo"]}
    response = api_as(fan).post(URL, {**data, "chapters": [9]}, format="json")
    assert response.status_code == 201
    assert response.json()["body"] == "It happens."
    assert Theory.objects.get(pk=response.json()["id"]).chapters.get().number == 9
