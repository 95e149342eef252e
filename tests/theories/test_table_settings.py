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
