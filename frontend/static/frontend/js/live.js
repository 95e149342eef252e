// Live updates for series and theory pages: vote counts and new theories over a WebSocket.
// The page works without this file; it only keeps the numbers fresh.
(() => {
  "use strict";

  const main = document.querySelector("main[data-live-series], main[data-live-theory]");
  if (!main || !("WebSocket" in window)) {
    return;
  }

  const path = main.dataset.liveTheory
    ? `/ws/theories/${encodeURIComponent(main.dataset.liveTheory)}/`
    : `/ws/series/${encodeURIComponent(main.dataset.liveSeries)}/`;
  const url = `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}${path}`;

  const BASE_DELAY = 1000;
  const MAX_DELAY = 30000;
  let socket = null;
  let attempt = 0;
  let timer = null;
  let stopped = false;
  let newTheories = 0;
  const seenTheories = new Set();

  function elementsFor(theoryId, attribute) {
    const id = CSS.escape(String(theoryId));
    return document.querySelectorAll(`[data-theory-id="${id}"][${attribute}]`);
  }

  function onVoteUpdated(event) {
    for (const score of elementsFor(event.theory, "data-score")) {
      const value = score.querySelector("[data-score-value]") || score;
      if (value.textContent !== String(event.score)) {
        value.textContent = String(event.score);
      }
      score.title = `${event.upvotes} up, ${event.downvotes} down`;
    }
    for (const element of elementsFor(event.theory, "data-upvotes")) {
      element.textContent = String(event.upvotes);
    }
    for (const element of elementsFor(event.theory, "data-downvotes")) {
      element.textContent = String(event.downvotes);
    }
  }

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

  const handlers = {
    "vote.updated": onVoteUpdated,
    "theory.created": onTheoryCreated,
  };

  function scheduleReconnect() {
    clearTimeout(timer);
    // Exponential backoff with jitter, so a restarted server is not hit by every tab at once.
    const ceiling = Math.min(MAX_DELAY, BASE_DELAY * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
  }

  function connect() {
    clearTimeout(timer);
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      attempt = 0;
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
    socket.addEventListener("close", () => {
      socket = null;
      if (!stopped) {
        scheduleReconnect();
      }
    });
  }

  function reconnectNow() {
    if (!socket && !stopped) {
      attempt = 0;
      connect();
    }
  }

  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      reconnectNow();
    }
  });
  window.addEventListener("pagehide", () => {
    stopped = true;
    clearTimeout(timer);
    if (socket) {
      socket.close();
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      stopped = false;
      reconnectNow();
    }
  });

  connect();
})();
