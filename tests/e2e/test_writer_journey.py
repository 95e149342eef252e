"""A writer's journey in a real browser: the trends page draws its charts, the window switches, the CSV
downloads, the writers' views open, and the page reads at 390 px and 1440 px, light and dark.

Screenshots go to the git-ignored screenshots/ folder: trends-desktop(-dark), trends-mobile(-dark),
trends-history-desktop and trends-compare-mobile.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, TagFactory, UserFactory
from tests.trends.conftest import comment_at, theory_at, vote_at
from trends.selectors import EXPORT_COLUMNS
from trends.services import snapshot_compute

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGE = "/series/all-of-us-are-dead/trends/"

# True when every canvas of the page has a Chart.js chart and some painted pixels.
CHARTS_DRAWN = """() => {
  const canvases = [...document.querySelectorAll('[data-chart] canvas')];
  return canvases.length > 0 && canvases.every((canvas) => {
    if (!window.Chart || !window.Chart.getChart(canvas) || !canvas.width || !canvas.height) return false;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4 * 7) { if (pixels[i] !== 0) return true; }
    return false;
  });
}"""
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.get_by_role("banner")).to_contain_text(username)


def expect_charts_drawn(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(CHARTS_DRAWN, timeout=10_000)


@pytest.fixture
def writer_account(transactional_db):
    return UserFactory(username="wren_writes", groups=["writers"])


@pytest.fixture
def trends_data(series, tags):
    """Two weeks of activity over eight themes (one rising fast), a busted theory and a rising phrase;
    then the three windows' snapshots, computed as beat would."""
    now = timezone.now()
    themes = tags + [
        TagFactory(series=series, name=name, slug=slug, kind=kind)
        for name, slug, kind in [
            ("Lee Cheong-san", "lee-cheong-san", "character"),
            ("Lee Su-hyeok", "lee-su-hyeok", "character"),
            ("Military intervention", "military-intervention", "topic"),
            ("Jonas virus origin", "jonas-virus-origin", "topic"),
            ("Hyosan High", "hyosan-high", "topic"),
        ]
    ]
    fans = [UserFactory(username=f"fan{n:02d}") for n in range(14)]
    for day in range(14, 0, -1):
        for position, tag in enumerate(themes):
            # Theme 0 is steady; the Jonas virus origin (index 6) takes off in the last three days.
            count = 1 + (day + position) % 3 + (4 if position == 6 and day <= 3 else 0)
            for n in range(count):
                at = now - timedelta(days=day - 1, hours=2 + n)
                author = fans[(day + position + n) % len(fans)]
                title = f"{tag.name}: what chapter {day + n} hides"
                theory = theory_at(series=series, author=author, tags=[tag], at=at, title=title)
                for voter in fans[n : n + 2 + position % 4]:
                    if voter != author:
                        vote_at(
                            user=voter, theory=theory, value=1 if (day + n) % 4 else -1, at=at + timedelta(minutes=30)
                        )
                if n % 2 == 0:
                    comment_at(author=fans[(n + 5) % len(fans)], theory=theory, at=at + timedelta(minutes=45))
    for n, author in enumerate(fans[:4]):
        theory_at(
            series=series,
            author=author,
            tags=[themes[6]],
            at=now - timedelta(hours=3 + n),
            title=f"The lab leak theory, take {n + 1}",
            body="The lab leak explains the Jonas virus better than any bite.",
        )
    busted = theory_at(
        series=series, author=fans[0], tags=[themes[2]], at=now - timedelta(hours=20), title="The army saves Hyosan",
        status="contradicted",
    )  # fmt: skip
    for voter in fans[1:4]:
        vote_at(user=voter, theory=busted, value=1, at=now - timedelta(hours=10))
    # Nobody listens yet; and the live push cannot run on this thread, where Playwright keeps its event loop.
    with mock.patch("trends.services._publish_snapshot"):
        for window in ("24h", "7d", "30d"):
            snapshot_compute(series=series, window=window)
    return themes


