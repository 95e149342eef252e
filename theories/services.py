"""Every write to series, tags, chapters, theories and comments."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError
from theories import ranking
from theories.markdown import render_markdown
from theories.models import Chapter, Series, Tag, Theory

MAX_TAGS = 10


def _resolve_tags(*, series: Series, tag_slugs: Sequence[str]) -> list[Tag]:
    slugs = list(dict.fromkeys(tag_slugs))
    if not slugs:
        raise ApplicationError(
            code="invalid", message="A theory needs at least one tag.", fields={"tags": ["Choose at least one tag."]}
        )
    if len(slugs) > MAX_TAGS:
        raise ApplicationError(
            code="invalid",
            message=f"A theory has at most {MAX_TAGS} tags.",
            fields={"tags": [f"Choose at most {MAX_TAGS} tags."]},
        )
    tags = list(Tag.objects.filter(series=series, slug__in=slugs))
    missing = sorted(set(slugs) - {tag.slug for tag in tags})
    if missing:
        raise ApplicationError(
            code="invalid",
            message=f"Unknown tags for {series.title}: {', '.join(missing)}.",
            fields={"tags": [f"Not a tag of {series.title}: {slug}" for slug in missing]},
        )
    return tags


def _resolve_chapters(*, series: Series, numbers: Sequence[int]) -> list[Chapter]:
    wanted = sorted(set(numbers))
    chapters = list(Chapter.objects.filter(series=series, number__in=wanted))
    missing = sorted(set(wanted) - {chapter.number for chapter in chapters})
    if missing:
        raise ApplicationError(
            code="invalid",
            message=f"{series.title} has no chapter {', '.join(map(str, missing))}.",
            fields={"chapters": [f"Not a chapter of {series.title}: {n}" for n in missing]},
        )
    return chapters


@transaction.atomic
def theory_create(
    *,
    author: User,
    series: Series,
    title: str,
    body: str,
    tag_slugs: Sequence[str],
    chapter_numbers: Sequence[int] = (),
) -> Theory:
    """Post a theory in a series with 1–10 of its tags and optional chapter references."""
    from accounts.services import ensure_can_post

    ensure_can_post(user=author)
    tags = _resolve_tags(series=series, tag_slugs=tag_slugs)
    chapters = _resolve_chapters(series=series, numbers=chapter_numbers)
    now = timezone.now()
    theory = Theory(
        series=series,
        author=author,
        title=title.strip(),
        body=body,
        body_html=render_markdown(body),
        hot=ranking.hot(score=0, created=now),
    )
    theory.full_clean(exclude=["hot"])
    theory.save()
    # created_at is set by save(); align hot with the stored time.
    Theory.objects.filter(pk=theory.pk).update(hot=ranking.hot(score=0, created=theory.created_at))
    theory.tags.set(tags)
    theory.chapters.set(chapters)

    theory_id, slug = theory.pk, series.slug
    transaction.on_commit(lambda: _publish_theory_created(theory_id=theory_id, series_slug=slug))
    return theory


def _publish_theory_created(*, theory_id: int, series_slug: str) -> None:
    from theories.events import publish, series_group
    from theories.selectors import theory_list

    theory = theory_list(user=None).filter(pk=theory_id).first()
    if theory is None:
        return
    from theories.api import TheoryOutputSerializer

    payload = TheoryOutputSerializer(theory, context={"request": None}).data
    publish(groups=[series_group(series_slug)], event={"type": "theory.created", "theory": payload})
