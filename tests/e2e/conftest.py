"""Real-browser journeys: Playwright drives Debian's Chromium against the real ASGI server.

The server runs as a subprocess on the test database, so journeys use committed data
(`transactional_db`). Without Chromium the journeys are skipped, unless E2E_REQUIRED is set
(CI sets it), in which case a missing browser fails the run.
"""

from __future__ import annotations

import json
import os
import shutil
import weakref
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
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Every WCAG 2.0/2.1/2.2 level A and AA rule axe has; best practices are left out.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


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


# The watch of each open page, so `check_page(page)` finds it without the test passing it around.
WATCHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# What axe saw on each page checked this session (written to screenshots/axe-report.json at the end).
AXE_LOG: list[dict] = []


class PageWatch:
    """Collects console errors and failed requests on a page, so every journey can assert none happened."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.errors: list[str] = []
        WATCHES[page] = self
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.errors.append(f"request failed: {req.url} {req.failure}"))
        page.on(
            "response",
            lambda res: res.status >= 500 and self.errors.append(f"HTTP {res.status}: {res.url}"),
        )


@pytest.fixture
def new_page(browser, live_asgi, transactional_db):
    """Open a page in a fresh browser context (its own cookies), watched for errors.

    `new_page()` is a desktop window; `new_page(viewport=PHONE)` a phone; `color_scheme="dark"` the dark theme.
    Every context keeps the site's real Content Security Policy (no `bypass_csp`), so a CSP violation by the
    site's own code shows up as a console error.
    """
    contexts = []
    watches: list[PageWatch] = []

    def make(viewport: dict | None = None, color_scheme: str = "light"):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_asgi, viewport=viewport or {"width": 1280, "height": 900}, color_scheme=color_scheme
        )
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


def check_page(page, *, label: str = "") -> None:  # type: ignore[no-untyped-def]
    """The checks every journey makes on every page it visits: nothing went wrong, and axe finds no serious issue.

    1. The page's PageWatch holds no console error, uncaught exception, failed request or 5xx answer.
    2. axe-core (node_modules/axe-core, installed by `npm ci`) runs the WCAG 2.0/2.1/2.2 A and AA rules on the
       page as it is now, and any violation of impact "serious" or "critical" fails the test with the rule,
       the selectors of the offending elements, axe's explanation and its help.

    axe is injected with `page.evaluate(<source of axe.min.js>)`, not `page.add_script_tag(path=...)`: the
    latter adds an inline <script>, which our CSP (`script-src 'self'`) blocks, with a console error. Code run
    by `evaluate` comes from the DevTools protocol, which CSP does not govern, so the journeys keep the real
    CSP on every page instead of opening their contexts with `bypass_csp=True`.
    """
    page.wait_for_load_state("load")
    url = page.url
    watch = WATCHES.get(page)
    assert watch is not None, "check_page needs a page made by the new_page fixture"
    assert not watch.errors, f"errors on {url}:\n" + "\n".join(watch.errors)
    # Colours caught mid-transition (a score flashing after a vote) are not the page's colours: let them end.
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)"
        ".map((animation) => animation.finished.catch(() => null)))"
    )
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.flat(Infinity).join(" >> "), summary: n.failureSummary || "",
                })),
            }));
        }""",
        AXE_TAGS,
    )
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'")
    width = page.viewport_size["width"] if page.viewport_size else 0
    AXE_LOG.append(
        {
            "url": url,
            "label": label,
            "scheme": scheme,
            "width": width,
            "violations": [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations],
        }
    )
    failing = [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
    assert not failing, (
        f"axe: {len(failing)} serious or critical WCAG A/AA violation(s) on {url} ({scheme}, {width}px):\n"
        + ("\n".join(_describe(violation) for violation in failing))
    )


def _describe(violation: dict) -> str:
    lines = [f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})"]
    for node in violation["nodes"][:8]:
        summary = " ".join(node["summary"].split())
        lines.append(f"    {node['target']}: {summary[:300]}")
    if len(violation["nodes"]) > 8:
        lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


