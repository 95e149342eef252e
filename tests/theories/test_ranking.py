"""The ranking formulas, against values worked out by hand, and the SQL twins against the Python."""

from datetime import UTC, datetime, timedelta

import pytest

from theories import ranking
from theories.models import Theory

EPOCH = datetime.fromtimestamp(ranking.HOT_EPOCH_SECONDS, tz=UTC)


def test_hot_of_a_new_theory_without_votes_is_its_age_term():
    assert ranking.hot(score=0, created=EPOCH + timedelta(seconds=45000)) == pytest.approx(1.0)


def test_hot_gives_ten_votes_the_weight_of_twelve_and_a_half_hours():
    assert ranking.hot(score=10, created=EPOCH) == pytest.approx(
        ranking.hot(score=0, created=EPOCH + timedelta(hours=12.5))
    )


def test_hot_of_a_negative_score_subtracts():
    assert ranking.hot(score=-100, created=EPOCH + timedelta(seconds=90000)) == pytest.approx(0.0)


def test_wilson_of_one_upvote():
    # n = 1, p = 1, z² = 1.640961: (1 + 0.8204805 − 1.281·√0.41024) / 2.640961 = 1 / 2.640961
    assert ranking.wilson_lower_bound(upvotes=1, downvotes=0) == pytest.approx(1 / 2.640961, rel=1e-6)


def test_wilson_prefers_more_evidence_at_the_same_share():
    assert ranking.wilson_lower_bound(upvotes=60, downvotes=40) == pytest.approx(0.536117, abs=1e-6)
    assert ranking.wilson_lower_bound(upvotes=6, downvotes=4) == pytest.approx(0.401431, abs=1e-6)


def test_wilson_without_votes_is_zero():
    assert ranking.wilson_lower_bound(upvotes=0, downvotes=0) == 0.0


def test_controversy_of_an_even_split_is_the_vote_count():
    assert ranking.controversy(upvotes=10, downvotes=10) == pytest.approx(20.0)


def test_controversy_of_a_three_to_one_split():
    assert ranking.controversy(upvotes=30, downvotes=10) == pytest.approx(40 ** (1 / 3))


def test_controversy_needs_votes_on_both_sides():
    assert ranking.controversy(upvotes=5, downvotes=0) == 0.0


def test_rising_is_recent_votes_per_hour_of_age():
    assert ranking.rising(recent_votes=12, age=timedelta(hours=2)) == pytest.approx(6.0)
    assert ranking.rising(recent_votes=3, age=timedelta(minutes=10)) == pytest.approx(3.0)


def test_rising_ignores_theories_older_than_two_days():
    assert ranking.rising(recent_votes=50, age=timedelta(hours=49)) == 0.0


@pytest.mark.django_db
@pytest.mark.parametrize(("ups", "downs"), [(0, 0), (1, 0), (0, 3), (7, 2), (10, 10), (60, 40)])
def test_the_sql_formulas_equal_the_python_ones(series, tags, fan, ups, downs):
    from django.db import connection

    from tests.factories import TheoryFactory

    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)
    sql = ranking.counters_sql(upvotes="%(up)s", downvotes="%(down)s")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {sql['hot']}, {sql['confidence']}, {sql['controversy']} FROM theories_theory WHERE id = %(id)s",
            {"up": ups, "down": downs, "id": theory.pk},
        )
        hot, confidence, controversy = cursor.fetchone()
    theory = Theory.objects.get(pk=theory.pk)
    assert hot == pytest.approx(ranking.hot(score=ups - downs, created=theory.created_at), abs=1e-6)
    assert confidence == pytest.approx(ranking.wilson_lower_bound(upvotes=ups, downvotes=downs), abs=1e-9)
    assert controversy == pytest.approx(ranking.controversy(upvotes=ups, downvotes=downs), abs=1e-9)
