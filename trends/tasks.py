"""Celery tasks for trends: thin wrappers that re-fetch by id and call one service.

acks_late + reject_on_worker_lost: a worker killed mid-snapshot leaves the message unacknowledged, so
the broker delivers it again (after the visibility timeout) and the rerun, being idempotent, finishes the
job; the killed transaction left nothing behind.
"""

from __future__ import annotations

import logging
from datetime import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError

from theories.models import Series
from trends import services

logger = logging.getLogger(__name__)

_RETRYABLE = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    name="trends.compute_snapshots",
    acks_late=True,
    reject_on_worker_lost=True,
    track_started=True,
    soft_time_limit=540,
    time_limit=600,
    autoretry_for=_RETRYABLE,
    retry_backoff=5,
    max_retries=3,
)
def compute_snapshots(self, series_id: int, windows: list[str], as_of: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """Compute the snapshots of one series for the given windows at `as_of`'s tick (default: now)."""
    series = Series.objects.filter(pk=series_id).first()
    if series is None:
        return {"series": None, "snapshots": []}
    moment = datetime.fromisoformat(as_of) if as_of else None
    done = []
    for number, window in enumerate(windows, start=1):

        def progress(step: str, window: str = window, number: int = number) -> None:
            _report(self, {"window": window, "step": step, "done": number - 1, "total": len(windows)})

        result = services.snapshot_compute(series=series, window=window, as_of=moment, progress=progress)
        done.append(
            {
                "window": window,
                "snapshot": result.snapshot.pk,
                "as_of": result.snapshot.as_of.isoformat(),
                "computed_at": result.snapshot.computed_at.isoformat(),
                "created": result.created,
            }
        )
    return {"series": series.slug, "snapshots": done}


def _report(task, meta: dict) -> None:  # type: ignore[no-untyped-def]
    """Progress for GET /api/v1/trends/tasks/<id>/; best effort, the work goes on without it."""
    if not task.request.id:
        return
    try:
        task.update_state(state="PROGRESS", meta=meta)
    except Exception:  # noqa: BLE001 - a result backend hiccup must not fail the snapshot
        logger.warning("could not report progress of %s", task.request.id, exc_info=True)


@shared_task(
    name="trends.schedule_snapshots",
    acks_late=True,
    soft_time_limit=50,
    time_limit=60,
    autoretry_for=_RETRYABLE,
    retry_backoff=True,
    max_retries=3,
    ignore_result=True,
)
def schedule_snapshots() -> int:
    """Beat: queue a snapshot of every series and window for the current tick."""
    return services.snapshots_schedule()


@shared_task(
    name="trends.prune",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
    autoretry_for=_RETRYABLE,
    retry_backoff=True,
    max_retries=3,
    ignore_result=True,
)
def prune() -> dict:
    """Beat, daily: drop old snapshots and rollups."""
    return services.trends_prune()
