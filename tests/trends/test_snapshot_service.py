"""Snapshots as stored results: tick rounding, idempotency, daily rollups, live events, failure and pruning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict

from core.exceptions import ApplicationError
from tests.trends.conftest import AS_OF, START_24H
from trends import services
from trends.models import DailyPhraseCount, DailyRollup, DailyThemeStat, Snapshot, ThemeStat

pytestmark = pytest.mark.django_db


def _figures(snapshot: Snapshot) -> list[dict]:
    skip = {"id", "snapshot"}
    return [
        {k: v for k, v in model_to_dict(theme).items() if k not in skip} for theme in snapshot.themes.order_by("rank")
    ]


def test_it_rounds_as_of_down_to_the_schedule_tick(known_activity, series):
    result = services.snapshot_compute(series=series, window="24h", as_of=AS_OF + timedelta(minutes=9, seconds=59))
    assert result.snapshot.as_of == AS_OF


def test_it_stores_one_snapshot_when_run_twice_for_the_same_moment(known_activity, series):
    first = services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    second = services.snapshot_compute(series=series, window="24h", as_of=AS_OF + timedelta(minutes=3))
    assert (first.created, second.created) == (True, False)
    assert second.snapshot.pk == first.snapshot.pk
    assert Snapshot.objects.count() == 1
    assert ThemeStat.objects.count() == 3


def test_it_computes_identical_figures_for_the_same_moment(known_activity, series):
    first = services.snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot
    kept = (_figures(first), first.phrases, first.busted)
    first.delete()
    DailyRollup.objects.all().delete()  # roll the days up again too
    again = services.snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot
    assert (_figures(again), again.phrases, again.busted) == kept


def test_it_refuses_a_moment_in_the_future(series):
    from django.utils import timezone

    with pytest.raises(ApplicationError) as refused:
        services.snapshot_compute(series=series, window="24h", as_of=timezone.now() + timedelta(hours=1))
    assert "as_of" in refused.value.fields


def test_it_refuses_an_unknown_window(series):
    with pytest.raises(ApplicationError) as refused:
        services.snapshot_compute(series=series, window="1y", as_of=AS_OF)
    assert "window" in refused.value.fields


def test_it_rolls_up_every_needed_complete_day_once(known_activity, series, tags):
    services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    days = DailyRollup.objects.filter(series=series).count()
    # From 90 days before the window's first day to the day before as_of.
    assert days == 90 + 1
    assert DailyThemeStat.objects.count() == days * len(tags)
    assert (
        services.daily_rollups_ensure(series=series, first_day=AS_OF.date() - timedelta(days=91), end_day=AS_OF.date())
        == 0
    )


def test_it_fills_daily_theme_stats_for_complete_days(known_activity, series, tags):
    services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    stat = DailyThemeStat.objects.get(tag=tags[0], day=START_24H.date())
    # Tag A on 2025-06-09 (12:00 to midnight): T1 and T2 posted, 5 votes (+3), 3 comments (1 reply), 5 people.
    assert (stat.new_theories, stat.votes, stat.net_score, stat.comments, stat.replies, stat.participants) == (
        2,
        5,
        3,
        3,
        1,
        5,
    )
    assert stat.activity == 10


def test_it_upserts_daily_rows_when_a_day_is_rolled_up_again(known_activity, series, tags):
    services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    before = list(DailyThemeStat.objects.order_by("tag", "day").values())
    phrases_before = DailyPhraseCount.objects.count()
    DailyRollup.objects.filter(day=START_24H.date()).delete()
    assert services.daily_rollups_ensure(series=series, first_day=START_24H.date(), end_day=AS_OF.date()) == 1
    assert list(DailyThemeStat.objects.order_by("tag", "day").values()) == before
    assert DailyPhraseCount.objects.count() == phrases_before


def test_it_publishes_trends_updated_after_commit(
    known_activity, series, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("theories.events.publish", lambda *, groups, event: sent.append((groups, event)))
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = services.snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot
    [(groups, event)] = sent
    assert groups == [f"series-{series.slug}"]
    assert event["type"] == "trends.updated"
    assert (event["series"], event["window"]) == (series.slug, "24h")
    assert event["computed_at"] == snapshot.computed_at.isoformat()
    assert [theme["tag"]["slug"] for theme in event["top_themes"]] == ["nam-on-jo", "choi-nam-ra", "half-zombies"]
    assert set(event["top_themes"][0]["parts"]) == {"breadth", "depth", "intensity", "momentum", "persistence"}


def test_it_publishes_nothing_for_a_snapshot_that_already_exists(
    known_activity, series, monkeypatch, django_capture_on_commit_callbacks
):
    services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    sent = []
    monkeypatch.setattr("theories.events.publish", lambda *, groups, event: sent.append(event))
    with django_capture_on_commit_callbacks(execute=True):
        services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    assert sent == []


def test_it_prunes_old_snapshots_and_rollups(known_activity, series):
    services.snapshot_compute(series=series, window="24h", as_of=AS_OF)
    deleted = services.trends_prune(today=AS_OF.date() + timedelta(days=31))
    assert deleted["snapshots"] == 1
    assert Snapshot.objects.count() == 0
    assert DailyRollup.objects.exists()
    services.trends_prune(today=AS_OF.date() + timedelta(days=400))
    assert not DailyRollup.objects.exists()
    assert not DailyThemeStat.objects.exists()


def test_it_counts_no_theme_when_nothing_happened(series, tags):
    snapshot = services.snapshot_compute(series=series, window="30d", as_of=AS_OF).snapshot
    assert [theme.index for theme in snapshot.themes.all()] == [0.0, 0.0, 0.0]
    assert snapshot.phrases == []
    assert snapshot.busted == []


def test_it_counts_each_complete_hour_of_the_partial_days_once(known_activity, series):
    from trends.models import HourlyRollup
    from trends.phrases import PhraseWindow

    as_of = AS_OF + timedelta(minutes=10)
    services.snapshot_compute(series=series, window="24h", as_of=as_of)
    hours = PhraseWindow.for_window(start=as_of - timedelta(hours=24), as_of=as_of).hours
    assert sorted(HourlyRollup.objects.values_list("hour", flat=True)) == hours
    assert services.hourly_rollups_ensure(series=series, hours=hours) == 0


def test_it_prunes_hourly_counts_after_a_few_days(known_activity, series):
    from trends.models import HourlyPhraseCount, HourlyRollup

    services.snapshot_compute(series=series, window="24h", as_of=AS_OF + timedelta(minutes=10))
    assert HourlyPhraseCount.objects.exists()
    services.trends_prune(today=AS_OF.date() + timedelta(days=4))
    assert not HourlyRollup.objects.exists()
    assert not HourlyPhraseCount.objects.exists()
