"""Who may do what: every API endpoint and page, for six personas, in one table.

Rows come from the URL resolver's routes (test_every_route_has_a_row fails for a route without one).
Each row names a method, a route and its arguments, what to send, and the expected answer for each of
visitor, fan (alice, the author of the objects), other fan (bob), writer (wren), moderator (mona) and
suspended user (sam). Each cell runs in a savepoint that is rolled back, so every persona meets the same
world; a refused cell must also leave the database as it found it.

Expected answers: a status code, or LOGIN for a redirect to the sign-in page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from accounts.models import User
from moderation.models import Flag, OfficialNews, Ruling, Suspension
from tests.factories import PASSWORD, CommentFactory, TheoryFactory, UserFactory
from theories.models import Comment, Theory
from voting.models import Vote

pytestmark = pytest.mark.django_db

PERSONAS = ("visitor", "fan", "other_fan", "writer", "moderator", "suspended")
LOGIN = "login"  # a redirect to the sign-in page
CELLS_CHECKED: list[int] = []


# --- the world every cell meets -------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, Any]
    series: Any
    theory: Theory  # alice's, with comment `comment` (alice's) and `reply` (bob's)
    comment: Comment
    reply: Comment
    neutral: Theory  # nell's theory: flagged by bob, so it is in the queue
    hidden: Theory  # nell's theory hidden by a moderator
    ruled: Theory  # nell's theory ruled contradicted
    news: OfficialNews
    suspension: Suspension
    notification_id: int
    extra: dict = field(default_factory=dict)


@pytest.fixture
def world(series, tags, fan, other_fan, writer, moderator, suspended_fan) -> World:
    from moderation.services import flag_create, flag_resolve, news_create, ruling_create
    from notifications.services import notify_comment

    nell = UserFactory(username="nell")
    theory = TheoryFactory(series=series, tags=tags[:1], author=fan, title="Alice's theory about On-jo")
    comment = CommentFactory(theory=theory, author=fan, body="Alice's comment.")
    reply = CommentFactory(theory=theory, author=other_fan, parent=comment, body="Bob's reply.")
    neutral = TheoryFactory(series=series, tags=tags[:1], author=nell, title="Nell's neutral theory")
    hidden = TheoryFactory(series=series, tags=tags[:1], author=nell, title="Nell's hidden theory")
    ruled = TheoryFactory(series=series, tags=tags[:1], author=nell, title="Nell's ruled theory")
    news = news_create(
        moderator=moderator, series=series, title="Netflix confirms season 2", url="https://example.com/news",
        publisher="Netflix", published_at=datetime(2025, 6, 1, tzinfo=UTC), tag_slugs=["nam-on-jo"],
    )  # fmt: skip
    ruling_create(moderator=moderator, theory_id=ruled.pk, news_id=news.pk, verdict="contradicted", note="No.")
    flag_create(reporter=other_fan, target_type="theory", target_id=neutral.pk, reason="spam")
    flag_create(reporter=other_fan, target_type="theory", target_id=hidden.pk, reason="spam")
    flag_resolve(moderator=moderator, target_type="theory", target_id=hidden.pk, action="hide", reason="Spam.")
    notify_comment(comment_id=reply.pk)  # alice hears about bob's reply
    from trends.services import snapshot_compute

    snapshot_compute(series=series, window="24h")
    from notifications.models import Notification

    return World(
        users={
            "visitor": None,
            "fan": fan,
            "other_fan": other_fan,
            "writer": writer,
            "moderator": moderator,
            "suspended": suspended_fan,
        },  # fmt: skip
        series=series,
        theory=theory,
        comment=comment,
        reply=reply,
        neutral=neutral,
        hidden=hidden,
        ruled=ruled,
        news=news,
        suspension=Suspension.objects.get(user=suspended_fan),
        notification_id=Notification.objects.filter(user=fan).values_list("pk", flat=True).first(),
    )


# --- expectations ------------------------------------------------------------------------------------


def everyone(status: int) -> dict[str, object]:
    return dict.fromkeys(PERSONAS, status)


def api_signed_in(ok: int) -> dict[str, object]:
    return {**everyone(ok), "visitor": 401}


def api_posting(ok: int) -> dict[str, object]:
    """Signed-in and not suspended (posting, voting, flagging)."""
    return {**api_signed_in(ok), "suspended": 403}


def api_moderators(ok: int) -> dict[str, object]:
    return {**everyone(403), "visitor": 401, "moderator": ok}


def api_writers(ok: int) -> dict[str, object]:
    return {**everyone(403), "visitor": 401, "writer": ok, "moderator": ok}


def api_author_or_moderator(ok: int) -> dict[str, object]:
    return {**everyone(403), "visitor": 401, "fan": ok, "moderator": ok}


def page_signed_in(ok: object) -> dict[str, object]:
    return {**everyone(ok), "visitor": LOGIN}


def page_moderators(ok: object) -> dict[str, object]:
    return {**everyone(403), "visitor": LOGIN, "moderator": ok}


def page_writers(ok: object) -> dict[str, object]:
    return {**everyone(403), "visitor": LOGIN, "writer": ok, "moderator": ok}


def page_author_or_moderator(ok: object) -> dict[str, object]:
    return {**everyone(403), "visitor": LOGIN, "fan": ok, "moderator": ok}


# --- rows -------------------------------------------------------------------------------------------


@dataclass
class Row:
    method: str
    route: str
    kwargs: Callable[[World], dict]
    expect: dict[str, object]
    data: Callable[[World, str], dict] | None = None
    api: bool = True  # JSON body; pages post forms
    query: str = ""
    note: str = ""
    # Personas whose request is answered without an error status (a page re-rendered with its error, a
    # redirect back with a message) but must still change nothing.
    unchanged: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}{' ' + self.note if self.note else ''}"


def no_args(w: World) -> dict:
    return {}


def theory_pk(w: World) -> dict:
    return {"pk": w.theory.pk}


def comment_pk(w: World) -> dict:
    return {"pk": w.comment.pk}


def series_slug(w: World) -> dict:
    return {"slug": w.series.slug}


def news_pk(w: World) -> dict:
    return {"pk": w.news.pk}


def new_theory(w: World, persona: str) -> dict:
    return {"series": w.series.slug, "title": f"A theory by {persona}", "body": "Body.", "tags": ["nam-on-jo"]}


def new_news(w: World, persona: str) -> dict:
    return {
        "series": w.series.slug, "title": f"News by {persona}", "url": "https://example.com/n",
        "publisher": "Netflix", "published_at": "2025-07-01T00:00:00Z",
    }  # fmt: skip


def body(w: World, persona: str) -> dict:
    return {"body": f"Words by {persona}."}


def upvote(w: World, persona: str) -> dict:
    return {"value": 1}


def reason(w: World, persona: str) -> dict:
    return {"reason": f"Because {persona} said so."}


def flag_neutral(w: World, persona: str) -> dict:
    return {"target_type": "theory", "target_id": w.ruled.pk, "reason": "off_topic", "text": ""}


A = api_signed_in
ROWS: list[Row] = [
    # accounts
    Row("POST", "api-register", no_args, everyone(201),
        lambda w, p: {"username": f"new_{p}", "email": f"new_{p}@example.com", "password": "zombie-school-2022"}),
    Row("POST", "api-token", no_args, {**everyone(200), "visitor": 400},
        lambda w, p: {"username": w.users[p].username if w.users[p] else "nobody", "password": PASSWORD}),
    Row("GET", "api-reading-progress", no_args, A(200)),
    Row("PUT", "api-reading-progress", no_args, A(200), lambda w, p: {"series": w.series.slug, "chapter": 3}),
    # theories
    Row("GET", "api-theory-list", no_args, everyone(200), query="?series=all-of-us-are-dead"),
    Row("POST", "api-theory-list", no_args, api_posting(201), new_theory),
    Row("GET", "api-theory-detail", theory_pk, everyone(200)),
    Row("PATCH", "api-theory-detail", theory_pk, api_author_or_moderator(200),
        lambda w, p: {"title": f"Edited by {p}"}),
    Row("DELETE", "api-theory-detail", theory_pk, api_author_or_moderator(204)),
    # Hidden by moderation: a 404 for all but its author (nell); moderators see it in the queue and on its page.
    Row("GET", "api-theory-detail", lambda w: {"pk": w.hidden.pk}, everyone(404), note="hidden"),
    Row("GET", "api-theory-revisions", theory_pk, everyone(200)),
    Row("GET", "api-theory-comments", theory_pk, everyone(200)),
    Row("POST", "api-theory-comments", theory_pk, api_posting(201), body),
    Row("PATCH", "api-comment-detail", comment_pk, api_author_or_moderator(200), body),
    Row("DELETE", "api-comment-detail", comment_pk, api_author_or_moderator(204)),
    Row("PATCH", "api-comment-detail", lambda w: {"pk": w.reply.pk},
        {**api_author_or_moderator(200), "fan": 403, "other_fan": 200}, body, note="bob's"),
    Row("GET", "api-series-list", no_args, everyone(200)),
    Row("GET", "api-series-detail", series_slug, everyone(200)),
    Row("GET", "api-series-chapters", series_slug, everyone(200)),
    Row("GET", "api-tag-list", no_args, everyone(200)),
    # voting: not on one's own theory or comment
    Row("PUT", "api-theory-vote", theory_pk, {**api_posting(200), "fan": 403}, upvote),
    Row("DELETE", "api-theory-vote", theory_pk, {**api_posting(200), "fan": 403}),
    Row("PUT", "api-comment-vote", comment_pk, {**api_posting(200), "fan": 403}, upvote),
    Row("DELETE", "api-comment-vote", comment_pk, {**api_posting(200), "fan": 403}),
    # moderation
    Row("GET", "api-news-list", no_args, everyone(200)),
    Row("POST", "api-news-list", no_args, api_moderators(201), new_news),
    Row("GET", "api-news-detail", news_pk, everyone(200)),
    Row("PATCH", "api-news-detail", news_pk, api_moderators(200), lambda w, p: {"title": f"Retitled by {p}"}),
    Row("GET", "api-news-candidates", news_pk, api_moderators(200)),
    Row("POST", "api-news-rulings", news_pk, api_moderators(201),
        lambda w, p: {"theories": [w.neutral.pk], "verdict": "confirmed", "note": "Yes."}),
    Row("POST", "api-theory-ruling", theory_pk, api_moderators(201),
        lambda w, p: {"news": w.news.pk, "verdict": "confirmed", "note": "Yes."}),
    Row("DELETE", "api-theory-ruling", lambda w: {"pk": w.ruled.pk}, api_moderators(200), reason),
    Row("POST", "api-flags", no_args, api_posting(201), flag_neutral),
    Row("GET", "api-moderation-queue", no_args, api_moderators(200)),
    Row("POST", "api-moderation-resolve", lambda w: {"target_type": "theory", "target_id": w.neutral.pk},
        api_moderators(200), lambda w, p: {"action": "dismiss", "reason": "Fine."}),
    Row("POST", "api-moderation-restore", lambda w: {"target_type": "theory", "target_id": w.hidden.pk},
        api_moderators(200), reason),
    Row("GET", "api-suspensions", no_args, api_moderators(200)),
    Row("POST", "api-suspensions", no_args, api_moderators(201),
        lambda w, p: {"user": "bob", "days": 3, "reason": "Spoilers."}),
    Row("DELETE", "api-suspension-detail", lambda w: {"pk": w.suspension.pk}, api_moderators(200), reason),
    Row("GET", "api-moderation-audit", no_args, api_moderators(200)),
    Row("GET", "api-user-profile", lambda w: {"username": "alice"}, everyone(200)),
    # notifications
    Row("GET", "api-notification-list", no_args, A(200)),
    Row("POST", "api-notification-read", no_args, A(200), lambda w, p: {"ids": [w.notification_id]}),
    Row("GET", "api-notification-unread", no_args, A(200)),
    Row("GET", "api-follows", no_args, A(200)),
    Row("POST", "api-follows", no_args, A(201), lambda w, p: {"target_type": "theory", "target_id": w.neutral.pk}),
    Row("DELETE", "api-follows", no_args, A(204), lambda w, p: {"target_type": "theory", "target_id": w.neutral.pk}),
    # trends
    Row("GET", "api-trends", no_args, everyone(200), query="?series=all-of-us-are-dead&window=24h"),
    Row("GET", "api-trends-history", no_args, everyone(200), query="?series=all-of-us-are-dead&tag=nam-on-jo"),
    Row("GET", "api-trends-export", no_args, api_writers(200), query="?series=all-of-us-are-dead&window=24h"),
    Row("POST", "api-trends-refresh", no_args, api_writers(202), lambda w, p: {"series": w.series.slug}),
    Row("GET", "api-trends-task", lambda w: {"task_id": uuid.UUID(int=7)}, api_writers(404)),
    # the rest of the API
    Row("GET", "api-meta", no_args, everyone(200)),
    Row("GET", "healthz", no_args, everyone(200)),
    Row("GET", "schema", no_args, everyone(200)),
    Row("GET", "api-docs", no_args, everyone(200)),
    Row("GET", "feed-trends", series_slug, everyone(200)),
    Row("GET", "feed-theories", series_slug, everyone(200)),
]  # fmt: skip

P = page_signed_in
PAGE_ROWS: list[Row] = [
    Row("GET", "home", no_args, everyone(302)),  # to the default series
    Row("GET", "series-list", no_args, everyone(200)),
    Row("GET", "series-detail", series_slug, everyone(200)),
    Row("GET", "tag-detail", lambda w: {"slug": w.series.slug, "tag_slug": "nam-on-jo"}, everyone(200)),
    Row("GET", "tag-options", series_slug, everyone(200)),
    # Visitors choose a chapter too (kept in their session), so spoilers stay collapsed for them.
    Row("POST", "progress-set", series_slug, everyone(302), lambda w, p: {"chapter": "3"}),
    Row("GET", "search", no_args, everyone(200), query="?q=alice"),
    Row("GET", "theory-create", no_args, P(200)),
    Row("POST", "theory-create", no_args, {**P(302), "suspended": 200}, unchanged=("suspended",), data=
        lambda w, p: {"series": w.series.slug, "title": f"A theory by {p}", "body": "Body.", "tags": ["nam-on-jo"]}),
    Row("GET", "theory-detail", theory_pk, everyone(200)),
    Row("GET", "theory-detail", lambda w: {"pk": w.hidden.pk}, {**everyone(404), "moderator": 200}, note="hidden"),
    Row("POST", "theory-vote", theory_pk, P(302), lambda w, p: {"value": "1"}, unchanged=("fan", "suspended")),
    Row("GET", "theory-edit", theory_pk, page_author_or_moderator(200)),
    Row("POST", "theory-edit", theory_pk, page_author_or_moderator(302),
        lambda w, p: {"series": w.series.slug, "title": f"Edited by {p}", "body": "New body.", "tags": ["nam-on-jo"]}),
    Row("GET", "theory-delete", theory_pk, page_author_or_moderator(200)),
    Row("POST", "theory-delete", theory_pk, page_author_or_moderator(302)),
    Row("GET", "theory-history", theory_pk, everyone(200)),
    Row("POST", "comment-create", theory_pk, {**P(302), "suspended": 400}, body),
    Row("GET", "comment-detail", comment_pk, everyone(200)),
    Row("POST", "comment-vote", comment_pk, P(302), lambda w, p: {"value": "1"}, unchanged=("fan", "suspended")),
    Row("GET", "comment-edit", comment_pk, page_author_or_moderator(200)),
    Row("POST", "comment-edit", comment_pk, page_author_or_moderator(302), body),
    Row("POST", "comment-delete", comment_pk, page_author_or_moderator(302)),
    Row("POST", "theory-rule", theory_pk, page_moderators(302),
        lambda w, p: {"news": str(w.news.pk), "verdict": "confirmed", "note": "Yes."}),
    Row("POST", "theory-revoke", lambda w: {"pk": w.ruled.pk}, page_moderators(302), reason),
    Row("POST", "theory-restore", lambda w: {"pk": w.hidden.pk}, page_moderators(302), reason),
    Row("GET", "news-list", no_args, everyone(200)),
    Row("GET", "news-create", no_args, page_moderators(200)),
    Row("POST", "news-create", no_args, page_moderators(302),
        lambda w, p: {**new_news(w, p), "published_at": "2025-07-01 00:00"}),
    Row("GET", "news-detail", news_pk, everyone(200)),
    Row("POST", "news-rule", news_pk, page_moderators(302),
        lambda w, p: {"theories": [str(w.neutral.pk)], "verdict": "confirmed", "note": "Yes."}),
    Row("POST", "flag-create", no_args, P(302), flag_neutral, unchanged=("suspended",)),
    Row("GET", "moderation", no_args, everyone(302)),
    Row("GET", "moderation-queue", no_args, page_moderators(200)),
    Row("POST", "moderation-resolve", lambda w: {"target_type": "theory", "target_id": w.neutral.pk},
        page_moderators(302), lambda w, p: {"action": "dismiss", "reason": "Fine."}),
    Row("GET", "moderation-audit", no_args, page_moderators(200)),
    Row("GET", "moderation-suspensions", no_args, page_moderators(200)),
    Row("POST", "moderation-suspensions", no_args, page_moderators(302),
        lambda w, p: {"username": "bob", "days": "3", "reason": "Spoilers."}),
    Row("POST", "moderation-lift", lambda w: {"pk": w.suspension.pk}, page_moderators(302), reason),
    Row("POST", "follow-toggle", no_args, P(302),
        lambda w, p: {"target_type": "theory", "target_id": str(w.neutral.pk), "follow": "1"}),
    Row("GET", "notifications", no_args, P(200)),
    Row("POST", "notifications-read", no_args, P(302)),
    Row("GET", "notification-open", lambda w: {"pk": w.notification_id}, {**P(404), "fan": 302}),
    Row("GET", "signup", no_args, {**everyone(302), "visitor": 200}),  # the signed-in are sent on
    Row("POST", "signup", no_args, everyone(302),
        lambda w, p: {"username": f"new_{p}", "email": f"new_{p}@example.com", "password": "zombie-school-2022"}),
    Row("GET", "login", no_args, {**everyone(302), "visitor": 200}),
    Row("POST", "login", no_args, {**everyone(302), "visitor": 200},
        lambda w, p: {"username": w.users[p].username if w.users[p] else "nobody", "password": PASSWORD}),
    Row("POST", "logout", no_args, everyone(302)),
    Row("GET", "profile", lambda w: {"username": "alice"}, everyone(200)),
    # the writers' feed
    Row("GET", "trends-index", no_args, everyone(302)),
    Row("GET", "series-trends", series_slug, everyone(200)),
    Row("GET", "series-trends-history", series_slug, page_writers(200)),
    Row("GET", "series-trends-compare", series_slug, page_writers(200)),
    Row("GET", "series-trends-export", series_slug, page_writers(200)),
]  # fmt: skip
for row in PAGE_ROWS:
    row.api = False


# --- running a cell ------------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def _fingerprint() -> dict:
    """What a refused request must not change: every row count and the objects' writable state."""
    from notifications.models import Follow, Notification
    from trends.models import Snapshot

    models = (User, Theory, Comment, Vote, Flag, OfficialNews, Ruling, Suspension, Follow, Notification, Snapshot)
    state: dict[str, object] = {model.__name__: model.objects.count() for model in models}
    state["theories"] = list(
        Theory.objects.order_by("pk").values_list(
            "pk", "title", "body", "status", "is_deleted", "is_hidden", "upvotes", "downvotes", "score", "author_id"
        )
    )
    state["comments"] = list(
        Comment.objects.order_by("pk").values_list("pk", "body", "is_deleted", "is_hidden", "upvotes", "author_id")
    )
    state["news"] = list(OfficialNews.objects.order_by("pk").values_list("pk", "title"))
    state["suspensions"] = list(Suspension.objects.order_by("pk").values_list("pk", "ends_at", "lifted_at"))
    state["unread"] = Notification.objects.filter(read_at__isnull=True).count()
    state["users"] = list(User.objects.order_by("pk").values_list("pk", "is_staff", "is_superuser", "is_active"))
    return state