def test_a_writer_reads_the_trends_switches_window_and_downloads_the_csv(new_page, writer_account, trends_data):
    page = new_page(DESKTOP)
    sign_in(page, writer_account.username)
    page.goto("/series/all-of-us-are-dead/")
    page.get_by_role("link", name=re.compile("Trends: the themes fans are most invested in")).click()
    expect(page).to_have_url(re.compile(r"/series/all-of-us-are-dead/trends/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What fans are invested in")
    expect_charts_drawn(page)
    # The table stands in for the chart until it is drawn; then it folds away.
    expect(page.locator("[data-chart-table]")).not_to_have_attribute("open", "")
    expect(page.locator(".theme")).to_have_count(len(trends_data))
    expect(page.locator(".theme").first.locator(".part")).to_have_count(5)
    expect(page.get_by_role("heading", name="Emerging phrases")).to_be_visible()
    expect(page.locator("[data-busted]")).to_contain_text("1 theory ruled contradicted")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(page, "trends-desktop")
    page.emulate_media(color_scheme="dark")
    expect_charts_drawn(page)
    screenshot(page, "trends-desktop-dark")
    page.emulate_media(color_scheme="light")

    page.get_by_role("navigation", name="Time window").get_by_role("link", name="7 days").click()
    expect(page).to_have_url(re.compile(r"window=7d"))
    expect(page.get_by_role("navigation", name="Time window").get_by_role("link", name="7 days")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("main")).to_contain_text("the last 7 days")
    expect_charts_drawn(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download CSV")).click()
    download = download_info.value
    assert download.suggested_filename == "trends-all-of-us-are-dead-7d-latest.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[0] == EXPORT_COLUMNS
    assert len(rows) == 1 + len(trends_data)
    assert {row[1] for row in rows[1:]} == {"7d"}

    # Chosen themes, without JavaScript's help: a plain GET form.
    page.get_by_text("Choose the themes to draw").click()
    form = page.locator(".theme-picker__form")
    for box in form.get_by_role("checkbox").all():
        box.uncheck()
    form.get_by_role("checkbox", name="Jonas virus origin").check()
    form.get_by_role("checkbox", name="Hyosan High").check()
    form.get_by_role("button", name="Draw these themes").click()
    expect(page).to_have_url(re.compile(r"theme=jonas-virus-origin&theme=hyosan-high"))
    expect_charts_drawn(page)
    assert (
        page.evaluate("() => window.Chart.getChart(document.querySelector('[data-chart] canvas')).data.datasets.length")
        == 2
    )

    page.get_by_role("link", name="History (90 days)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ninety days of themes")
    expect_charts_drawn(page)
    screenshot(page, "trends-history-desktop")
    page.get_by_role("link", name="Compare themes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Theme against theme")
    expect_charts_drawn(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_trends_page_reads_on_a_phone(new_page, writer_account, trends_data, scheme):
    page = new_page(PHONE)
    page.emulate_media(color_scheme=scheme)
    sign_in(page, writer_account.username)
    page.goto(PAGE)
    expect_charts_drawn(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the trends page scrolls sideways at 390 px"
    screenshot(page, "trends-mobile" if scheme == "light" else "trends-mobile-dark")
    page.goto(PAGE.replace("trends/", "trends/compare/"))
    expect_charts_drawn(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the comparison scrolls sideways at 390 px"
    if scheme == "light":
        screenshot(page, "trends-compare-mobile")


def test_a_fan_sees_the_public_trends_but_not_the_writers_views(new_page, trends_data, transactional_db):
    fan = UserFactory(username="just_a_fan")
    page = new_page(DESKTOP)
    sign_in(page, fan.username)
    page.goto(PAGE)
    expect_charts_drawn(page)
    expect(page.get_by_role("link", name=re.compile("Download CSV"))).to_have_count(0)
    # Fetched beside the page (same session): a 403 document would log a console error in Chromium.
    response = page.request.get(PAGE + "history/")
    assert response.status == 403
    assert "for writers and moderators" in response.text()
