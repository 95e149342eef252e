"""POST/GET /api/v1/official-news/ and GET/PATCH /api/v1/official-news/{id}/."""

from __future__ import annotations

import pytest

from moderation.models import AuditEntry, OfficialNews
from tests.factories import OfficialNewsFactory

URL = "/api/v1/official-news/"


def _payload(series, **overrides):
    data = {
        "series": series.slug,
        "title": "Netflix confirms season 2",
        "url": "https://about.netflix.com/en/news/all-of-us-are-dead-season-2",
        "publisher": "Netflix",
        "published_at": "2022-06-11T09:00:00Z",
        "summary": "Filming starts next year.",
        "tags": ["choi-nam-ra"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_it_registers_news_for_a_moderator(api_as, moderator, series, tags):
    response = api_as(moderator).post(URL, _payload(series), format="json")
    assert response.status_code == 201
    news = OfficialNews.objects.get()
    assert news.title == "Netflix confirms season 2" and news.created_by == moderator
    assert [tag.slug for tag in news.tags.all()] == ["choi-nam-ra"]
    assert response.json()["tags"] == ["choi-nam-ra"]


@pytest.mark.django_db
def test_it_audits_news_creation(api_as, moderator, series, tags):
    news_id = api_as(moderator).post(URL, _payload(series), format="json").json()["id"]
    entry = AuditEntry.objects.get(action="news_create")
    assert (entry.actor, entry.target_type, entry.target_id) == (moderator, "official_news", news_id)
    assert entry.before is None and entry.after["title"] == "Netflix confirms season 2"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_news_from_non_moderators(api_as, request, persona, series, tags):
    response = api_as(request.getfixturevalue(persona)).post(URL, _payload(series), format="json")
    assert response.status_code == 403
    assert not OfficialNews.objects.exists()


@pytest.mark.django_db
def test_it_asks_anonymous_writers_to_sign_in(api, series, tags):
    response = api.post(URL, _payload(series), format="json")
    assert response.status_code == 401
    assert not OfficialNews.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example.com/news", "data:text/html,hi"])
def test_it_rejects_links_that_are_not_web_links(api_as, moderator, series, tags, url):
    response = api_as(moderator).post(URL, _payload(series, url=url), format="json")
    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]
    assert not OfficialNews.objects.exists()


@pytest.mark.django_db
def test_it_rejects_tags_of_another_series(api_as, moderator, series, tags):
    response = api_as(moderator).post(URL, _payload(series, tags=["no-such-tag"]), format="json")
    assert response.status_code == 400
    assert "tags" in response.json()["error"]["fields"]
    assert not OfficialNews.objects.exists()


@pytest.mark.django_db
def test_it_lists_news_to_anyone_latest_first(api, series, moderator):
    older = OfficialNewsFactory(series=series, published_at="2022-01-28T00:00:00Z", created_by=moderator)
    newer = OfficialNewsFactory(series=series, published_at="2022-06-11T00:00:00Z", created_by=moderator)
    response = api.get(URL, {"series": series.slug})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [newer.pk, older.pk]


@pytest.mark.django_db
def test_it_shows_one_news_item_to_anyone(api, series, moderator):
    news = OfficialNewsFactory(series=series, created_by=moderator)
    response = api.get(f"{URL}{news.pk}/")
    assert response.status_code == 200
    assert response.json()["url"] == news.url


@pytest.mark.django_db
def test_it_answers_404_for_unknown_news(api):
    assert api.get(f"{URL}999999/").status_code == 404


@pytest.mark.django_db
def test_it_lets_a_moderator_correct_news_and_audits_it(api_as, moderator, series):
    news = OfficialNewsFactory(series=series, title="Sesaon 2", created_by=moderator)
    response = api_as(moderator).patch(f"{URL}{news.pk}/", {"title": "Season 2"}, format="json")
    assert response.status_code == 200
    news.refresh_from_db()
    assert news.title == "Season 2"
    entry = AuditEntry.objects.get(action="news_update")
    assert entry.before["title"] == "Sesaon 2" and entry.after["title"] == "Season 2"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_corrections_from_non_moderators(api_as, request, persona, series, moderator):
    news = OfficialNewsFactory(series=series, title="Original", created_by=moderator)
    response = api_as(request.getfixturevalue(persona)).patch(f"{URL}{news.pk}/", {"title": "Changed"}, format="json")
    assert response.status_code == 403
    news.refresh_from_db()
    assert news.title == "Original"


@pytest.mark.django_db
def test_it_asks_anonymous_correctors_to_sign_in(api, series, moderator):
    news = OfficialNewsFactory(series=series, created_by=moderator)
    assert api.patch(f"{URL}{news.pk}/", {"title": "Changed"}, format="json").status_code == 401


@pytest.mark.django_db
def test_it_keeps_a_javascript_link_out_even_on_correction(api_as, moderator, series):
    news = OfficialNewsFactory(series=series, created_by=moderator)
    response = api_as(moderator).patch(f"{URL}{news.pk}/", {"url": "javascript:alert(1)"}, format="json")
    assert response.status_code == 400
    news.refresh_from_db()
    assert news.url.startswith("https://")


@pytest.mark.django_db
def test_it_rejects_an_unknown_series_filter(api):
    response = api.get(URL, {"series": "nope"})
    assert response.status_code == 400
    assert "series" in response.json()["error"]["fields"]
