"""Real-browser journeys: Playwright drives Debian's Chromium against the real ASGI server.

The server runs as a subprocess on the test database, so journeys use committed data
(`transactional_db`). Without Chromium the journeys are skipped, unless E2E_REQUIRED is set
(CI sets it), in which case a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop on the main thread; the test's own ORM calls are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(f"{message}, and E2E_REQUIRED is set")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Collects console errors and failed requests on a page, so every journey can assert none happened."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.errors.append(f"request failed: {req.url} {req.failure}"))
        page.on(
            "response",
            lambda res: res.status >= 500 and self.errors.append(f"HTTP {res.status}: {res.url}"),
        )


@pytest.fixture
def new_page(browser, live_asgi, transactional_db):
    """Open a page in a fresh browser context (its own cookies), watched for errors."""
    contexts = []
    watches: list[PageWatch] = []

    def make(viewport: dict | None = None):  # type: ignore[no-untyped-def]
        context = browser.new_context(base_url=live_asgi, viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watches.append(PageWatch(page))
        return page

    yield make
    for context in contexts:
        context.close()
    problems = [error for watch in watches for error in watch.errors]
    assert not problems, "\n".join(problems)


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Keep the real password hashers: the server process verifies the passwords these tests set."""
