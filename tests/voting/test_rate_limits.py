import pytest
from django.test import override_settings

from core.ratelimit import Rate, parse_rate
from tests.factories import TheoryFactory
from voting.models import Vote


@pytest.fixture
def theories(series, tags, fan):
    return [TheoryFactory(series=series, tags=tags[:1], author=fan) for _ in range(4)]


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"vote": "3/m", "theory": "10/h", "comment": "30/m", "flag": "20/h"})
def test_it_answers_429_with_retry_after_past_the_vote_limit(api_as, other_fan, theories):
    client = api_as(other_fan)
    for theory in theories[:3]:
        assert client.put(f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json").status_code == 200
    response = client.put(f"/api/v1/theories/{theories[3].pk}/vote/", {"value": 1}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 61
    assert not Vote.objects.filter(theory=theories[3]).exists()
    assert Vote.objects.count() == 3


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"vote": "1/m", "theory": "10/h", "comment": "30/m", "flag": "20/h"})
def test_it_limits_each_user_separately(api_as, other_fan, theories):
    from tests.factories import UserFactory

    url = f"/api/v1/theories/{theories[0].pk}/vote/"
    assert api_as(other_fan).put(url, {"value": 1}, format="json").status_code == 200
    assert api_as(UserFactory()).put(url, {"value": 1}, format="json").status_code == 200


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"vote": "60/m", "theory": "1/h", "comment": "30/m", "flag": "20/h"})
def test_it_limits_posting_theories(api_as, fan, tags):
    from theories.models import Theory

    data = {"series": "all-of-us-are-dead", "title": "First of many", "body": "Body.", "tags": ["nam-on-jo"]}
    client = api_as(fan)
    assert client.post("/api/v1/theories/", data, format="json").status_code == 201
    response = client.post("/api/v1/theories/", {**data, "title": "Second of many"}, format="json")
    assert response.status_code == 429
    assert Theory.objects.count() == 1


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"vote": "1/m", "theory": "10/h", "comment": "30/m", "flag": "20/h"})
def test_it_lets_votes_through_when_redis_is_down(api_as, other_fan, theories, monkeypatch):
    import redis

    from core import ratelimit

    monkeypatch.setattr(
        ratelimit, "redis_client", lambda: redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    )
    client = api_as(other_fan)
    for theory in theories[:2]:
        assert client.put(f"/api/v1/theories/{theory.pk}/vote/", {"value": 1}, format="json").status_code == 200
    assert Vote.objects.count() == 2


def test_it_parses_rates():
    assert parse_rate("60/m") == Rate(count=60, seconds=60)
    assert parse_rate("10/5m") == Rate(count=10, seconds=300)
    assert parse_rate("3/d") == Rate(count=3, seconds=86400)


@pytest.mark.parametrize("text", ["60", "x/m", "10/5y", "10/0m"])
def test_it_rejects_bad_rates(text):
    with pytest.raises(ValueError):
        parse_rate(text)


@pytest.mark.django_db
def test_it_gives_each_window_an_expiry(other_fan):
    import time

    from core.ratelimit import rate_limit
    from core.redis_client import redis_client

    windows = {int(time.time() // 60)}
    rate_limit(scope="vote", user_id=other_fan.pk)
    windows.add(int(time.time() // 60))
    ttl = max(redis_client().ttl(f"theorycraft:rl:vote:{other_fan.pk}:{window}") for window in windows)
    assert 0 < ttl <= 61
