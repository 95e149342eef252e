"""Every write to series, tags, chapters, theories and comments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError, NotFound
from theories import ranking
from theories.markdown import render_markdown
from theories.models import Chapter, Comment, Series, Tag, Theory

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
    from theories.search import theory_search_update

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
    # The search document follows the title, body and tags, in this transaction.
    theory_search_update(theory_id=theory.pk)

    theory_id, slug = theory.pk, series.slug
    transaction.on_commit(lambda: _publish_theory_created(theory_id=theory_id, series_slug=slug))
    transaction.on_commit(lambda: _enqueue("fan_out_new_theory", theory_id), robust=True)
    return theory


def _enqueue(task_name: str, object_id: int) -> None:
    """Queue a notification fan-out in Celery; called after commit only."""
    from notifications import tasks

    getattr(tasks, task_name).delay(object_id)


def _publish_theory_created(*, theory_id: int, series_slug: str) -> None:
    from theories.events import publish, series_group
    from theories.selectors import theory_list

    theory = theory_list(user=None).filter(pk=theory_id).first()
    if theory is None:
        return
    from theories.api import TheoryOutputSerializer

    payload = TheoryOutputSerializer(theory, context={"request": None}).data
    publish(groups=[series_group(series_slug)], event={"type": "theory.created", "theory": payload})


@transaction.atomic
def series_get_or_create(
    *, slug: str, title: str, description: str = "", source_title: str = ""
) -> tuple[Series, bool]:
    """Return the series with this slug, creating it from the given fields when it does not exist.

    An existing series is returned as it is: its title and description are not overwritten.
    """
    series = Series.objects.filter(slug=slug).first()
    if series is not None:
        return series, False
    series = Series(slug=slug, title=title, description=description, source_title=source_title)
    series.full_clean()
    series.save()
    return series, True


@transaction.atomic
def chapters_ensure(*, series: Series, numbers: Iterable[int]) -> int:
    """Create whichever of the numbered chapters the series does not have yet; return how many were created."""
    wanted = sorted(set(numbers))
    if any(number < 1 for number in wanted):
        raise ApplicationError(
            code="invalid", message="Chapter numbers start at 1.", fields={"numbers": ["Chapter numbers start at 1."]}
        )
    existing = set(Chapter.objects.filter(series=series, number__in=wanted).values_list("number", flat=True))
    missing = [Chapter(series=series, number=number) for number in wanted if number not in existing]
    # A concurrent run may insert the same chapters; the unique (series, number) constraint settles it.
    Chapter.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


@transaction.atomic
def tag_get_or_create(
    *,
    series: Series,
    kind: str,
    slug: str,
    name: str,
    description: str = "",
    aliases: Sequence[str] = (),
) -> tuple[Tag, bool]:
    """Return the series' tag with this slug, creating it (character or topic) when it does not exist.

    An existing tag keeps its name, description and aliases, which moderators may have edited.
    """
    tag = Tag.objects.filter(series=series, slug=slug).first()
    if tag is not None:
        return tag, False
    tag = Tag(series=series, kind=kind, slug=slug, name=name, description=description, aliases=list(aliases))
    tag.full_clean()
    tag.save()
    return tag, True


@transaction.atomic
def theory_backdate(*, theory: Theory, created_at: datetime) -> Theory:
    """Move a theory's creation time into the past (imports, demo data) and recompute `hot` for that age.

    `updated_at` moves with it, since the theory has not been edited since. The other ranking
    columns do not depend on time.
    """
    if created_at > timezone.now():
        raise ApplicationError(
            code="invalid",
            message="A theory cannot be dated in the future.",
            fields={"created_at": ["Must not be in the future."]},
        )
    score = Theory.objects.select_for_update().filter(pk=theory.pk).values_list("score", flat=True).first()
    if score is None:
        raise NotFound("No such theory.")
    hot = ranking.hot(score=score, created=created_at)
    Theory.objects.filter(pk=theory.pk).update(created_at=created_at, updated_at=created_at, hot=hot)
    theory.created_at, theory.updated_at, theory.score, theory.hot = created_at, created_at, score, hot
    return theory


@transaction.atomic
def comment_create(*, author: User, theory: Theory, body: str, parent: Comment | None = None) -> Comment:
    """Post a comment on a theory, or a reply to one of its comments; the theory's comment_count moves with F().

    The body is Markdown, rendered to sanitized HTML. A reply must answer a comment of the same
    theory that is not deleted. Deleted theories take no comments (404).
    """
    from accounts.services import ensure_can_post

    ensure_can_post(user=author)
    # Locking the theory row orders this against a concurrent delete and other counter moves.
    if not Theory.objects.select_for_update().filter(pk=theory.pk, is_deleted=False).exists():
        raise NotFound("No such theory.")
    if parent is not None and (parent.theory_id != theory.pk or parent.is_deleted):
        message = (
            "You can only reply to a comment on the same theory."
            if parent.theory_id != theory.pk
            else "That comment was deleted."
        )
        raise ApplicationError(code="invalid", message=message, fields={"parent": [message]})
    body = body.strip()
    if not body:
        raise ApplicationError(
            code="invalid", message="A comment cannot be empty.", fields={"body": ["This field may not be blank."]}
        )
    comment = Comment(theory=theory, author=author, parent=parent, body=body, body_html=render_markdown(body))
    # The relations were checked above; full_clean would look each of them up again.
    comment.full_clean(exclude=["theory", "author", "parent"])
    comment.save()
    Theory.objects.filter(pk=theory.pk).update(comment_count=F("comment_count") + 1)

    event = {
        "type": "comment.created",
        "theory": theory.pk,
        "comment": {
            "id": comment.pk,
            "parent": parent.pk if parent else None,
            "author": {"username": author.username},
            "body_html": comment.body_html,
            "created_at": comment.created_at.isoformat(),
        },
    }
    transaction.on_commit(lambda: _publish_comment_created(theory_id=theory.pk, event=event))
    transaction.on_commit(lambda: _enqueue("fan_out_comment", comment.pk), robust=True)
    return comment


def _publish_comment_created(*, theory_id: int, event: dict[str, object]) -> None:
    from theories.events import publish, theory_group

    publish(groups=[theory_group(theory_id)], event=event)


def comment_backdate(*, comment: Comment, created_at: datetime) -> Comment:
    """Move a comment's creation time into the past (imports, demo data); it stays after its theory and parent.

    One UPDATE, atomic on its own.
    """
    earliest = comment.parent.created_at if comment.parent else comment.theory.created_at
    if created_at > timezone.now() or created_at < earliest:
        raise ApplicationError(
            code="invalid",
            message="A comment must be dated between what it answers and now.",
            fields={"created_at": ["Must be after the theory (and the parent comment) and not in the future."]},
        )
    Comment.objects.filter(pk=comment.pk).update(created_at=created_at, updated_at=created_at)
    comment.created_at = comment.updated_at = created_at
    return comment
