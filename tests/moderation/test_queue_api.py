"""GET /api/v1/moderation/queue/ and POST .../queue/{type}/{id}/resolve/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.models import AuditEntry, Flag, Suspension
from moderation.services import flag_create
from notifications.models import Notification
from tests.factories import CommentFactory, TheoryFactory, UserFactory
from tests.theories.conftest import assert_comment_count_matches_rows
from theories.models import Theory
from theories.services import comment_create, comment_delete

QUEUE = "/api/v1/moderation/queue/"


def _resolve_url(target_type, target):
    return f"{QUEUE}{target_type}/{target.pk}/resolve/"


def _flag(target, *, by=None, target_type="theory", reason="spam"):
    return flag_create(reporter=by or UserFactory(), target_type=target_type, target_id=target.pk, reason=reason)


@pytest.mark.django_db
def test_it_orders_the_queue_by_flaggers_then_age(api_as, moderator, series, tags, settings):
    settings.FLAG_AUTOHIDE_THRESHOLD = 10
    older, busier, newer = (TheoryFactory(series=series, tags=tags[:1]) for _ in range(3))
    _flag(older)
    Flag.objects.filter(target_id=older.pk).update(created_at=timezone.now() - timedelta(hours=3))
    _flag(busier)
    _flag(busier)
    _flag(newer)
    results = api_as(moderator).get(QUEUE).json()["results"]
    assert [(item["target_id"], item["flaggers"]) for item in results] == [(busier.pk, 2), (older.pk, 1), (newer.pk, 1)]


@pytest.mark.django_db
def test_it_shows_reasons_and_the_item(api_as, moderator, theory, fan):
    _flag(theory, reason="spam")
    _flag(theory, reason="off_topic")
    item = api_as(moderator).get(QUEUE).json()["results"][0]
    assert item["reasons"] == {"spam": 1, "off_topic": 1}
    assert item["target"]["title"] == theory.title and item["target"]["author"] == {"username": "alice"}


@pytest.mark.django_db
def test_it_lists_flagged_comments(api_as, moderator, theory, other_fan):
    comment = CommentFactory(theory=theory, author=other_fan)
    _flag(comment, target_type="comment")
    item = api_as(moderator).get(QUEUE).json()["results"][0]
    assert (item["target_type"], item["target_id"]) == ("comment", comment.pk)
    assert item["target"]["url"] == f"/theories/{theory.pk}/#c{comment.pk}"


@pytest.mark.django_db
def test_it_pages_the_queue_with_a_cursor(api_as, moderator, series, tags):
    for _ in range(3):
        _flag(TheoryFactory(series=series, tags=tags[:1]))
    client = api_as(moderator)
    first = client.get(QUEUE, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    ids = [item["target_id"] for item in first["results"] + second["results"]]
    assert len(ids) == 3 and len(set(ids)) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_the_queue_to_non_moderators(api_as, request, persona):
    assert api_as(request.getfixturevalue(persona)).get(QUEUE).status_code == 403


@pytest.mark.django_db
def test_it_dismisses_flags(api_as, moderator, theory):
    _flag(theory)
    response = api_as(moderator).post(
        _resolve_url("theory", theory), {"action": "dismiss", "reason": "Not spam."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["resolved_flags"] == 1
    flag = Flag.objects.get()
    assert flag.resolution == "dismissed" and flag.resolved_by == moderator
    assert not Theory.objects.get(pk=theory.pk).is_hidden
    assert api_as(moderator).get(QUEUE).json()["results"] == []


@pytest.mark.django_db
def test_dismissing_brings_back_an_auto_hidden_item(api_as, moderator, theory, settings):
    settings.FLAG_AUTOHIDE_THRESHOLD = 2
    _flag(theory)
    _flag(theory)
    assert Theory.objects.get(pk=theory.pk).is_hidden
    api_as(moderator).post(_resolve_url("theory", theory), {"action": "dismiss", "reason": "Fine."}, format="json")
    theory.refresh_from_db()
    assert not theory.is_hidden and theory.hidden_reason == ""
    assert AuditEntry.objects.filter(action="item_restore", target_id=theory.pk).exists()


@pytest.mark.django_db
def test_it_hides_an_item_and_tells_the_author_why(api_as, moderator, fan, theory):
    _flag(theory)
    response = api_as(moderator).post(
        _resolve_url("theory", theory), {"action": "hide", "reason": "Spoils chapter 120 unmarked."}, format="json"
    )
    assert response.status_code == 200 and response.json()["is_hidden"] is True
    theory.refresh_from_db()
    assert theory.is_hidden and theory.hidden_reason == "Spoils chapter 120 unmarked."
    assert Flag.objects.get().resolution == "hidden"
    assert Notification.objects.get(user=fan, kind="content_hidden").payload["reason"] == "Spoils chapter 120 unmarked."
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {"item_hide", "flag_resolve"}


@pytest.mark.django_db
def test_it_hides_a_comment(api_as, moderator, theory, other_fan):
    comment = CommentFactory(theory=theory, author=other_fan)
    _flag(comment, target_type="comment")
    api_as(moderator).post(_resolve_url("comment", comment), {"action": "hide", "reason": "Abuse."}, format="json")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Abuse."


@pytest.mark.django_db
def test_hiding_a_comment_takes_it_out_of_the_theorys_comment_count(api_as, moderator, theory, other_fan):
    comment_create(author=other_fan, theory=theory, body="Cheong-san was right about the gym.")
    hidden = comment_create(author=other_fan, theory=theory, body="Abuse.")
    _flag(hidden, target_type="comment")
    api_as(moderator).post(_resolve_url("comment", hidden), {"action": "hide", "reason": "Abuse."}, format="json")
    assert Theory.objects.get(pk=theory.pk).comment_count == 1
    assert_comment_count_matches_rows(theory)


@pytest.mark.django_db
def test_restoring_a_hidden_comment_counts_it_again(api_as, moderator, theory, other_fan):
    comment = comment_create(author=other_fan, theory=theory, body="Borderline, but fine.")
    _flag(comment, target_type="comment")
    client = api_as(moderator)
    client.post(_resolve_url("comment", comment), {"action": "hide", "reason": "Rude."}, format="json")
    client.post(f"/api/v1/moderation/items/comment/{comment.pk}/restore/", {"reason": "On appeal."}, format="json")
    assert Theory.objects.get(pk=theory.pk).comment_count == 1
    assert_comment_count_matches_rows(theory)


@pytest.mark.django_db
def test_deleting_a_hidden_comment_does_not_count_it_out_twice(api_as, moderator, theory, other_fan):
    comment_create(author=other_fan, theory=theory, body="Stays.")
    comment = comment_create(author=other_fan, theory=theory, body="Spam spam.")
    _flag(comment, target_type="comment")
    api_as(moderator).post(_resolve_url("comment", comment), {"action": "hide", "reason": "Spam."}, format="json")
    comment_delete(actor=other_fan, comment_id=comment.pk)
    assert Theory.objects.get(pk=theory.pk).comment_count == 1
    assert_comment_count_matches_rows(theory)


@pytest.mark.django_db
def test_it_hides_and_suspends_the_author(api_as, moderator, fan, theory):
    _flag(theory)
    response = api_as(moderator).post(
        _resolve_url("theory", theory),
        {"action": "hide_and_suspend", "reason": "Spam again.", "suspend_days": 3},
        format="json",
    )
    assert response.status_code == 200
    suspension = Suspension.objects.get(user=fan)
    assert suspension.reason == "Spam again."
    assert timedelta(days=3) - (suspension.ends_at - suspension.starts_at) == timedelta(0)
    assert response.json()["suspension"]["id"] == suspension.pk
    assert AuditEntry.objects.filter(action="user_suspend", target_id=fan.pk).exists()


@pytest.mark.django_db
def test_it_requires_days_to_suspend(api_as, moderator, theory):
    _flag(theory)
    response = api_as(moderator).post(
        _resolve_url("theory", theory), {"action": "hide_and_suspend", "reason": "Spam."}, format="json"
    )
    assert response.status_code == 400
    assert Flag.objects.get().resolved_at is None


@pytest.mark.django_db
def test_it_answers_409_when_resolving_twice(api_as, moderator, theory):
    _flag(theory)
    client = api_as(moderator)
    client.post(_resolve_url("theory", theory), {"action": "dismiss", "reason": "Fine."}, format="json")
    response = client.post(
        _resolve_url("theory", theory), {"action": "hide", "reason": "Changed my mind."}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_open_flags"
    assert not Theory.objects.get(pk=theory.pk).is_hidden


@pytest.mark.django_db
def test_it_rejects_an_unknown_action(api_as, moderator, theory):
    _flag(theory)
    response = api_as(moderator).post(_resolve_url("theory", theory), {"action": "burn", "reason": "x"}, format="json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_it_rejects_an_unknown_target_type(api_as, moderator, theory):
    response = api_as(moderator).post(
        f"{QUEUE}user/{theory.pk}/resolve/", {"action": "dismiss", "reason": "x"}, format="json"
    )
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_fan", "writer"])
def test_it_refuses_resolutions_from_non_moderators(api_as, request, persona, theory):
    _flag(theory)
    response = api_as(request.getfixturevalue(persona)).post(
        _resolve_url("theory", theory), {"action": "hide", "reason": "Mine."}, format="json"
    )
    assert response.status_code == 403
    assert Flag.objects.get().resolved_at is None


@pytest.mark.django_db
def test_it_restores_a_hidden_item(api_as, moderator, theory):
    _flag(theory)
    client = api_as(moderator)
    client.post(_resolve_url("theory", theory), {"action": "hide", "reason": "Spam."}, format="json")
    response = client.post(
        f"/api/v1/moderation/items/theory/{theory.pk}/restore/", {"reason": "Appeal accepted."}, format="json"
    )
    assert response.status_code == 200
    assert not Theory.objects.get(pk=theory.pk).is_hidden
    assert AuditEntry.objects.get(action="item_restore").reason == "Appeal accepted."


@pytest.mark.django_db
def test_it_answers_409_when_restoring_a_visible_item(api_as, moderator, theory):
    response = api_as(moderator).post(
        f"/api/v1/moderation/items/theory/{theory.pk}/restore/", {"reason": "?"}, format="json"
    )
    assert response.status_code == 409
