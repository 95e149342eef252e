"""Every write to series, tags, chapters, theories and comments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError, NotFound, PermissionDenied
from moderation.models import AuditEntry
from moderation.services import audit_change_by_other
from theories import ranking
from theories.markdown import render_markdown
from theories.models import Chapter, Comment, Series, Tag, Theory, TheoryRevision
from theories.selectors import TheoryDeleted

MIN_TITLE = 5
MAX_TITLE = 200
MAX_TAGS = 10


def _clean_title(title: str) -> str:
    """A title is plain text of MIN_TITLE–MAX_TITLE characters once trimmed."""
    title = title.strip()
    if not MIN_TITLE <= len(title) <= MAX_TITLE:
        message = f"A title has {MIN_TITLE} to {MAX_TITLE} characters."
        raise ApplicationError(code="invalid", message=message, fields={"title": [message]})
    return title


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


def _ensure_author_or_moderator(*, user: User, author_id: int, what: str) -> None:
    """Only an item's author or a moderator may edit or delete it."""
    if user.pk != author_id and not user.is_moderator:
        raise PermissionDenied(f"Only its author or a moderator can change this {what}.", code="not_author")


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
    from trends.phrases import theory_phrases_update

    ensure_can_post(user=author)
    title = _clean_title(title)
    tags = _resolve_tags(series=series, tag_slugs=tag_slugs)
    chapters = _resolve_chapters(series=series, numbers=chapter_numbers)
    now = timezone.now()
    theory = Theory(
        series=series,
        author=author,
        title=title,
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
    # The search document follows the title, body and tags, in this transaction; so do the trends phrases.
    theory_search_update(theory_id=theory.pk)
    theory_phrases_update(theory_id=theory.pk)

    theory_id, slug = theory.pk, series.slug
    transaction.on_commit(lambda: _publish_theory_created(theory_id=theory_id, series_slug=slug))
    transaction.on_commit(lambda: _fan_out_new_theory(theory_id=theory_id), robust=True)
    return theory


def _fan_out_new_theory(*, theory_id: int) -> None:
    """Queue the tag followers' notifications in Celery; called after commit only."""
    from notifications.tasks import fan_out_new_theory

    fan_out_new_theory.delay(theory_id)


def _fan_out_comment(*, comment_id: int) -> None:
    """Queue the comment's notifications in Celery; called after commit only."""
    from notifications.tasks import fan_out_comment

    fan_out_comment.delay(comment_id)


def _live_theory_payload(*, theory_id: int) -> dict[str, object] | None:
    """A theory as the REST API renders it, for a reader whose progress is unknown.

    Live events never carry spoilers: the body of a theory citing any chapter is left out
    (`spoiler: true`), and a page that wants it fetches the theory with its reader's progress.
    """
    from theories.api import TheoryOutputSerializer
    from theories.selectors import LIVE_SPOILER_GATE, theory_list

    theory = theory_list(user=None).filter(pk=theory_id).first()
    if theory is None:
        return None
    return TheoryOutputSerializer(theory, context={"spoilers": LIVE_SPOILER_GATE}).data


def _publish_theory_created(*, theory_id: int, series_slug: str) -> None:
    from theories.events import publish, series_group

    payload = _live_theory_payload(theory_id=theory_id)
    if payload is not None:
        publish(groups=[series_group(series_slug)], event={"type": "theory.created", "theory": payload})


def _publish_theory_updated(*, theory_id: int) -> None:
    from theories.events import publish, theory_group

    payload = _live_theory_payload(theory_id=theory_id)
    if payload is not None:
        publish(groups=[theory_group(theory_id)], event={"type": "theory.updated", "theory": payload})


def _lock_theory_for_change(*, user: User, theory_id: int) -> Theory:
    """The theory's row, locked, for its author or a moderator.

    404 when unknown (or hidden by moderation from the caller), 410 when deleted, 403 for someone else's.
    """
    theory = Theory.objects.select_for_update(of=("self",)).select_related("series").filter(pk=theory_id).first()
    if theory is None:
        raise NotFound("No such theory.")
    if theory.is_deleted:
        raise TheoryDeleted()
    if theory.is_hidden and theory.author_id != user.pk and not user.is_moderator:
        raise NotFound("No such theory.")
    _ensure_author_or_moderator(user=user, author_id=theory.author_id, what="theory")
    return theory


@transaction.atomic
def theory_update(
    *,
    editor: User,
    theory_id: int,
    title: str | None = None,
    body: str | None = None,
    tag_slugs: Sequence[str] | None = None,
    chapter_numbers: Sequence[int] | None = None,
) -> Theory:
    """Edit a theory's title, body, tags or chapters (those given), keeping the version it replaces.

    Only the author or a moderator may, and the rules of theory_create apply (title 5–200
    characters, body up to 20,000, 1–10 tags and chapters of the theory's series). The previous
    title, body, tag slugs and chapter numbers become a TheoryRevision and `edited_at` is set;
    an edit that changes nothing stores nothing. The search document follows in this
    transaction; `theory.updated` goes to the theory's page after commit.
    """
    from accounts.services import ensure_can_post
    from theories.search import theory_search_update
    from trends.phrases import theory_phrases_update

    theory = _lock_theory_for_change(user=editor, theory_id=theory_id)
    ensure_can_post(user=editor)
    new_title = _clean_title(title) if title is not None else theory.title
    new_body = body if body is not None else theory.body
    tags = _resolve_tags(series=theory.series, tag_slugs=tag_slugs) if tag_slugs is not None else None
    chapters = _resolve_chapters(series=theory.series, numbers=chapter_numbers) if chapter_numbers is not None else None
    old_tags = sorted(theory.tags.values_list("slug", flat=True))
    old_chapters = sorted(theory.chapters.values_list("number", flat=True))
    tags_changed = tags is not None and sorted(tag.slug for tag in tags) != old_tags
    chapters_changed = chapters is not None and sorted(chapter.number for chapter in chapters) != old_chapters
    text_changed = (new_title, new_body) != (theory.title, theory.body)
    if not (text_changed or tags_changed or chapters_changed):
        return theory

    revision = TheoryRevision(
        theory=theory,
        editor=editor,
        title=theory.title,
        body=theory.body,
        tag_slugs=old_tags,
        chapter_numbers=old_chapters,
    )
    revision.full_clean(exclude=["theory", "editor"])
    revision.save()
    theory.title, theory.body = new_title, new_body
    theory.body_html = render_markdown(new_body)
    theory.edited_at = timezone.now()
    # The relations are unchanged; full_clean would look each of them up again.
    theory.full_clean(exclude=["series", "author"])
    theory.save(update_fields=["title", "body", "body_html", "edited_at", "updated_at"])
    if tags is not None and tags_changed:
        theory.tags.set(tags)
    if chapters is not None and chapters_changed:
        theory.chapters.set(chapters)
    # The search document follows the title, body and tags, in this transaction; so do the trends phrases.
    theory_search_update(theory_id=theory.pk)
    if text_changed:
        theory_phrases_update(theory_id=theory.pk)
    audit_change_by_other(
        actor=editor,
        target=theory,
        action=AuditEntry.Action.ITEM_EDIT,
        before={"title": revision.title, "tags": old_tags, "chapters": old_chapters, "revision": revision.pk},
        after={
            "title": theory.title,
            "tags": sorted(tag.slug for tag in tags) if tags is not None else old_tags,
            "chapters": sorted(chapter.number for chapter in chapters) if chapters is not None else old_chapters,
        },
    )

    theory_id = theory.pk
    transaction.on_commit(lambda: _publish_theory_updated(theory_id=theory_id))
    return theory


@transaction.atomic
def theory_delete(*, actor: User, theory_id: int) -> Theory:
    """Soft-delete a theory (its author or a moderator).

    It leaves every list, search and its own URL (410 Gone); its comments, votes and revisions
    stay in the database. Deleting it again is a 410.
    """
    theory = _lock_theory_for_change(user=actor, theory_id=theory_id)
    theory.is_deleted = True
    theory.deleted_at = timezone.now()
    theory.save(update_fields=["is_deleted", "deleted_at", "updated_at"])
    audit_change_by_other(
        actor=actor, target=theory, action=AuditEntry.Action.ITEM_DELETE, before={"is_deleted": False}, after=None
    )
    return theory


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


# --- comments ------------------------------------------------------------------------------------


def _clean_comment_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ApplicationError(
            code="invalid", message="A comment cannot be empty.", fields={"body": ["This field may not be blank."]}
        )
    return body


@transaction.atomic
def comment_create(*, author: User, theory: Theory, body: str, parent: Comment | None = None) -> Comment:
    """Post a comment on a theory, or a reply to one of its comments; the theory's comment_count moves with F().

    The body is Markdown, rendered to sanitized HTML. A reply must answer a comment of the same
    theory that is not deleted. Deleted theories take no comments (404). After commit the
    comment goes to the theory's page as `comment.created`, rendered by CommentOutputSerializer.
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
    body = _clean_comment_body(body)
    comment = Comment(theory=theory, author=author, parent=parent, body=body, body_html=render_markdown(body))
    # The relations were checked above; full_clean would look each of them up again.
    comment.full_clean(exclude=["theory", "author", "parent"])
    comment.save()
    Theory.objects.filter(pk=theory.pk).update(comment_count=F("comment_count") + 1)

    theory_id, comment_id = theory.pk, comment.pk
    transaction.on_commit(lambda: _publish_comment_created(theory_id=theory_id, comment_id=comment_id))
    transaction.on_commit(lambda: _fan_out_comment(comment_id=comment_id), robust=True)
    return comment


def _publish_comment_created(*, theory_id: int, comment_id: int) -> None:
    """comment.created to the theory's page, the comment as GET /theories/{id}/comments/ renders it."""
    from theories.api import CommentOutputSerializer
    from theories.events import publish, theory_group
    from theories.selectors import comment_get

    try:
        comment = comment_get(user=None, pk=comment_id)
    except NotFound:
        return
    event = {"type": "comment.created", "theory": theory_id, "comment": CommentOutputSerializer(comment).data}
    publish(groups=[theory_group(theory_id)], event=event)


def _lock_comment_for_change(*, user: User, comment_id: int) -> Comment:
    """The comment's row, locked, for its author or a moderator.

    404 when it or its theory is deleted (or hidden by moderation from the caller), 403 for someone else's.
    """
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("theory")
        .filter(pk=comment_id, is_deleted=False, theory__is_deleted=False)
        .first()
    )
    if comment is None:
        raise NotFound("No such comment.")
    hidden = comment.is_hidden or comment.theory.is_hidden
    if hidden and comment.author_id != user.pk and not user.is_moderator:
        raise NotFound("No such comment.")
    _ensure_author_or_moderator(user=user, author_id=comment.author_id, what="comment")
    return comment