def _outcome(response) -> object:  # type: ignore[no-untyped-def]
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


class Clients:
    """One API client and one browser client per persona, made once: each Django test client loads the
    middleware (WhiteNoise scans the static files) when first used. Cookies are reset before every request
    to the persona's own session, which is made once, outside the cells' savepoints."""

    def __init__(self, w: World) -> None:
        self.api: dict[str, APIClient] = {}
        self.page: dict[str, Client] = {}
        self.session: dict[str, str | None] = {}
        for persona, user in w.users.items():
            self.api[persona] = APIClient()
            self.page[persona] = Client()
            self.session[persona] = None
            if user is not None:
                self.api[persona].force_authenticate(user)
                self.page[persona].force_login(user)
                self.session[persona] = self.page[persona].cookies["sessionid"].value

    def for_page(self, persona: str) -> Client:
        client = self.page[persona]
        client.cookies = SimpleCookie()
        if self.session[persona]:
            client.cookies["sessionid"] = self.session[persona]
        return client

    def for_api(self, persona: str) -> APIClient:
        client = self.api[persona]
        client.cookies = SimpleCookie()
        return client


def _call(row: Row, w: World, persona: str, clients: Clients) -> object:
    url = reverse(row.route, kwargs=row.kwargs(w)) + row.query
    data = row.data(w, persona) if row.data else None
    if row.api:
        response = getattr(clients.for_api(persona), row.method.lower())(url, data=data, format="json")
    else:
        response = getattr(clients.for_page(persona), row.method.lower())(url, data=data or {})
    return _outcome(response)


