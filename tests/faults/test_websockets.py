"""WebSockets against the real ASGI server: foreign origins, private channels, and a flooding client."""

from __future__ import annotations

import json
import threading
import time

import pytest
import requests
from django.test import Client
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from core.websocket import CLOSE_TOO_MANY_MESSAGES
from tests.factories import TheoryFactory, UserFactory
from tests.faults.stack import wait_for_worker, wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

TIMEOUT = 30


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _events(socket, *, accept, timeout: float) -> dict | None:
    """The first event `accept` takes within `timeout` seconds, or None."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            event = json.loads(socket.recv(timeout=left))
        except TimeoutError:
            return None
        if accept(event):
            return event
    return None


def test_a_foreign_origin_is_refused(stack, series):
    base = stack.uvicorn()
    ws = base.replace("http://", "ws://")
    for origin in ("https://evil.example", "http://127.0.0.1.evil.example", "null"):
        with pytest.raises(InvalidStatus) as refused:
            connect(f"{ws}/ws/series/{series.slug}/", origin=origin, open_timeout=TIMEOUT)
        assert refused.value.response.status_code == 403, origin
    with connect(f"{ws}/ws/series/{series.slug}/", origin=base, open_timeout=TIMEOUT):
        pass


def test_private_notification_channels_are_closed_to_others(stack, fault_redis, series, tags, token_for):
    alice, bob, carol = (UserFactory(username=name) for name in ("alice", "bob", "carol"))
    theory = TheoryFactory(series=series, tags=tags[:1], author=alice)
    base = stack.uvicorn()
    stack.worker(pool="solo")
    wait_for_worker(fault_redis.url)
    ws = base.replace("http://", "ws://")

    # Anonymous: the consumer closes before accepting (code 4401), which the server answers with a 403
    # handshake; asking for alice's channel by query string changes nothing.
    for path in ("/ws/notifications/", f"/ws/notifications/?user={alice.pk}"):
        with pytest.raises(InvalidStatus) as refused:
            connect(f"{ws}{path}", origin=base, open_timeout=TIMEOUT)
        assert refused.value.response.status_code == 403, path
    # No route names another user's channel.
    with pytest.raises(InvalidStatus):
        connect(f"{ws}/ws/notifications/{alice.pk}/", origin=base, open_timeout=TIMEOUT)

    headers = {"Cookie": _session_cookie(alice)}
    with (
        connect(f"{ws}/ws/notifications/", origin=base, additional_headers=headers, open_timeout=TIMEOUT) as on_alice,
        connect(
            f"{ws}/ws/notifications/",
            origin=base,
            additional_headers={"Cookie": _session_cookie(carol)},
            open_timeout=TIMEOUT,
        ) as on_carol,
    ):
        # bob comments on alice's theory: the fan-out (Celery) notifies alice, on her socket only.
        def notified() -> bool:
            response = requests.post(
                f"{base}/api/v1/theories/{theory.pk}/comments/",
                json={"body": "Cheong-san was in the smoke."},
                headers=token_for(bob),
                timeout=TIMEOUT,
            )
            assert response.status_code == 201
            return _events(on_alice, accept=lambda e: e.get("type") == "notification.created", timeout=5) is not None

        wait_until(notified, timeout=120, interval=0, what="alice's notification")
        assert _events(on_carol, accept=lambda e: True, timeout=2) is None


def test_a_flooding_client_is_disconnected_while_others_keep_receiving(stack, fault_redis, series, tags, token_for):
    theory = TheoryFactory(series=series, tags=tags[:1])
    voter = UserFactory(username="voter")
    base = stack.uvicorn()
    stack.worker(pool="solo")  # votes close together are published by the worker (coalescing)
    wait_for_worker(fault_redis.url)
    ws = base.replace("http://", "ws://")
    url = f"{ws}/ws/theories/{theory.pk}/"
    value = 1

    def vote_and_hear(listener) -> bool:
        nonlocal value
        response = requests.put(
            f"{base}/api/v1/theories/{theory.pk}/vote/",
            json={"value": value},
            headers=token_for(voter),
            timeout=TIMEOUT,
        )
        assert response.status_code == 200
        value = -value
        heard = _events(listener, accept=lambda e: e.get("type") == "vote.updated", timeout=20)
        return heard is not None

    sent = 0
    outcome: dict = {}

    def flood(flooder) -> None:  # type: ignore[no-untyped-def]
        nonlocal sent
        try:
            while sent < 100_000:
                flooder.send(json.dumps({"type": "spam", "n": sent}))
                sent += 1
            flooder.recv(timeout=TIMEOUT)
        except ConnectionClosed as closed:
            outcome["code"] = closed.rcvd.code if closed.rcvd else None
        except TimeoutError:
            outcome["code"] = "still open"

    with (
        connect(url, origin=base, open_timeout=TIMEOUT) as listener,
        connect(url, origin=base, open_timeout=TIMEOUT) as flooder,
    ):
        wait_until(lambda: vote_and_hear(listener), timeout=60, interval=0, what="the listener's first event")
        thread = threading.Thread(target=flood, args=(flooder,))
        thread.start()
        # While the flood runs (and after), the listener keeps hearing every vote.
        for _ in range(5):
            assert vote_and_hear(listener)
        thread.join(timeout=120)

    assert outcome.get("code") == CLOSE_TOO_MANY_MESSAGES
    assert sent < 100_000
