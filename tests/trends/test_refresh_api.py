"""POST /api/v1/trends/refresh/ and GET /api/v1/trends/tasks/<id>/: fresh snapshots on request, and their progress."""

from __future__ import annotations

import uuid

import pytest

from trends.models import Snapshot
from trends.services import tick_floor

pytestmark = pytest.mark.django_db

URL = "/api/v1/trends/refresh/"


def _task_url(task_id: str) -> str:
    return f"/api/v1/trends/tasks/{task_id}/"


def test_it_queues_a_snapshot_and_answers_202_with_the_task(
    api_as, writer, series, tags, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(writer).post(URL, {"series": series.slug, "window": "7d"}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert body["windows"] == ["7d"]
    assert body["status_url"] == _task_url(body["task_id"])
    snapshot = Snapshot.objects.get(series=series)
    assert (snapshot.window, snapshot.as_of.isoformat().replace("+00:00", "Z")) == ("7d", body["as_of"])


def test_it_refreshes_every_window_when_none_is_named(
    api_as, moderator, series, tags, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(moderator).post(URL, {"series": series.slug}, format="json")
    assert response.json()["windows"] == ["24h", "7d", "30d"]
    assert sorted(Snapshot.objects.values_list("window", flat=True)) == ["24h", "30d", "7d"]


def test_it_shows_the_finished_task(api_as, writer, series, tags, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task_id = api_as(writer).post(URL, {"series": series.slug, "window": "24h"}, format="json").json()["task_id"]
    body = api_as(writer).get(_task_url(task_id)).json()
    assert body["state"] == "SUCCESS"
    assert (body["series"], body["windows"]) == (series.slug, ["24h"])
    [done] = body["result"]["snapshots"]
    assert (done["window"], done["created"]) == ("24h", True)
    assert done["snapshot"] == Snapshot.objects.get().pk


def test_it_shows_a_running_tasks_progress(api_as, writer, series, eager_celery):
    from django.core.cache import cache

    from trends.services import task_key

    task_id = str(uuid.uuid4())
    cache.set(task_key(task_id), {"series": series.slug, "windows": ["24h", "7d"], "as_of": "2025-06-10T12:00:00Z"})
    progress = {"window": "7d", "step": "phrases", "done": 1, "total": 2}
    eager_celery.backend.store_result(task_id, progress, "PROGRESS")
    body = api_as(writer).get(_task_url(task_id)).json()
    assert (body["state"], body["progress"], body["result"]) == ("PROGRESS", progress, None)


def test_it_keeps_an_existing_snapshot_of_the_same_tick(
    api_as, writer, series, tags, eager_celery, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            task_id = (
                api_as(writer).post(URL, {"series": series.slug, "window": "24h"}, format="json").json()["task_id"]
            )
    assert Snapshot.objects.count() == 1
    assert api_as(writer).get(_task_url(task_id)).json()["result"]["snapshots"][0]["created"] is False


def test_it_queues_the_task_after_commit_at_the_current_tick(
    api_as, writer, series, monkeypatch, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from trends import tasks

    queued = []
    monkeypatch.setattr(tasks.compute_snapshots, "apply_async", lambda **kwargs: queued.append(kwargs))
    with django_capture_on_commit_callbacks() as callbacks:
        response = api_as(writer).post(URL, {"series": series.slug, "window": "24h"}, format="json")
    assert response.status_code == 202
    assert queued == []
    for callback in callbacks:
        callback()
    assert queued == [
        {"args": [series.pk, ["24h"], tick_floor(timezone.now()).isoformat()], "task_id": response.json()["task_id"]}
    ]


def test_it_refuses_fans(api_as, fan, series):
    response = api_as(fan).post(URL, {"series": series.slug}, format="json")
    assert response.status_code == 403


def test_it_asks_anonymous_callers_to_sign_in(api, series):
    assert api.post(URL, {"series": series.slug}, format="json").status_code == 401


def test_it_rejects_an_unknown_window_naming_the_field(api_as, writer, series):
    response = api_as(writer).post(URL, {"series": series.slug, "window": "1h"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["window"]


def test_it_rejects_an_unknown_series_naming_the_field(api_as, writer, db):
    response = api_as(writer).post(URL, {"series": "nope"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["series"]


def test_it_answers_404_for_a_task_it_never_queued(api_as, writer):
    response = api_as(writer).get(_task_url(str(uuid.uuid4())))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_it_answers_404_for_a_malformed_task_id(api_as, writer):
    assert api_as(writer).get("/api/v1/trends/tasks/not-a-task/").status_code == 404


def test_it_hides_task_progress_from_fans(api_as, fan):
    assert api_as(fan).get(_task_url(str(uuid.uuid4()))).status_code == 403


def test_it_hides_task_progress_from_anonymous_callers(api):
    assert api.get(_task_url(str(uuid.uuid4()))).status_code == 401
