"""The audit log: append-only at every layer, and GET /api/v1/moderation/audit/ for moderators."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from moderation.models import AuditEntry, AuditLogIsAppendOnly
from moderation.services import ruling_create, suspension_create

URL = "/api/v1/moderation/audit/"


@pytest.fixture
def entry(moderator, theory, news):
    ruling_create(moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="confirmed", note="Yes.")
    return AuditEntry.objects.get()


@pytest.mark.django_db
def test_it_refuses_saving_a_stored_entry(entry):
    entry.reason = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    assert AuditEntry.objects.get().reason == "Yes."


@pytest.mark.django_db
def test_it_refuses_deleting_an_entry(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_queryset_updates(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    assert AuditEntry.objects.get().reason == "Yes."


@pytest.mark.django_db
def test_it_refuses_queryset_deletes(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_its_database_refuses_sql_updates(entry):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE moderation_auditentry SET reason = 'rewritten'")
    assert AuditEntry.objects.get().reason == "Yes."


@pytest.mark.django_db
def test_its_database_refuses_sql_deletes(entry):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM moderation_auditentry")
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_it_lists_entries_newest_first(api_as, moderator, fan, entry):
    suspension_create(moderator=moderator, user=fan, days=1, reason="Cool off.")
    results = api_as(moderator).get(URL).json()["results"]
    assert [item["action"] for item in results] == ["user_suspend", "ruling_create"]
    assert results[1]["actor"] == {"username": "mona"} and results[1]["after"]["status"] == "confirmed"


@pytest.mark.django_db
def test_it_filters_by_actor_action_and_target(api_as, moderator, fan, theory, entry):
    suspension_create(moderator=moderator, user=fan, days=1, reason="Cool off.")
    client = api_as(moderator)
    assert [i["action"] for i in client.get(URL, {"action": "user_suspend"}).json()["results"]] == ["user_suspend"]
    by_item = client.get(URL, {"target_type": "theory", "target_id": theory.pk}).json()["results"]
    assert [i["action"] for i in by_item] == ["ruling_create"]
    assert len(client.get(URL, {"actor": "mona"}).json()["results"]) == 2
    assert client.get(URL, {"actor": "alice"}).json()["results"] == []


@pytest.mark.django_db
def test_it_rejects_an_unknown_action_filter(api_as, moderator):
    assert api_as(moderator).get(URL, {"action": "nonsense"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["fan", "writer"])
def test_it_refuses_the_log_to_non_moderators(api_as, request, persona, entry):
    assert api_as(request.getfixturevalue(persona)).get(URL).status_code == 403


@pytest.mark.django_db
def test_it_asks_anonymous_readers_to_sign_in(api, entry):
    assert api.get(URL).status_code == 401
