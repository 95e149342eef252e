"""POST /api/v1/moderation/suspensions/, DELETE .../{id}/, and what a suspended account can still do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.models import AuditEntry, Suspension
from moderation.services import suspension_lift
from tests.factories import SuspensionFactory, TheoryFactory
from theories.models import Theory
from voting.models import Vote

URL = "/api/v1/moderation/suspensions/"


@pytest.mark.django_db
def test_it_suspends_a_user(api_as, moderator, fan):
    response = api_as(moderator).post(URL, {"user": "alice", "days": 7, "reason": "Spam."}, format="json")
    assert response.status_code == 201
    suspension = Suspension.objects.get(user=fan)
    assert suspension.moderator == moderator and suspension.reason == "Spam."
    assert suspension.ends_at - suspension.starts_at == timedelta(days=7)
    entry = AuditEntry.objects.get(action="user_suspend")
    assert (entry.target_type, entry.target_id, entry.reason) == ("user", fan.pk, "Spam.")


@pytest.mark.django_db
def test_it_rejects_an_unknown_user(api_as, moderator):
    response = api_as(moderator).post(URL, {"user": "nobody", "days": 7, "reason": "Spam."}, format="json")
    assert response.status_code == 400
    assert "user" in response.json()["error"]["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize("days", [0, -1, 100000])
def test_it_rejects_a_bad_length(api_as, moderator, fan, days):
    assert api_as(moderator).post(URL, {"user": "alice", "days": days, "reason": "x"}, format="json").status_code == 400
    assert not Suspension.objects.exists()


@pytest.mark.django_db
def test_it_refuses_suspending_yourself(api_as, moderator):
    response = api_as(moderator).post(URL, {"user": "mona", "days": 1, "reason": "Oops."}, format="json")
    assert response.status_code == 400
    assert not Suspension.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_fan", "writer"])
def test_it_refuses_suspensions_from_non_moderators(api_as, request, persona, fan):
    response = api_as(request.getfixturevalue(persona)).post(
        URL, {"user": "alice", "days": 1, "reason": "x"}, format="json"
    )
    assert response.status_code == 403
    assert not Suspension.objects.exists()


@pytest.mark.django_db
def test_it_lists_suspensions_in_force(api_as, moderator, suspended_fan):
    SuspensionFactory(
        user=suspended_fan,
        moderator=moderator,
        starts_at=timezone.now() - timedelta(days=9),
        ends_at=timezone.now() - timedelta(days=2),
    )
    results = api_as(moderator).get(URL).json()["results"]
    assert [item["user"]["username"] for item in results] == ["sam"]
    assert results[0]["is_active"] is True


@pytest.mark.django_db
def test_it_lifts_a_suspension_and_logs_it(api_as, moderator, suspended_fan):
    suspension = Suspension.objects.get(user=suspended_fan)
    response = api_as(moderator).delete(f"{URL}{suspension.pk}/", {"reason": "Appeal accepted."}, format="json")
    assert response.status_code == 200
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator and suspension.lift_reason == "Appeal accepted."
    assert AuditEntry.objects.get(action="suspension_lift").reason == "Appeal accepted."


@pytest.mark.django_db
def test_it_requires_a_reason_to_lift(api_as, moderator, suspended_fan):
    suspension = Suspension.objects.get(user=suspended_fan)
    assert api_as(moderator).delete(f"{URL}{suspension.pk}/", {}, format="json").status_code == 400
    suspension.refresh_from_db()
    assert suspension.lifted_at is None


@pytest.mark.django_db
def test_it_answers_409_when_lifting_twice(api_as, moderator, suspended_fan):
    suspension = Suspension.objects.get(user=suspended_fan)
    suspension_lift(moderator=moderator, suspension_id=suspension.pk, reason="Appeal.")
    assert api_as(moderator).delete(f"{URL}{suspension.pk}/", {"reason": "Again."}, format="json").status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_lifting_to_non_moderators(api_as, request, persona, suspended_fan):
    suspension = Suspension.objects.get(user=suspended_fan)
    response = api_as(request.getfixturevalue(persona)).delete(f"{URL}{suspension.pk}/", {"reason": "x"}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_suspended_user_cannot_post_and_hears_why(api_as, suspended_fan, series, tags):
    response = api_as(suspended_fan).post(
        "/api/v1/theories/",
        {"series": series.slug, "title": "Nam-ra lives", "body": "She does.", "tags": ["choi-nam-ra"]},
        format="json",
    )
    assert response.status_code == 403
    error = response.json()["error"]
    suspension = Suspension.objects.get(user=suspended_fan)
    assert error["code"] == "suspended"
    assert "Unmarked spoilers for chapter 120." in error["message"]
    assert suspension.ends_at.strftime("%Y-%m-%d %H:%M") in error["message"]
    assert error["fields"]["suspended_until"] == [suspension.ends_at.isoformat()]
    assert not Theory.objects.filter(author=suspended_fan).exists()


@pytest.mark.django_db
def test_a_suspended_user_cannot_vote(api_as, suspended_fan, theory):
    response = api_as(suspended_fan).put(f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json")
    assert response.status_code == 403
    assert "Unmarked spoilers for chapter 120." in response.json()["error"]["message"]
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_a_suspended_user_can_still_read(api_as, suspended_fan, theory, series):
    client = api_as(suspended_fan)
    assert client.get(f"/api/v1/theories/{theory.pk}/").status_code == 200
    assert client.get("/api/v1/theories/", {"series": series.slug}).status_code == 200


@pytest.mark.django_db
def test_a_lifted_suspension_lets_the_user_post_again(api_as, moderator, suspended_fan, theory):
    suspension_lift(moderator=moderator, suspension_id=Suspension.objects.get().pk, reason="Appeal.")
    response = api_as(suspended_fan).put(f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json")
    assert response.status_code == 200
    assert Vote.objects.filter(user=suspended_fan).exists()


@pytest.mark.django_db
def test_an_expired_suspension_no_longer_applies(api_as, moderator, fan, series, tags):
    SuspensionFactory(
        user=fan,
        moderator=moderator,
        starts_at=timezone.now() - timedelta(days=9),
        ends_at=timezone.now() - timedelta(days=2),
    )
    theory = TheoryFactory(series=series, tags=tags[:1])
    assert api_as(fan).put(f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json").status_code == 200
