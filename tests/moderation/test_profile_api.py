"""GET /api/v1/users/{username}/: the public profile with the track record."""

from __future__ import annotations

import pytest

from moderation.selectors import track_record
from moderation.services import ruling_create
from tests.factories import TheoryFactory
from theories.models import Theory


@pytest.fixture
def record(fan, moderator, series, tags, news):
    theories = [TheoryFactory(series=series, tags=tags[:1], author=fan) for _ in range(4)]
    ruling_create(moderator=moderator, theory_id=theories[0].pk, news_id=news.pk, verdict="confirmed", note="Yes.")
    ruling_create(moderator=moderator, theory_id=theories[1].pk, news_id=news.pk, verdict="confirmed", note="Yes.")
    ruling_create(moderator=moderator, theory_id=theories[2].pk, news_id=news.pk, verdict="contradicted", note="No.")
    return theories


@pytest.mark.django_db
def test_it_counts_confirmed_and_contradicted_theories(api, record):
    response = api.get("/api/v1/users/alice/")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "alice" and body["role"] == "fan"
    assert body["track_record"] == {"theories": 4, "confirmed": 2, "contradicted": 1, "open": 1}


@pytest.mark.django_db
def test_its_selector_leaves_out_deleted_theories(fan, record):
    Theory.objects.filter(pk=record[3].pk).update(is_deleted=True)
    assert track_record(user=fan).theories == 3


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_user(api):
    assert api.get("/api/v1/users/nobody/").status_code == 404
