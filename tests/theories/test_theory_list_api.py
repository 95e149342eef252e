from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import TheoryFactory, UserFactory
from theories import ranking
from theories.models import Theory
from voting.services import vote_cast

URL = "/api/v1/theories/"


@pytest.mark.django_db
def test_it_lists_new_theories_newest_first(api, series, tags):
    older = TheoryFactory(series=series, tags=tags[:1])
    Theory.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=2))
    newer = TheoryFactory(series=series, tags=tags[:1])
    response = api.get(URL, {"series": series.slug, "sort": "new"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [newer.pk, older.pk]


@pytest.mark.django_db
def test_it_orders_hot_by_votes_and_age(api, series, tags, fan, other_fan):
    quiet = TheoryFactory(series=series, tags=tags[:1])
    loved = TheoryFactory(series=series, tags=tags[:1])
    for user in (fan, other_fan, UserFactory()):
        vote_cast(user=user, theory_id=loved.pk, value=1)
    response = api.get(URL, {"series": series.slug, "sort": "hot"})
    assert [item["id"] for item in response.json()["results"]] == [loved.pk, quiet.pk]
    loved.refresh_from_db()
    assert loved.hot == pytest.approx(ranking.hot(score=3, created=loved.created_at), abs=1e-6)


@pytest.mark.django_db
def test_it_shows_the_callers_vote(api_as, series, tags, fan):
    theory = TheoryFactory(series=series, tags=tags[:1])
    vote_cast(user=fan, theory_id=theory.pk, value=-1)
    item = api_as(fan).get(URL, {"series": series.slug}).json()["results"][0]
    assert item["my_vote"] == -1
    assert item["score"] == -1 and item["downvotes"] == 1


@pytest.mark.django_db
def test_it_rejects_an_unknown_sort(api, series):
    response = api.get(URL, {"sort": "sideways"})
    assert response.status_code == 400
    assert "sort" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_it_rejects_an_unknown_series(api, series):
    response = api.get(URL, {"series": "nope"})
    assert response.status_code == 400
    assert "series" in response.json()["error"]["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 25])
def test_its_query_count_does_not_grow_with_page_size(api_as, fan, series, tags, size, django_assert_max_num_queries):
    for _ in range(size):
        TheoryFactory(series=series, tags=tags)
    client = api_as(fan)
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"series": series.slug, "page_size": size})
    assert len(response.json()["results"]) == size


@pytest.mark.django_db
def test_it_paginates_with_a_cursor(api, series, tags):
    for _ in range(3):
        TheoryFactory(series=series, tags=tags[:1])
    first = api.get(URL, {"series": series.slug, "sort": "new", "page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1
    ids = {item["id"] for item in first["results"]} | {item["id"] for item in second["results"]}
    assert len(ids) == 3