def _cell(row: Row, w: World, persona: str, clients: Clients) -> tuple[object, bool]:
    """The outcome of one persona's request and whether the database changed, rolled back afterwards."""
    result: dict = {}
    try:
        with transaction.atomic():
            before = _fingerprint()
            result["outcome"] = _call(row, w, persona, clients)
            result["changed"] = _fingerprint() != before
            raise _Rollback
    except _Rollback:
        pass
    return result["outcome"], result["changed"]


@pytest.fixture(autouse=True)
def _healthz_without_a_worker(monkeypatch):
    """No Celery worker runs beside these tests: /healthz's other checks are what is under test here."""
    from core import health

    monkeypatch.setitem(health.CHECKS, "celery", lambda: None)


def test_the_access_matrix(world: World) -> None:
    """Every row for every persona against one world; all wrong cells are listed together."""
    clients = Clients(world)
    wrong = []
    for row in ROWS + PAGE_ROWS:
        for persona in PERSONAS:
            outcome, changed = _cell(row, world, persona, clients)
            expected = row.expect[persona]
            if outcome != expected:
                wrong.append(f"{row.id} as {persona}: got {outcome}, expected {expected}")
            refused = outcome == LOGIN or (isinstance(outcome, int) and outcome >= 400)
            if (refused or persona in row.unchanged) and changed:
                wrong.append(f"{row.id} as {persona}: answered {outcome} but the database changed")
    CELLS_CHECKED.append(len(ROWS + PAGE_ROWS) * len(PERSONAS))
    assert not wrong, f"{len(wrong)} wrong cells:\n" + "\n".join(wrong)