@transaction.atomic
def comment_update(*, editor: User, comment_id: int, body: str) -> Comment:
    """Edit a comment's body (its author or a moderator): the Markdown is rendered again and `edited_at` set.

    The same body again changes nothing.
    """
    from accounts.services import ensure_can_post

    comment = _lock_comment_for_change(user=editor, comment_id=comment_id)
    ensure_can_post(user=editor)
    body = _clean_comment_body(body)
    if body == comment.body:
        return comment
    before = {"body": comment.body}
    audit_change_by_other(
        actor=editor, target=comment, action=AuditEntry.Action.ITEM_EDIT, before=before, after={"body": body}
    )
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.full_clean(exclude=["theory", "author", "parent"])
    comment.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    return comment


@transaction.atomic
def comment_delete(*, actor: User, comment_id: int) -> Comment:
    """Soft-delete a comment (its author or a moderator); the theory's comment_count moves down with F().

    Its replies stay: in the thread it shows as a "[deleted]" placeholder while any reply below it
    is shown, and not at all otherwise. Deleting it again is a 404.
    """
    comment = _lock_comment_for_change(user=actor, comment_id=comment_id)
    comment.is_deleted = True
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["is_deleted", "deleted_at", "updated_at"])
    audit_change_by_other(
        actor=actor, target=comment, action=AuditEntry.Action.ITEM_DELETE, before={"is_deleted": False}, after=None
    )
    if not comment.is_hidden:  # a hidden comment already left the count
        Theory.objects.filter(pk=comment.theory_id).update(comment_count=F("comment_count") - 1)
    return comment


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
