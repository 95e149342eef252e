"""Every write to votes on theories and comments. Counters move in the vote's own transaction, in one UPDATE."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import redis
from django.db import connection, transaction

from accounts.models import User
from accounts.services import ensure_can_post
from core.exceptions import ApplicationError, NotFound, PermissionDenied
from theories import ranking
from theories.models import Comment, Theory
from voting import events
from voting.models import CommentVote, Vote
from voting.sql import fetchone_prepared

NEW_ACCOUNT_AGE = timedelta(hours=24)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoteResult:
    theory_id: int
    upvotes: int
    downvotes: int
    score: int
    my_vote: int


@dataclass(frozen=True)
class CommentVoteResult:
    comment_id: int
    upvotes: int
    downvotes: int
    score: int
    my_vote: int


def _lock_comment(*, comment_id: int) -> Comment:
    # As _lock_theory: the comment's row serializes the votes on it. Deleted or hidden comments,
    # and comments on deleted or hidden theories, take no votes.
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .only("id", "author_id", "theory_id")
        .filter(
            pk=comment_id,
            is_deleted=False,
            is_hidden=False,
            theory__is_deleted=False,
            theory__is_hidden=False,
        )
        .first()
    )
    if comment is None:
        raise NotFound("No such comment.")
    return comment


class VoterRefused(Exception):  # noqa: N818 - a signal to the caller, not an error shown to anyone
    """A theory-vote statement found that its voter may not vote (inactive, suspended, or the token not theirs).

    Nothing was written. vote_cast and vote_remove turn it into the refusal with its reason; the
    token path (voting.api) hands the request to DRF, which authenticates it afresh.
    """


def _ensure_can_vote(*, user: User, author_id: int, what: str) -> None:
    ensure_can_post(user=user)
    if author_id == user.pk:
        raise PermissionDenied(f"You cannot vote on your own {what}.", code=f"own_{what}")


def _counter_update_sql(*, table: str, rank_columns: tuple[str, ...]) -> str:
    """One UPDATE moving a row's counters by %(up)s, %(down)s and %(delta)s, with its ranking columns."""
    new_up, new_down = "upvotes + %(up)s", "downvotes + %(down)s"
    ranks = ranking.counters_sql(upvotes=new_up, downvotes=new_down)
    rank_sets = "".join(f", {column} = {ranks[column]}" for column in rank_columns)
    # Right-hand sides of SET read the row as it was, so every column moves from one consistent state.
    return (
        f"UPDATE {table} SET upvotes = {new_up}, downvotes = {new_down}, score = score + %(delta)s{rank_sets} "
        "WHERE id = %(id)s RETURNING upvotes, downvotes, score"
    )


COUNTER_UPDATE_SQL = _counter_update_sql(table="theories_theory", rank_columns=("hot", "confidence", "controversy"))
# Comments sort by `best` (Wilson lower bound) only; `new` and `old` need no counters.
COMMENT_COUNTER_UPDATE_SQL = _counter_update_sql(table="theories_comment", rank_columns=("confidence",))


def _move_counters(*, sql: str, pk: int, old: int, new: int) -> tuple[int, int, int]:
    """Move the counters of the row `pk` from a vote `old` to `new` (each -1, 0 or 1); returns them as they now are."""
    up = int(new == 1) - int(old == 1)
    down = int(new == -1) - int(old == -1)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"up": up, "down": down, "delta": new - old, "id": pk})
        upvotes, downvotes, score = cursor.fetchone()
    return upvotes, downvotes, score


def _vote_set(*, model: type[Vote] | type[CommentVote], target: dict[str, Any], value: int, **extra: Any) -> int:
    """Insert, change or keep the caller's vote row (`target` names user and item); returns the old value (0: none)."""
    vote = model.objects.filter(**target).first()
    if vote is None:
        model.objects.create(**target, value=value, **extra)
        return 0
    old = vote.value
    if old != value:
        vote.value = value
        vote.save(update_fields=["value", "updated_at"])
    return old


def _vote_delete(*, model: type[Vote] | type[CommentVote], target: dict[str, Any]) -> int:
    """Delete the caller's vote row, if any; returns its value (0: none)."""
    vote = model.objects.filter(**target).first()
    if vote is None:
        return 0
    vote.delete()
    return vote.value