# --- every route has a row -------------------------------------------------------------------------------

# Django's admin: closed to all six personas (none is staff); its routes are checked by ADMIN_ROUTES below.
ADMIN_PREFIX = "admin/"
CATCH_ALL = "^api/"  # core.views.ApiNotFound: a JSON 404 for any method, checked below


def _routes(resolver=None, prefix: str = "", names: tuple = ()) -> list[tuple[str, str | None, Any]]:  # type: ignore[no-untyped-def]
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern, prefix + str(pattern.pattern), names)
        elif isinstance(pattern, URLPattern):
            found.append((prefix + str(pattern.pattern), pattern.name, pattern.callback))
    return found


def _api_methods(callback) -> set[str]:  # type: ignore[no-untyped-def]
    from rest_framework.views import APIView

    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None or not issubclass(view_class, APIView):
        return set()
    return {method.upper() for method in ("get", "post", "put", "patch", "delete") if hasattr(view_class, method)}


def test_every_route_has_a_row() -> None:
    covered = {(row.route, row.method) for row in ROWS + PAGE_ROWS}
    covered_routes = {route for route, _ in covered}
    missing = []
    for pattern, name, callback in _routes():
        if pattern.startswith(ADMIN_PREFIX) or pattern == CATCH_ALL:
            continue
        if name is None:
            missing.append(f"{pattern} has no name")
            continue
        if name not in covered_routes:
            missing.append(f"{name} ({pattern})")
            continue
        # An API view: every method it answers has its own row.
        missing += [f"{method} {name}" for method in _api_methods(callback) if (name, method) not in covered]
    assert not missing, "routes without an access row:\n" + "\n".join(missing)


