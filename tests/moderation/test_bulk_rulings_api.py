"""POST /api/v1/official-news/{id}/rulings/: many theories, one verdict and note, all or nothing."""

from __future__ import annotations

import pytest

from moderation.models import AuditEntry, Ruling
from moderation.services import ruling_create
from tests.factories import SeriesFactory, TagFactory, TheoryFactory
from theories.models import Theory


def _url(news):
    return f"/api/v1/official-news/{news.pk}/rulings/"


@pytest.fixture
def three(series, tags):
    return [TheoryFactory(series=series, tags=tags[:1]) for _ in range(3)]


@pytest.mark.django_db
def test_it_rules_many_theories_with_one_note(api_as, moderator, news, three):
    ids = [theory.pk for theory in three]
    response = api_as(moderator).post(
        _url(news), {"theories": ids, "verdict": "contradicted", "note": "Season 2 says no."}, format="json"
    )
    assert response.status_code == 201
    assert sorted(item["theory"] for item in response.json()["rulings"]) == sorted(ids)
    assert set(Theory.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"contradicted"}
    assert set(Ruling.objects.filter(theory_id__in=ids).values_list("note", flat=True)) == {"Season 2 says no."}
    assert AuditEntry.objects.filter(action="ruling_create").count() == 3


@pytest.mark.django_db
def test_it_rules_none_when_one_is_already_ruled(api_as, moderator, news, three):
    ruling_create(moderator=moderator, theory_id=three[1].pk, news_id=news.pk, verdict="confirmed", note="Yes.")
    response = api_as(moderator).post(
        _url(news), {"theories": [t.pk for t in three], "verdict": "contradicted", "note": "No."}, format="json"
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "already_ruled" and str(three[1].pk) in error["message"]
    assert Ruling.objects.count() == 1
    assert Theory.objects.get(pk=three[0].pk).status == "open"


@pytest.mark.django_db
def test_it_rejects_theories_of_another_series(api_as, moderator, news, three):
    elsewhere = SeriesFactory(slug="sweet-home")
    stranger = TheoryFactory(series=elsewhere, tags=[TagFactory(series=elsewhere)])
    response = api_as(moderator).post(
        _url(news), {"theories": [three[0].pk, stranger.pk], "verdict": "confirmed", "note": "Yes."}, format="json"
    )
    assert response.status_code == 400
    assert "theories" in response.json()["error"]["fields"]
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_rejects_an_unknown_verdict(api_as, moderator, news, three):
    response = api_as(moderator).post(
        _url(news), {"theories": [three[0].pk], "verdict": "maybe", "note": "Hm."}, format="json"
    )
    assert response.status_code == 400
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_rejects_an_empty_list(api_as, moderator, news):
    response = api_as(moderator).post(
        _url(news), {"theories": [], "verdict": "confirmed", "note": "Yes."}, format="json"
    )
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_non_moderators(api_as, request, persona, news, three):
    response = api_as(request.getfixturevalue(persona)).post(
        _url(news), {"theories": [three[0].pk], "verdict": "confirmed", "note": "Yes."}, format="json"
    )
    assert response.status_code == 403
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_answers_404_for_unknown_news(api_as, moderator, three):
    response = api_as(moderator).post(
        "/api/v1/official-news/999999/rulings/",
        {"theories": [three[0].pk], "verdict": "confirmed", "note": "Yes."},
        format="json",
    )
    assert response.status_code == 404
