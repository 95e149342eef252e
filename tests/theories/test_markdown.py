"""Markdown is rendered at write time to HTML that is safe to serve as is; titles and tag names stay plain text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from theories import markdown
from theories.markdown import ALLOWED_TAGS, render_markdown


class _Elements(HTMLParser):
    """The elements of an HTML fragment, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def assert_safe(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, html
        assert not any(name.startswith("on") for name in attrs), html
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), html


HOSTILE = [
    "<script>alert(1)</script>",
    "Hello <script src=https://evil.example/x.js></script>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    '<a href="javascript:alert(1)">click</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_it_never_emits_scripts_or_event_handlers(source):
    html = render_markdown(source)
    assert_safe(html)
    assert elements(html) == [("p", {})], "raw HTML is text, not markup"


@pytest.mark.parametrize("source", HOSTILE)
def test_the_sanitizer_stands_even_if_the_renderer_let_html_through(monkeypatch, source):
    # Defence in depth: with a renderer that passes raw HTML, nh3 still removes what is dangerous.
    monkeypatch.setattr(markdown, "_markdown", MarkdownIt("commonmark", {"html": True}))
    html = render_markdown(source)
    assert_safe(html)
    assert "alert(1)</script>" not in html and "display:none" not in html, "script and style bodies go too"


def test_it_escapes_raw_html_instead_of_rendering_it():
    assert render_markdown("<b>bold</b> & <i>it</i>") == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;it&lt;/i&gt;</p>\n"


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![pic](javascript:alert(1))",
        "<javascript:alert(1)>",
    ],
)
def test_it_drops_dangerous_link_schemes(source):
    html = render_markdown(source)
    assert_safe(html)
    assert all(tag != "img" for tag, _ in elements(html))


def test_it_marks_links_nofollow_ugc_noopener():
    html = render_markdown("[the webtoon](https://comic.naver.com/webtoon/list?titleId=1)")
    assert 'href="https://comic.naver.com/webtoon/list?titleId=1"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_it_keeps_mailto_links():
    assert 'href="mailto:fans@example.com"' in render_markdown("[write](mailto:fans@example.com)")


def test_it_keeps_the_formatting_fans_use():
    html = render_markdown(
        "# Title\n\n**bold** *it* ~~gone~~ `code`\n\n> quote\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    for tag in ("<h1>", "<strong>", "<em>", "<s>", "<code>", "<blockquote>", "<ul>", "<li>", "<table>", "<td>"):
        assert tag in html, tag


def test_titles_are_stored_and_served_as_plain_text(api_as, fan, tags):
    from theories.models import Theory

    data = {
        "series": "all-of-us-are-dead",
        "title": "<script>alert(1)</script> On-jo **lives**",
        "body": "Body.",
        "tags": ["nam-on-jo"],
    }
    response = api_as(fan).post("/api/v1/theories/", data, format="json")
    assert response.status_code == 201
    # Stored as typed and returned as a JSON string: pages escape it, nothing renders it as Markdown or HTML.
    assert response.json()["title"] == "<script>alert(1)</script> On-jo **lives**"
    assert Theory.objects.get().title == "<script>alert(1)</script> On-jo **lives**"
