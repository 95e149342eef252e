"""Live events over the real channels-redis layer: what services publish reaches the subscribed sockets."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from tests.factories import TheoryFactory
from theories.services import theory_create
from voting.services import vote_cast

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


async def _connect(path: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, path, headers=HEADERS)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    # The pub/sub layer subscribes asynchronously; give the subscription a moment to land in Redis.
    await asyncio.sleep(0.3)
    return communicator


def test_it_pushes_vote_updates_to_the_theory_and_series_groups(series, tags, fan, other_fan):
    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)

    async def scenario():
        on_theory = await _connect(f"/ws/theories/{theory.pk}/")
        on_series = await _connect(f"/ws/series/{series.slug}/")
        await sync_to_async(vote_cast)(user=other_fan, theory_id=theory.pk, value=1)
        events = [await on_theory.receive_json_from(timeout=5), await on_series.receive_json_from(timeout=5)]
        await on_theory.disconnect()
        await on_series.disconnect()
        return events

    for event in async_to_sync(scenario)():
        assert event == {"type": "vote.updated", "theory": theory.pk, "score": 1, "upvotes": 1, "downvotes": 0}


def test_it_pushes_new_theories_to_the_series_group(series, tags, fan):
    async def scenario():
        on_series = await _connect(f"/ws/series/{series.slug}/")
        theory = await sync_to_async(theory_create)(
            author=fan,
            series=series,
            title="Cheong-san is alive",
            body="He *was* in the smoke.",
            tag_slugs=["nam-on-jo"],
        )
        event = await on_series.receive_json_from(timeout=5)
        await on_series.disconnect()
        return theory, event

    theory, event = async_to_sync(scenario)()
    assert event["type"] == "theory.created"
    assert event["theory"]["id"] == theory.pk
    assert event["theory"]["title"] == "Cheong-san is alive"
    assert event["theory"]["tags"] == [{"slug": "nam-on-jo", "name": "Nam On-jo", "kind": "character"}]


def test_it_refuses_a_socket_for_an_unknown_series(db):
    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/series/no-such-series/", headers=HEADERS)
        connected, code = await communicator.connect(timeout=5)
        await communicator.disconnect()
        return connected, code

    connected, code = async_to_sync(scenario)()
    assert not connected
    assert code == 4404


def test_it_refuses_a_foreign_origin(series):
    async def scenario():
        headers = [(b"origin", b"https://evil.example"), (b"host", b"localhost")]
        communicator = WebsocketCommunicator(application, f"/ws/series/{series.slug}/", headers=headers)
        connected, _ = await communicator.connect(timeout=5)
        await communicator.disconnect()
        return connected

    assert async_to_sync(scenario)() is False