def _check_value(value: int) -> None:
    if value not in (1, -1):
        raise ApplicationError(code="invalid", message="A vote is 1 or -1.", fields={"value": ["Must be 1 or -1."]})


def _theory_vote_sql(*, remove: bool) -> str:
    """A theory vote as one statement: check the voter, lock the theory, write the vote row, move the counters.

    `voter` is the voting account if it may vote now: active, not under a suspension in force
    (the condition of moderation.selectors.active_suspension) and, when %(token)s is given, still
    the holder of that API token. Without it `target` is empty and nothing is locked or written:
    the statement answers for its own voter, so callers need no query of their own for it.
    `target` locks the theory row first (as vote_import and the comment paths lock first the row
    whose counters move) and yields nothing for a deleted or hidden theory. The lock is FOR NO
    KEY UPDATE, the one the counter UPDATE takes anyway: FOR UPDATE would also block the deferred
    foreign-key checks (FOR KEY SHARE) of every vote and comment being committed on the theory
    (about 10-30 % fewer votes a second on one theory, measured). The vote row is written only
    when the voter is not the author, with whether the account was under NEW_ACCOUNT_AGE old.
    `change` yields one row per vote that changed, with its value before (`old_value`) and after
    (`new_value`); a repeated vote changes nothing (the conflict's WHERE), so the counters stay
    put. For an upsert, the old value follows from the row itself: a row the statement inserted
    has xmax = 0 (old: no vote), an updated one was flipped (old: -new), because votes are only
    +1 or -1. Both are read from the row as the write locked it, not from the statement's
    snapshot, so concurrent votes by one user cannot count twice. `moved` adds the difference to
    the counters of the locked row, ranking columns included. The outer SELECT always returns one
    row: whether the voter may vote, the author (for the 403), the series slug (for the live
    event) and the counters after the vote, or as they stand when nothing changed.
    """
    new_up, new_down = "t.upvotes + d.up", "t.downvotes + d.down"
    ranks = ranking.counters_sql(upvotes=new_up, downvotes=new_down, created="t.created_at")
    if remove:
        change = (
            "DELETE FROM voting_vote v USING target "
            "WHERE v.user_id = %(user)s AND v.theory_id = target.id AND target.author_id <> %(user)s "
            "RETURNING v.value AS old_value, 0 AS new_value"
        )
    else:
        change = (
            "INSERT INTO voting_vote AS v (user_id, theory_id, value, voter_account_new, created_at, updated_at) "
            "SELECT %(user)s, target.id, %(value)s, statement_timestamp() - voter.date_joined < %(new_account_age)s, "
            "now(), now() FROM target, voter WHERE target.author_id <> %(user)s "
            "ON CONFLICT (user_id, theory_id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at "
            "WHERE v.value <> EXCLUDED.value "
            "RETURNING CASE WHEN v.xmax = 0 THEN 0 ELSE -v.value END AS old_value, v.value AS new_value"
        )
    return (
        "WITH voter AS ("
        "SELECT u.id, u.date_joined FROM accounts_user u WHERE u.id = %(user)s AND u.is_active "
        "AND (%(token)s::text IS NULL OR EXISTS ("
        "SELECT 1 FROM authtoken_token k WHERE k.key = %(token)s::text AND k.user_id = u.id)) "
        "AND NOT EXISTS (SELECT 1 FROM moderation_suspension s WHERE s.user_id = u.id AND s.lifted_at IS NULL "
        "AND s.starts_at <= statement_timestamp() AND s.ends_at > statement_timestamp())"
        "), target AS ("
        "SELECT t.id, t.author_id, s.slug, t.upvotes, t.downvotes, t.score "
        "FROM voter, theories_theory t JOIN theories_series s ON s.id = t.series_id "
        "WHERE t.id = %(theory)s AND NOT t.is_deleted AND NOT t.is_hidden FOR NO KEY UPDATE OF t"
        f"), change AS ({change}), "
        "d AS (SELECT (new_value = 1)::int - (old_value = 1)::int AS up, "
        "(new_value = -1)::int - (old_value = -1)::int AS down, new_value - old_value AS delta FROM change), "
        "moved AS ("
        f"UPDATE theories_theory t SET upvotes = {new_up}, downvotes = {new_down}, score = t.score + d.delta, "
        f"hot = {ranks['hot']}, confidence = {ranks['confidence']}, controversy = {ranks['controversy']} "
        "FROM d WHERE t.id = %(theory)s RETURNING t.upvotes, t.downvotes, t.score) "
        "SELECT EXISTS (SELECT FROM voter), target.author_id, target.slug, coalesce(moved.upvotes, target.upvotes), "
        "coalesce(moved.downvotes, target.downvotes), coalesce(moved.score, target.score), moved.score IS NOT NULL, "
        # See _theory_vote_write: the statement's own transaction may commit without waiting for the disk.
        "set_config('synchronous_commit', "
        "CASE WHEN %(early_unlock)s THEN 'off' ELSE current_setting('synchronous_commit') END, true) "
        "FROM (SELECT) AS one LEFT JOIN target ON TRUE LEFT JOIN moved ON TRUE"
    )


