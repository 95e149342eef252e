"""vote.updated is PUBLISHed straight to channels-redis' pub/sub channels, coalesced per theory."""

from __future__ import annotations

import time

import pytest
import redis
from channels.layers import get_channel_layer

from core.redis_client import redis_client
from tests.factories import TheoryFactory
from theories.events import theory_group
from voting import events
from voting.models import Vote
from voting.services import vote_cast

pytestmark = [pytest.mark.django_db, pytest.mark.live]


@pytest.fixture
def theory(series, tags, fan):
    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)
    redis_client().delete(f"theorycraft:vote-event:{theory.pk}", events.PENDING_KEY, events.BATCH_KEY)
    return theory


def _next_message(pubsub, timeout: float = 3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
        if message is not None:
            return message
    return None


def test_it_publishes_the_layers_message_on_the_series_group_channel(
    other_fan, theory, series, django_capture_on_commit_callbacks
):
    layer = get_channel_layer()
    channel = f"{layer._kwargs['prefix']}__group__series-{series.slug}"
    pubsub = redis_client().pubsub()
    pubsub.subscribe(channel)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            vote_cast(user=other_fan, theory_id=theory.pk, value=1)
        message = _next_message(pubsub)
    finally:
        pubsub.close()
    assert message is not None
    assert layer.deserialize(message["data"]) == {
        "type": "live.event",
        "event": {"type": "vote.updated", "theory": theory.pk, "score": 1, "upvotes": 1, "downvotes": 0},
    }


def test_it_publishes_the_first_event_of_a_window_and_schedules_one_trailing(theory, series):
    event = events.vote_event(theory_id=theory.pk, score=1, upvotes=1, downvotes=0)
    outcomes = [events.publish_coalesced(theory_id=theory.pk, series_slug=series.slug, event=event) for _ in range(3)]
    assert outcomes == [events.PUBLISHED, events.SCHEDULE_TRAILING, events.ALREADY_SCHEDULED]
    assert events.pending_take() == [theory.pk]


def test_one_trailing_publish_serves_every_theory_voted_on_again_in_the_window(series, tags, fan):
    theories = TheoryFactory.create_batch(3, series=series, tags=tags[:1], author=fan)
    client = redis_client()
    client.delete(events.PENDING_KEY, events.BATCH_KEY, *(f"theorycraft:vote-event:{t.pk}" for t in theories))
    outcomes = []
    for theory in theories:
        event = events.vote_event(theory_id=theory.pk, score=1, upvotes=1, downvotes=0)
        for _ in range(2):
            outcomes.append(events.publish_coalesced(theory_id=theory.pk, series_slug=series.slug, event=event))
    assert outcomes.count(events.PUBLISHED) == 3
    assert outcomes.count(events.SCHEDULE_TRAILING) == 1  # one scheduled task for the three of them
    assert events.pending_take() == sorted(t.pk for t in theories)
    assert events.pending_take() == []  # taken once


def test_the_trailing_publish_sends_each_pending_theorys_counters_as_they_stand_now(
    other_fan, theory, series, django_capture_on_commit_callbacks
):
    from voting.services import vote_counts_publish_pending

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(user=other_fan, theory_id=theory.pk, value=1)  # the leading edge
        vote_cast(user=other_fan, theory_id=theory.pk, value=-1)  # within the window: left for the trailing one
    layer = get_channel_layer()
    pubsub = redis_client().pubsub()
    pubsub.subscribe(f"{layer._kwargs['prefix']}__group__{theory_group(theory.pk)}")
    try:
        assert vote_counts_publish_pending() == 1
        message = _next_message(pubsub)
    finally:
        pubsub.close()
    assert message is not None
    assert layer.deserialize(message["data"])["event"] == {
        "type": "vote.updated", "theory": theory.pk, "score": -1, "upvotes": 0, "downvotes": 1,
    }  # fmt: skip
    assert vote_counts_publish_pending() == 0


def test_a_vote_stands_when_its_event_cannot_be_published(
    other_fan, theory, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable(**kwargs):
        raise redis.ConnectionError("Redis is down")

    monkeypatch.setattr(events, "publish_coalesced", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        result = vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    assert result.score == 1
    assert Vote.objects.get(theory=theory).value == 1
