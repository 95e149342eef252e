"""The audit log: append-only at every layer, and GET /api/v1/moderation/audit/ for moderators."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from moderation.models import AuditEntry, AuditLogIsAppendOnly
from moderation.services import ruling_create, suspension_create
from theories.services import comment_create

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


@pytest.mark.django_db
def test_a_moderators_edit_of_someone_elses_theory_is_audited(api_as, moderator, theory):
    old_title = theory.title
    response = api_as(moderator).patch(
        f"/api/v1/theories/{theory.pk}/", {"title": "Edited: spoiler marked"}, format="json"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="item_edit")
    assert (entry.actor, entry.target_type, entry.target_id) == (moderator, "theory", theory.pk)
    assert entry.before["title"] == old_title and entry.after["title"] == "Edited: spoiler marked"
    assert entry.before["revision"] == theory.revisions.get().pk


@pytest.mark.django_db
def test_an_authors_own_edit_is_not_audited(api_as, fan, theory):
    response = api_as(fan).patch(f"/api/v1/theories/{theory.pk}/", {"title": "My own better title"}, format="json")
    assert response.status_code == 200
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_moderators_deletion_of_someone_elses_theory_is_audited(api_as, moderator, theory):
    assert api_as(moderator).delete(f"/api/v1/theories/{theory.pk}/").status_code == 204
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_type, entry.target_id) == ("item_delete", "theory", theory.pk)


@pytest.mark.django_db
def test_a_moderators_edit_and_deletion_of_someone_elses_comment_are_audited(api_as, moderator, other_fan, theory):
    comment = comment_create(author=other_fan, theory=theory, body="Original words.")
    client = api_as(moderator)
    assert client.patch(f"/api/v1/comments/{comment.pk}/", {"body": "Trimmed."}, format="json").status_code == 200
    assert client.delete(f"/api/v1/comments/{comment.pk}/").status_code == 204
    edit, deletion = AuditEntry.objects.order_by("pk")
    assert (edit.action, edit.before, edit.after) == ("item_edit", {"body": "Original words."}, {"body": "Trimmed."})
    assert (deletion.action, deletion.target_type, deletion.target_id) == ("item_delete", "comment", comment.pk)
