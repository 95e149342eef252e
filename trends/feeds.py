"""Atom feeds per series: trend snapshots (naming the top risers) and new theories.

/feeds/series/<slug>/trends.atom     one entry per stored snapshot, newest first (?window=24h|7d|30d)
/feeds/series/<slug>/theories.atom   the newest visible theories
"""

from __future__ import annotations

import re
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from theories import selectors as theory_selectors
from theories.models import Series, Theory
from trends import selectors
from trends.models import Snapshot, Window

FEED_ITEMS = 30


def _series(slug: str) -> Series:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise Http404(f"No series {slug!r}.")
    return series


# Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage return,
# lone surrogates, U+FFFE/U+FFFF). User text may contain them; a feed must still be well-formed.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """User text with the characters XML 1.0 forbids removed."""
    return _XML_INVALID.sub("", text)


class TrendsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> tuple[Series, str | None]:
        window = request.GET.get("window") or None
        if window is not None and window not in Window.values:
            raise Http404(f"Unknown window {window!r}.")
        return _series(slug), window

    def title(self, obj: tuple[Series, str | None]) -> str:
        series, window = obj
        return f"{series.title}: trending themes" + (f" ({window})" if window else "")

    def subtitle(self, obj: tuple[Series, str | None]) -> str:
        return "Theme trends computed from theories, votes and comments, with the themes rising fastest."

    def link(self, obj: tuple[Series, str | None]) -> str:
        # The writers' feed page reads the same snapshots.
        return reverse("series-trends", kwargs={"slug": obj[0].slug})

    def feed_url(self, obj: tuple[Series, str | None]) -> str:
        return reverse("feed-trends", kwargs={"slug": obj[0].slug})

    def items(self, obj: tuple[Series, str | None]) -> list[Snapshot]:
        series, window = obj
        return selectors.snapshot_list(series=series, window=window, limit=FEED_ITEMS)

    def item_title(self, snapshot: Snapshot) -> str:
        risers = selectors.top_risers(snapshot=snapshot)
        named = ", ".join(theme.tag.name for theme in risers) if risers else "no theme rising"
        return f"{snapshot.get_window_display()} to {snapshot.as_of:%Y-%m-%d %H:%M} UTC: {named}"

    def item_description(self, snapshot: Snapshot) -> str:
        risers = selectors.top_risers(snapshot=snapshot)
        top = list(snapshot.themes.all())[:5]
        parts = [
            format_html(
                "<p>{} new theories, {} votes, {} comments from {} people.</p>",
                snapshot.theories,
                snapshot.votes,
                snapshot.comments,
                snapshot.participants,
            )
        ]
        if risers:
            parts.append(
                format_html(
                    "<p>Top risers:</p><ul>{}</ul>",
                    format_html_join(
                        "",
                        "<li>{} (activity {}, investment index {})</li>",
                        ((theme.tag.name, f"{theme.velocity:+.0%}", f"{theme.index:.1f}") for theme in risers),
                    ),
                )
            )
        if top:
            parts.append(
                format_html(
                    "<p>Most invested:</p><ol>{}</ol>",
                    format_html_join("", "<li>{} ({})</li>", ((theme.tag.name, f"{theme.index:.1f}") for theme in top)),
                )
            )
        if snapshot.phrases:
            parts.append(
                format_html(
                    "<p>Emerging phrases: {}</p>",
                    ", ".join(f"“{phrase['phrase']}”" for phrase in snapshot.phrases[:5]),
                )
            )
        return "".join(parts)

    def item_link(self, snapshot: Snapshot) -> str:
        return (
            f"{reverse('api-trends')}?series={snapshot.series.slug}&window={snapshot.window}"
            f"&as_of={snapshot.as_of.strftime('%Y-%m-%dT%H:%M:%SZ')}"
        )

    def item_guid(self, snapshot: Snapshot) -> str:
        as_of = snapshot.as_of
        return f"tag:theorycraft,{as_of:%Y-%m-%d}:trends/{snapshot.series.slug}/{snapshot.window}/{as_of:%H%M}"

    item_guid_is_permalink = False

    def item_pubdate(self, snapshot: Snapshot) -> datetime:
        return snapshot.computed_at

    def item_updateddate(self, snapshot: Snapshot) -> datetime:
        return snapshot.computed_at

    def item_categories(self, snapshot: Snapshot) -> list[str]:
        return [snapshot.window]


class TheoriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Series:
        return _series(slug)

    def title(self, series: Series) -> str:
        return f"{series.title}: new theories"

    def subtitle(self, series: Series) -> str:
        return f"The newest fan theories about {series.title}."

    def link(self, series: Series) -> str:
        return reverse("series-detail", kwargs={"slug": series.slug})

    def feed_url(self, series: Series) -> str:
        return reverse("feed-theories", kwargs={"slug": series.slug})

    def items(self, series: Series) -> list[Theory]:
        return list(theory_selectors.theory_list(user=None, series=series).order_by("-created_at", "-id")[:FEED_ITEMS])

    def item_title(self, theory: Theory) -> str:
        return xml_safe(theory.title)

    def item_description(self, theory: Theory) -> str:
        return xml_safe(theory.body_html)

    def item_link(self, theory: Theory) -> str:
        return reverse("theory-detail", kwargs={"pk": theory.pk})

    def item_author_name(self, theory: Theory) -> str:
        return xml_safe(theory.author.username)

    def item_pubdate(self, theory: Theory) -> datetime:
        return theory.created_at

    def item_updateddate(self, theory: Theory) -> datetime:
        return theory.updated_at

    def item_categories(self, theory: Theory) -> list[str]:
        return [xml_safe(tag.name) for tag in theory.tags.all()]


urlpatterns = [
    path("series/<slug:slug>/trends.atom", TrendsFeed(), name="feed-trends"),
    path("series/<slug:slug>/theories.atom", TheoriesFeed(), name="feed-theories"),
]
