"""Steps the journeys share, done through the pages as a person would, each checking the pages it visits."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_page
from tests.factories import PASSWORD

# Expectations on live updates wait longer than Playwright's default: two shared cores, a server, a worker.
LIVE_TIMEOUT = 15_000


def sign_up(page, username: str, password: str = "a-long-and-unusual-passphrase") -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/signup/")
    check_page(page, label="sign-up")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("banner")).to_contain_text(username)
    check_page(page, label="after sign-up")


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    check_page(page, label="sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.get_by_role("banner")).to_contain_text(username)


def mark_as_loaded(page) -> None:  # type: ignore[no-untyped-def]
    """Leave a mark on the open document: if the page reloads, the mark is gone (see `assert_not_reloaded`)."""
    page.evaluate("window.__journeyMark = 'still the same document'")


def assert_not_reloaded(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("window.__journeyMark") == "still the same document", f"{page.url} was reloaded"


def score_of(page, theory_id: int):  # type: ignore[no-untyped-def]
    return page.locator(f"[data-theory-id='{theory_id}'] [data-score-value]").first
