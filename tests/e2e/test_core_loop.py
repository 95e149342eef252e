"""The core loop in a real browser: sign up, post a theory, find it, and see another fan's vote live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, UserFactory
from theories.models import Theory


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.get_by_role("banner")).to_contain_text(username)


@pytest.fixture
def other_fan_account(transactional_db):
    return UserFactory(username="bob_reads_webtoons")


def test_a_newcomer_posts_a_theory_and_sees_a_vote_arrive_live(new_page, series, tags, other_fan_account):
    author = new_page()
    author.goto("/accounts/signup/")
    author.get_by_label("Username").fill("onjo_believer")
    author.get_by_label("Email").fill("onjo@example.com")
    author.get_by_label("Password").fill("a-long-and-unusual-passphrase")
    author.get_by_role("button", name="Create account").click()
    expect(author.get_by_role("banner")).to_contain_text("onjo_believer")

    author.goto(f"/theories/new/?series={series.slug}")
    author.get_by_label("Title").fill("Nam-ra's blood is the cure")
    author.get_by_label("Your theory").fill("Half-zombies **resist** the Jonas virus.\n\nSee chapter 3.")
    author.locator("label", has_text="Choi Nam-ra").click()
    author.get_by_label(re.compile("Chapters")).fill("3")
    author.get_by_role("button", name="Post theory").click()
    expect(author.get_by_role("heading", level=1)).to_have_text("Nam-ra's blood is the cure")
    theory = Theory.objects.get(title="Nam-ra's blood is the cure")
    assert theory.author.username == "onjo_believer"
    assert [tag.slug for tag in theory.tags.all()] == ["choi-nam-ra"]
    assert author.locator("strong", has_text="resist").count() == 1

    author.goto(f"/series/{series.slug}/?sort=new")
    expect(author.locator(f"#theory-{theory.pk}")).to_contain_text("Nam-ra's blood is the cure")
    screenshot(author, "theory-list-desktop")
    author.goto(f"/theories/{theory.pk}/")
    score = author.locator(f"[data-theory-id='{theory.pk}'] [data-score-value]").first
    expect(score).to_have_text("0")

    voter = new_page()
    sign_in(voter, other_fan_account.username)
    voter.goto(f"/theories/{theory.pk}/")
    voter.get_by_role("button", name="Upvote").first.click()
    expect(voter.locator(f"[data-theory-id='{theory.pk}'] [data-score-value]").first).to_have_text("1")

    # The author's page was never reloaded: the new score arrived over the WebSocket.
    expect(score).to_have_text("1", timeout=10_000)
    theory.refresh_from_db()
    assert (theory.upvotes, theory.downvotes, theory.score) == (1, 0, 1)
