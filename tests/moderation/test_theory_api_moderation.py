"""What the theory API shows of moderation: the active ruling, and hidden theories to their author only."""

from __future__ import annotations

import pytest

from moderation.services import flag_create, flag_resolve, ruling_create, ruling_revoke
from tests.factories import TheoryFactory, UserFactory
from theories.models import Theory

LIST = "/api/v1/theories/"


def _detail(theory):
    return f"/api/v1/theories/{theory.pk}/"


def _hide(theory, moderator, reason="Unmarked spoiler for chapter 120."):
    flag_create(reporter=UserFactory(), target_type="theory", target_id=theory.pk, reason="unmarked_spoiler")
    flag_resolve(moderator=moderator, target_type="theory", target_id=theory.pk, action="hide", reason=reason)


@pytest.mark.django_db
def test_it_shows_the_active_ruling(api, moderator, theory, news):
    ruling_create(moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="confirmed", note="Spot on.")
    body = api.get(_detail(theory)).json()
    assert body["status"] == "confirmed"
    ruling = body["ruling"]
    assert (
        ruling["verdict"] == "confirmed"
        and ruling["note"] == "Spot on."
        and ruling["moderator"] == {"username": "mona"}
    )
    assert ruling["news"] == {
        "id": news.pk,
        "title": news.title,
        "url": news.url,
        "publisher": "Netflix",
        "published_at": news.published_at.isoformat().replace("+00:00", "Z"),
    }
    assert ruling["ruled_at"]


@pytest.mark.django_db
def test_it_shows_no_ruling_after_a_revocation(api, moderator, theory, news):
    ruling_create(moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="confirmed", note="Yes.")
    ruling_revoke(moderator=moderator, theory_id=theory.pk, reason="Wrong item.")
    body = api.get(_detail(theory)).json()
    assert body["ruling"] is None and body["status"] == "open"


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 25])
def test_its_list_query_count_stays_constant_with_rulings(
    api_as, fan, moderator, series, tags, news, size, django_assert_max_num_queries
):
    for index in range(size):
        theory = TheoryFactory(series=series, tags=tags)
        if index % 2:
            ruling_create(moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="confirmed", note="Yes.")
    with django_assert_max_num_queries(5):
        results = api_as(fan).get(LIST, {"series": series.slug, "sort": "new", "page_size": size}).json()["results"]
    assert len(results) == size
    assert sum(1 for item in results if item["ruling"]) == size // 2


@pytest.mark.django_db
def test_it_hides_a_hidden_theory_from_others(api, api_as, other_fan, moderator, theory):
    _hide(theory, moderator)
    assert api.get(_detail(theory)).status_code == 404
    assert api_as(other_fan).get(_detail(theory)).status_code == 404


@pytest.mark.django_db
def test_it_shows_a_hidden_theory_to_its_author_with_the_reason(api_as, fan, moderator, theory):
    _hide(theory, moderator)
    response = api_as(fan).get(_detail(theory))
    assert response.status_code == 200
    body = response.json()
    assert body["is_hidden"] is True and body["hidden_reason"] == "Unmarked spoiler for chapter 120."


@pytest.mark.django_db
def test_it_leaves_hidden_theories_out_of_every_list(api_as, fan, moderator, series, theory):
    _hide(theory, moderator)
    for sort in ("hot", "new", "top", "controversial", "rising"):
        results = api_as(fan).get(LIST, {"series": series.slug, "sort": sort}).json()["results"]
        assert theory.pk not in [item["id"] for item in results], sort
    assert Theory.objects.get(pk=theory.pk).is_hidden
