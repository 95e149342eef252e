"""Flood protection on the live sockets (core/websocket.py): a client sending past its token bucket is closed."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from core.websocket import CLOSE_MESSAGE_TOO_BIG, CLOSE_TOO_MANY_MESSAGES, ListenOnlyConsumer, TokenBucket
from tests.factories import TheoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bucket_allows_a_burst_then_the_refill_rate():
    clock = FakeClock()
    bucket = TokenBucket(capacity=3, rate=2.0, clock=clock)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    clock.now += 0.5  # one token back
    assert [bucket.take(), bucket.take()] == [True, False]
    clock.now += 60  # never more than the capacity
    assert sum(bucket.take() for _ in range(10)) == 3


async def _flood(path: str, headers: list, messages: list[str]) -> tuple[int, dict]:
    """Send messages until the server closes; return how many were sent and the close message."""
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await socket.connect(timeout=5)
    assert connected
    sent = 0
    for text in messages:
        await socket.send_to(text_data=text)
        sent += 1
        if not await socket.receive_nothing(timeout=0.05):
            break
    closed = await socket.receive_output(timeout=5)
    await socket.disconnect()
    return sent, closed


def test_it_closes_a_series_socket_that_floods_messages(series):
    sent, closed = async_to_sync(_flood)(f"/ws/series/{series.slug}/", HEADERS, ["{}"] * 100)
    assert closed["code"] == CLOSE_TOO_MANY_MESSAGES
    # The burst is allowed (a few tokens may refill while the test sends); the flood is not.
    assert ListenOnlyConsumer.BURST < sent <= ListenOnlyConsumer.BURST + 5


def test_it_keeps_a_socket_that_sends_a_few_messages(series, tags):
    theory = TheoryFactory(series=series, tags=tags[:1])

    async def scenario():
        socket = WebsocketCommunicator(application, f"/ws/theories/{theory.pk}/", headers=HEADERS)
        assert (await socket.connect(timeout=5))[0]
        for _ in range(5):
            await socket.send_to(text_data="not even JSON")
        nothing = await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
        return nothing

    assert async_to_sync(scenario)() is True


def test_it_closes_a_socket_that_sends_an_oversized_message(series):
    big = "x" * (ListenOnlyConsumer.MAX_MESSAGE_BYTES + 1)
    sent, closed = async_to_sync(_flood)(f"/ws/series/{series.slug}/", HEADERS, [big])
    assert (sent, closed["code"]) == (1, CLOSE_MESSAGE_TOO_BIG)


def test_it_closes_a_notification_socket_that_floods_messages(fan):
    client = Client()
    client.force_login(fan)
    headers = [*HEADERS, (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]
    _, closed = async_to_sync(_flood)("/ws/notifications/", headers, ["{}"] * 100)
    assert closed["code"] == CLOSE_TOO_MANY_MESSAGES
