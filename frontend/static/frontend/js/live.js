// Live updates over WebSockets: vote counts, new theories and rulings on series and theory pages,
// and the signed-in reader's notifications on every page. The pages work without this file;
// it only keeps them fresh. Untrusted text is only ever set with textContent.
(() => {
  "use strict";

  if (!("WebSocket" in window)) {
    return;
  }

  const BASE_DELAY = 1000;
  const MAX_DELAY = 30000;
  // The server closes with 4401 when the socket needs a signed-in user: retrying will not help.
  const CLOSE_NOT_AUTHENTICATED = 4401;
  const sockets = [];

  // One WebSocket that reconnects with backoff, pauses with the page and dispatches events by type.
  function liveSocket(path, handlers) {
    const url = `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}${path}`;
    const live = { socket: null, attempt: 0, timer: null, stopped: false };

    function scheduleReconnect() {
      clearTimeout(live.timer);
      // Exponential backoff with jitter, so a restarted server is not hit by every tab at once.
      const ceiling = Math.min(MAX_DELAY, BASE_DELAY * 2 ** live.attempt);
      live.attempt += 1;
      live.timer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
    }

    function connect() {
      clearTimeout(live.timer);
      const socket = new WebSocket(url);
      live.socket = socket;
      socket.addEventListener("open", () => {
        live.attempt = 0;
      });
      socket.addEventListener("message", (message) => {
        let event;
        try {
          event = JSON.parse(message.data);
        } catch {
          return;
        }
        const handle = event && handlers[event.type];
        if (handle) {
          handle(event);
        }
      });
      socket.addEventListener("close", (event) => {
        live.socket = null;
        if (event.code === CLOSE_NOT_AUTHENTICATED) {
          live.stopped = true;
        }
        if (!live.stopped) {
          scheduleReconnect();
        }
      });
    }

    live.reconnectNow = () => {
      if (!live.socket && !live.stopped) {
        live.attempt = 0;
        connect();
      }
    };
    sockets.push(live);
    connect();
  }

  window.addEventListener("online", () => sockets.forEach((live) => live.reconnectNow()));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      sockets.forEach((live) => live.reconnectNow());
    }
  });
  window.addEventListener("pagehide", () => {
    for (const live of sockets) {
      live.stopped = true;
      clearTimeout(live.timer);
      if (live.socket) {
        live.socket.close();
      }
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      for (const live of sockets) {
        live.stopped = false;
        live.reconnectNow();
      }
    }
  });

  // --- small DOM helpers ---------------------------------------------------------------------------

  const SVG = "http://www.w3.org/2000/svg";
  const ICONS = {
    confirmed: "M8.5 13.6 4.9 10l-1.4 1.4 5 5 8-8-1.4-1.4z",
    contradicted: "m5.4 4 4.6 4.6L14.6 4 16 5.4 11.4 10l4.6 4.6-1.4 1.4-4.6-4.6L5.4 16 4 14.6 8.6 10 4 5.4z",
  };
  const VERDICTS = { confirmed: "Confirmed", contradicted: "Contradicted" };
  const dateFormat = new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function icon(path, className) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", `icon ${className || ""}`.trim());
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
  }

  // Only web links from the server's data become hrefs; anything else (javascript:, data:) is left out.
  function safeHref(value) {
    try {
      const parsed = new URL(String(value), window.location.origin);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch {
      return null;
    }
  }

  function time(iso, text) {
    const node = element("time", "", text);
    if (iso) {
      node.dateTime = String(iso);
    }
    return node;
  }

  function formatDate(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? "" : dateFormat.format(date);
  }

  function elementsFor(theoryId, attribute) {
    const id = CSS.escape(String(theoryId));
    return document.querySelectorAll(`[data-theory-id="${id}"][${attribute}]`);
  }

  // --- series and theory pages ---------------------------------------------------------------------

  function onVoteUpdated(event) {
    for (const score of elementsFor(event.theory, "data-score")) {
      const value = score.querySelector("[data-score-value]") || score;
      if (value.textContent !== String(event.score)) {
        value.textContent = String(event.score);
      }
      score.title = `${event.upvotes} up, ${event.downvotes} down`;
    }
    for (const node of elementsFor(event.theory, "data-upvotes")) {
      node.textContent = String(event.upvotes);
    }
    for (const node of elementsFor(event.theory, "data-downvotes")) {
      node.textContent = String(event.downvotes);
    }
  }

  let newTheories = 0;
  const seenTheories = new Set();

  function onTheoryCreated(event) {
    const notice = document.querySelector("[data-new-notice]");
    const theory = event.theory || {};
    if (!notice || seenTheories.has(theory.id) || document.getElementById(`theory-${theory.id}`)) {
      return;
    }
    seenTheories.add(theory.id);
    newTheories += 1;
    notice.querySelector("[data-new-count]").textContent = String(newTheories);
    notice.querySelector("[data-new-noun]").textContent = newTheories === 1 ? "theory" : "theories";
    notice.hidden = false;
  }

  // The same banner the server renders (components.html#ruling-banner), built from the event.
  function rulingBanner(ruling, compact) {
    const verdict = VERDICTS[ruling.verdict] ? ruling.verdict : "contradicted";
    const banner = element("div", `ruling ruling--${verdict}${compact ? " ruling--compact" : ""}`);
    banner.setAttribute("role", "note");

    const head = element("p", "ruling__verdict");
    head.append(icon(ICONS[verdict], "ruling__icon"), " ", element("strong", "", `${VERDICTS[verdict]} by official news.`));
    if (!compact) {
      const effect =
        verdict === "contradicted" ? "It stays readable, but no longer ranks in Hot." : "The theorists called it.";
      head.append(" ", element("span", "ruling__effect", effect));
    }
    banner.append(head);

    const news = ruling.news || {};
    const line = element("p", "ruling__news");
    const title = element("a", "ruling__title", String(news.title || "Official news"));
    title.href = `/news/${encodeURIComponent(String(news.id))}/`;
    const source = element("span", "ruling__source", `— ${news.publisher || ""}, `);
    source.append(time(news.published_at, formatDate(news.published_at)));
    const external = safeHref(news.url);
    if (external) {
      const link = element("a", "ruling__external", "Source");
      link.href = external;
      link.rel = "noopener nofollow";
      const arrow = element("span", "", " ↗");
      arrow.setAttribute("aria-hidden", "true");
      link.append(element("span", "visually-hidden", ` (opens ${external})`), arrow);
      source.append(" · ", link);
    }
    line.append(title, " ", source);
    banner.append(line);

    if (ruling.note) {
      banner.append(element("p", "ruling__note", String(ruling.note)));
    }

    const meta = element("p", "ruling__meta", "Ruled by ");
    const moderator = ruling.moderator && ruling.moderator.username;
    if (moderator) {
      const who = element("a", "", String(moderator));
      who.href = `/users/${encodeURIComponent(String(moderator))}/`;
      meta.append(who);
    } else {
      meta.append("a moderator");
    }
    meta.append(" · ", time(ruling.ruled_at, "just now"));
    banner.append(meta);
    return banner;
  }

  function onTheoryRuled(event) {
    const ruling = event.ruling || null;
    for (const slot of elementsFor(event.theory, "data-ruling-slot")) {
      slot.replaceChildren();
      if (ruling) {
        slot.append(rulingBanner(ruling, slot.hasAttribute("data-compact")));
      }
    }
    for (const slot of elementsFor(event.theory, "data-status-slot")) {
      slot.replaceChildren();
      if (VERDICTS[event.status]) {
        slot.append(element("span", `status status--${event.status}`, VERDICTS[event.status]));
      }
    }
  }

  // --- comments and edits on a theory page -----------------------------------------------------------

  // Levels a page draws (theories.selectors.MAX_DISPLAY_DEPTH); deeper replies live behind "Continue this thread".
  const MAX_DISPLAY_DEPTH = 6;
  let newComments = 0;

  function showCommentsNotice() {
    const notice = document.querySelector("[data-new-comments]");
    if (!notice) {
      return;
    }
    newComments += 1;
    notice.querySelector("[data-new-count]").textContent = String(newComments);
    notice.querySelector("[data-new-noun]").textContent = newComments === 1 ? "comment" : "comments";
    notice.hidden = false;
  }

  function bumpCommentCount() {
    const title = document.getElementById("comments-title");
    if (!title) {
      return;
    }
    const count = (Number.parseInt(title.textContent, 10) || 0) + 1;
    title.textContent = `${count} comment${count === 1 ? "" : "s"}`;
  }

  // The letter avatar of components.html#avatar: its colour is crc32(username) % 8, as the avatar_tone filter.
  const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
  });

  function crc32(text) {
    let crc = 0xffffffff;
    for (const byte of new TextEncoder().encode(text)) {
      crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
  }

  function avatar(username) {
    const tone = crc32(username) % 8;
    const node = element("span", `avatar avatar--tone${tone} avatar--small`, username.charAt(0).toUpperCase());
    node.setAttribute("aria-hidden", "true");
    return node;
  }

  // The same markup as theories/_comment.html for a fresh comment; only body_html (sanitized by the server) is HTML.
  function commentItem(comment, theoryAuthor) {
    const item = element("li", "comment comment--new");
    item.id = `comment-${comment.id}`;
    const head = element("div", "comment__head");
    const byline = element("p", "byline");
    const username = (comment.author && comment.author.username) || "";
    const author = element("a", "byline__author");
    author.append(avatar(username), username);
    author.href = `/users/${encodeURIComponent(username)}/`;
    byline.append(author);
    if (theoryAuthor && username === theoryAuthor) {
      byline.append(element("span", "op-badge", "OP"));
    }
    const sep = element("span", "byline__sep", "·");
    sep.setAttribute("aria-hidden", "true");
    const link = element("a", "byline__time");
    link.href = `/comments/${encodeURIComponent(String(comment.id))}/`;
    link.append(time(comment.created_at, "just now"));
    byline.append(sep, link);
    head.append(byline);
    const body = element("div", "prose prose--compact");
    body.innerHTML = String(comment.body_html || "");
    const actions = element("div", "comment__actions");
    if (document.body.dataset.user) {
      const reply = element("a", "comment__action", "Reply");
      reply.href = `/comments/${encodeURIComponent(String(comment.id))}/`;
      actions.append(reply);
    }
    item.append(head, body, actions);
    return item;
  }

  function onCommentCreated(event) {
    const comment = event.comment || {};
    const thread = document.querySelector("[data-comment-thread]");
    if (!comment.id || document.getElementById(`comment-${comment.id}`)) {
      return;
    }
    bumpCommentCount();
    const onFirstPage = !new URLSearchParams(window.location.search).get("from");
    const sort = new URLSearchParams(window.location.search).get("sort") || "best";
    const item = thread ? commentItem(comment, thread.dataset.theoryAuthor) : null;
    if (item && comment.parent == null && onFirstPage) {
      if (sort === "new") {
        thread.prepend(item);
      } else {
        thread.append(item);
      }
      const empty = document.querySelector(".comments__empty");
      if (empty) {
        empty.remove();
      }
      return;
    }
    const parent = comment.parent == null ? null : document.getElementById(`comment-${comment.parent}`);
    if (item && parent && thread.contains(parent) && Number(comment.depth) < MAX_DISPLAY_DEPTH) {
      let replies = parent.querySelector(":scope > ol.comment-thread--replies");
      if (!replies) {
        replies = element("ol", "comment-thread comment-thread--replies");
        const continueLink = parent.querySelector(":scope > .comment__continue");
        parent.insertBefore(replies, continueLink);
      }
      replies.append(item);
      return;
    }
    showCommentsNotice();
  }

  function onTheoryUpdated(event) {
    const theory = event.theory || {};
    const title = document.getElementById("theory-title");
    if (!title || String(theory.id) !== main.dataset.liveTheory) {
      return;
    }
    title.textContent = String(theory.title || title.textContent);
    const body = document.querySelector(".theory > .prose");
    // Live payloads withhold the bodies of theories citing chapters; those pages keep their text until reloaded.
    if (body && typeof theory.body_html === "string" && !theory.spoiler) {
      body.innerHTML = theory.body_html;
    }
  }

  // Controls that only work through htmx (the tag picker's filter) stay hidden without it.
  if (window.htmx) {
    for (const control of document.querySelectorAll("[data-needs-htmx]")) {
      control.hidden = false;
    }
  }

  const main = document.querySelector("main[data-live-series], main[data-live-theory]");
  if (main) {
    const path = main.dataset.liveTheory
      ? `/ws/theories/${encodeURIComponent(main.dataset.liveTheory)}/`
      : `/ws/series/${encodeURIComponent(main.dataset.liveSeries)}/`;
    liveSocket(path, {
      "vote.updated": onVoteUpdated,
      "theory.created": onTheoryCreated,
      "theory.ruled": onTheoryRuled,
      "comment.created": onCommentCreated,
      "theory.updated": onTheoryUpdated,
    });
  }

  // --- notifications, for signed-in readers --------------------------------------------------------

  const TOAST_SECONDS = 8;
  const MAX_TOASTS = 3;

  function bumpUnread(by) {
    for (const count of document.querySelectorAll("[data-unread-count]")) {
      const current = Number.parseInt(count.dataset.value || count.textContent, 10) || 0;
      const next = current + by;
      count.dataset.value = String(next);
      count.textContent = next > 99 ? "99+" : String(next);
      count.hidden = next === 0;
      const bell = count.closest("[data-bell]");
      if (bell) {
        bell.classList.toggle("bell--unread", next > 0);
        const label = bell.querySelector("[data-unread-label]");
        if (label) {
          label.textContent = next ? `, ${next} unread` : "";
        }
      }
    }
  }

  function showToast(notification) {
    const box = document.querySelector("[data-toasts]");
    if (!box) {
      return;
    }
    while (box.children.length >= MAX_TOASTS) {
      box.firstElementChild.remove();
    }
    const toast = element("div", "toast");
    toast.setAttribute("role", "status");
    const text = String(notification.text || "You have a new notification.");
    const id = Number.parseInt(notification.id, 10);
    const body = Number.isFinite(id) ? element("a", "toast__link", text) : element("p", "toast__text", text);
    if (Number.isFinite(id)) {
      body.href = `/notifications/${id}/`;
    }
    const close = element("button", "toast__close");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss");
    close.append(icon(ICONS.contradicted));
    close.addEventListener("click", () => toast.remove());
    toast.append(icon("M10 2a5 5 0 0 0-5 5v3.6L3.3 13.5V15h13.4v-1.5L15 10.6V7a5 5 0 0 0-5-5zm-2 14a2 2 0 0 0 4 0z", "toast__icon"), body, close);
    box.append(toast);
    let timer = setTimeout(() => toast.remove(), TOAST_SECONDS * 1000);
    // Keep it while the reader points at it or tabs into it.
    toast.addEventListener("mouseenter", () => clearTimeout(timer));
    toast.addEventListener("focusin", () => clearTimeout(timer));
    toast.addEventListener("mouseleave", () => {
      timer = setTimeout(() => toast.remove(), TOAST_SECONDS * 1000);
    });
  }

  function onNotificationCreated(event) {
    const notification = event.notification || {};
    if (notification.is_read) {
      return;
    }
    bumpUnread(1);
    showToast(notification);
  }

  if (document.body.dataset.user === "1") {
    liveSocket("/ws/notifications/", { "notification.created": onNotificationCreated });
  }
})();
