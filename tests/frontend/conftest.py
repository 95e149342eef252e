"""Fixtures for the page tests: a theory by another fan, and browser-like clients signed in as a persona."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.factories import TheoryFactory
from theories.models import Chapter


@pytest.fixture
def client_as():
    """A Django test client signed in as the given user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def theory(series, tags, other_fan):
    theory = TheoryFactory(
        series=series,
        author=other_fan,
        tags=tags[:2],
        title="Nam-ra is the key to a cure",
        body="She kept her mind after the bite. **Fear** feeds the virus.",
    )
    theory.chapters.set(Chapter.objects.filter(series=series, number__in=[3, 7]))
    return theory


def htmx_headers() -> dict[str, str]:
    return {"HX-Request": "true"}


class _ScriptAndStyleFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.style_elements = 0
        self.style_attributes: list[str] = []
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if "style" in names:
            self.style_attributes.append(tag)
        self.event_handlers += [f"{tag}[{name}]" for name in names if re.fullmatch(r"on[a-z]+", name)]


def inline_code(html: str) -> _ScriptAndStyleFinder:
    finder = _ScriptAndStyleFinder()
    finder.feed(html)
    return finder
