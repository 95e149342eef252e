"""GET /api/v1/theories/ filters: tag (repeatable, all must match), author, chapter and status."""

from __future__ import annotations

import pytest

from tests.factories import ChapterFactory, TheoryFactory, UserFactory
from theories.models import Theory

pytestmark = pytest.mark.django_db

URL = "/api/v1/theories/"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(item["id"] for item in response.json()["results"])


@pytest.fixture
def onjo(tags):
    return tags[0]


@pytest.fixture
def namra(tags):
    return tags[1]


@pytest.fixture
def halfzombies(tags):
    return tags[2]


def test_it_keeps_theories_carrying_all_the_tags(api, series, onjo, namra, halfzombies):
    both = TheoryFactory(series=series, tags=[onjo, namra])
    all_three = TheoryFactory(series=series, tags=[onjo, namra, halfzombies])
    TheoryFactory(series=series, tags=[onjo])
    TheoryFactory(series=series, tags=[namra, halfzombies])
    response = api.get(URL, {"series": series.slug, "tag": [onjo.slug, namra.slug]})
    assert ids(response) == sorted([both.pk, all_three.pk])
    assert ids(api.get(URL, {"tag": [onjo.slug, namra.slug, halfzombies.slug]})) == [all_three.pk]


def test_a_theory_matching_several_tags_is_listed_once(api, series, onjo, namra):
    theory = TheoryFactory(series=series, tags=[onjo, namra])
    response = api.get(URL, {"tag": onjo.slug})
    assert ids(response) == [theory.pk]


def test_an_unknown_tag_matches_nothing(api, series, onjo):
    TheoryFactory(series=series, tags=[onjo])
    assert ids(api.get(URL, {"tag": [onjo.slug, "no-such-tag"]})) == []


def test_it_filters_by_author_in_any_case(api, series, onjo, fan, other_fan):
    mine = TheoryFactory(series=series, tags=[onjo], author=fan)
    TheoryFactory(series=series, tags=[onjo], author=other_fan)
    assert ids(api.get(URL, {"author": "ALICE"})) == [mine.pk]
    assert ids(api.get(URL, {"author": "nobody"})) == []


def test_it_filters_by_cited_chapter(api, series, onjo):
    citing = TheoryFactory(series=series, tags=[onjo])
    citing.chapters.set(series.chapters.filter(number__in=[3, 7]))
    other = TheoryFactory(series=series, tags=[onjo])
    other.chapters.set(series.chapters.filter(number=4))
    assert ids(api.get(URL, {"series": series.slug, "chapter": 7})) == [citing.pk]
    assert ids(api.get(URL, {"chapter": 9})) == []


def test_it_filters_by_status(api, series, onjo):
    TheoryFactory(series=series, tags=[onjo])
    confirmed = TheoryFactory(series=series, tags=[onjo])
    Theory.objects.filter(pk=confirmed.pk).update(status=Theory.Status.CONFIRMED)
    assert ids(api.get(URL, {"status": "confirmed", "sort": "new"})) == [confirmed.pk]


def test_filters_combine(api, series, onjo, namra, fan, other_fan):
    wanted = TheoryFactory(series=series, tags=[onjo, namra], author=fan)
    wanted.chapters.set(series.chapters.filter(number=2))
    TheoryFactory(series=series, tags=[onjo, namra], author=other_fan).chapters.set(series.chapters.filter(number=2))
    TheoryFactory(series=series, tags=[onjo], author=fan).chapters.set(series.chapters.filter(number=2))
    response = api.get(URL, {"tag": [onjo.slug, namra.slug], "author": "alice", "chapter": 2, "status": "open"})
    assert ids(response) == [wanted.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "maybe"}, "status"),
        ({"chapter": "seven"}, "chapter"),
        ({"chapter": 0}, "chapter"),
        ({"tag": [f"t{i}" for i in range(11)]}, "tag"),
        ({"tag": "not a slug!"}, "tag"),
    ],
)
def test_it_rejects_bad_filters_naming_the_field(api, series, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize("size", [5, 25])
def test_its_query_count_does_not_grow_with_page_size_when_filtered(
    api_as, fan, series, onjo, namra, size, django_assert_max_num_queries
):
    author = UserFactory(username="carol")
    for _ in range(size):
        theory = TheoryFactory(series=series, tags=[onjo, namra], author=author)
        theory.chapters.set(series.chapters.filter(number__in=[1, 2]))
    ChapterFactory(series=series, number=11)
    params = {"series": series.slug, "tag": [onjo.slug, namra.slug], "author": "carol", "chapter": 2}
    with django_assert_max_num_queries(5):
        response = api_as(fan).get(URL, {**params, "page_size": size})
    assert len(response.json()["results"]) == size
