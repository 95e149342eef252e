"""POST and DELETE /api/v1/theories/{id}/ruling/."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from moderation.models import AuditEntry, Ruling
from tests.factories import OfficialNewsFactory, SeriesFactory, TheoryFactory
from theories.models import Theory


def _url(theory):
    return f"/api/v1/theories/{theory.pk}/ruling/"


def _rule(client, theory, news, verdict="contradicted", note="The director said otherwise."):
    return client.post(_url(theory), {"verdict": verdict, "news": news.pk, "note": note}, format="json")


@pytest.mark.django_db
def test_it_rules_a_theory_and_sets_its_status(api_as, moderator, theory, news):
    response = _rule(api_as(moderator), theory, news)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "contradicted"
    assert body["ruling"]["news"]["id"] == news.pk and body["ruling"]["moderator"] == {"username": "mona"}
    theory.refresh_from_db()
    assert theory.status == Theory.Status.CONTRADICTED
    ruling = Ruling.objects.get(theory=theory)
    assert (ruling.verdict, ruling.note, ruling.moderator) == (
        "contradicted",
        "The director said otherwise.",
        moderator,
    )


@pytest.mark.django_db
def test_it_audits_a_ruling(api_as, moderator, theory, news):
    _rule(api_as(moderator), theory, news, verdict="confirmed")
    entry = AuditEntry.objects.get(action="ruling_create")
    assert (entry.actor, entry.target_type, entry.target_id) == (moderator, "theory", theory.pk)
    assert entry.before == {"status": "open", "ruling": None}
    assert entry.after["status"] == "confirmed" and entry.after["ruling"]["news"] == news.pk


@pytest.mark.django_db
def test_it_refuses_a_second_active_ruling(api_as, moderator, theory, news):
    client = api_as(moderator)
    _rule(client, theory, news)
    response = _rule(client, theory, news, verdict="confirmed")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_ruled"
    assert Ruling.objects.filter(theory=theory).count() == 1
    theory.refresh_from_db()
    assert theory.status == "contradicted"


@pytest.mark.django_db
def test_its_database_allows_one_active_ruling_per_theory(moderator, theory, news):
    Ruling.objects.create(theory=theory, news=news, verdict="confirmed", note="a", moderator=moderator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ruling.objects.create(theory=theory, news=news, verdict="confirmed", note="b", moderator=moderator)


@pytest.mark.django_db
def test_it_rules_again_after_a_revocation(api_as, moderator, theory, news):
    client = api_as(moderator)
    _rule(client, theory, news)
    client.delete(_url(theory), {"reason": "Wrong news item."}, format="json")
    response = _rule(client, theory, news, verdict="confirmed")
    assert response.status_code == 201
    assert Ruling.objects.filter(theory=theory).count() == 2
    assert Ruling.objects.active().get(theory=theory).verdict == "confirmed"


@pytest.mark.django_db
def test_it_requires_a_news_item(api_as, moderator, theory):
    response = api_as(moderator).post(_url(theory), {"verdict": "confirmed", "note": "Yes."}, format="json")
    assert response.status_code == 400
    assert "news" in response.json()["error"]["fields"]
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_rejects_news_of_another_series(api_as, moderator, theory):
    elsewhere = OfficialNewsFactory(series=SeriesFactory(slug="sweet-home"), created_by=moderator)
    response = _rule(api_as(moderator), theory, elsewhere)
    assert response.status_code == 400
    assert "news" in response.json()["error"]["fields"]
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_rejects_unknown_news(api_as, moderator, theory):
    response = api_as(moderator).post(
        _url(theory), {"verdict": "confirmed", "news": 999999, "note": "Yes."}, format="json"
    )
    assert response.status_code == 400
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_rejects_an_unknown_verdict(api_as, moderator, theory, news):
    response = _rule(api_as(moderator), theory, news, verdict="plausible")
    assert response.status_code == 400
    assert "verdict" in response.json()["error"]["fields"]
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_requires_a_note(api_as, moderator, theory, news):
    response = _rule(api_as(moderator), theory, news, note="   ")
    assert response.status_code == 400
    assert not Ruling.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_fan", "writer"])
def test_it_refuses_rulings_from_non_moderators(api_as, request, persona, theory, news):
    response = _rule(api_as(request.getfixturevalue(persona)), theory, news)
    assert response.status_code == 403
    assert not Ruling.objects.exists()
    theory.refresh_from_db()
    assert theory.status == "open"


@pytest.mark.django_db
def test_it_asks_anonymous_callers_to_sign_in(api, theory, news):
    assert _rule(api, theory, news).status_code == 401


@pytest.mark.django_db
def test_it_answers_404_for_a_deleted_theory(api_as, moderator, theory, news):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    assert _rule(api_as(moderator), theory, news).status_code == 404


@pytest.mark.django_db
def test_it_revokes_a_ruling_and_reopens_the_theory(api_as, moderator, theory, news):
    client = api_as(moderator)
    _rule(client, theory, news)
    response = client.delete(_url(theory), {"reason": "The interview was misquoted."}, format="json")
    assert response.status_code == 200
    assert response.json() == {"theory": theory.pk, "status": "open", "ruling": None}
    theory.refresh_from_db()
    assert theory.status == "open"
    ruling = Ruling.objects.get(theory=theory)
    assert ruling.revoked_by == moderator and ruling.revoke_reason == "The interview was misquoted."


@pytest.mark.django_db
def test_it_audits_a_revocation(api_as, moderator, theory, news):
    client = api_as(moderator)
    _rule(client, theory, news)
    client.delete(_url(theory), {"reason": "Misquoted."}, format="json")
    entry = AuditEntry.objects.get(action="ruling_revoke")
    assert entry.reason == "Misquoted." and entry.before["status"] == "contradicted" and entry.after["status"] == "open"


@pytest.mark.django_db
def test_it_requires_a_reason_to_revoke(api_as, moderator, theory, news):
    client = api_as(moderator)
    _rule(client, theory, news)
    assert client.delete(_url(theory), {}, format="json").status_code == 400
    assert Ruling.objects.active().filter(theory=theory).exists()


@pytest.mark.django_db
def test_it_answers_409_when_there_is_nothing_to_revoke(api_as, moderator, theory):
    response = api_as(moderator).delete(_url(theory), {"reason": "Nothing."}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_ruled"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_revocations_from_non_moderators(api_as, request, persona, moderator, theory, news):
    _rule(api_as(moderator), theory, news)
    response = api_as(request.getfixturevalue(persona)).delete(_url(theory), {"reason": "Mine."}, format="json")
    assert response.status_code == 403
    assert Ruling.objects.active().filter(theory=theory).exists()


@pytest.mark.django_db
def test_it_takes_a_contradicted_theory_out_of_hot(api, api_as, moderator, series, tags, theory, news):
    other = TheoryFactory(series=series, tags=tags[:1])
    _rule(api_as(moderator), theory, news)
    hot = api.get("/api/v1/theories/", {"series": series.slug, "sort": "hot"}).json()["results"]
    new = api.get("/api/v1/theories/", {"series": series.slug, "sort": "new"}).json()["results"]
    assert [item["id"] for item in hot] == [other.pk]
    assert theory.pk in [item["id"] for item in new]


@pytest.mark.django_db
def test_it_publishes_and_enqueues_only_after_commit(
    api_as, moderator, theory, news, django_capture_on_commit_callbacks
):
    with (
        mock.patch("theories.events.publish") as publish,
        mock.patch("notifications.tasks.fan_out_ruling.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        _rule(api_as(moderator), theory, news)
    assert len(callbacks) == 2
    ruling = Ruling.objects.get(theory=theory)
    delay.assert_called_once_with(ruling.pk)
    event = publish.call_args.kwargs["event"]
    assert publish.call_args.kwargs["groups"] == [f"theories.theory-{theory.pk}", "series-all-of-us-are-dead"]
    assert event["type"] == "theory.ruled" and event["theory"] == theory.pk and event["status"] == "contradicted"
    assert event["ruling"]["id"] == ruling.pk


@pytest.mark.django_db
def test_it_publishes_nothing_for_a_refused_ruling(api_as, fan, theory, news, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        _rule(api_as(fan), theory, news)
    assert callbacks == []
