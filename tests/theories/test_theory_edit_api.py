"""PATCH /api/v1/theories/{id}/: the author (or a moderator) edits; every edit keeps the previous version."""

from __future__ import annotations

import pytest

from tests.factories import SeriesFactory, TagFactory
from theories import selectors
from theories.models import Theory, TheoryRevision

pytestmark = pytest.mark.django_db


def url(theory):
    return f"/api/v1/theories/{theory.pk}/"


@pytest.fixture
def theory(series, tags, fan):
    from theories.services import theory_create

    return theory_create(
        author=fan,
        series=series,
        title="The lighthouse signal",
        body="They saw the *lighthouse*.",
        tag_slugs=["nam-on-jo"],
        chapter_numbers=[2],
    )


def test_it_edits_and_keeps_the_previous_version(api_as, fan, theory):
    response = api_as(fan).patch(
        url(theory),
        {"title": "The radio signal", "body": "They heard the **radio**.", "tags": ["choi-nam-ra", "half-zombies"]},
        format="json",
    )
    assert response.status_code == 200, response.content
    theory.refresh_from_db()
    assert theory.title == "The radio signal"
    assert theory.body_html == "<p>They heard the <strong>radio</strong>.</p>\n"
    assert sorted(tag.slug for tag in theory.tags.all()) == ["choi-nam-ra", "half-zombies"]
    assert [chapter.number for chapter in theory.chapters.all()] == [2]
    assert theory.edited_at is not None
    [revision] = TheoryRevision.objects.filter(theory=theory)
    assert (revision.editor, revision.title, revision.body) == (
        fan,
        "The lighthouse signal",
        "They saw the *lighthouse*.",
    )
    assert (revision.tag_slugs, revision.chapter_numbers) == (["nam-on-jo"], [2])
    body = response.json()
    assert body["title"] == "The radio signal" and body["edited_at"] is not None
    assert [tag["slug"] for tag in body["tags"]] == ["choi-nam-ra", "half-zombies"]


def test_a_new_theory_was_never_edited(api, theory):
    assert api.get(url(theory)).json()["edited_at"] is None


def test_it_edits_the_chapters_alone(api_as, fan, theory):
    response = api_as(fan).patch(url(theory), {"chapters": [3, 5]}, format="json")
    assert response.status_code == 200
    assert response.json()["chapters"] == [3, 5]
    assert TheoryRevision.objects.get(theory=theory).chapter_numbers == [2]


def test_it_keeps_the_search_document_current(api_as, fan, theory):
    api_as(fan).patch(url(theory), {"title": "The radio signal", "body": "Static on the radio."}, format="json")
    assert [found.pk for found in selectors.theory_search(user=None, q="radio")] == [theory.pk]
    assert list(selectors.theory_search(user=None, q="lighthouse")) == []


def test_it_keeps_the_search_document_current_for_tags(api_as, fan, theory):
    assert list(selectors.theory_search(user=None, q="Half-zombies")) == []
    api_as(fan).patch(url(theory), {"tags": ["half-zombies"]}, format="json")
    assert [found.pk for found in selectors.theory_search(user=None, q="Half-zombies")] == [theory.pk]


def test_an_edit_that_changes_nothing_keeps_nothing(api_as, fan, theory):
    response = api_as(fan).patch(url(theory), {"title": "The lighthouse signal", "tags": ["nam-on-jo"]}, format="json")
    assert response.status_code == 200
    theory.refresh_from_db()
    assert theory.edited_at is None
    assert not TheoryRevision.objects.exists()


def test_it_keeps_every_version(api_as, fan, theory):
    client = api_as(fan)
    for title in ("Second title here", "Third title here"):
        assert client.patch(url(theory), {"title": title}, format="json").status_code == 200
    titles = list(TheoryRevision.objects.filter(theory=theory).order_by("created_at").values_list("title", flat=True))
    assert titles == ["The lighthouse signal", "Second title here"]


def test_it_lets_a_moderator_edit(api_as, moderator, theory):
    response = api_as(moderator).patch(url(theory), {"body": "Unmarked spoiler removed."}, format="json")
    assert response.status_code == 200
    assert TheoryRevision.objects.get(theory=theory).editor == moderator
    theory.refresh_from_db()
    assert theory.body == "Unmarked spoiler removed."


def test_it_refuses_another_fan(api_as, other_fan, theory):
    response = api_as(other_fan).patch(url(theory), {"title": "Hijacked title"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_author"
    theory.refresh_from_db()
    assert theory.title == "The lighthouse signal" and not TheoryRevision.objects.exists()


def test_it_requires_authentication(api, theory):
    assert api.patch(url(theory), {"title": "Anonymous edit"}, format="json").status_code == 401
    theory.refresh_from_db()
    assert theory.title == "The lighthouse signal"


def test_it_refuses_a_suspended_author(api_as, moderator, theory, fan):
    from moderation.services import suspension_create

    suspension_create(moderator=moderator, user=fan, days=1, reason="Spam")
    response = api_as(fan).patch(url(theory), {"title": "Edited while suspended"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "suspended"
    assert not TheoryRevision.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "Hm"}, "title"),
        ({"title": "   Hm   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 20001}, "body"),
        ({"tags": []}, "tags"),
        ({"tags": [f"t{i}" for i in range(11)]}, "tags"),
        ({"tags": ["no-such-tag"]}, "tags"),
        ({"chapters": [999]}, "chapters"),
        ({"chapters": [0]}, "chapters"),
    ],
)
def test_it_rejects_bad_input_naming_the_field(api_as, fan, theory, data, field):
    response = api_as(fan).patch(url(theory), data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    theory.refresh_from_db()
    assert theory.title == "The lighthouse signal" and theory.edited_at is None
    assert not TheoryRevision.objects.exists()


def test_it_rejects_a_tag_and_a_chapter_of_another_series(api_as, fan, theory):
    other = SeriesFactory(slug="sweet-home")
    TagFactory(series=other, name="Cha Hyun-su", slug="cha-hyun-su")
    from tests.factories import ChapterFactory

    ChapterFactory(series=other, number=50)
    client = api_as(fan)
    response = client.patch(url(theory), {"tags": ["cha-hyun-su"]}, format="json")
    assert response.status_code == 400 and "tags" in response.json()["error"]["fields"]
    response = client.patch(url(theory), {"chapters": [50]}, format="json")
    assert response.status_code == 400 and "chapters" in response.json()["error"]["fields"]
    assert [tag.slug for tag in theory.tags.all()] == ["nam-on-jo"]
    assert not TheoryRevision.objects.exists()


def test_it_answers_410_for_a_deleted_theory(api_as, fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    response = api_as(fan).patch(url(theory), {"title": "Too late now"}, format="json")
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "deleted"


def test_it_lets_the_author_edit_a_hidden_theory_but_not_others(api_as, fan, other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True, hidden_reason="Unmarked spoiler")
    assert api_as(other_fan).patch(url(theory), {"title": "Someone else"}, format="json").status_code == 404
    response = api_as(fan).patch(url(theory), {"body": "Spoiler marked now."}, format="json")
    assert response.status_code == 200
    assert response.json()["is_hidden"] is True