_AXE_SOURCE: list[str] = []


def _axe_source() -> str:
    if not _AXE_SOURCE:
        if not AXE_SCRIPT.exists():
            pytest.fail(f"{AXE_SCRIPT} is missing: run `make install-dev` (npm ci)")
        _AXE_SOURCE.append(AXE_SCRIPT.read_text())
    return _AXE_SOURCE[0]


@pytest.fixture(scope="session", autouse=True)
def _axe_report():
    """After the journeys, screenshots/axe-report.json lists every page axe checked and what it saw there."""
    yield
    if AXE_LOG:
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / "axe-report.json").write_text(json.dumps(AXE_LOG, indent=1))


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    # From the top: a page left scrolled draws its sticky sidebar part-way down in a full-page shot.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def capture(page, name: str, *, dark: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Full-page screenshots of the page as it is, at desktop (1440x900) and phone (390x844) sizes.

    Writes screenshots/<name>-desktop.png and <name>-phone.png (with `-dark` before the size for the dark
    theme), then puts the page back as it was. At phone size the page must not scroll sideways, and axe runs
    again there (and in the dark theme, whose colours have their own contrast).
    """
    before = page.viewport_size
    suffix = "-dark" if dark else ""
    if dark:
        page.emulate_media(color_scheme="dark")
    try:
        page.set_viewport_size(DESKTOP)
        screenshot(page, f"{name}{suffix}-desktop")
        if dark:
            check_page(page, label=f"{name} dark")
        page.set_viewport_size(PHONE)
        overflow = page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                               && getComputedStyle(el).position !== "fixed" && el.getClientRects().length)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className) : ""))"""
        )
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"], f"{page.url} scrolls sideways at 390px ({scroll_width}px): {overflow}"
        screenshot(page, f"{name}{suffix}-phone")
        check_page(page, label=f"{name}{suffix} phone")
    finally:
        if dark:
            page.emulate_media(color_scheme="light")
        page.set_viewport_size(before or {"width": 1280, "height": 900})


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Keep the real password hashers: the server process verifies the passwords these tests set."""


@pytest.fixture
def busy_series(series, tags):
    """The series with a few theories by other fans, scored and discussed, so the pages look lived in.

    Made through the services (search vectors, counters and events as in real use). One theory cites
    chapter 8, a spoiler for readers who are not that far.
    """
    from tests.factories import UserFactory
    from theories.services import comment_create, theory_create
    from voting.services import vote_cast

    fans = [UserFactory(username=name) for name in ("jinsu", "cheong_san", "hyoryung", "gyeong_su")]
    theories = [
        theory_create(
            author=fans[0],
            series=series,
            title="The Jonas virus was meant to make the bullied fight back",
            body="Byeong-chan's videos show it: he wanted his son to **survive**, not to infect a school.\n\n"
            "The lab notes in chapter 2 talk about *fear* as the trigger.",
            tag_slugs=["half-zombies"],
            chapter_numbers=[2],
        ),
        theory_create(
            author=fans[1],
            series=series,
            title="Nam-ra will lead the half-zombies in season 2",
            body="She keeps her mind, hears everything and stays hungry. The webtoon's later arc backs this up.",
            tag_slugs=["choi-nam-ra", "half-zombies"],
            chapter_numbers=[8],
        ),
        theory_create(
            author=fans[2],
            series=series,
            title="On-jo's father knew the military would seal the city",
            body="He was a firefighter and still went to the school alone: he had heard the order on the radio.",
            tag_slugs=["nam-on-jo"],
        ),
    ]
    for voter in fans:
        for value, theory in zip((1, 1, -1), theories, strict=True):
            if theory.author_id != voter.pk:
                vote_cast(user=voter, theory_id=theory.pk, value=value)
    comment_create(author=fans[3], theory=theories[0], body="The lab scenes support this. Fear, not the bite.")
    comment_create(author=fans[1], theory=theories[2], body="The radio scene is in episode 4, too.")
    return theories
