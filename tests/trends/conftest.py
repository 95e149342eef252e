"""Hand-built activity at known times for the trends tests.

Rows are created through the factories and models, then moved to the moment each test needs
(created_at is auto_now_add, so it is set with an UPDATE afterwards); vote counters move with the
votes, as the voting service keeps them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import F

from tests.factories import TheoryFactory, UserFactory
from theories.models import Comment, Theory
from voting.models import Vote

# A schedule tick in the past (TRENDS_REFRESH_SECONDS = 600 divides it), so every window is complete.
AS_OF = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
START_24H = AS_OF - timedelta(hours=24)
PREVIOUS_24H = AS_OF - timedelta(hours=48)


def theory_at(*, series, author, tags, at, title="A theory about the outbreak", body="Body.", status="open"):
    theory = TheoryFactory(series=series, author=author, tags=tags, title=title, body=body)
    Theory.objects.filter(pk=theory.pk).update(created_at=at, updated_at=at, status=status)
    theory.refresh_from_db()
    return theory


def vote_at(*, user, theory, value, at):
    vote = Vote.objects.create(user=user, theory=theory, value=value)
    Vote.objects.filter(pk=vote.pk).update(created_at=at, updated_at=at)
    up, down = (1, 0) if value == 1 else (0, 1)
    Theory.objects.filter(pk=theory.pk).update(
        upvotes=F("upvotes") + up, downvotes=F("downvotes") + down, score=F("score") + value
    )
    return vote


def comment_at(*, author, theory, at, parent=None, body="A comment."):
    comment = Comment.objects.create(theory=theory, author=author, parent=parent, body=body, body_html=body)
    Comment.objects.filter(pk=comment.pk).update(created_at=at, updated_at=at)
    Theory.objects.filter(pk=theory.pk).update(comment_count=F("comment_count") + 1)
    return comment


@pytest.fixture
def people(db):
    """Eight fans, u1 … u8."""
    return {f"u{n}": UserFactory(username=f"u{n}") for n in range(1, 9)}


@pytest.fixture
def known_activity(series, tags, people):
    """Three themes with hand-counted activity in the 24-hour window to AS_OF and the one before.

    A = Nam On-jo, B = Choi Nam-ra, C = Half-zombies. T4 (tag C) is ruled contradicted.
    Expected figures are worked out in tests/trends/test_theme_metrics.py.
    """
    a, b, c = tags
    u = people
    s = START_24H
    p = PREVIOUS_24H
    h = timedelta(hours=1)
    t1 = theory_at(series=series, author=u["u1"], tags=[a], at=s + 1 * h)
    t2 = theory_at(series=series, author=u["u2"], tags=[a, b], at=s + 2 * h)
    t3 = theory_at(series=series, author=u["u3"], tags=[b], at=p + 1 * h)
    t4 = theory_at(series=series, author=u["u4"], tags=[c], at=p + 2 * h, status="contradicted", title="Busted one")
    t5 = theory_at(series=series, author=u["u5"], tags=[c], at=s - timedelta(days=10))

    vote_at(user=u["u3"], theory=t1, value=1, at=s + 3 * h)
    vote_at(user=u["u4"], theory=t1, value=1, at=s + 3.5 * h)
    vote_at(user=u["u5"], theory=t1, value=-1, at=s + 5 * h)
    vote_at(user=u["u1"], theory=t2, value=1, at=s + 4 * h)
    vote_at(user=u["u3"], theory=t2, value=1, at=s + 4 * h)
    vote_at(user=u["u1"], theory=t3, value=1, at=p + 3 * h)
    vote_at(user=u["u2"], theory=t3, value=-1, at=s + 6 * h)
    vote_at(user=u["u1"], theory=t4, value=1, at=s + 2 * h)
    vote_at(user=u["u2"], theory=t4, value=1, at=s + 7 * h)
    vote_at(user=u["u3"], theory=t4, value=1, at=p + 5 * h)
    vote_at(user=u["u6"], theory=t5, value=1, at=s + 8 * h)
    # After the cut: never counted.
    vote_at(user=u["u6"], theory=t1, value=1, at=AS_OF + timedelta(minutes=5))

    first = comment_at(author=u["u2"], theory=t1, at=s + 5 * h)
    comment_at(author=u["u1"], theory=t1, at=s + 6 * h, parent=first)
    comment_at(author=u["u4"], theory=t2, at=s + 9 * h)
    comment_at(author=u["u5"], theory=t3, at=p + 4 * h)
    comment_at(author=u["u6"], theory=t4, at=s + 10 * h)
    return {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5}


@pytest.fixture
def snapshot(known_activity, series):
    """The 24-hour snapshot of the known activity."""
    from trends.services import snapshot_compute

    return snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot


@pytest.fixture
def eager_celery(monkeypatch):
    """Run tasks in-process and keep their results in the result backend, as a worker would."""
    from config.celery_app import app
    from trends.tasks import compute_snapshots

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    monkeypatch.setitem(app.conf, "task_eager_propagates", True)
    # Tasks copy this option when first bound, so the task itself is set too.
    monkeypatch.setitem(app.conf, "task_store_eager_result", True)
    monkeypatch.setattr(compute_snapshots, "store_eager_result", True)
    return app
