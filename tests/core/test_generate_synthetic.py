"""The bulk generator leaves the same invariants the services keep."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F

from theories import ranking
from theories.models import Theory
from voting.models import Vote

pytestmark = pytest.mark.django_db(transaction=True)


def _generate(**options):
    call_command(
        "generate_synthetic",
        theories=60,
        votes=900,
        comments=150,
        days=10,
        seed=7,
        series="all-of-us-are-dead",
        **options,
    )


def test_it_fills_the_requested_amounts():
    _generate()
    assert Theory.objects.count() == 60
    assert Vote.objects.count() == 900
    assert Theory.objects.filter(tags__isnull=True).count() == 0


def test_counters_equal_the_rows():
    _generate()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM theories_theory t
            LEFT JOIN (SELECT theory_id, count(*) FILTER (WHERE value = 1) AS up,
                              count(*) FILTER (WHERE value = -1) AS down
                       FROM voting_vote GROUP BY theory_id) v ON v.theory_id = t.id
            LEFT JOIN (SELECT theory_id, count(*) AS n FROM theories_comment GROUP BY theory_id) c
                   ON c.theory_id = t.id
            WHERE t.upvotes <> coalesce(v.up, 0) OR t.downvotes <> coalesce(v.down, 0)
               OR t.comment_count <> coalesce(c.n, 0)
            """
        )
        assert cursor.fetchone()[0] == 0


def test_nobody_votes_on_their_own_theory_or_before_it_was_posted():
    _generate()
    assert not Vote.objects.filter(user=F("theory__author")).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM voting_vote v JOIN theories_theory t ON t.id = v.theory_id "
            "WHERE v.created_at < t.created_at"
        )
        assert cursor.fetchone()[0] == 0


def test_ranking_columns_match_the_formulas():
    _generate()
    for theory in Theory.objects.all()[:20]:
        assert theory.hot == pytest.approx(ranking.hot(score=theory.score, created=theory.created_at), abs=1e-6)
        assert theory.confidence == pytest.approx(
            ranking.wilson_lower_bound(upvotes=theory.upvotes, downvotes=theory.downvotes), abs=1e-9
        )
