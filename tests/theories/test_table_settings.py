"""Storage settings the theory table needs under load."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_theories_are_vacuumed_after_two_percent_of_their_rows_changed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'theories_theory'")
        options = set(cursor.fetchone()[0] or [])
    assert {"autovacuum_vacuum_scale_factor=0.02", "autovacuum_analyze_scale_factor=0.05"} <= options


# A vote rewrites its theory's row (a non-HOT update: the ranking columns are indexed) and inserts
# a vote row, so every index on these tables is written on every vote.
VOTE_WRITTEN_TABLES = ["theories_theory", "voting_vote", "voting_commentvote", "theories_comment"]


def _indexes(table):
    """(name, leading columns) of the table's plain, non-partial btree indexes that enforce no uniqueness."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, i.oid, x.indisunique, x.indpred IS NOT NULL, am.amname, "
            "ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) "
            "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n) "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "JOIN pg_am am ON am.oid = i.relam WHERE t.relname = %s",
            [table],
        )
        return cursor.fetchall()


@pytest.mark.django_db
@pytest.mark.parametrize("table", VOTE_WRITTEN_TABLES)
def test_no_index_on_a_vote_written_table_is_the_prefix_of_another(table):
    indexes = _indexes(table)
    full = [(name, columns) for name, _, _, partial, method, columns in indexes if not partial and method == "btree"]
    redundant = [
        (name, other)
        for name, _, unique, partial, method, columns in indexes
        if not unique and not partial and method == "btree"
        for other, other_columns in full
        if other != name and other_columns[: len(columns)] == columns
    ]
    assert redundant == []
