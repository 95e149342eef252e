"""The notification fan-outs: who hears about a ruling, a new theory, a comment; re-runs add nothing."""

from __future__ import annotations

from unittest import mock

import pytest

from moderation.services import ruling_create, ruling_revoke
from notifications import services
from notifications.models import Notification
from notifications.tasks import fan_out_comment, fan_out_new_theory, fan_out_ruling
from tests.factories import CommentFactory, TheoryFactory, UserFactory
from voting.services import vote_cast


def _kinds(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.fixture
def ruling(moderator, theory, news):
    return ruling_create(moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="confirmed", note="Yes.")


@pytest.mark.django_db
def test_it_tells_the_author_their_theory_was_ruled(fan, ruling):
    fan_out_ruling(ruling.pk)
    notification = Notification.objects.get(user=fan)
    assert notification.kind == "ruling_on_own_theory"
    assert notification.target_id == ruling.theory_id and notification.actor.username == "mona"
    assert "confirmed" in notification.text and notification.payload["verdict"] == "confirmed"


@pytest.mark.django_db
def test_it_tells_upvoters_and_followers_once_each(moderator, theory, news, other_fan, fan):
    downvoter, follower = UserFactory(), UserFactory()
    vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    vote_cast(user=downvoter, theory_id=theory.pk, value=-1)
    services.follow_create(user=follower, theory=theory)
    services.follow_create(user=other_fan, theory=theory)
    ruling = ruling_create(
        moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="contradicted", note="No."
    )
    fan_out_ruling(ruling.pk)
    assert _kinds(other_fan) == ["ruling_on_followed_theory"]
    assert _kinds(follower) == ["ruling_on_followed_theory"]
    assert _kinds(downvoter) == []
    assert _kinds(moderator) == []
    assert _kinds(fan) == ["ruling_on_own_theory"]


@pytest.mark.django_db
def test_a_re_run_adds_nothing(fan, other_fan, theory, ruling):
    vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    assert fan_out_ruling(ruling.pk) == 2
    assert fan_out_ruling(ruling.pk) == 0
    assert Notification.objects.count() == 2


@pytest.mark.django_db
def test_it_sends_nothing_for_a_ruling_revoked_before_the_fan_out(moderator, theory, ruling):
    ruling_revoke(moderator=moderator, theory_id=theory.pk, reason="Wrong news.")
    assert fan_out_ruling(ruling.pk) == 0
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_ruling_service_fans_out_after_commit(
    celery_eager, api_as, moderator, fan, theory, news, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), mock.patch("theories.events.publish"):
        api_as(moderator).post(
            f"/api/v1/theories/{theory.pk}/ruling/",
            {"verdict": "confirmed", "news": news.pk, "note": "Yes."},
            format="json",
        )
    assert _kinds(fan) == ["ruling_on_own_theory"]


@pytest.mark.django_db
def test_it_pushes_new_notifications_after_commit(fan, ruling, django_capture_on_commit_callbacks):
    with mock.patch("theories.events.publish") as publish, django_capture_on_commit_callbacks(execute=True):
        fan_out_ruling(ruling.pk)
    publish.assert_called_once()
    assert publish.call_args.kwargs["groups"] == [f"notifications.user-{fan.pk}"]
    event = publish.call_args.kwargs["event"]
    assert event["type"] == "notification.created" and event["notification"]["kind"] == "ruling_on_own_theory"


@pytest.mark.django_db
def test_it_tells_tag_followers_about_a_new_theory_once(series, tags, fan, other_fan):
    services.follow_create(user=other_fan, tag=tags[0])
    services.follow_create(user=other_fan, tag=tags[1])
    services.follow_create(user=fan, tag=tags[0])
    theory = TheoryFactory(series=series, tags=tags[:2], author=fan)
    assert fan_out_new_theory(theory.pk) == 1
    assert _kinds(other_fan) == ["new_theory_in_followed_tag"]
    assert _kinds(fan) == []
    assert fan_out_new_theory(theory.pk) == 0


@pytest.mark.django_db
def test_it_tells_the_theory_author_about_a_comment(fan, other_fan, theory):
    comment = CommentFactory(theory=theory, author=other_fan)
    fan_out_comment(comment.pk)
    assert _kinds(fan) == ["comment_on_own_theory"]
    assert _kinds(other_fan) == []


@pytest.mark.django_db
def test_it_tells_the_parent_author_about_a_reply_once(fan, other_fan, theory):
    parent = CommentFactory(theory=theory, author=fan)
    reply = CommentFactory(theory=theory, author=other_fan, parent=parent)
    services.notify_comment(comment_id=reply.pk)
    # fan wrote both the theory and the parent: one notification, about the reply.
    assert _kinds(fan) == ["reply_to_own_comment"]


def test_its_tasks_are_acknowledged_late_and_bounded():
    for task in (fan_out_ruling, fan_out_new_theory, fan_out_comment):
        assert task.acks_late is True
        assert task.time_limit and task.soft_time_limit and task.max_retries


@pytest.mark.django_db
def test_posting_a_theory_fans_out_to_tag_followers_after_commit(
    series, tags, fan, other_fan, celery_eager, django_capture_on_commit_callbacks
):
    from theories.services import theory_create

    services.follow_create(user=other_fan, tag=tags[0])
    with django_capture_on_commit_callbacks(execute=True):
        theory_create(
            author=fan, series=series, title="Gwi-nam is back", body="He never died.", tag_slugs=[tags[0].slug]
        )
    assert _kinds(other_fan) == ["new_theory_in_followed_tag"]


@pytest.mark.django_db
def test_commenting_fans_out_to_the_theory_author_after_commit(
    fan, other_fan, theory, celery_eager, django_capture_on_commit_callbacks
):
    from theories.services import comment_create

    with django_capture_on_commit_callbacks(execute=True):
        comment_create(author=other_fan, theory=theory, body="Chapter 40 says otherwise.")
    assert _kinds(fan) == ["comment_on_own_theory"]


@pytest.mark.django_db
def test_it_tells_followers_of_a_theory_about_a_comment_once(fan, other_fan, theory):
    follower = UserFactory()
    services.follow_create(user=follower, theory=theory)
    services.follow_create(user=fan, theory=theory)  # the author also follows: told once, as the author
    comment = CommentFactory(theory=theory, author=other_fan)
    fan_out_comment(comment.pk)
    assert _kinds(follower) == ["comment_on_followed_theory"]
    assert _kinds(fan) == ["comment_on_own_theory"]
    fan_out_comment(comment.pk)
    assert _kinds(follower) == ["comment_on_followed_theory"]
