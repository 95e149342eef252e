"""GET /api/v1/official-news/{id}/candidates/: theories to review against a news item."""

from __future__ import annotations

import pytest

from moderation.services import ruling_create
from tests.factories import OfficialNewsFactory, TheoryFactory
from theories.models import Theory
from theories.search import theory_search_update_many


def _url(news):
    return f"/api/v1/official-news/{news.pk}/candidates/"


@pytest.fixture
def cure_news(series, tags, moderator):
    return OfficialNewsFactory(
        series=series,
        title="Director: there is no cure for the Jonas virus",
        summary="The virus cannot be reversed, he says.",
        created_by=moderator,
        tags=[tags[2]],  # half-zombies
    )


@pytest.mark.django_db
def test_it_finds_theories_matching_the_news_words(api_as, moderator, series, tags, cure_news):
    matching = TheoryFactory(series=series, tags=tags[:1], title="A cure hides in the lab", body="They reverse it.")
    TheoryFactory(series=series, tags=tags[:1], title="Cheong-san's mother", body="She runs the shop.")
    response = api_as(moderator).get(_url(cure_news))
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [matching.pk]


@pytest.mark.django_db
def test_it_uses_the_stored_search_document(api_as, moderator, series, tags, cure_news):
    # "Nam On-jo" is only in the tag's name, which the stored document holds and the title and body do not.
    tagged = TheoryFactory(series=series, tags=[tags[0]], title="The zombies remember", body="Memory survives.")
    theory_search_update_many(theory_ids=[tagged.pk])
    cure_news.title = "Nam On-jo's fate"
    cure_news.summary = ""
    cure_news.save()
    cure_news.tags.clear()
    ids = [item["id"] for item in api_as(moderator).get(_url(cure_news)).json()["results"]]
    assert ids == [tagged.pk]


@pytest.mark.django_db
def test_it_finds_theories_sharing_a_tag(api_as, moderator, series, tags, cure_news):
    tagged = TheoryFactory(series=series, tags=[tags[2]], title="Nam-ra keeps her mind", body="Hunger only.")
    item = api_as(moderator).get(_url(cure_news)).json()["results"][0]
    assert item["id"] == tagged.pk
    assert item["matched_tags"] == ["half-zombies"]


@pytest.mark.django_db
def test_it_ranks_text_and_tag_matches_first(api_as, moderator, series, tags, cure_news):
    text_only = TheoryFactory(series=series, tags=[tags[0]], title="A cure for the virus", body="In the lab.")
    both = TheoryFactory(series=series, tags=[tags[2]], title="A cure for the virus", body="In the lab.")
    ids = [item["id"] for item in api_as(moderator).get(_url(cure_news)).json()["results"]]
    assert ids == [both.pk, text_only.pk]


@pytest.mark.django_db
def test_it_leaves_out_ruled_hidden_and_deleted_theories(api_as, moderator, series, tags, cure_news):
    ruled, hidden, deleted, kept = (
        TheoryFactory(series=series, tags=[tags[2]], title=f"The cure, part {n}") for n in range(4)
    )
    ruling_create(moderator=moderator, theory_id=ruled.pk, news_id=cure_news.pk, verdict="contradicted", note="No.")
    Theory.objects.filter(pk=hidden.pk).update(is_hidden=True)
    Theory.objects.filter(pk=deleted.pk).update(is_deleted=True)
    ids = [item["id"] for item in api_as(moderator).get(_url(cure_news)).json()["results"]]
    assert ids == [kept.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_non_moderators(api_as, request, persona, cure_news):
    assert api_as(request.getfixturevalue(persona)).get(_url(cure_news)).status_code == 403


@pytest.mark.django_db
def test_it_asks_anonymous_callers_to_sign_in(api, cure_news):
    assert api.get(_url(cure_news)).status_code == 401


@pytest.mark.django_db
def test_it_finds_tagged_theories_for_news_without_words(api_as, moderator, series, tags, cure_news):
    tagged = TheoryFactory(series=series, tags=[tags[2]], title="Nam-ra keeps her mind", body="Hunger only.")
    cure_news.title, cure_news.summary = "!!!", ""
    cure_news.save()
    ids = [item["id"] for item in api_as(moderator).get(_url(cure_news)).json()["results"]]
    assert ids == [tagged.pk]
