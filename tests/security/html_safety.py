"""Find executable markup in HTML: script elements, event handlers, javascript:/data: URLs, frames and the like."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.conf import settings

FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# Whitespace and invisible characters that browsers drop inside a URL scheme ("java\tscript:").
_INVISIBLE = re.compile(r"[\x00-\x20\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]+")


class _Finder(HTMLParser):
    def __init__(self, allowed_elements: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_elements = allowed_elements
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            source = values.get("src", "")
            if not source.startswith("/" + settings.STATIC_URL.lstrip("/")) or len(attrs) > 2:
                self.problems.append(f"<script {attrs}>")
        elif tag in FORBIDDEN_ELEMENTS and tag not in self.allowed_elements:
            self.problems.append(f"<{tag} {attrs}>")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"<meta {attrs}>")
        for name, value in values.items():
            if name.startswith("on") or name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES:
                squeezed = _INVISIBLE.sub("", value).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", value, re.IGNORECASE):
                self.problems.append(f"<{tag} style={value!r}>")


def executable_markup(html: str, *, allowed_elements: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """What in `html` could run script or load foreign code; empty when nothing can."""
    finder = _Finder(set(allowed_elements))
    finder.feed(html)
    finder.close()
    return finder.problems