def test_the_admin_is_closed_to_every_persona(world: World) -> None:
    """None of the six is staff: every admin page sends them to the admin's sign-in (which itself answers)."""
    clients = Clients(world)
    checked = 0
    for pattern, name, _ in _routes():
        if not pattern.startswith(ADMIN_PREFIX) or name is None or "(?P" in pattern or name == "logout":
            continue
        path = "/" + pattern.replace("<path:object_id>", "1").replace("<path:content_type_id>", "1")
        for persona in PERSONAS:
            response = clients.for_page(persona).get(path)
            if name == "login":
                assert response.status_code == 200, (persona, path)
            else:
                assert response.status_code == 302, (persona, path, response.status_code)
                assert response["Location"].startswith("/admin/login/"), (persona, path)
            checked += 1
    CELLS_CHECKED.append(checked)
    assert checked >= 6 * 50


def test_unknown_api_paths_are_a_json_404_for_everyone(world: World) -> None:
    for persona in PERSONAS:
        client = APIClient()
        if world.users[persona] is not None:
            client.force_authenticate(world.users[persona])
        for method in ("get", "post", "put", "patch", "delete"):
            response = getattr(client, method)("/api/v1/no-such-thing/", format="json")
            assert response.status_code == 404, (persona, method)
            assert response.json()["error"]["code"] == "not_found"
    CELLS_CHECKED.append(len(PERSONAS) * 5)


