"""The core loop in a real browser: a newcomer signs up and posts a theory; another fan votes and comments live."""

from __future__ import annotations

import re
import zlib

from playwright.sync_api import expect

from tests.e2e.conftest import capture, check_page
from tests.e2e.steps import LIVE_TIMEOUT, assert_not_reloaded, mark_as_loaded, score_of, sign_in, sign_up
from tests.factories import UserFactory
from theories.models import Theory
from theories.services import theory_create

__all__ = ["sign_in"]  # other journeys import it from here


def test_a_newcomer_signs_up_sets_progress_posts_a_theory_and_finds_it(new_page, series, tags, busy_series):
    page = new_page()
    sign_up(page, "onjo_believer")

    # From the header to the series' board, where they say how far they have read.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Series").click()
    check_page(page, label="series index")
    page.get_by_role("link", name=series.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(series.title)
    check_page(page, label="series board, no progress")
    page.get_by_label(re.compile("read up to chapter")).fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".progress-panel")).to_contain_text("You’re at chapter 5 of 10")
    spoiler_card = page.locator(f"#theory-{busy_series[1].pk}")
    expect(spoiler_card.locator(".spoiler__summary")).to_contain_text("cites chapter 8 (you’re at 5)")
    expect(spoiler_card.locator(".theory-card__excerpt")).to_be_hidden()
    check_page(page, label="series board, progress 5")

    # Posts a theory with two tags and a chapter.
    page.get_by_role("link", name="Post a theory").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a theory")
    check_page(page, label="new theory form")
    capture(page, "theory-form")
    page.get_by_label("Title").fill("Nam-ra's blood is the cure")
    page.get_by_label("Your theory").fill("Half-zombies **resist** the Jonas virus.\n\nSee chapter 3.")
    page.locator("label", has_text="Choi Nam-ra").click()
    page.locator("label", has_text="Half-zombies").click()
    page.get_by_label(re.compile("Chapters")).fill("3")
    page.get_by_role("button", name="Post theory").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nam-ra's blood is the cure")
    theory = Theory.objects.get(title="Nam-ra's blood is the cure")
    assert theory.author.username == "onjo_believer"
    assert sorted(tag.slug for tag in theory.tags.all()) == ["choi-nam-ra", "half-zombies"]
    assert [chapter.number for chapter in theory.chapters.all()] == [3]
    expect(page.locator(".theory .prose strong")).to_have_text("resist")
    expect(page.locator(".theory .chapter-badge")).to_have_text("Ch. 3")
    check_page(page, label="theory page, own")

    # Finds it on the board, newest first.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=series.title).click()
    page.get_by_role("navigation", name="Sort theories").get_by_role("link", name="New").click()
    expect(page.locator(".theory-card").first).to_have_id(f"theory-{theory.pk}")
    expect(page.locator(f"#theory-{theory.pk}")).to_contain_text("Nam-ra's blood is the cure")
    check_page(page, label="series board, new")
    capture(page, "theory-list")
    capture(page, "theory-list", dark=True)

    # And by search, from the header.
    page.get_by_role("searchbox", name="Search theories").fill("blood cure")
    page.get_by_role("searchbox", name="Search theories").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search theories")
    expect(page.locator(".search-results .theory-card").first).to_contain_text("Nam-ra's blood is the cure")
    check_page(page, label="search results")

    # Their theory's tag page, and their own profile with the theory on it.
    page.goto(f"/series/{series.slug}/tags/choi-nam-ra/")
    expect(page.locator(f"#theory-{theory.pk}")).to_be_visible()
    check_page(page, label="tag page")
    page.get_by_role("banner").get_by_role("link", name="onjo_believer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("onjo_believer")
    expect(page.get_by_role("main")).to_contain_text("Nam-ra's blood is the cure")
    check_page(page, label="profile")


def test_a_second_fan_votes_and_comments_and_the_author_sees_both_live(new_page, series, tags):
    onjo = UserFactory(username="onjo_believer")
    theory = theory_create(
        author=onjo,
        series=series,
        title="Nam-ra's blood is the cure",
        body="Half-zombies **resist** the Jonas virus.",
        tag_slugs=["choi-nam-ra"],
        chapter_numbers=[3],
    )

    author = new_page()
    sign_in(author, "onjo_believer")
    author.goto(f"/theories/{theory.pk}/")
    expect(score_of(author, theory.pk)).to_have_text("0")
    expect(author.get_by_role("heading", name="0 comments")).to_be_visible()
    check_page(author, label="theory page, author")
    mark_as_loaded(author)

    fan = new_page()
    sign_up(fan, "bob_reads_webtoons")
    fan.goto(f"/series/{series.slug}/")
    fan.get_by_role("link", name="Nam-ra's blood is the cure").click()
    expect(fan.get_by_role("heading", level=1)).to_have_text("Nam-ra's blood is the cure")
    check_page(fan, label="theory page, other fan")
    fan.get_by_role("button", name="Upvote", exact=True).click()
    expect(score_of(fan, theory.pk)).to_have_text("1")
    expect(fan.get_by_role("button", name="Upvote", exact=True)).to_have_attribute("aria-pressed", "true")
    check_page(fan, label="theory page, voted")
    fan.get_by_label("Comment", exact=True).fill("Then why did **Gwi-nam** keep healing? Blood isn't all of it.")
    fan.get_by_role("button", name="Post comment").click()
    expect(fan.locator(".comment").first).to_contain_text("Then why did Gwi-nam keep healing?")
    check_page(fan, label="theory page, commented")

    # The author's page was never reloaded: the score and the comment arrived over the WebSocket.
    expect(score_of(author, theory.pk)).to_have_text("1", timeout=LIVE_TIMEOUT)
    expect(author.locator("#comments .comment").first).to_contain_text(
        "Then why did Gwi-nam keep healing?", timeout=LIVE_TIMEOUT
    )
    expect(author.locator("#comments-title")).to_have_text("1 comment")
    # Drawn like a server-rendered comment, down to the author's letter avatar in its colour.
    avatar = author.locator("#comments .comment .byline__author .avatar")
    expect(avatar).to_have_text("B")
    expect(avatar).to_have_class(re.compile(rf"avatar--tone{zlib.crc32(b'bob_reads_webtoons') % 8}\b"))
    assert_not_reloaded(author)
    check_page(author, label="theory page, author after live updates")
    capture(author, "theory")
    capture(author, "theory", dark=True)

    # The bell counts the comment; its list says who said what.
    author.get_by_role("link", name=re.compile("Notifications")).click()
    expect(author.get_by_role("main")).to_contain_text("bob_reads_webtoons commented on your theory")
    check_page(author, label="notifications")
    theory.refresh_from_db()
    assert (theory.upvotes, theory.downvotes, theory.score, theory.comment_count) == (1, 0, 1, 1)
