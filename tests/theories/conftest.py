"""Fixtures for the discussion tests: a theory by alice, and a shortcut to post comments through the service."""

from __future__ import annotations

import pytest
from django.db.models import Count, Q

from tests.factories import TheoryFactory
from theories.models import Comment, Theory


@pytest.fixture
def theory(series, tags, fan):
    return TheoryFactory(series=series, tags=tags[:2], author=fan)


@pytest.fixture
def post_comment():
    """Post a comment through theories.services.comment_create (the fan-out task is not run)."""
    from theories.services import comment_create

    def post(*, author, theory, body="A comment.", parent=None):
        return comment_create(author=author, theory=theory, body=body, parent=parent)

    return post


def assert_comment_count_matches_rows(theory: Theory) -> None:
    """comment_count equals the theory's comments that readers can see: not deleted, not hidden."""
    theory.refresh_from_db()
    counted = Comment.objects.filter(theory=theory).aggregate(
        n=Count("pk", filter=Q(is_deleted=False, is_hidden=False))
    )["n"]
    assert theory.comment_count == counted
