"""trends.updated reaches the series' WebSocket over the real channels-redis layer."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from tests.trends.conftest import AS_OF
from trends.services import snapshot_compute

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


def test_it_pushes_a_fresh_snapshot_to_the_series_socket(known_activity, series):
    async def scenario():
        communicator = WebsocketCommunicator(application, f"/ws/series/{series.slug}/", headers=HEADERS)
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        await asyncio.sleep(0.3)  # the pub/sub subscription lands in Redis
        result = await sync_to_async(snapshot_compute)(series=series, window="24h", as_of=AS_OF)
        event = await communicator.receive_json_from(timeout=5)
        while event["type"] != "trends.updated":  # Redis pub/sub is server-wide: skip other runs' events
            event = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return result.snapshot, event

    snapshot, event = async_to_sync(scenario)()
    assert event["type"] == "trends.updated"
    assert (event["series"], event["window"], event["as_of"]) == (series.slug, "24h", "2025-06-10T12:00:00+00:00")
    assert event["computed_at"] == snapshot.computed_at.isoformat()
    assert event["top_themes"][0]["tag"]["slug"] == "nam-on-jo"