# --- object-level checks: changing the id in the URL --------------------------------------------------


def test_changing_the_id_never_reaches_anothers_things(world: World, api_as) -> None:
    """bob (and sam, and wren) walk every id of alice's theory and comment with writes: 403/404, nothing changes."""
    targets = [
        ("patch", "api-theory-detail", world.theory.pk, {"title": "Stolen title"}),
        ("delete", "api-theory-detail", world.theory.pk, None),
        ("patch", "api-comment-detail", world.comment.pk, {"body": "Stolen body"}),
        ("delete", "api-comment-detail", world.comment.pk, None),
    ]
    before = _fingerprint()
    checked = 0
    for persona in ("other_fan", "writer", "suspended"):
        client = api_as(world.users[persona])
        for method, route, pk, data in targets:
            for candidate in (pk, pk + 1000, pk - 1 if pk > 1 else pk):
                response = getattr(client, method)(reverse(route, kwargs={"pk": candidate}), data=data, format="json")
                assert response.status_code in (403, 404), (persona, method, route, candidate, response.status_code)
                checked += 1
    assert _fingerprint() == before
    CELLS_CHECKED.append(checked)


# --- read-only fields -----------------------------------------------------------------------------------


FORGED_THEORY = {
    "author": {"username": "bob"}, "author_id": 0, "upvotes": 999, "downvotes": 5, "score": 994, "status": "confirmed",
    "ruling": {"verdict": "confirmed"}, "comment_count": 50, "is_hidden": False, "is_deleted": False, "hot": 1e9,
    "created_at": "2020-01-01T00:00:00Z", "id": 1,
}  # fmt: skip


