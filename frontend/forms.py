"""Forms of the pages. They check shape only; the services decide what is allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms

from core.exceptions import ApplicationError
from theories.models import Tag


class ChapterListField(forms.CharField):
    """Comma- or space-separated chapter numbers, e.g. "12, 40, 120"."""

    max_chapters = 50

    def to_python(self, value: Any) -> list[int]:
        text = super().to_python(value)
        parts = [part for part in re.split(r"[\s,;]+", text) if part]
        numbers = []
        for part in parts:
            if not part.isdigit() or not 1 <= int(part) <= 100000:
                raise forms.ValidationError(f"“{part}” is not a chapter number.", code="invalid")
            numbers.append(int(part))
        if len(set(numbers)) > self.max_chapters:
            raise forms.ValidationError(f"Cite at most {self.max_chapters} chapters.", code="too_many")
        return sorted(set(numbers))


class TheoryForm(forms.Form):
    series = forms.SlugField(widget=forms.HiddenInput)
    title = forms.CharField(
        min_length=5,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "What do you think happens?"}),
    )
    body = forms.CharField(
        max_length=20000,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 12,
                "placeholder": "Make your case. Cite scenes and chapters.",
                "aria-describedby": "body-help",
            }
        ),
    )
    tags = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one tag."},
    )
    chapters = ChapterListField(
        required=False,
        max_length=400,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": "e.g. 12, 40, 120",
                "aria-describedby": "chapters-help",
            }
        ),
    )

    def __init__(self, *args: Any, tags: Iterable[Tag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series_tags = list(tags)
        self.fields["tags"].choices = [(tag.slug, tag.name) for tag in self.series_tags]

    def tag_groups(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """The series' tags grouped by kind, each with whether it is ticked, for the checkbox lists."""
        chosen = set(self["tags"].value() or ())
        groups: dict[str, list[dict[str, Any]]] = {label: [] for _, label in Tag.Kind.choices}
        for tag in self.series_tags:
            groups[tag.get_kind_display()].append({"tag": tag, "checked": tag.slug in chosen})
        return [(f"{label}s", items) for label, items in groups.items() if items]


def add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusal on the form: per-field messages next to their fields, the rest on top."""
    placed = False
    for name, messages in error.fields.items():
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(name if name in form.fields else None, str(message))
            placed = True
    if not placed:
        form.add_error(None, error.message)
