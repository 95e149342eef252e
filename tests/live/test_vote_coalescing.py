"""A vote storm on one theory sends a few live events, and the last one carries the final counters."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from tests.factories import TheoryFactory, UserFactory
from voting.services import vote_cast

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


def test_a_vote_storm_is_coalesced_and_ends_on_the_final_counts(live_asgi, series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1])
    voters = [UserFactory() for _ in range(30)]

    async def scenario():
        socket = WebsocketCommunicator(application, f"/ws/theories/{theory.pk}/", headers=HEADERS)
        assert (await socket.connect(timeout=5))[0]
        await asyncio.sleep(0.3)
        for user in voters:
            await sync_to_async(vote_cast)(user=user, theory_id=theory.pk, value=1)
        events = []
        # The trailing event comes from the Celery worker: wait for the final counts, within reason.
        deadline = asyncio.get_running_loop().time() + 15
        while asyncio.get_running_loop().time() < deadline:
            if await socket.receive_nothing(timeout=0.5):
                continue
            events.append(await socket.receive_json_from())
            if events[-1]["score"] == len(voters):
                break
        await socket.disconnect()
        return events

    events = async_to_sync(scenario)()
    assert 1 <= len(events) < len(voters) / 3, [event["score"] for event in events]
    assert events[-1] == {"type": "vote.updated", "theory": theory.pk, "score": 30, "upvotes": 30, "downvotes": 0}