def test_read_only_fields_of_a_new_theory_are_ignored(world: World, api_as) -> None:
    fan = world.users["fan"]
    payload = {**FORGED_THEORY, "author_id": world.users["other_fan"].pk, **new_theory(world, "fan")}
    response = api_as(fan).post(reverse("api-theory-list"), data=payload, format="json")
    assert response.status_code == 201
    if response.status_code == 201:
        theory = Theory.objects.get(pk=response.json()["id"])
        assert theory.pk != 1 or Theory.objects.filter(pk=1).count() == 1
        assert (theory.author_id, theory.upvotes, theory.downvotes, theory.score, theory.status) == (
            fan.pk, 0, 0, 0, "open",
        )  # fmt: skip
        assert theory.comment_count == 0 and theory.created_at.year >= 2026 - 1


def test_read_only_fields_of_an_edit_are_ignored(world: World, api_as) -> None:
    theory = world.theory
    before = Theory.objects.filter(pk=theory.pk).values(
        "author_id", "upvotes", "downvotes", "score", "status", "comment_count", "created_at", "is_hidden"
    )[0]
    payload = {**FORGED_THEORY, "author_id": world.users["other_fan"].pk, "title": "A fair new title"}
    response = api_as(world.users["fan"]).patch(
        reverse("api-theory-detail", kwargs={"pk": theory.pk}), payload, format="json"
    )
    assert response.status_code == 200
    assert Theory.objects.get(pk=theory.pk).title == "A fair new title"
    after = Theory.objects.filter(pk=theory.pk).values(*before)[0]
    assert after == before
    assert not Ruling.objects.filter(theory=theory).exists()


