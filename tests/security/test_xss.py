"""Hostile input through every text field, rendered on every page, API answer and feed that shows it.

Each case stores one payload in one field through the services, then fetches the places that field
appears and asserts that no executable markup survives (tests/security/html_safety.py). Input a service
refuses is safe by definition: nothing was stored.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError
from django.test import Client

from core.exceptions import ApplicationError
from moderation import services as moderation
from tests.factories import UserFactory
from tests.security.html_safety import executable_markup
from tests.security.xss_payloads import PAYLOADS
from theories import services as theories

MARKER = "zombiecure"
SERIES = "all-of-us-are-dead"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGE_ELEMENTS = {"form"}  # the site's own forms; their actions are still checked


def page_problems(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [
        f"{url}: {problem}" for problem in executable_markup(response.content.decode(), allowed_elements=PAGE_ELEMENTS)
    ]


def _html_strings(value: object, key: str = ""):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _html_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _html_strings(item, key)
    elif isinstance(value, str) and key.endswith("html"):
        yield value


def api_problems(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    return [f"{url}: {p}" for html in _html_strings(json.loads(response.content)) for p in executable_markup(html)]


def feed_problems(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    problems = []
    for element in ElementTree.fromstring(response.content).iter():
        # Feed readers render html-typed text (entry summaries and contents) as markup.
        if element.tag in (f"{ATOM}summary", f"{ATOM}content") or element.get("type") == "html":
            problems += [f"{url}: {p}" for p in executable_markup(element.text or "")]
    return problems


class World:
    def __init__(self, *, series, tags) -> None:  # type: ignore[no-untyped-def]
        self.series, self.tags = series, tags
        self.alice = UserFactory(username="alice")
        self.bob = UserFactory(username="bob")
        self.mona = UserFactory(username="mona", groups=["moderators"])
        self.anonymous = Client()
        self.moderator_client = Client()
        self.moderator_client.force_login(self.mona)

    def theory(self, *, title: str = f"The {MARKER} is in the blood", body: str = f"A {MARKER} theory.", tag=None):  # type: ignore[no-untyped-def]
        return theories.theory_create(
            author=self.alice, series=self.series, title=title, body=body, tag_slugs=[(tag or self.tags[0]).slug]
        )

    def news(self, *, title: str = "Season 2 confirmed", summary: str = ""):  # type: ignore[no-untyped-def]
        return moderation.news_create(
            moderator=self.mona,
            series=self.series,
            title=title,
            url="https://example.com/news",
            publisher="Netflix",
            published_at=datetime(2025, 6, 1, tzinfo=UTC),
            summary=summary,
        )

    def theory_pages(self, theory) -> list[str]:  # type: ignore[no-untyped-def]
        client = self.anonymous
        return [
            *page_problems(client, f"/series/{SERIES}/"),
            *page_problems(client, f"/theories/{theory.pk}/"),
            *page_problems(client, f"/search/?q={MARKER}"),
            *page_problems(client, f"/users/{theory.author.username}/"),
            *api_problems(client, f"/api/v1/theories/{theory.pk}/"),
            *api_problems(client, f"/api/v1/theories/?series={SERIES}"),
            *feed_problems(client, f"/feeds/series/{SERIES}/theories.atom"),
        ]


def theory_title(world: World, payload: str) -> list[str]:
    return world.theory_pages(world.theory(title=f"{MARKER} {payload}"[:200]))


def theory_body(world: World, payload: str) -> list[str]:
    return world.theory_pages(world.theory(body=f"{MARKER}\n\n{payload}"))


def comment_body(world: World, payload: str) -> list[str]:
    theory = world.theory()
    theories.comment_create(author=world.bob, theory=theory, body=payload)
    return [
        *page_problems(world.anonymous, f"/theories/{theory.pk}/"),
        *api_problems(world.anonymous, f"/api/v1/theories/{theory.pk}/comments/"),
    ]


def tag_alias(world: World, payload: str) -> list[str]:
    tag, _ = theories.tag_get_or_create(
        series=world.series, kind="topic", slug="hostile", name=payload[:80], aliases=[payload[:80], MARKER]
    )
    theory = world.theory(tag=tag)
    return [
        *world.theory_pages(theory),
        *page_problems(world.anonymous, f"/series/{SERIES}/tags/{tag.slug}/"),
        *api_problems(world.anonymous, f"/api/v1/tags/?series={SERIES}"),
    ]


def news_title(world: World, payload: str) -> list[str]:
    return news_pages(world, world.news(title=payload[:200]))


def news_summary(world: World, payload: str) -> list[str]:
    return news_pages(world, world.news(summary=payload))


def news_pages(world: World, news) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        *page_problems(world.anonymous, "/news/"),
        *page_problems(world.anonymous, f"/news/{news.pk}/"),
        *api_problems(world.anonymous, f"/api/v1/official-news/{news.pk}/"),
    ]


def ruling_note(world: World, payload: str) -> list[str]:
    theory, news = world.theory(), world.news()
    moderation.ruling_create(
        moderator=world.mona, theory_id=theory.pk, news_id=news.pk, verdict="contradicted", note=payload
    )
    return [
        *page_problems(world.anonymous, f"/theories/{theory.pk}/"),
        *page_problems(world.anonymous, f"/news/{news.pk}/"),
        *api_problems(world.anonymous, f"/api/v1/theories/{theory.pk}/"),
        *page_problems(world.moderator_client, "/moderation/audit/"),
    ]


def flag_text(world: World, payload: str) -> list[str]:
    theory = world.theory()
    moderation.flag_create(reporter=world.bob, target_type="theory", target_id=theory.pk, reason="other", text=payload)
    return [
        *page_problems(world.moderator_client, "/moderation/queue/"),
        *api_problems(world.moderator_client, "/api/v1/moderation/queue/"),
    ]


def username(world: World, payload: str) -> list[str]:
    response = world.anonymous.post(
        "/api/v1/auth/register/",
        {"username": payload, "email": "hostile@example.com", "password": "a long passphrase"},
        content_type="application/json",
    )
    if response.status_code != 201:
        return []  # refused: nothing stored
    user = world.alice.__class__.objects.get(pk=response.json()["id"])
    world.alice = user
    return world.theory_pages(world.theory())


def search_query(world: World, payload: str) -> list[str]:
    from urllib.parse import urlencode

    world.theory()
    url = "/search/?" + urlencode({"q": payload})
    if "\x00" in payload:
        # No search can hold a NUL character: the address is refused before any view, as plain text.
        response = world.anonymous.get(url)
        assert response.status_code == 400
        return [f"{url}: {problem}" for problem in executable_markup(response.content.decode())]
    return page_problems(world.anonymous, url)


FIELDS = [
    theory_title,
    theory_body,
    comment_body,
    tag_alias,
    news_title,
    news_summary,
    ruling_note,
    flag_text,
    username,
    search_query,
]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS, ids=[f"p{index:02d}" for index in range(len(PAYLOADS))])
@pytest.mark.parametrize("field", FIELDS, ids=[field.__name__ for field in FIELDS])
def test_it_renders_no_executable_markup_from_user_text(field, payload, series, tags):
    world = World(series=series, tags=tags)
    try:
        problems = field(world, payload)
    except (ApplicationError, ValidationError, DataError):
        return  # the service (or PostgreSQL, for a NUL character) refused the input: nothing was stored
    assert problems == []


def test_it_has_a_corpus_of_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="/static/frontend/js/live.js" defer></script>', False),
        ("<script>alert(1)</script>", True),
        ('<a href=" jav&#x09;ascript:alert(1)">x</a>', True),
        ('<img src="data:image/svg+xml,x">', True),
        ('<p onclick="x">', True),
        ('<a href="https://example.com/">x</a>', False),
    ],
)
def test_it_detects_executable_markup(html, found):
    assert bool(executable_markup(html)) is found
