"""Fixtures for moderation: a news item, theories to rule, Celery in eager mode for fan-outs."""

from __future__ import annotations

import pytest

from tests.factories import OfficialNewsFactory, TheoryFactory


@pytest.fixture
def celery_eager():
    """Run tasks enqueued with .delay() in-process (no worker); failures raise in the test."""
    from config.celery_app import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def news(series, tags, moderator):
    return OfficialNewsFactory(
        series=series,
        title="Season 2 confirmed: Nam-ra returns as a half-zombie",
        summary="The director says Choi Nam-ra survives and leads the half-zombies.",
        created_by=moderator,
    )


@pytest.fixture
def theory(series, tags, fan):
    return TheoryFactory(series=series, tags=tags[:1], author=fan, title="Nam-ra survives the school")
