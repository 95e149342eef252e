"""Every theme figure of a snapshot against values counted by hand from the known_activity fixture.

Window: [START_24H, AS_OF); previous window: [PREVIOUS_24H, START_24H). Users u1…u8.

Tag A (T1, T2, both posted in the window)
    new theories 2; votes T1 u3+ u4+ u5-, T2 u1+ u3+ = 5, net +3; comments 3 (one reply);
    participants {u1 u2 (authors), u3 u4 u5 u1 (voters), u2 u1 u4 (commenters)} = 5;
    active theories 2; activity 2 + 5 + 3 = 10; hours with activity: 1 2 3 4 5 6 9 = 7 of 24;
    previous window: nothing.
Tag B (T2 posted in the window, T3 in the previous one)
    new theories 1 (T2); votes T2 2 + T3 u2- = 3, net +1; comments 1 (u4 on T2);
    participants {u2, u1 u3, u2, u4} = 4; active theories 2; activity 5; hours 2 4 6 9 = 4;
    previous window: T3 posted (u3), voted (u1), commented (u5): activity 3, participants 3.
Tag C (T4 busted and left out; T5 posted ten days ago)
    votes 1 (u6 on T5), net +1; participants 1; active theories 1; activity 1; hours 1; previous 0.
Series, each event once, busted left out: 2 theories + 7 votes + 3 comments = 12; participants 6.
"""

from __future__ import annotations

import math

import pytest

from tests.trends.conftest import AS_OF, START_24H
from trends import metrics
from trends.models import Snapshot, ThemeStat

pytestmark = pytest.mark.django_db


def _themes(snapshot: Snapshot) -> dict[str, ThemeStat]:
    return {theme.tag.slug: theme for theme in snapshot.themes.select_related("tag")}


def test_it_cuts_the_window_at_as_of(snapshot):
    assert (snapshot.window_start, snapshot.as_of) == (START_24H, AS_OF)


def test_it_counts_new_theories_per_theme(snapshot):
    themes = _themes(snapshot)
    assert [themes[slug].new_theories for slug in ("nam-on-jo", "choi-nam-ra", "half-zombies")] == [2, 1, 0]


def test_it_counts_votes_and_net_score_per_theme(snapshot):
    themes = _themes(snapshot)
    assert [(themes[s].votes, themes[s].net_score) for s in ("nam-on-jo", "choi-nam-ra", "half-zombies")] == [
        (5, 3),
        (3, 1),
        (1, 1),
    ]


def test_it_counts_comments_and_replies_per_theme(snapshot):
    themes = _themes(snapshot)
    assert [(themes[s].comments, themes[s].replies) for s in ("nam-on-jo", "choi-nam-ra", "half-zombies")] == [
        (3, 1),
        (1, 0),
        (0, 0),
    ]


def test_it_counts_unique_participants_per_theme(snapshot):
    themes = _themes(snapshot)
    assert [themes[s].participants for s in ("nam-on-jo", "choi-nam-ra", "half-zombies")] == [5, 4, 1]


def test_it_counts_the_previous_window(snapshot):
    themes = _themes(snapshot)
    assert [
        (themes[s].previous_activity, themes[s].previous_participants)
        for s in ("nam-on-jo", "choi-nam-ra", "half-zombies")
    ] == [(0, 0), (3, 3), (0, 0)]


def test_it_counts_the_series_once_per_event(snapshot):
    assert (snapshot.theories, snapshot.votes, snapshot.comments, snapshot.participants) == (2, 7, 3, 6)


def test_it_computes_each_themes_share_of_the_series_activity(snapshot):
    themes = _themes(snapshot)
    assert themes["nam-on-jo"].share == pytest.approx(10 / 12)
    assert themes["choi-nam-ra"].share == pytest.approx(5 / 12)
    assert themes["half-zombies"].share == pytest.approx(1 / 12)


def test_it_computes_velocity_against_the_previous_window(snapshot):
    themes = _themes(snapshot)
    assert themes["nam-on-jo"].velocity == pytest.approx((10 - 0) / 1)
    assert themes["choi-nam-ra"].velocity == pytest.approx((5 - 3) / 3)
    assert themes["half-zombies"].velocity == pytest.approx((1 - 0) / 1)


def test_it_computes_the_surprise_over_participants_as_mastodon_does(snapshot):
    themes = _themes(snapshot)
    assert themes["nam-on-jo"].surprise == pytest.approx((5 - 1) ** 2 / 1)  # expected 0 counts as 1
    assert themes["choi-nam-ra"].surprise == pytest.approx((4 - 3) ** 2 / 3)
    assert themes["half-zombies"].surprise == 0.0  # observed == expected


