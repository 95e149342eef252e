"""Redis stopped while fans browse and vote: the site answers, /healthz names Redis, live updates come back."""

from __future__ import annotations

import json

import pytest
import requests
from django.test import Client
from websockets.sync.client import connect

from tests.factories import TheoryFactory, UserFactory
from tests.faults.stack import wait_for_worker, wait_until
from theories.models import Theory
from voting.models import Vote

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

TIMEOUT = 30  # per request: generous, the machine is shared


def _next_vote_event(socket, *, theory_id: int, timeout: float) -> dict | None:
    """The next vote.updated for the theory within `timeout` seconds, or None."""
    try:
        while True:
            event = json.loads(socket.recv(timeout=timeout))
            if event.get("type") == "vote.updated" and event.get("theory") == theory_id:
                return event
    except TimeoutError:
        return None


def test_the_site_survives_a_redis_outage_and_live_updates_resume(stack, fault_redis, series, tags, token_for):
    author = UserFactory(username="author")
    theory = TheoryFactory(series=series, tags=tags[:1], author=author)
    fans = [UserFactory(username=f"fan{number}") for number in range(12)]
    headers = {fan.pk: token_for(fan) for fan in fans}
    browser = Client()
    browser.force_login(fans[0])
    session = {"sessionid": browser.cookies["sessionid"].value}

    base = stack.uvicorn()
    stack.worker(pool="solo")
    wait_for_worker(fault_redis.url)
    ws_base = base.replace("http://", "ws://")
    vote_url = f"{base}/api/v1/theories/{theory.pk}/vote/"
    last_value: dict[int, int] = {}

    def vote(fan, value: int) -> int:
        response = requests.put(vote_url, json={"value": value}, headers=headers[fan.pk], timeout=TIMEOUT)
        if response.status_code == 200:
            last_value[fan.pk] = value
        return response.status_code

    with connect(f"{ws_base}/ws/theories/{theory.pk}/", origin=base, open_timeout=TIMEOUT) as socket:
        # Live updates work before the outage (the subscription lands in Redis shortly after the accept).
        def live() -> bool:
            assert vote(fans[0], 1 if last_value.get(fans[0].pk) != 1 else -1) == 200
            return _next_vote_event(socket, theory_id=theory.pk, timeout=2) is not None

        wait_until(live, timeout=60, interval=0, what="a vote.updated event before the outage")

        fault_redis.stop()

        # Fans browse and vote; nothing answers 5xx, nothing hangs.
        pages = ["/", f"/series/{series.slug}/", f"/theories/{theory.pk}/", f"/series/{series.slug}/tags/nam-on-jo/"]
        apis = [f"/api/v1/theories/?series={series.slug}", f"/api/v1/theories/{theory.pk}/", "/api/v1/tags/"]
        for path in pages:
            assert requests.get(base + path, timeout=TIMEOUT).status_code == 200, path
            assert requests.get(base + path, cookies=session, timeout=TIMEOUT).status_code == 200, path
        for path in apis:
            assert requests.get(base + path, timeout=TIMEOUT).status_code == 200, path
        for fan in fans[1:8]:
            assert vote(fan, 1) == 200
        assert vote(fans[1], -1) == 200  # a changed vote

        health = requests.get(f"{base}/healthz", timeout=TIMEOUT)
        assert health.status_code == 503
        assert "redis" in health.json()["failing"]

        fault_redis.start()

        # Live updates resume on their own: the same socket hears votes again, without reconnecting.
        def resumed() -> bool:
            fan = fans[8 + len(last_value) % 4]
            assert vote(fan, 1 if last_value.get(fan.pk) != 1 else -1) == 200
            return _next_vote_event(socket, theory_id=theory.pk, timeout=2) is not None

        wait_until(resumed, timeout=120, interval=0, what="a vote.updated event after Redis came back")

    def healthy() -> bool:
        return requests.get(f"{base}/healthz", timeout=TIMEOUT).status_code == 200

    wait_until(healthy, timeout=120, interval=1, what="/healthz to answer 200 again")

    # No vote lost: every acknowledged vote is stored with its last value, and the counters match the rows.
    stored = dict(Vote.objects.filter(theory=theory).values_list("user_id", "value"))
    assert stored == last_value
    theory = Theory.objects.get(pk=theory.pk)
    ups = sum(1 for value in stored.values() if value == 1)
    downs = len(stored) - ups
    assert (theory.upvotes, theory.downvotes, theory.score) == (ups, downs, ups - downs)
