"""Settings come from the environment and fail loudly; production passes `check --deploy` cleanly."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    # Only what the test names: nothing inherited from the developer's shell or a .env decides the outcome.
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def production(**overrides: str) -> dict[str, str]:
    # Settings put the embedded services' URLs into the environment when they were unset.
    environment = {
        "THEORYCRAFT_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "theorycraft.example",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
    }
    environment.update(overrides)
    return environment


def test_it_passes_the_deployment_checks_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_production_without_a_secret_key():
    environment = production()
    del environment["SECRET_KEY"]

    result = manage("check", **environment)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_production_without_allowed_hosts():
    environment = production()
    del environment["ALLOWED_HOSTS"]

    result = manage("check", **environment)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_refuses_production_without_external_services():
    environment = production()
    del environment["REDIS_URL"]

    result = manage("check", **environment)

    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_it_refuses_an_unknown_environment_name():
    result = manage("check", **production(THEORYCRAFT_ENV="prod"))

    assert result.returncode != 0
    assert "THEORYCRAFT_ENV" in result.stderr and "'prod'" in result.stderr


def test_it_refuses_a_malformed_boolean():
    result = manage("check", **production(DEBUG="perhaps"))

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_it_refuses_a_malformed_integer_and_names_it():
    result = manage("check", **production(CONN_MAX_AGE="sixty"))

    assert result.returncode != 0
    assert "CONN_MAX_AGE" in result.stderr


def test_it_runs_in_development_without_a_secret_key():
    environment = production(THEORYCRAFT_ENV="development")
    del environment["SECRET_KEY"]
    del environment["ALLOWED_HOSTS"]

    result = manage("check", **environment)

    assert result.returncode == 0, result.stderr


def test_it_caches_a_visitors_first_list_page_for_a_second_in_production():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.THEORY_LIST_CACHE_MS)", **production()
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1000"


def test_it_refuses_a_negative_list_cache_time():
    result = manage("check", **production(THEORY_LIST_CACHE_MS="-5"))

    assert result.returncode != 0
    assert "THEORY_LIST_CACHE_MS" in result.stderr