# Makes the transaction it runs in write a commit record (it takes a transaction id), so committing it
# waits until the WAL is on disk up to that record, and so up to every commit before it.
WAL_FLUSH_SQL = "SELECT pg_current_xact_id()"


THEORY_VOTE_CAST_SQL = _theory_vote_sql(remove=False)
THEORY_VOTE_REMOVE_SQL = _theory_vote_sql(remove=True)


def _theory_vote_write(*, user_id: int, theory_id: int, value: int, token: str | None = None) -> VoteResult:
    """Run one theory-vote statement (value 0 removes); raise what it found, publish the event after commit.

    Raises VoterRefused when the account may not vote (nothing written), NotFound for a missing,
    deleted or hidden theory, PermissionDenied for the voter's own theory.
    """
    early_unlock = not connection.in_atomic_block
    params = {
        "theory": theory_id,
        "user": user_id,
        "value": value,
        "token": token,
        "new_account_age": NEW_ACCOUNT_AGE,
        "early_unlock": early_unlock,
    }
    row = fetchone_prepared(THEORY_VOTE_CAST_SQL if value else THEORY_VOTE_REMOVE_SQL, params)
    voter_may_vote, author_id, slug, upvotes, downvotes, score, changed, _ = row
    if not voter_may_vote:
        raise VoterRefused
    if author_id is None:
        raise NotFound("No such theory.")
    if author_id == user_id:
        raise PermissionDenied("You cannot vote on your own theory.", code="own_theory")
    if early_unlock and changed:
        _wait_until_durable()
    result = VoteResult(theory_id=theory_id, upvotes=upvotes, downvotes=downvotes, score=score, my_vote=value)
    if changed:
        transaction.on_commit(lambda: _publish_vote(result=result, series_slug=slug))
    return result


def _wait_until_durable() -> None:
    """Return once the vote statement just committed is on disk: early lock release.

    Run as its own transaction, the vote statement commits with synchronous_commit off, so it
    releases the theory's row lock as soon as its commit record is in the WAL buffers instead of
    holding it through the disk flush (about 3 ms here). Votes on one hot theory then queue for
    the statement, not for the disk. The caller is answered only after this committed, flushed
    transaction, whose commit record comes after the vote's in the WAL: when it returns, the vote
    is durable, just as with a synchronous commit. Concurrent flushes are grouped by PostgreSQL.
    """
    fetchone_prepared(WAL_FLUSH_SQL, [])


def _account_vote(*, user: User, theory_id: int, value: int) -> VoteResult:
    """A signed-in account's vote (value 0 removes it), refused with the reason when the account may not vote."""
    if not user.is_active:
        ensure_can_post(user=user)
    try:
        return _theory_vote_write(user_id=user.pk, theory_id=theory_id, value=value)
    except VoterRefused:
        user.refresh_from_db(fields=["is_active"])
        ensure_can_post(user=user)  # raises the reason: inactive, or suspended until when and why
        # The account changed between the statement and this check (a suspension lifted meanwhile).
        raise PermissionDenied("This account cannot vote right now; try again.", code="cannot_vote") from None