def test_read_only_fields_of_comments_and_votes_are_ignored(world: World, api_as) -> None:
    bob = world.users["other_fan"]
    forged = {"author": {"username": "alice"}, "author_id": world.users["fan"].pk, "upvotes": 99, "score": 99,
              "is_hidden": True, "theory": world.neutral.pk, "depth": 0}  # fmt: skip
    response = api_as(bob).post(
        reverse("api-theory-comments", kwargs={"pk": world.theory.pk}), {**forged, "body": "Mine."}, format="json"
    )
    assert response.status_code == 201
    if response.status_code == 201:
        comment = Comment.objects.get(pk=response.json()["id"])
        assert (comment.author_id, comment.theory_id, comment.upvotes, comment.is_hidden) == (
            bob.pk, world.theory.pk, 0, False,
        )  # fmt: skip
    before = Comment.objects.filter(pk=world.comment.pk).values("author_id", "upvotes", "theory_id", "is_hidden")[0]
    response = api_as(world.users["fan"]).patch(
        reverse("api-comment-detail", kwargs={"pk": world.comment.pk}), {**forged, "body": "Edited."}, format="json"
    )
    assert response.status_code == 200
    assert Comment.objects.filter(pk=world.comment.pk).values(*before)[0] == before

    # A vote is always the caller's: a forged user is ignored; the counters follow the votes only.
    response = api_as(bob).put(
        reverse("api-theory-vote", kwargs={"pk": world.neutral.pk}),
        {"value": 1, "user": world.users["writer"].pk, "upvotes": 50, "score": 50},
        format="json",
    )
    assert response.status_code == 200
    assert list(Vote.objects.filter(theory=world.neutral).values_list("user_id", "value")) == [(bob.pk, 1)]
    neutral = Theory.objects.get(pk=world.neutral.pk)
    assert (neutral.upvotes, neutral.downvotes, neutral.score) == (1, 0, 1)


def test_a_sign_up_cannot_choose_its_role(db, api) -> None:
    response = api.post(
        reverse("api-register"),
        {
            "username": "climber",
            "email": "climber@example.com",
            "password": "zombie-school-2022",
            "is_staff": True,
            "is_superuser": True,
            "role": "moderator",
            "groups": ["moderators"],
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["role"] == "fan"
    user = User.objects.get(username="climber")
    assert (user.is_staff, user.is_superuser, list(user.groups.values_list("name", flat=True))) == (False, False, [])


def test_news_and_flags_keep_their_server_set_fields(world: World, api_as) -> None:
    mona = world.users["moderator"]
    response = api_as(mona).patch(
        reverse("api-news-detail", kwargs={"pk": world.news.pk}),
        {
            "title": "Netflix confirms season 2, officially",
            "created_by": world.users["fan"].pk,
            "moderator": 1,
            "series": "another-series",
            "id": 999,
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 200
    news = OfficialNews.objects.get(pk=world.news.pk)
    assert (news.series_id, news.created_by_id, news.title) == (
        world.series.pk, mona.pk, "Netflix confirms season 2, officially",
    )  # fmt: skip
    response = api_as(world.users["writer"]).post(
        reverse("api-flags"),
        {
            **flag_neutral(world, "writer"),
            "reporter": world.users["fan"].pk,
            "status": "resolved",
            "resolved_at": "2020-01-01T00:00:00Z",
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 201
    flag = Flag.objects.get(pk=response.json()["id"])
    assert (flag.reporter_id, flag.resolved_at) == (world.users["writer"].pk, None)


def test_zz_report_the_cells_checked() -> None:
    """Runs last in this module: the number of permission cells checked, for the closing note."""
    total = sum(CELLS_CHECKED)
    print(
        f"\naccess matrix: {total} cells checked ({len(ROWS) + len(PAGE_ROWS)} rows x {len(PERSONAS)} personas + more)"
    )
    assert total >= 0
