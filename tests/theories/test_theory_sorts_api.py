"""Each sort of GET /api/v1/theories/ orders real votes as its formula says."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import TheoryFactory, UserFactory
from theories.models import Theory
from voting.models import Vote
from voting.services import vote_cast

URL = "/api/v1/theories/"


@pytest.fixture
def voters(db):
    return [UserFactory() for _ in range(12)]


def make_theory(series, tags, *, age=timedelta(0)):
    theory = TheoryFactory(series=series, tags=tags[:1])
    if age:
        Theory.objects.filter(pk=theory.pk).update(created_at=timezone.now() - age)
    return theory


def cast(theory, voters, *, ups, downs):
    for user in voters[:ups]:
        vote_cast(user=user, theory_id=theory.pk, value=1)
    for user in voters[ups : ups + downs]:
        vote_cast(user=user, theory_id=theory.pk, value=-1)


def ids(api, **params):
    response = api.get(URL, {"series": "all-of-us-are-dead", **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.django_db
def test_top_ranks_by_the_wilson_lower_bound(api, series, tags, voters):
    few = make_theory(series, tags)
    many = make_theory(series, tags)
    cast(few, voters, ups=2, downs=0)  # 100 % of 2 votes: lower bound 0.561
    cast(many, voters, ups=9, downs=1)  # 90 % of 10 votes: lower bound 0.774
    assert ids(api, sort="top") == [many.pk, few.pk]


@pytest.mark.django_db
def test_controversial_ranks_balanced_many_votes_first(api, series, tags, voters):
    lopsided = make_theory(series, tags)
    balanced = make_theory(series, tags)
    small = make_theory(series, tags)
    cast(lopsided, voters, ups=9, downs=1)  # 10^(1/9) = 1.29
    cast(balanced, voters, ups=5, downs=5)  # 10^1 = 10
    cast(small, voters, ups=1, downs=1)  # 2^1 = 2
    assert ids(api, sort="controversial") == [balanced.pk, small.pk, lopsided.pk]


@pytest.mark.django_db
def test_rising_ranks_recent_velocity_and_skips_old_theories(api, series, tags, voters):
    young = make_theory(series, tags, age=timedelta(hours=2))
    older = make_theory(series, tags, age=timedelta(hours=20))
    ancient = make_theory(series, tags, age=timedelta(days=3))
    cast(young, voters, ups=4, downs=0)  # 4 votes / 2 h = 2.0
    cast(older, voters, ups=10, downs=0)  # 10 votes / 20 h = 0.5
    cast(ancient, voters, ups=12, downs=0)
    assert ids(api, sort="rising") == [young.pk, older.pk]


@pytest.mark.django_db
def test_rising_counts_only_votes_of_the_last_six_hours(api, series, tags, voters):
    fading = make_theory(series, tags, age=timedelta(hours=10))
    steady = make_theory(series, tags, age=timedelta(hours=10))
    cast(fading, voters, ups=8, downs=0)
    cast(steady, voters, ups=2, downs=0)
    Vote.objects.filter(theory=fading).update(created_at=timezone.now() - timedelta(hours=7))
    assert ids(api, sort="rising") == [steady.pk, fading.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["hot", "rising"])
def test_contradicted_theories_leave_hot_and_rising(api, series, tags, sort):
    ruled = make_theory(series, tags)
    kept = make_theory(series, tags)
    Theory.objects.filter(pk=ruled.pk).update(status=Theory.Status.CONTRADICTED)
    assert ids(api, sort=sort) == [kept.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["new", "top", "controversial"])
def test_contradicted_theories_stay_in_other_sorts(api, series, tags, sort):
    ruled = make_theory(series, tags)
    Theory.objects.filter(pk=ruled.pk).update(status=Theory.Status.CONTRADICTED)
    assert ids(api, sort=sort) == [ruled.pk]


@pytest.mark.django_db
def test_window_keeps_theories_of_that_period(api, series, tags):
    today = make_theory(series, tags, age=timedelta(hours=3))
    last_week = make_theory(series, tags, age=timedelta(days=5))
    make_theory(series, tags, age=timedelta(days=40))
    assert ids(api, sort="new", window="day") == [today.pk]
    assert ids(api, sort="new", window="week") == [today.pk, last_week.pk]
    assert len(ids(api, sort="new", window="all")) == 3


@pytest.mark.django_db
def test_it_rejects_an_unknown_window(api, series):
    response = api.get(URL, {"window": "decade"})
    assert response.status_code == 400
    assert "window" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_rising_pages_with_a_cursor(api, series, tags, voters):
    theories = [make_theory(series, tags, age=timedelta(hours=1 + i)) for i in range(3)]
    for theory in theories:
        cast(theory, voters, ups=3, downs=0)
    first = api.get(URL, {"series": series.slug, "sort": "rising", "page_size": 2}).json()
    second = api.get(first["next"]).json()
    assert [t["id"] for t in first["results"] + second["results"]] == [t.pk for t in theories]
