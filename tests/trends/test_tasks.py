"""The Celery tasks: redelivered when a worker dies, bounded in time, thin, and the beat fan-out."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.factories import SeriesFactory
from trends import tasks


def test_it_redelivers_the_snapshot_task_when_its_worker_dies():
    task = tasks.compute_snapshots
    assert (task.acks_late, task.reject_on_worker_lost) == (True, True)
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > task.time_limit


def test_it_bounds_the_snapshot_task_in_time_and_retries():
    task = tasks.compute_snapshots
    assert (task.soft_time_limit, task.time_limit) == (540, 600)
    assert task.max_retries == 3


def test_it_schedules_snapshots_every_refresh_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["trends-snapshots"]
    assert entry == {"task": "trends.schedule_snapshots", "schedule": float(settings.TRENDS_REFRESH_SECONDS)}
    assert settings.TRENDS_REFRESH_SECONDS == 600


@pytest.mark.django_db
def test_it_queues_every_series_and_window_at_one_tick(monkeypatch, series):
    other = SeriesFactory(slug="sweet-home")
    queued = []
    monkeypatch.setattr(tasks.compute_snapshots, "delay", lambda *args: queued.append(args))
    assert tasks.schedule_snapshots() == 6
    assert {(series_id, tuple(windows)) for series_id, windows, _ in queued} == {
        (s.pk, (w,)) for s in (series, other) for w in ("24h", "7d", "30d")
    }
    assert len({as_of for _, _, as_of in queued}) == 1


@pytest.mark.django_db
def test_it_skips_a_series_that_is_gone():
    assert tasks.compute_snapshots.run(series_id=999999, windows=["24h"]) == {"series": None, "snapshots": []}
