"""A moderator registers official news and rules a theory contradicted while fans watch; a flagged comment is hidden."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from moderation.models import Flag
from tests.e2e.conftest import capture, check_page
from tests.e2e.steps import LIVE_TIMEOUT, assert_not_reloaded, mark_as_loaded, sign_in, sign_up
from tests.factories import UserFactory
from theories.models import Comment
from theories.services import comment_create, theory_create

TROLL_TEXT = "Season 2 leak: Nam-ra dies in episode 3, everyone knows it, stop theorising."


def test_a_moderator_rules_a_theory_live_and_hides_a_flagged_comment(new_page, series, tags):
    alice = UserFactory(username="alice_theorist")
    UserFactory(username="mona_mod", groups=["moderators"])
    theory = theory_create(
        author=alice,
        series=series,
        title="Nam-ra will lead the half-zombies in season 2",
        body="She keeps her mind, hears everything and stays hungry.",
        tag_slugs=["choi-nam-ra", "half-zombies"],
    )
    troll = comment_create(author=UserFactory(username="leak_account"), theory=theory, body=TROLL_TEXT)

    # The author has her theory open.
    author = new_page()
    sign_in(author, "alice_theorist")
    author.goto(f"/theories/{theory.pk}/")
    expect(author.get_by_role("heading", level=1)).to_have_text(theory.title)
    check_page(author, label="theory page, author")
    mark_as_loaded(author)

    # A new fan flags the leak, then keeps the series board open.
    fan = new_page()
    sign_up(fan, "bob_reads_webtoons")
    fan.goto(f"/theories/{theory.pk}/")
    comment = fan.locator(f"#comment-{troll.pk}")
    comment.locator(".flag__toggle").click()
    comment.get_by_label("Reason").select_option(label="Unmarked spoiler")
    comment.get_by_role("button", name="Send flag").click()
    expect(comment.get_by_role("status")).to_have_text(re.compile("Thanks — the moderators will review this comment"))
    check_page(fan, label="theory page, flagged a comment")
    assert Flag.objects.filter(
        target_type="comment", target_id=troll.pk, reporter__username="bob_reads_webtoons"
    ).exists()
    fan.goto(f"/series/{series.slug}/")
    check_page(fan, label="series board, fan")
    mark_as_loaded(fan)

    # The moderator registers the news...
    moderator = new_page()
    sign_in(moderator, "mona_mod")
    moderator.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    check_page(moderator, label="news list, moderator")
    moderator.get_by_role("link", name="Register news").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Register official news")
    check_page(moderator, label="news form")
    moderator.get_by_label("Title").fill("Netflix confirms season 2 follows the survivors, not the half-zombies")
    moderator.get_by_label("Link").fill("https://about.netflix.com/en/news/all-of-us-are-dead-season-2")
    moderator.get_by_label("Publisher").fill("Netflix")
    moderator.get_by_label("Published").fill("2026-11-20T09:00")
    moderator.get_by_label(re.compile("Summary")).fill("Season 2 centres on On-jo and the survivors at the shelter.")
    moderator.locator("label", has_text="Choi Nam-ra").click()
    moderator.get_by_role("button", name=re.compile("Register")).click()
    expect(moderator.get_by_role("status")).to_contain_text("News registered")
    check_page(moderator, label="news item, moderator")

    # ...and rules the theory contradicted from its page.
    moderator.goto(f"/theories/{theory.pk}/")
    panel = moderator.get_by_role("region", name="Moderation")
    panel.get_by_label("Contradicted").check()
    panel.get_by_label("Official news").select_option(index=1)
    panel.get_by_label("Note").fill("Season 2 follows the survivors; Nam-ra does not lead anyone.")
    panel.get_by_role("button", name="Rule", exact=True).click()
    expect(moderator.locator(".theory .ruling--contradicted")).to_be_visible()
    check_page(moderator, label="theory page, ruled, moderator")

    # The fans' open pages show the ruling without a reload.
    banner = author.locator(".theory .ruling--contradicted")
    expect(banner).to_contain_text("Contradicted by official news.", timeout=LIVE_TIMEOUT)
    expect(banner).to_contain_text("Nam-ra does not lead anyone")
    expect(author.locator(".theory .status--contradicted")).to_have_text("Contradicted")
    assert_not_reloaded(author)
    check_page(author, label="theory page, author, ruled live")
    card = fan.locator(f"#theory-{theory.pk}")
    expect(card.locator(".ruling--contradicted")).to_contain_text(
        "Contradicted by official news.", timeout=LIVE_TIMEOUT
    )
    expect(card.locator(".status--contradicted")).to_have_text("Contradicted")
    assert_not_reloaded(fan)
    check_page(fan, label="series board, ruled live")
    capture(author, "theory-ruled")

    # The flagged comment waits in the queue; the moderator hides it from there.
    moderator.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Flag queue")
    item = moderator.locator(f"#queue-comment-{troll.pk}")
    expect(item).to_contain_text("Unmarked spoiler")
    expect(item).to_contain_text("Season 2 leak")
    check_page(moderator, label="moderation queue")
    capture(moderator, "moderation-queue")
    item.get_by_role("textbox", name=re.compile("^Reason")).fill("Unmarked season 2 spoiler presented as fact.")
    item.get_by_role("button", name="Hide", exact=True).click()
    expect(item.get_by_role("status")).to_have_text(re.compile("Hid the comment and closed 1 flag"))
    check_page(moderator, label="moderation queue, resolved")
    moderator.reload()
    expect(moderator.get_by_text("The queue is empty.")).to_be_visible()
    check_page(moderator, label="moderation queue, empty")
    assert Comment.objects.get(pk=troll.pk).is_hidden
    tabs = moderator.get_by_role("navigation", name="Moderation")
    tabs.get_by_role("link", name="Audit log").click()
    expect(moderator.get_by_role("main")).to_contain_text("Unmarked season 2 spoiler presented as fact.")
    check_page(moderator, label="audit log")
    moderator.get_by_role("navigation", name="Moderation").get_by_role("link", name="Suspensions").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Suspensions")
    check_page(moderator, label="suspensions")

    author.reload()
    # Readers no longer see the hidden comment at all.
    expect(author.locator(f"#comment-{troll.pk}")).to_have_count(0)
    expect(author.locator("#comments")).not_to_contain_text("Season 2 leak")
    check_page(author, label="theory page, comment hidden")
