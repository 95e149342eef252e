"""Fixtures for notifications: Celery in eager mode, a news item and a theory to rule."""

from __future__ import annotations

from tests.moderation.conftest import celery_eager, news, theory  # noqa: F401 - shared fixtures
