"""Forms of the pages. They check shape only; the services decide what is allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms

from core.exceptions import ApplicationError
from moderation.models import Flag
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


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Argue with the theory, not the theorist."}),
        error_messages={"required": "Write something before posting."},
    )


class ProgressForm(forms.Form):
    chapter = forms.IntegerField(
        label="I've read up to chapter",
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    everything = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("everything") and data.get("chapter") is None and "chapter" not in self.errors:
            self.add_error("chapter", "Enter a chapter number, or choose “I've read everything”.")
        return data


def add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusal on the form: per-field messages next to their fields, the rest on top."""
    if error.status == 403:
        # A refusal of the person (suspended, inactive), not of the input: one sentence on top.
        form.add_error(None, refusal_message(error))
        return
    placed = False
    for name, messages in error.fields.items():
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(name if name in form.fields else None, str(message))
            placed = True
    if not placed:
        form.add_error(None, error.message)


def refusal_message(error: ApplicationError) -> str:
    """A service's refusal as one sentence for a page; a suspension names its reason and end, nothing more."""
    if error.code == "suspended":
        reason = (error.fields.get("reason") or [""])[0]
        return f"Your account is suspended, so you can read but not post, vote or flag for now. Reason: {reason}"
    return error.message


# --- moderation ------------------------------------------------------------------------------------

VERDICT_CHOICES = [("contradicted", "Contradicted"), ("confirmed", "Confirmed")]
FLAG_REASON_CHOICES = Flag.Reason.choices


class NewsForm(forms.Form):
    title = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    url = forms.URLField(
        label="Link",
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
        help_text="Where the news was published: an http:// or https:// address.",
    )
    publisher = forms.CharField(
        max_length=120, widget=forms.TextInput(attrs={"placeholder": "e.g. Netflix, Naver Webtoon"})
    )
    published_at = forms.DateTimeField(
        label="Published",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Date and time in UTC.",
    )
    summary = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the news says, in a few sentences. Its words also find theories to review.",
    )
    tags = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, tags: Iterable[Tag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series_tags = list(tags)
        self.fields["tags"].choices = [(tag.slug, tag.name) for tag in self.series_tags]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not re.match(r"^https?://", url, re.IGNORECASE):
            raise forms.ValidationError("Enter an http:// or https:// link.", code="invalid")
        return url

    tag_groups = TheoryForm.tag_groups


class RulingForm(forms.Form):
    verdict = forms.ChoiceField(choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    news = forms.TypedChoiceField(coerce=int, label="Official news")
    note = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "What the news says about this theory."}),
        help_text="Shown publicly with the ruling.",
    )

    def __init__(self, *args: Any, news_items: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["news"].choices = [("", "Choose the news item…")] + [
            (item.pk, f"{item.title} — {item.publisher}, {item.published_at:%b %-d, %Y}") for item in news_items
        ]


class BulkRulingForm(forms.Form):
    theories = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one theory."},
    )
    verdict = forms.ChoiceField(choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One public note, shown on every theory you rule.",
    )

    def __init__(self, *args: Any, candidates: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        self.fields["theories"].choices = [(theory.pk, theory.title) for theory in self.candidates]

    def chosen(self) -> set[int]:
        values = self["theories"].value() or ()
        return {int(value) for value in values if str(value).isdigit()}


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class FlagForm(forms.Form):
    target_type = forms.ChoiceField(choices=[("theory", "Theory"), ("comment", "Comment")])
    target_id = forms.IntegerField(min_value=1)
    reason = forms.ChoiceField(choices=FLAG_REASON_CHOICES)
    text = forms.CharField(required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("reason") == "other" and not (data.get("text") or "").strip():
            self.add_error("text", "Say what is wrong when the reason is other.")
        return data


RESOLVE_CHOICES = [("dismiss", "Dismiss"), ("hide", "Hide"), ("hide_and_suspend", "Hide and suspend")]


class ResolveForm(forms.Form):
    action = forms.ChoiceField(choices=RESOLVE_CHOICES)
    reason = forms.CharField(max_length=500)
    suspend_days = forms.IntegerField(min_value=1, max_value=3650, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "hide_and_suspend" and not data.get("suspend_days"):
            self.add_error("suspend_days", "Say for how many days to suspend the author.")
        return data


class SuspendForm(forms.Form):
    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    days = forms.IntegerField(min_value=1, max_value=3650, initial=7)
    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class FollowForm(forms.Form):
    target_type = forms.ChoiceField(choices=[("theory", "Theory"), ("tag", "Tag")])
    target_id = forms.IntegerField(min_value=1)
    follow = forms.TypedChoiceField(choices=[("1", "Follow"), ("0", "Unfollow")], coerce=lambda value: value == "1")
