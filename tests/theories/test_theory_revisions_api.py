"""GET /api/v1/theories/{id}/revisions/: a theory's earlier versions, newest first."""

from __future__ import annotations

import pytest

from theories.models import Theory
from theories.services import theory_create, theory_update

pytestmark = pytest.mark.django_db


def url(theory):
    return f"/api/v1/theories/{theory.pk}/revisions/"


@pytest.fixture
def theory(series, tags, fan):
    return theory_create(
        author=fan, series=series, title="First title here", body="Version one.", tag_slugs=["nam-on-jo"]
    )


def test_it_lists_earlier_versions_newest_first(api, fan, moderator, theory):
    theory_update(editor=fan, theory_id=theory.pk, title="Second title here", body="Version two.")
    theory_update(editor=moderator, theory_id=theory.pk, body="Version three.", chapter_numbers=[4])
    response = api.get(url(theory))
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(item["title"], item["body"], item["editor"]["username"]) for item in results] == [
        ("Second title here", "Version two.", "mona"),
        ("First title here", "Version one.", "alice"),
    ]
    assert results[0]["tags"] == ["nam-on-jo"] and results[0]["chapters"] == []
    assert all(item["spoiler"] is False for item in results)


def test_a_never_edited_theory_has_no_revisions(api, theory):
    assert api.get(url(theory)).json()["results"] == []


def test_earlier_spoilers_are_gated_too(api, fan, theory):
    theory_update(editor=fan, theory_id=theory.pk, body="Chapter 8 shows it.", chapter_numbers=[8])
    theory_update(editor=fan, theory_id=theory.pk, body="Nothing cited.", chapter_numbers=[])
    results = api.get(url(theory), {"progress": 5}).json()["results"]
    assert [(item["spoiler"], item["body"]) for item in results] == [(True, None), (False, "Version one.")]
    revealed = api.get(url(theory), {"progress": 5, "reveal": 1}).json()["results"]
    assert revealed[0]["body"] == "Chapter 8 shows it."


def test_a_hidden_theorys_history_is_its_authors(api, api_as, fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True, hidden_reason="spam")
    assert api.get(url(theory)).status_code == 404
    assert api_as(fan).get(url(theory)).status_code == 200


def test_an_unknown_theory_is_404(api):
    assert api.get("/api/v1/theories/999999/revisions/").status_code == 404
