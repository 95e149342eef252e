"""Live delivery over the real channels-redis layer: /ws/notifications/ and theory.ruled."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from moderation.services import ruling_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


def _headers(user=None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        client = Client()
        client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return headers


async def _receive(communicator, accept):
    """The first event that `accept` takes: Redis pub/sub is shared by every database on the server, so
    other test runs on the same Redis may publish to groups with the same names."""
    while True:
        event = await communicator.receive_json_from(timeout=5)
        if accept(event):
            return event


async def _connect(path, headers):
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=5)
    if connected:
        # The pub/sub layer subscribes asynchronously; let the subscription land in Redis.
        await asyncio.sleep(0.3)
    return communicator, connected, code


def test_it_refuses_an_anonymous_socket(db):
    async def scenario():
        communicator, connected, code = await _connect("/ws/notifications/", _headers())
        await communicator.disconnect()
        return connected, code

    assert async_to_sync(scenario)() == (False, 4401)


def test_it_pushes_a_ruling_notification_to_the_author(celery_eager, fan, moderator, theory, news):
    headers = _headers(fan)

    async def scenario():
        communicator, connected, _ = await _connect("/ws/notifications/", headers)
        assert connected
        # After commit the ruling enqueues the fan-out (run in-process here), which pushes after its commit.
        await sync_to_async(ruling_create)(
            moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="confirmed", note="Yes."
        )
        event = await _receive(
            communicator,
            lambda e: e.get("type") == "notification.created" and e["notification"]["target_id"] == theory.pk,
        )
        await communicator.disconnect()
        return event

    event = async_to_sync(scenario)()
    assert event["type"] == "notification.created"
    assert event["notification"]["kind"] == "ruling_on_own_theory"
    assert event["notification"]["target_id"] == theory.pk


def test_it_pushes_theory_ruled_to_the_theory_and_series(celery_eager, moderator, theory, news, series):
    async def scenario():
        on_theory, *_ = await _connect(f"/ws/theories/{theory.pk}/", _headers())
        on_series, *_ = await _connect(f"/ws/series/{series.slug}/", _headers())
        await sync_to_async(ruling_create)(
            moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict="contradicted", note="No."
        )
        ruled = lambda e: e.get("type") == "theory.ruled" and e.get("theory") == theory.pk  # noqa: E731
        events = [await _receive(on_theory, ruled), await _receive(on_series, ruled)]
        await on_theory.disconnect()
        await on_series.disconnect()
        return events

    for event in async_to_sync(scenario)():
        assert event["type"] == "theory.ruled"
        assert event["theory"] == theory.pk and event["status"] == "contradicted"
        assert event["ruling"]["verdict"] == "contradicted" and event["ruling"]["news"]["id"] == news.pk
