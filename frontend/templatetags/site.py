from __future__ import annotations

import re
import zlib
from datetime import datetime, timedelta
from html import unescape

from django import template
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from theories.markdown import render_markdown

register = template.Library()

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|table|ul|ol)>", re.IGNORECASE)
_SENTENCE_END = ".!?:;…\"'”’)"


@register.filter
def ago(value: datetime | None) -> str:
    """A short relative time: "just now", "5 minutes ago", "3 days ago"; a date after a year."""
    if not value:
        return ""
    age = timezone.now() - value
    if age < timedelta(minutes=1):
        return "just now"
    if age > timedelta(days=365):
        return value.strftime("%b %-d, %Y")
    return f"{timesince(value, depth=1)} ago"


@register.filter
def markdown(text: str) -> str:
    """Short Markdown written by staff (a series description), rendered and sanitized like theory bodies."""
    return mark_safe(render_markdown(text or ""))  # sanitized by nh3 inside render_markdown


@register.filter
def excerpt(html: str, length: int = 240) -> str:
    """Plain text from sanitized HTML, cut at a word boundary near `length` characters."""
    blocks = [" ".join(unescape(strip_tags(block)).split()) for block in _BLOCK_END.split(html or "")]
    text = ""
    for block in filter(None, blocks):
        # Blocks that end without punctuation (a heading, a quote) get a dash so sentences do not run together.
        text = f"{text}{' — ' if text and text[-1] not in _SENTENCE_END else ' ' if text else ''}{block}"
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",.;:—-")
    return f"{cut}…"


@register.filter
def avatar_tone(username: str) -> int:
    """A stable colour (0–7) per username for the letter avatars."""
    return zlib.crc32(username.encode()) % 8


@register.filter
def count_badge(value: int) -> str:
    """A count for a small badge: the number up to 99, then "99+"."""
    return "99+" if value > 99 else str(value)


@register.filter
def reason_label(code: str) -> str:
    """A flag reason's label ("unmarked_spoiler" → "Unmarked spoiler")."""
    from moderation.models import Flag

    return dict(Flag.Reason.choices).get(code, code)
