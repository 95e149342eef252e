"""DELETE /api/v1/theories/{id}/: soft delete by the author or a moderator; the URL then answers 410 Gone."""

from __future__ import annotations

import pytest

from theories import selectors
from theories.models import Theory

pytestmark = pytest.mark.django_db


def url(theory):
    return f"/api/v1/theories/{theory.pk}/"


@pytest.fixture
def theory(series, tags, fan):
    from theories.services import theory_create

    return theory_create(
        author=fan, series=series, title="The lighthouse signal", body="A lighthouse.", tag_slugs=["nam-on-jo"]
    )


def test_it_lets_the_author_delete(api_as, api, fan, theory):
    response = api_as(fan).delete(url(theory))
    assert response.status_code == 204
    theory.refresh_from_db()
    assert theory.is_deleted and theory.deleted_at is not None
    assert Theory.objects.filter(pk=theory.pk).exists(), "soft delete: the row stays"


def test_a_deleted_theory_answers_410_gone(api_as, api, fan, theory):
    api_as(fan).delete(url(theory))
    for client in (api, api_as(fan)):
        response = client.get(url(theory))
        assert response.status_code == 410
        assert response.json()["error"]["code"] == "deleted"
    assert api.get(f"/api/v1/theories/{theory.pk}/revisions/").status_code == 410


def test_a_deleted_theory_leaves_lists_and_search(api_as, api, fan, series, theory):
    api_as(fan).delete(url(theory))
    assert api.get("/api/v1/theories/", {"series": series.slug}).json()["results"] == []
    assert api.get("/api/v1/theories/", {"q": "lighthouse"}).json()["results"] == []
    assert list(selectors.theory_search(user=None, q="lighthouse")) == []


def test_it_lets_a_moderator_delete(api_as, moderator, theory):
    assert api_as(moderator).delete(url(theory)).status_code == 204
    theory.refresh_from_db()
    assert theory.is_deleted


def test_it_refuses_another_fan(api_as, other_fan, theory):
    response = api_as(other_fan).delete(url(theory))
    assert response.status_code == 403
    theory.refresh_from_db()
    assert not theory.is_deleted and theory.deleted_at is None


def test_it_requires_authentication(api, theory):
    assert api.delete(url(theory)).status_code == 401
    theory.refresh_from_db()
    assert not theory.is_deleted


def test_deleting_twice_answers_410(api_as, fan, theory):
    client = api_as(fan)
    client.delete(url(theory))
    assert client.delete(url(theory)).status_code == 410


def test_an_unknown_theory_is_404(api_as, fan):
    assert api_as(fan).delete("/api/v1/theories/999999/").status_code == 404
    assert api_as(fan).get("/api/v1/theories/999999/").status_code == 404


def test_a_suspended_author_may_still_delete(api_as, moderator, fan, theory):
    # A suspension stops posting, voting and flagging; taking one's own text down stays possible.
    from moderation.services import suspension_create

    suspension_create(moderator=moderator, user=fan, days=1, reason="Spam")
    assert api_as(fan).delete(url(theory)).status_code == 204
    theory.refresh_from_db()
    assert theory.is_deleted
