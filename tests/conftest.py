"""Personas and shared fixtures: a fan, another fan, a moderator, a writer; a series with tags and chapters."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import ChapterFactory, SeriesFactory, TagFactory, UserFactory

pytest_plugins = ["tests.servers"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser journeys run last: Playwright's sync API keeps an event loop on the main thread.

    The fault tests (tests/faults/, `make faults`) start and break whole servers: they run only when
    asked for, by path or by `-m faults`, so that `make test` does not run them as well.
    """
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path))
    asked = "faults" in (config.option.markexpr or "") or any("tests/faults" in arg for arg in config.args)
    if not asked:
        skipped = [item for item in items if item.get_closest_marker("faults")]
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = [item for item in items if not item.get_closest_marker("faults")]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the real Redis; every test starts with none."""
    from core.redis_client import redis_client

    client = redis_client()
    keys = list(client.scan_iter("theorycraft:rl:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture
def fan(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_fan(db):
    return UserFactory(username="bob")


@pytest.fixture
def moderator(db):
    return UserFactory(username="mona", groups=["moderators"])


@pytest.fixture
def writer(db):
    return UserFactory(username="wren", groups=["writers"])


@pytest.fixture
def series(db):
    series = SeriesFactory(slug="all-of-us-are-dead", title="All of Us Are Dead")
    for number in range(1, 11):
        ChapterFactory(series=series, number=number)
    return series


@pytest.fixture
def tags(series):
    return [
        TagFactory(series=series, name="Nam On-jo", slug="nam-on-jo"),
        TagFactory(series=series, name="Choi Nam-ra", slug="choi-nam-ra"),
        TagFactory(series=series, name="Half-zombies", slug="half-zombies", kind="topic"),
    ]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as():
    """An API client signed in as the given user."""

    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def suspended_fan(db, moderator):
    """sam, suspended for a week by mona: can read, cannot post, vote or flag."""
    from moderation.services import suspension_create

    user = UserFactory(username="sam")
    suspension_create(moderator=moderator, user=user, days=7, reason="Unmarked spoilers for chapter 120.")
    return user
