"""Every write to votes. Theory counters move in the vote's own transaction, with F()."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError, NotFound, PermissionDenied
from theories import ranking
from theories.models import Theory
from voting.models import Vote

NEW_ACCOUNT_AGE = timedelta(hours=24)


@dataclass(frozen=True)
class VoteResult:
    theory_id: int
    upvotes: int
    downvotes: int
    score: int
    my_vote: int


def _lock_theory(*, theory_id: int) -> Theory:
    # Locking the theory row first serializes votes on one theory, so reading the old vote
    # and moving the counters cannot interleave. The counter UPDATE would hold this lock
    # until commit anyway, so it costs no extra contention.
    theory = (
        Theory.objects.select_for_update()
        .only("id", "author_id", "series_id", "is_deleted")
        .filter(pk=theory_id, is_deleted=False)
        .first()
    )
    if theory is None:
        raise NotFound("No such theory.")
    return theory


def _ensure_can_vote(*, user: User, theory: Theory) -> None:
    from accounts.services import ensure_can_post

    ensure_can_post(user=user)
    if theory.author_id == user.pk:
        raise PermissionDenied("You cannot vote on your own theory.", code="own_theory")


def _counter_update_sql() -> str:
    new_up, new_down = "upvotes + %(up)s", "downvotes + %(down)s"
    ranks = ranking.counters_sql(upvotes=new_up, downvotes=new_down)
    # Right-hand sides of SET read the row as it was, so every column moves from one consistent state.
    return (
        f"UPDATE theories_theory SET upvotes = {new_up}, downvotes = {new_down}, score = score + %(delta)s, "
        f"hot = {ranks['hot']}, confidence = {ranks['confidence']}, controversy = {ranks['controversy']} "
        "WHERE id = %(id)s RETURNING upvotes, downvotes, score"
    )


COUNTER_UPDATE_SQL = _counter_update_sql()


def _apply(*, theory: Theory, old: int, new: int) -> VoteResult:
    up = int(new == 1) - int(old == 1)
    down = int(new == -1) - int(old == -1)
    with connection.cursor() as cursor:
        cursor.execute(COUNTER_UPDATE_SQL, {"up": up, "down": down, "delta": new - old, "id": theory.pk})
        upvotes, downvotes, score = cursor.fetchone()
    result = VoteResult(theory_id=theory.pk, upvotes=upvotes, downvotes=downvotes, score=score, my_vote=new)
    if new != old:
        transaction.on_commit(lambda: _publish_vote(result=result))
    return result


@transaction.atomic
def vote_cast(*, user: User, theory_id: int, value: int) -> VoteResult:
    """Create or change the user's vote on a theory (+1 or −1); casting the same value again changes nothing."""
    if value not in (1, -1):
        raise ApplicationError(code="invalid", message="A vote is 1 or -1.", fields={"value": ["Must be 1 or -1."]})
    theory = _lock_theory(theory_id=theory_id)
    _ensure_can_vote(user=user, theory=theory)
    vote = Vote.objects.filter(user=user, theory=theory).first()
    old = vote.value if vote else 0
    if vote is None:
        Vote.objects.create(
            user=user,
            theory=theory,
            value=value,
            voter_account_new=timezone.now() - user.date_joined < NEW_ACCOUNT_AGE,
        )
    elif vote.value != value:
        vote.value = value
        vote.save(update_fields=["value", "updated_at"])
    return _apply(theory=theory, old=old, new=value)


@transaction.atomic
def vote_remove(*, user: User, theory_id: int) -> VoteResult:
    """Remove the user's vote on a theory, if any."""
    theory = _lock_theory(theory_id=theory_id)
    _ensure_can_vote(user=user, theory=theory)
    vote = Vote.objects.filter(user=user, theory=theory).first()
    old = 0
    if vote is not None:
        old = vote.value
        vote.delete()
    return _apply(theory=theory, old=old, new=0)


def _publish_vote(*, result: VoteResult) -> None:
    from theories.events import publish, series_group, theory_group

    slug = Theory.objects.filter(pk=result.theory_id).values_list("series__slug", flat=True).first()
    event = {
        "type": "vote.updated",
        "theory": result.theory_id,
        "score": result.score,
        "upvotes": result.upvotes,
        "downvotes": result.downvotes,
    }
    groups = [theory_group(result.theory_id)] + ([series_group(slug)] if slug else [])
    publish(groups=groups, event=event)
