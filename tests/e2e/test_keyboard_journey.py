"""Keyboard only: a fan signs in, posts a theory and votes with Tab, Enter, Space and typing, never the mouse.

At every stop of the Tab key the focused element must show it: an outline or a box shadow while it matches
:focus-visible (a visually hidden checkbox shows it on its label, the header's search input on its box).
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import check_page
from tests.e2e.steps import score_of
from tests.factories import PASSWORD, UserFactory
from theories.models import Theory

FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) {
        return {shown: false, what: "nothing (the page itself)"};
    }
    const shows = (node) => {
        const style = getComputedStyle(node);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return outline || (style.boxShadow && style.boxShadow !== "none");
    };
    let shown = el.matches(":focus-visible") && shows(el);
    if (!shown && el.labels) {
        shown = [...el.labels].some(shows);
    }
    // A bare input inside a styled box (the header search) shows the ring on the box.
    const box = el.parentElement;
    if (!shown && box && box.matches(":focus-within")) {
        const style = getComputedStyle(box);
        shown = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    }
    return {shown, what: el.outerHTML.slice(0, 160)};
}"""


def assert_focus_visible(page) -> None:  # type: ignore[no-untyped-def]
    state = page.evaluate(FOCUS_STATE)
    assert state["shown"], f"focus is not visible on {page.url}: {state['what']}"


def tab_to(page, target, *, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until `target` has focus, checking that every element passed on the way shows its focus."""
    handle = target.element_handle()
    is_focused = "(el) => el === document.activeElement"
    if page.evaluate(is_focused, handle):  # e.g. a field with autofocus
        return
    for _ in range(limit):
        page.keyboard.press("Tab")
        # Past the last element, focus leaves the document for the browser's own controls, then comes back.
        if page.evaluate("() => document.activeElement === document.body"):
            continue
        assert_focus_visible(page)
        if page.evaluate(is_focused, handle):
            return
    raise AssertionError(f"{limit} presses of Tab on {page.url} never reached {target}")


def test_a_fan_posts_and_votes_with_the_keyboard_only(new_page, series, tags, busy_series):
    UserFactory(username="kim_keys")
    other = busy_series[2]  # by another fan: three downvotes
    other.refresh_from_db()
    page = new_page()
    keyboard = page.keyboard

    page.goto("/accounts/login/")
    check_page(page, label="sign-in")
    tab_to(page, page.get_by_label("Username"))
    keyboard.type("kim_keys")
    tab_to(page, page.get_by_label("Password"))
    keyboard.type(PASSWORD)
    keyboard.press("Enter")
    expect(page.get_by_role("banner")).to_contain_text("kim_keys")
    check_page(page, label="after sign-in")

    page.goto(f"/series/{series.slug}/")
    check_page(page, label="series board")
    tab_to(page, page.get_by_role("link", name="Post a theory").first)
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a theory")
    check_page(page, label="new theory form")
    tab_to(page, page.get_by_label("Title"))
    keyboard.type("The school broadcast room was the safest place")
    tab_to(page, page.get_by_label("Your theory"))
    keyboard.type("Only one door, a working radio and a view of the yard.")
    nam_on_jo = page.locator("#tag-nam-on-jo")
    tab_to(page, nam_on_jo)
    keyboard.press("Space")
    expect(nam_on_jo).to_be_checked()
    tab_to(page, page.get_by_label("Chapters you cite"))
    keyboard.type("4")
    tab_to(page, page.get_by_role("button", name="Post theory"))
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("The school broadcast room was the safest place")
    check_page(page, label="theory page, posted")
    theory = Theory.objects.get(title="The school broadcast room was the safest place")
    assert [tag.slug for tag in theory.tags.all()] == ["nam-on-jo"]
    assert [chapter.number for chapter in theory.chapters.all()] == [4]

    page.goto(f"/theories/{other.pk}/")
    check_page(page, label="theory page, another fan's")
    upvote = page.get_by_role("button", name="Upvote", exact=True)
    tab_to(page, upvote)
    keyboard.press("Space")
    expect(score_of(page, other.pk)).to_have_text(str(other.score + 1))
    expect(upvote).to_have_attribute("aria-pressed", "true")
    # The vote widget is swapped in place; focus stays on the button, so the next key goes on from there.
    expect(upvote).to_be_focused()
    assert_focus_visible(page)
    # htmx wires the swapped-in form up when it settles (20 ms later); a key pressed before then would
    # submit it as a plain form, reloading the page. No person is that quick; this test can be.
    expect(page.locator(".htmx-added, .htmx-settling")).to_have_count(0)
    downvote = page.get_by_role("button", name="Downvote", exact=True)
    tab_to(page, downvote, limit=3)
    keyboard.press("Enter")
    expect(score_of(page, other.pk)).to_have_text(str(other.score - 1))
    expect(downvote).to_have_attribute("aria-pressed", "true")
    expect(downvote).to_be_focused()
    check_page(page, label="theory page, voted by keyboard")
    other.refresh_from_db()
    assert (other.upvotes, other.downvotes) == (0, 4)
