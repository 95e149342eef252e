"""A reader who is behind: theories citing later chapters are collapsed with a warning until they choose to look."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_page
from tests.e2e.steps import sign_up


def test_a_reader_behind_sees_a_theory_collapsed_as_a_spoiler_and_reveals_it(new_page, series, tags, busy_series):
    early, spoiler, _ = busy_series  # cite chapters 2 and 8, and none
    page = new_page()
    sign_up(page, "slow_reader")
    page.goto(f"/series/{series.slug}/")
    check_page(page, label="series board, no progress")
    page.get_by_label(re.compile("read up to chapter")).fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".progress-panel")).to_contain_text("You’re at chapter 3 of 10")

    # On the board: the theory citing chapter 8 shows its title and a warning, not its text.
    card = page.locator(f"#theory-{spoiler.pk}")
    expect(card.get_by_role("heading")).to_have_text(spoiler.title)
    expect(card.locator(".spoiler__summary")).to_contain_text("Spoiler: cites chapter 8 (you’re at 3).")
    excerpt = card.locator(".theory-card__excerpt")
    expect(excerpt).to_be_hidden()
    expect(page.locator(f"#theory-{early.pk} .spoiler")).to_have_count(0)
    expect(page.locator(f"#theory-{early.pk} .theory-card__excerpt")).to_be_visible()
    check_page(page, label="series board, spoiler collapsed")
    card.locator(".spoiler__summary").click()
    expect(excerpt).to_be_visible()
    expect(excerpt).to_contain_text("She keeps her mind")
    check_page(page, label="series board, spoiler revealed")

    # On its own page: collapsed again until revealed, here with the keyboard.
    card.get_by_role("link", name=spoiler.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(spoiler.title)
    body = page.locator(".theory .spoiler .prose")
    expect(body).to_be_hidden()
    summary = page.locator(".theory .spoiler__summary")
    expect(summary).to_contain_text("cites chapter 8 (you’re at 3)")
    check_page(page, label="theory page, spoiler collapsed")
    summary.focus()
    page.keyboard.press("Enter")
    expect(body).to_be_visible()
    expect(body).to_contain_text("She keeps her mind, hears everything and stays hungry.")
    check_page(page, label="theory page, spoiler revealed")
