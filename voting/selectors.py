"""Read queries of the voting endpoints."""

from __future__ import annotations

from voting.sql import fetchone_prepared

_TOKEN_VOTER_SQL = (
    "SELECT u.id FROM authtoken_token t JOIN accounts_user u ON u.id = t.user_id WHERE t.key = %(key)s AND u.is_active"
)


def voter_id_for_token(*, key: str) -> int | None:
    """The id of the active account holding API token `key`; None if the token is unknown or the account inactive."""
    row = fetchone_prepared(_TOKEN_VOTER_SQL, {"key": key})
    return row[0] if row else None