def vote_cast(*, user: User, theory_id: int, value: int) -> VoteResult:
    """Create or change the user's vote on a theory (+1 or −1); casting the same value again changes nothing.

    The account rules (inactive, suspended), the vote row, the counters and the ranking columns
    are one statement (THEORY_VOTE_CAST_SQL), which is its own transaction unless the caller
    opened one: the vote is committed when this returns.
    """
    _check_value(value)
    return _account_vote(user=user, theory_id=theory_id, value=value)


def vote_remove(*, user: User, theory_id: int) -> VoteResult:
    """Remove the user's vote on a theory, if any; in one statement, as vote_cast."""
    return _account_vote(user=user, theory_id=theory_id, value=0)


def token_vote_write(*, token: str, user_id: int, theory_id: int, value: int) -> VoteResult:
    """Cast (value +1 or −1) or remove (0) the vote of the holder of API token `token`, said to be `user_id`.

    For the token path of the API (voting.api.token_vote), which knows the token's account from
    an earlier vote: the statement itself checks that the token is still that account's and that
    the account may vote, and raises VoterRefused (nothing written) when not.
    """
    if value:
        _check_value(value)
    return _theory_vote_write(user_id=user_id, theory_id=theory_id, value=value, token=token)


def _publish_vote(*, result: VoteResult, series_slug: str) -> None:
    """Publish vote.updated at most about once per events.COALESCE_MS per theory.

    The first vote in a theory's window publishes at once (leading edge), with the counters it
    left; later ones in the window leave the theory for the trailing publish, one Celery task per
    window for every such theory (vote_counts_publish_pending), which sends the counters as they
    then stand: a vote storm sends a few events a second per theory and the last state always
    arrives. Redis down: the vote stands, live updates pause.
    """
    from voting.tasks import publish_pending_vote_counts

    event = events.vote_event(
        theory_id=result.theory_id, score=result.score, upvotes=result.upvotes, downvotes=result.downvotes
    )
    try:
        outcome = events.publish_coalesced(theory_id=result.theory_id, series_slug=series_slug, event=event)
        if outcome == events.SCHEDULE_TRAILING:
            publish_pending_vote_counts.apply_async(countdown=events.COALESCE_MS / 1000)
    except Exception:  # noqa: BLE001 - Redis down: the vote stands, live updates pause
        logger.warning("vote event for theory %s not published", result.theory_id, exc_info=True)


def vote_counts_publish_pending() -> int:
    """Send the current counters of every theory waiting for its trailing vote.updated; return how many were sent.

    The theories are taken from the pending set before their counters are read, so a vote committed
    after the read puts its theory back for the next publish (it schedules one).
    """
    try:
        theory_ids = events.pending_take()
        fields = ("pk", "series__slug", "score", "upvotes", "downvotes")
        rows = Theory.objects.filter(pk__in=theory_ids).values_list(*fields) if theory_ids else []
        items = [
            (pk, slug, events.vote_event(theory_id=pk, score=score, upvotes=upvotes, downvotes=downvotes))
            for pk, slug, score, upvotes, downvotes in rows
        ]
        events.publish_now(items)
    except redis.RedisError:
        logger.warning("trailing vote events not published", exc_info=True)
        return 0
    return len(items)


def _apply_comment(*, comment: Comment, old: int, new: int) -> CommentVoteResult:
    upvotes, downvotes, score = _move_counters(sql=COMMENT_COUNTER_UPDATE_SQL, pk=comment.pk, old=old, new=new)
    return CommentVoteResult(comment_id=comment.pk, upvotes=upvotes, downvotes=downvotes, score=score, my_vote=new)


@transaction.atomic
def comment_vote_cast(*, user: User, comment_id: int, value: int) -> CommentVoteResult:
    """Create or change the user's vote on a comment (+1 or −1), with the rules of theory votes.

    One vote per user and comment (voting_commentvote_one_per_user_comment); not on one's own
    comment; none from suspended accounts; deleted or hidden comments are not found. The
    comment's counters and `confidence` (its `best` rank) move in one UPDATE.
    """
    _check_value(value)
    comment = _lock_comment(comment_id=comment_id)
    _ensure_can_vote(user=user, author_id=comment.author_id, what="comment")
    old = _vote_set(model=CommentVote, target={"user": user, "comment": comment}, value=value)
    return _apply_comment(comment=comment, old=old, new=value)


