"""PostgreSQL backends terminated under running servers: the next requests recover without a restart."""

from __future__ import annotations

import pytest
import requests
from django.db import connection

from tests.factories import TheoryFactory, UserFactory
from voting.models import Vote

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

TIMEOUT = 60
# Only the test database's backends, and never this test's own connection.
TERMINATE = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
)
OTHERS = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND backend_type = 'client backend'"
)


def _sql(query: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return int(cursor.fetchone()[0])


@pytest.mark.parametrize(
    "server",
    [
        # Sync WSGI workers keeping their connection between requests (CONN_MAX_AGE), as in production.
        pytest.param({"kind": "gunicorn", "CONN_MAX_AGE": "600"}, id="gunicorn-persistent"),
        # ASGI with psycopg's connection pool.
        pytest.param({"kind": "uvicorn", "DATABASE_POOL": "true"}, id="uvicorn-pool"),
    ],
)
def test_requests_recover_after_the_backends_are_terminated(stack, series, tags, token_for, server):
    env = {key: value for key, value in server.items() if key != "kind"}
    base = stack.gunicorn(workers=2, **env) if server["kind"] == "gunicorn" else stack.uvicorn(**env)
    theories = [TheoryFactory(series=series, tags=tags[:1]) for _ in range(3)]
    voters = [UserFactory(username=f"voter{number}") for number in range(3)]
    list_url = f"{base}/api/v1/theories/?series={series.slug}"

    def read_all() -> list[int]:
        return [requests.get(list_url, timeout=TIMEOUT).status_code for _ in range(12)]

    assert read_all() == [200] * 12
    assert _sql(OTHERS) >= 1  # the servers hold connections open: there is something to cut

    for round_number, voter in enumerate(voters):
        assert _sql(TERMINATE) >= 1
        # Every request after the cut answers: a dead connection is found and replaced before it is used.
        assert read_all() == [200] * 12, f"round {round_number}"
        response = requests.put(
            f"{base}/api/v1/theories/{theories[round_number].pk}/vote/",
            json={"value": 1},
            headers=token_for(voter),
            timeout=TIMEOUT,
        )
        assert response.status_code == 200
    assert Vote.objects.filter(user__in=voters).count() == len(voters)
