"""The theory list without a search is built from plain rows (selectors.theory_feed_rows), and its anonymous
first page is kept for a moment in Redis; both must answer exactly as the serializer and the database do."""

from __future__ import annotations

import pytest

from accounts.services import reading_progress_set
from core.redis_client import redis_client
from moderation.services import ruling_create
from tests.factories import OfficialNewsFactory, TheoryFactory, UserFactory
from theories import selectors
from theories.api.theories import TheoryListItemSerializer, theory_list_rows_data
from theories.models import Series, Theory
from voting.services import vote_cast

pytestmark = pytest.mark.django_db

URL = "/api/v1/theories/"


@pytest.fixture
def listed(series, tags, moderator, other_fan):
    """Theories with several tags, chapter references (one a spoiler past chapter 5), a vote and a ruling."""
    plain = TheoryFactory(series=series, tags=tags)
    cited = TheoryFactory(series=series, tags=tags[1:])
    cited.chapters.set(series.chapters.filter(number__in=[2, 8]))
    ruled = TheoryFactory(series=series, tags=tags[:1])
    news = OfficialNewsFactory(series=series, created_by=moderator)
    ruling_create(moderator=moderator, theory_id=ruled.pk, news_id=news.pk, verdict="confirmed", note="It is so.")
    vote_cast(user=other_fan, theory_id=plain.pk, value=-1)
    return [plain, cited, ruled]


@pytest.fixture
def no_list_cache(settings):
    settings.THEORY_LIST_CACHE_MS = 0


@pytest.fixture
def list_cache(settings):
    settings.THEORY_LIST_CACHE_MS = 60_000
    client = redis_client()
    keys = list(client.scan_iter("theorycraft:theory-list:*"))
    if keys:
        client.delete(*keys)


def _serialized(*, user, series: Series, gate) -> list[dict]:
    theories = list(selectors.theory_feed(user=user, series=series, sort="new"))
    return TheoryListItemSerializer(theories, many=True, context={"spoilers": gate}).data


def _rows(*, user, series: Series, gate) -> list[dict]:
    rows = list(selectors.theory_feed_rows(selectors.theory_feed(user=user, series=series, sort="new"), sort="new"))
    return theory_list_rows_data(rows, gate=gate, rulings=selectors.theory_rulings_for(rows=rows))


def test_rows_render_as_the_serializer_does_for_a_visitor(listed, series):
    gate = selectors.spoiler_gate(user=None, series=series, progress=5)
    assert _rows(user=None, series=series, gate=gate) == _serialized(user=None, series=series, gate=gate)


def test_rows_render_as_the_serializer_does_for_a_signed_in_reader(listed, series, other_fan):
    reading_progress_set(user=other_fan, series=series, chapter=3)
    gate = selectors.spoiler_gate(user=other_fan, series=series)
    rows = _rows(user=other_fan, series=series, gate=gate)
    assert rows == _serialized(user=other_fan, series=series, gate=gate)
    assert {row["my_vote"] for row in rows} == {-1, None}
    assert any(row["spoiler"] and row["body"] is None for row in rows)


def test_rows_keep_the_serializers_key_order(listed, series):
    gate = selectors.spoiler_gate(user=None, series=series)
    assert [list(row) for row in _rows(user=None, series=series, gate=gate)] == [
        list(row) for row in _serialized(user=None, series=series, gate=gate)
    ]


@pytest.mark.parametrize("size", [20, 100])
def test_the_hot_list_takes_the_same_queries_for_20_and_100_theories(
    api_as, series, tags, size, no_list_cache, django_assert_num_queries
):
    author = UserFactory()
    for _ in range(size):
        TheoryFactory(series=series, tags=tags, author=author)
    client = api_as(UserFactory())
    with django_assert_num_queries(2):
        response = client.get(URL, {"series": series.slug, "sort": "hot", "page_size": size})
    assert len(response.json()["results"]) == size


def test_a_ruling_costs_one_more_query(api, listed, series, no_list_cache, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = api.get(URL, {"series": series.slug, "sort": "new"})
    assert sum(item["ruling"] is not None for item in response.json()["results"]) == 1


def test_it_serves_a_visitors_first_page_from_redis_for_a_moment(api, listed, series, tags, list_cache):
    first = api.get(URL, {"series": series.slug, "sort": "new"})
    TheoryFactory(series=series, tags=tags[:1])
    again = api.get(URL, {"series": series.slug, "sort": "new"})
    assert again.status_code == 200
    assert again.json() == first.json()
    assert len(again.json()["results"]) == len(listed)


def test_it_keys_the_cache_by_the_full_query(api, listed, series, list_cache):
    api.get(URL, {"series": series.slug, "sort": "new"})
    Theory.objects.filter(pk=listed[0].pk).update(is_deleted=True)
    other = api.get(URL, {"series": series.slug, "sort": "new", "page_size": 10})
    assert len(other.json()["results"]) == len(listed) - 1


def test_it_does_not_cache_a_signed_in_readers_list(api_as, listed, series, tags, other_fan, list_cache):
    client = api_as(other_fan)
    client.get(URL, {"series": series.slug, "sort": "new"})
    TheoryFactory(series=series, tags=tags[:1])
    again = client.get(URL, {"series": series.slug, "sort": "new"})
    assert len(again.json()["results"]) == len(listed) + 1


def test_it_does_not_cache_later_pages(api, listed, series, tags, list_cache):
    first = api.get(URL, {"series": series.slug, "sort": "new", "page_size": 1}).json()
    api.get(first["next"])
    Theory.objects.filter(pk=listed[1].pk).update(title="A title changed after the page was read")
    second = api.get(first["next"]).json()
    assert second["results"][0]["title"] == "A title changed after the page was read"


def test_the_cached_page_expires(api, listed, series, tags, list_cache, settings):
    import time

    settings.THEORY_LIST_CACHE_MS = 50
    api.get(URL, {"series": series.slug, "sort": "new"})
    TheoryFactory(series=series, tags=tags[:1])
    time.sleep(0.1)
    again = api.get(URL, {"series": series.slug, "sort": "new"})
    assert len(again.json()["results"]) == len(listed) + 1


def test_it_lists_when_redis_is_down(api, listed, series, list_cache, monkeypatch):
    import redis

    from theories.api import list_cache

    monkeypatch.setattr(
        list_cache, "redis_client", lambda: redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    )
    response = api.get(URL, {"series": series.slug, "sort": "new"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == len(listed)


def test_the_cache_is_off_outside_production_by_default(api, listed, series, tags):
    api.get(URL, {"series": series.slug, "sort": "new"})
    TheoryFactory(series=series, tags=tags[:1])
    again = api.get(URL, {"series": series.slug, "sort": "new"})
    assert len(again.json()["results"]) == len(listed) + 1


def test_a_cached_page_answers_with_drfs_headers(api, listed, series, list_cache):
    first = api.get(URL, {"series": series.slug, "sort": "new"})
    cached = api.get(URL, {"series": series.slug, "sort": "new"})
    assert cached.content == first.content
    for header in ("Content-Type", "Allow"):
        assert cached[header] == first[header]
    assert {part.strip() for part in cached["Vary"].split(",")} >= {"Accept", "Cookie"}


def test_a_visitor_with_a_session_cookie_gets_the_cached_page_through_drf(api, listed, series, tags, list_cache):
    first = api.get(URL, {"series": series.slug, "sort": "new"})
    TheoryFactory(series=series, tags=tags[:1])
    api.cookies["sessionid"] = "not-a-session"
    again = api.get(URL, {"series": series.slug, "sort": "new"})
    assert again.json() == first.json()