@transaction.atomic
def comment_vote_remove(*, user: User, comment_id: int) -> CommentVoteResult:
    """Remove the user's vote on a comment, if any."""
    comment = _lock_comment(comment_id=comment_id)
    _ensure_can_vote(user=user, author_id=comment.author_id, what="comment")
    old = _vote_delete(model=CommentVote, target={"user": user, "comment": comment})
    return _apply_comment(comment=comment, old=old, new=0)


def _votes_import_sql() -> tuple[str, str]:
    insert = (
        # Authors' own theories and deleted theories are skipped, as vote_cast refuses them.
        "INSERT INTO voting_vote (user_id, theory_id, value, voter_account_new, created_at, updated_at) "
        "SELECT r.user_id, r.theory_id, r.value, "
        "(r.created_at - u.date_joined) < %(new_account_age)s, r.created_at, r.created_at "
        "FROM unnest(%(user_ids)s::bigint[], %(theory_ids)s::bigint[], %(values)s::smallint[], "
        "%(created)s::timestamptz[]) AS r(user_id, theory_id, value, created_at) "
        "JOIN accounts_user u ON u.id = r.user_id "
        "JOIN theories_theory t ON t.id = r.theory_id AND NOT t.is_deleted AND t.author_id <> r.user_id "
        "ON CONFLICT DO NOTHING"
    )
    ranks = ranking.counters_sql(upvotes="c.up", downvotes="c.down", created="t.created_at")
    recount = (
        "UPDATE theories_theory AS t SET upvotes = c.up, downvotes = c.down, score = c.up - c.down, "
        f"hot = {ranks['hot']}, confidence = {ranks['confidence']}, controversy = {ranks['controversy']} "
        "FROM (SELECT ids.id AS theory_id, "
        "count(v.id) FILTER (WHERE v.value = 1)::integer AS up, "
        "count(v.id) FILTER (WHERE v.value = -1)::integer AS down "
        "FROM unnest(%(theory_ids)s::bigint[]) AS ids(id) LEFT JOIN voting_vote v ON v.theory_id = ids.id "
        "GROUP BY ids.id) AS c "
        "WHERE t.id = c.theory_id"
    )
    return insert, recount


VOTES_IMPORT_SQL, VOTES_RECOUNT_SQL = _votes_import_sql()


@transaction.atomic
def votes_import(*, rows: Iterable[tuple[int, int, int, datetime]]) -> int:
    """Insert many votes at once, (user_id, theory_id, value, created_at) each; return how many were new.

    For imports and demo data, where vote_cast per row would take minutes. A row for a pair that
    already has a vote is ignored, and so is a vote on a deleted theory or on the voter's own
    theory. `voter_account_new` is set from the voter's join date at `created_at`. Every
    affected theory's counters and ranking columns are then recomputed from the votes table in
    one UPDATE ... FROM (SELECT ... GROUP BY), so they equal the rows whatever was there before.
    No live events are sent.
    """
    user_ids: list[int] = []
    theory_ids: list[int] = []
    values: list[int] = []
    created: list[datetime] = []
    for user_id, theory_id, value, created_at in rows:
        if value not in (1, -1):
            raise ApplicationError(code="invalid", message="A vote is 1 or -1.", fields={"value": ["Must be 1 or -1."]})
        user_ids.append(user_id)
        theory_ids.append(theory_id)
        values.append(value)
        created.append(created_at)
    if not user_ids:
        return 0
    affected = sorted(set(theory_ids))
    with connection.cursor() as cursor:
        # Lock the theories (in id order, so concurrent imports cannot deadlock) so that no vote_cast
        # moves a counter between the insert and the recount.
        cursor.execute("SELECT id FROM theories_theory WHERE id = ANY(%s) ORDER BY id FOR UPDATE", [affected])
        cursor.execute(
            VOTES_IMPORT_SQL,
            {
                "user_ids": user_ids,
                "theory_ids": theory_ids,
                "values": values,
                "created": created,
                "new_account_age": NEW_ACCOUNT_AGE,
            },
        )
        inserted = cursor.rowcount
        cursor.execute(VOTES_RECOUNT_SQL, {"theory_ids": affected})
    return inserted
