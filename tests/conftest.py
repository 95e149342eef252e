"""Personas and shared fixtures: a fan, another fan, a moderator, a writer; a series with tags and chapters."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import ChapterFactory, SeriesFactory, TagFactory, UserFactory


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
