"""The Celery application. Tasks live in each app's tasks.py; schedules in settings (CELERY_BEAT_SCHEDULE)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("theorycraft")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="core.ping")
def ping() -> str:
    """Answered by any live worker; /healthz uses it."""
    return "pong"
