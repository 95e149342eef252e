"""Live events of the discussion: sent after commit, with payloads from the REST output serializers."""

from __future__ import annotations

import pytest

from theories import events
from theories.services import comment_create, theory_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    sent = []
    monkeypatch.setattr(events, "publish", lambda *, groups, event: sent.append((groups, event)))
    return sent


def test_comment_created_carries_the_comment_as_the_api_lists_it(
    api, other_fan, theory, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = comment_create(author=other_fan, theory=theory, body="Live *now*")
    assert published == [], "nothing is sent before commit"
    callbacks[0]()  # the publish; the other callback queues the notification fan-out
    [(groups, event)] = published
    assert groups == [f"theories.theory-{theory.pk}"]
    assert event["type"] == "comment.created" and event["theory"] == theory.pk
    listed = api.get(f"/api/v1/theories/{theory.pk}/comments/").json()["results"]
    assert event["comment"] == listed[0]
    assert event["comment"]["id"] == comment.pk and event["comment"]["body_html"] == "<p>Live <em>now</em></p>\n"


def test_a_reply_event_carries_its_parent_and_depth(
    fan, other_fan, theory, published, post_comment, django_capture_on_commit_callbacks
):
    parent = post_comment(author=fan, theory=theory)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment_create(author=other_fan, theory=theory, body="Reply", parent=parent)
    callbacks[0]()
    [(_, event)] = published
    assert event["comment"]["parent"] == parent.pk and event["comment"]["depth"] == 1


def test_theory_updated_goes_to_the_theory_page_without_spoilers(
    fan, theory, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        theory_update(editor=fan, theory_id=theory.pk, body="Chapter 9 reveals it.", chapter_numbers=[9])
    [(groups, event)] = published
    assert groups == [f"theories.theory-{theory.pk}"]
    assert event["type"] == "theory.updated"
    assert event["theory"]["id"] == theory.pk and event["theory"]["chapters"] == [9]
    # Listeners' progress is unknown: the body of a theory citing chapters is fetched, not pushed.
    assert event["theory"]["spoiler"] is True
    assert event["theory"]["body"] is None and event["theory"]["body_html"] is None


def test_nothing_is_sent_for_an_edit_that_rolls_back(fan, theory, published, django_capture_on_commit_callbacks):
    from core.exceptions import ApplicationError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        theory_update(editor=fan, theory_id=theory.pk, title="Fine title", tag_slugs=["no-such-tag"])
    assert published == []
    theory.refresh_from_db()
    assert theory.title != "Fine title" and theory.edited_at is None
