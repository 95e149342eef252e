"""Read queries of the voting endpoints."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from accounts.models import User
from voting.sql import fetchone_prepared

# One query for what a token-authenticated vote needs to know about its caller: who it is, whether the
# account is active, when it joined (the new-account signal) and whether a suspension is in force now
# (the condition of moderation.selectors.active_suspension, on moderation_suspension_user_idx).
_TOKEN_VOTER_SQL = (
    "SELECT u.id, u.is_active, u.date_joined, EXISTS ("
    "SELECT 1 FROM moderation_suspension s WHERE s.user_id = u.id AND s.lifted_at IS NULL "
    "AND s.starts_at <= %(now)s AND s.ends_at > %(now)s) "
    "FROM authtoken_token t JOIN accounts_user u ON u.id = t.user_id WHERE t.key = %(key)s"
)


def voter_for_token(*, key: str) -> User | None:
    """The active account holding API token `key`, with `suspended_now` set; None if unknown or inactive.

    The user is loaded with only id, is_active and date_joined; other fields load on access.
    """
    row = fetchone_prepared(_TOKEN_VOTER_SQL, {"key": key, "now": timezone.now()})
    if row is None or not row[1]:
        return None
    user = User.from_db(connection.alias, ["id", "is_active", "date_joined"], row[:3])
    user.suspended_now = row[3]
    return user