def test_it_computes_the_index_parts(snapshot):
    themes = _themes(snapshot)
    a, b, c = themes["nam-on-jo"], themes["choi-nam-ra"], themes["half-zombies"]
    # breadth: ln(1 + participants) / ln(1 + 5)
    assert (a.breadth, b.breadth, c.breadth) == pytest.approx(
        (1.0, math.log(5) / math.log(6), math.log(2) / math.log(6))
    )
    # depth: comments per active theory 1.5, 0.5, 0, log-scaled against 1.5
    assert (a.comments_per_theory, b.comments_per_theory, c.comments_per_theory) == pytest.approx((1.5, 0.5, 0.0))
    assert (a.depth, b.depth, c.depth) == pytest.approx((1.0, math.log(1.5) / math.log(2.5), 0.0))
    # intensity: votes per participant 1, 0.75, 1, log-scaled against 1
    assert (a.intensity, b.intensity, c.intensity) == pytest.approx((1.0, math.log(1.75) / math.log(2), 1.0))
    # momentum: current / (current + previous)
    assert (a.momentum, b.momentum, c.momentum) == pytest.approx((1.0, 5 / 8, 1.0))
    # persistence: hours with activity out of 24
    assert (a.active_buckets, b.active_buckets, c.active_buckets, a.buckets) == (7, 4, 1, 24)
    assert (a.persistence, b.persistence, c.persistence) == pytest.approx((7 / 24, 4 / 24, 1 / 24))


def test_it_computes_the_investment_index_from_its_parts(snapshot):
    themes = _themes(snapshot)
    expected = {
        "nam-on-jo": 100 * (0.30 * 1 + 0.20 * 1 + 0.15 * 1 + 0.15 * 1 + 0.20 * 7 / 24),
        "choi-nam-ra": 100
        * (
            0.30 * math.log(5) / math.log(6)
            + 0.20 * math.log(1.5) / math.log(2.5)
            + 0.15 * math.log(1.75) / math.log(2)
            + 0.15 * 5 / 8
            + 0.20 * 4 / 24
        ),
        "half-zombies": 100 * (0.30 * math.log(2) / math.log(6) + 0 + 0.15 * 1 + 0.15 * 1 + 0.20 * 1 / 24),
    }
    assert {slug: theme.index for slug, theme in themes.items()} == pytest.approx(expected)
    assert expected["nam-on-jo"] == pytest.approx(85.8333, abs=1e-4)


def test_it_ranks_themes_by_index(snapshot):
    ranked = [theme.tag.slug for theme in snapshot.themes.select_related("tag").order_by("rank")]
    assert ranked == ["nam-on-jo", "choi-nam-ra", "half-zombies"]


def test_it_lists_busted_theories_on_their_own_line(snapshot, known_activity):
    t4 = known_activity["t4"]
    assert (snapshot.busted_theories, snapshot.busted_votes) == (1, 2)
    assert snapshot.busted == [
        {
            "id": t4.pk,
            "title": "Busted one",
            "votes": 2,
            "upvotes": 2,
            "downvotes": 0,
            "comments": 1,
            "posted_in_window": False,
            "total_votes": 3,
        }
    ]


def test_it_ignores_other_series(known_activity, tags):
    from tests.factories import SeriesFactory, TagFactory, UserFactory
    from tests.trends.conftest import theory_at, vote_at
    from trends.services import snapshot_compute

    other = SeriesFactory(slug="sweet-home")
    theory = theory_at(series=other, author=UserFactory(), tags=[TagFactory(series=other)], at=START_24H)
    vote_at(user=UserFactory(), theory=theory, value=1, at=START_24H)
    snapshot = snapshot_compute(series=tags[0].series, window="24h", as_of=AS_OF).snapshot
    assert (snapshot.theories, snapshot.votes) == (2, 7)
    assert snapshot.themes.count() == 3


def test_it_takes_velocity_as_relative_change_with_at_least_one_as_base():
    assert metrics.velocity(current=9, previous=3) == 2.0
    assert metrics.velocity(current=4, previous=0) == 4.0
    assert metrics.velocity(current=0, previous=5) == -1.0


def test_it_gives_no_surprise_when_fewer_people_came_than_expected():
    assert metrics.surprise(observed=2, expected=5) == 0.0
    assert metrics.surprise(observed=9, expected=4) == pytest.approx(25 / 4)


def test_it_maps_velocity_into_momentum_between_zero_and_one():
    assert metrics.momentum(current=0, previous=0) == 0.0
    assert metrics.momentum(current=3, previous=1) == pytest.approx((2 + 1) / (2 + 2))


def test_it_weighs_the_index_parts_to_a_sum_of_one():
    assert sum(metrics.INDEX_WEIGHTS.values()) == pytest.approx(1.0)


def test_it_leaves_hidden_theories_and_comments_out(known_activity, series):
    from theories.models import Comment, Theory
    from trends.services import snapshot_compute

    Theory.objects.filter(pk=known_activity["t5"].pk).update(is_hidden=True)
    Comment.objects.filter(theory=known_activity["t2"]).update(is_hidden=True)
    snapshot = snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot
    assert (snapshot.votes, snapshot.comments) == (6, 2)
    assert _themes(snapshot)["half-zombies"].votes == 0
