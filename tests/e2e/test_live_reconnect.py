"""Live updates come back by themselves: a dropped socket reconnects with growing delays, then events flow again.

live.js reconnects any socket that closes (except when the server refuses the reader, code 4401) after an
exponential delay with jitter: 0.5–1 s, then 1–2 s, 2–4 s, ... up to 30 s, reset once a connection opens.
The page here wraps the browser's WebSocket (an init script, before live.js runs) to see each attempt,
drop the connection, and make the server unreachable for a while.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import WATCHES, check_page
from tests.e2e.steps import LIVE_TIMEOUT, assert_not_reloaded, mark_as_loaded, score_of, sign_up
from tests.factories import UserFactory
from theories.services import theory_create

UNREACHABLE = "ws://127.0.0.1:9/"  # the discard port: nothing listens, the connection is refused at once

WATCH_SOCKETS = (
    f"const UNREACHABLE = {UNREACHABLE!r};\n"
    + """
(() => {
    const Native = window.WebSocket;
    window.__live = {attempts: [], opened: 0, refuse: false};
    window.WebSocket = class extends Native {
        constructor(url, ...rest) {
            const target = window.__live.refuse ? UNREACHABLE : url;
            super(target, ...rest);
            window.__live.attempts.push({url: String(url), at: performance.now(), socket: this});
            if (String(url).includes("/ws/theories/")) {
                this.addEventListener("open", () => { window.__live.opened += 1; });
            }
        }
    };
})();
"""
)


def theory_attempts(page) -> list[float]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "window.__live.attempts.filter((a) => a.url.includes('/ws/theories/')).map((a) => a.at / 1000)"
    )


def test_live_updates_reconnect_after_a_dropped_connection(new_page, series, tags):
    theory = theory_create(
        author=UserFactory(username="jinsu"),
        series=series,
        title="The Jonas virus was meant to make the bullied fight back",
        body="Byeong-chan wanted his son to survive.",
        tag_slugs=["half-zombies"],
    )

    # A visitor reads the theory; its page holds one socket to the theory's channel.
    reader = new_page()
    reader.add_init_script(WATCH_SOCKETS)
    reader.goto(f"/theories/{theory.pk}/")
    reader.wait_for_function("() => window.__live.opened === 1")
    check_page(reader, label="theory page, visitor")
    mark_as_loaded(reader)

    # The connection drops while the server cannot be reached: live.js retries, waiting longer each time.
    dropped_at = reader.evaluate(
        """() => {
            window.__live.refuse = true;
            const live = window.__live.attempts.filter((a) => a.url.includes("/ws/theories/")).at(-1);
            live.socket.close(4000, "dropped by the test");
            return performance.now() / 1000;
        }"""
    )
    reader.wait_for_function(
        "() => window.__live.attempts.filter((a) => a.url.includes('/ws/theories/')).length >= 4", timeout=20_000
    )
    times = [dropped_at, *theory_attempts(reader)[1:4]]
    waits = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert 0.4 <= waits[0] <= 1.5, waits
    assert waits[0] < waits[1] < waits[2], f"no backoff between attempts: {waits}"
    assert waits[2] >= 1.9, waits

    # The server is back: the next attempt connects, with no reload.
    reader.evaluate("window.__live.refuse = false")
    reader.wait_for_function("() => window.__live.opened === 2", timeout=20_000)
    assert_not_reloaded(reader)

    # A fan votes; the reconnected page shows it.
    fan = new_page()
    sign_up(fan, "bob_reads_webtoons")
    fan.goto(f"/theories/{theory.pk}/")
    fan.get_by_role("button", name="Upvote", exact=True).click()
    expect(score_of(fan, theory.pk)).to_have_text("1")
    expect(score_of(reader, theory.pk)).to_have_text("1", timeout=LIVE_TIMEOUT)
    assert_not_reloaded(reader)

    # The refused attempts logged their expected console errors; nothing else may have gone wrong.
    watch = WATCHES[reader]
    watch.errors[:] = [error for error in watch.errors if UNREACHABLE.rstrip("/") not in error]
    check_page(reader, label="theory page, visitor, after reconnecting")
