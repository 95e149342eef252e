"""POST /api/v1/flags/: flagging theories and comments; auto-hide past the threshold."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from moderation.models import AuditEntry, Flag
from notifications.models import Notification
from tests.factories import CommentFactory, UserFactory
from theories.models import Theory

URL = "/api/v1/flags/"


def _flag(client, target, target_type="theory", reason="spam", text=""):
    return client.post(
        URL, {"target_type": target_type, "target_id": target.pk, "reason": reason, "text": text}, format="json"
    )


@pytest.mark.django_db
def test_it_flags_a_theory(api_as, other_fan, theory):
    response = _flag(api_as(other_fan), theory, reason="unmarked_spoiler")
    assert response.status_code == 201
    flag = Flag.objects.get()
    assert (flag.reporter, flag.target_type, flag.target_id, flag.reason) == (
        other_fan,
        "theory",
        theory.pk,
        "unmarked_spoiler",
    )
    assert flag.resolved_at is None


@pytest.mark.django_db
def test_it_flags_a_comment(api_as, fan, theory, other_fan):
    comment = CommentFactory(theory=theory, author=other_fan)
    response = _flag(api_as(fan), comment, target_type="comment", reason="harassment")
    assert response.status_code == 201
    assert Flag.objects.get().target_id == comment.pk


@pytest.mark.django_db
def test_it_requires_text_for_other(api_as, other_fan, theory):
    response = _flag(api_as(other_fan), theory, reason="other")
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_accepts_other_with_text(api_as, other_fan, theory):
    assert _flag(api_as(other_fan), theory, reason="other", text="Copied from a forum.").status_code == 201


@pytest.mark.django_db
def test_it_rejects_an_unknown_reason(api_as, other_fan, theory):
    assert _flag(api_as(other_fan), theory, reason="boring").status_code == 400
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_refuses_flagging_your_own_theory(api_as, fan, theory):
    response = _flag(api_as(fan), theory)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "own_item"
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_refuses_flagging_your_own_comment(api_as, fan, theory):
    comment = CommentFactory(theory=theory, author=fan)
    assert _flag(api_as(fan), comment, target_type="comment").status_code == 400


@pytest.mark.django_db
def test_it_refuses_a_second_open_flag_from_the_same_user(api_as, other_fan, theory):
    client = api_as(other_fan)
    _flag(client, theory)
    response = _flag(client, theory, reason="off_topic")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_flagged"
    assert Flag.objects.count() == 1


@pytest.mark.django_db
def test_its_database_allows_one_open_flag_per_user_and_item(other_fan, theory):
    Flag.objects.create(reporter=other_fan, target_type="theory", target_id=theory.pk, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(reporter=other_fan, target_type="theory", target_id=theory.pk, reason="spam")


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_item(api_as, other_fan):
    response = api_as(other_fan).post(
        URL, {"target_type": "theory", "target_id": 999999, "reason": "spam"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_it_asks_anonymous_flaggers_to_sign_in(api, theory):
    assert _flag(api, theory).status_code == 401
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_suspended_flagger_with_the_reason(api_as, suspended_fan, theory):
    response = _flag(api_as(suspended_fan), theory)
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "suspended" and "Unmarked spoilers for chapter 120." in error["message"]
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_hides_an_item_flagged_by_enough_people(api_as, theory, settings):
    settings.FLAG_AUTOHIDE_THRESHOLD = 3
    for _ in range(3):
        _flag(api_as(UserFactory()), theory)
    theory.refresh_from_db()
    assert theory.is_hidden and "3 people" in theory.hidden_reason
    entry = AuditEntry.objects.get(action="item_autohide")
    assert entry.actor is None and entry.target_id == theory.pk


@pytest.mark.django_db
def test_it_keeps_an_item_visible_below_the_threshold(api_as, theory, settings):
    settings.FLAG_AUTOHIDE_THRESHOLD = 3
    for _ in range(2):
        _flag(api_as(UserFactory()), theory)
    theory.refresh_from_db()
    assert not theory.is_hidden


@pytest.mark.django_db
def test_it_tells_the_author_when_flags_hide_their_theory(api_as, fan, theory, settings):
    settings.FLAG_AUTOHIDE_THRESHOLD = 2
    for _ in range(2):
        _flag(api_as(UserFactory()), theory)
    notification = Notification.objects.get(user=fan)
    assert notification.kind == "content_hidden" and notification.target_id == theory.pk


@pytest.mark.django_db
def test_it_takes_an_auto_hidden_theory_out_of_lists(api, api_as, series, theory, settings):
    settings.FLAG_AUTOHIDE_THRESHOLD = 1
    _flag(api_as(UserFactory()), theory)
    results = api.get("/api/v1/theories/", {"series": series.slug, "sort": "new"}).json()["results"]
    assert results == []
    assert Theory.objects.get(pk=theory.pk).is_hidden
