"""Schemathesis against /api/schema/, in-process over WSGI, as a signed-in fan (a token).

Every operation gets FUZZ_EXAMPLES generated requests that fit the schema and as many that do not.
No answer may be a 5xx, and every answer must match the schema (status code, content type, body,
headers). Failures are collected over all operations and reported together, with the request that
caused each.
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks
from schemathesis.generation.modes import GenerationMode

from accounts.services import token_for
from tests.factories import TheoryFactory, UserFactory

# What the API promises: no server error, and answers as documented. Not "every schema-valid request is
# accepted" (positive_data_acceptance): services refuse valid-looking input by rules a schema cannot state
# (a weak password, a tag of another series), with a documented 4xx.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
# Known failures in other apps' endpoints, reported to their owners (docs/security.md, "API fuzzing"):
# (operation, failure title). A new failure anywhere fails the test.
# Failures accepted for now, as (operation, check title) pairs; each needs a reason beside it.
KNOWN_FAILURES: set[tuple[str, str]] = set()
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))


@contextmanager
def one_connection_per_test():
    """Requests run in the test's transaction: stop Django closing the connection when one ends (as its Client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def failure_titles(error: BaseException) -> list[str]:
    if isinstance(error, BaseExceptionGroup):
        return [title for sub in error.exceptions for title in failure_titles(sub)]
    return [getattr(error, "title", None) or type(error).__name__]


def describe(case) -> str:  # type: ignore[no-untyped-def]
    parts = [f"{case.method} {case.formatted_path}"]
    for name in ("query", "body"):
        value = getattr(case, name, None)
        if value not in (None, {}) and not (name == "body" and type(value).__name__ == "NotSet"):
            parts.append(f"{name}={value!r}"[:300])
    return " ".join(parts)


@pytest.mark.django_db
def test_it_answers_generated_requests_without_errors_and_as_documented(series, tags):
    from config.wsgi import application

    fan = UserFactory(username="fuzzy")
    author = UserFactory(username="author")
    TheoryFactory(series=series, tags=tags[:1], author=author)
    headers = {"Authorization": f"Token {token_for(user=fan)}"}
    ran: Counter[str] = Counter()
    failures: dict[tuple[str, str], str] = {}

    def fuzz_operation(operation, mode) -> None:  # type: ignore[no-untyped-def]
        label = operation.label

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):  # type: ignore[no-untyped-def]
            ran[label] += 1
            try:
                case.call_and_validate(headers=headers, checks=CHECKS)
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collected, reported below
                for title in failure_titles(error):
                    failures.setdefault((label, title), f"{describe(case)}\n{error}"[:1500])

        try:
            fuzz()
        except Unsatisfiable:
            pass  # no request can break this operation's schema (e.g. a GET without parameters)

    with one_connection_per_test():
        schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
        for result in schema.get_all_operations():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                fuzz_operation(result.ok(), mode)

    total = sum(ran.values())
    print(f"\nschemathesis: {total} cases over {len(ran)} operations")
    for (label, title), detail in sorted(failures.items()):
        known = " (known)" if (label, title) in KNOWN_FAILURES else ""
        print(f"\n--- {label}: {title}{known}\n{detail}")
    assert total >= len(ran) * 2
    new = sorted(set(failures) - KNOWN_FAILURES)
    assert not new, f"{len(new)} new failures: {new}; see the output above"
