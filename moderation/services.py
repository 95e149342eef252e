"""Every write of moderation: official news, rulings, flags and their resolution, hiding, suspensions.

Each moderator action appends an AuditEntry in its own transaction. Theory.status and the
is_hidden / hidden_reason columns of theories and comments belong to the theories app, but
only these services set them (with one UPDATE each, under a row lock). Live events and Celery
fan-outs are sent after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError, Conflict, NotFound, PermissionDenied
from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension, TargetType
from theories.models import Comment, Series, Tag, Theory

logger = logging.getLogger(__name__)

MAX_BULK_RULINGS = 100
MAX_SUSPENSION_DAYS = 3650
Action = AuditEntry.Action


# --- shared pieces -------------------------------------------------------------------------------


def _ensure_moderator(*, user: User) -> None:
    if not (user and user.is_authenticated and user.is_moderator):
        raise PermissionDenied("Only moderators can do this.", code="not_moderator")


def _invalid(field: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(code=code, message=message, fields={field: [message]})


def _require_text(*, field: str, value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise _invalid(field, f"{what} is required.")
    return value


def _audit(
    *,
    actor: User | None,
    action: str,
    target_type: str,
    target_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        before=before,
        after=after,
        reason=reason,
    )
    entry.full_clean(exclude=["actor"])
    entry.save()
    return entry


def audit_change_by_other(
    *, actor: User, target: Theory | Comment, action: str, before: dict[str, Any], after: dict[str, Any] | None
) -> None:
    """Record a moderator's edit or deletion of someone else's theory or comment; an author's own is not audited.

    Called by the theories services inside their transaction, so the entry lands with the change or not at all.
    """
    if actor.pk == target.author_id:
        return
    target_type = TargetType.THEORY if isinstance(target, Theory) else TargetType.COMMENT
    _audit(actor=actor, action=action, target_type=target_type, target_id=target.pk, before=before, after=after)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# --- official news -------------------------------------------------------------------------------


def _news_state(news: OfficialNews) -> dict[str, Any]:
    return {
        "series": news.series.slug,
        "title": news.title,
        "url": news.url,
        "publisher": news.publisher,
        "published_at": _iso(news.published_at),
        "summary": news.summary,
        "tags": sorted(tag.slug for tag in news.tags.all()),
    }


def _news_tags(*, series: Series, tag_slugs: Sequence[str]) -> list[Tag]:
    slugs = list(dict.fromkeys(tag_slugs))
    tags = list(Tag.objects.filter(series=series, slug__in=slugs))
    missing = sorted(set(slugs) - {tag.slug for tag in tags})
    if missing:
        raise ApplicationError(
            code="invalid",
            message=f"Unknown tags for {series.title}: {', '.join(missing)}.",
            fields={"tags": [f"Not a tag of {series.title}: {slug}" for slug in missing]},
        )
    return tags


@transaction.atomic
def news_create(
    *,
    moderator: User,
    series: Series,
    title: str,
    url: str,
    publisher: str,
    published_at: datetime,
    summary: str = "",
    tag_slugs: Sequence[str] = (),
) -> OfficialNews:
    """Register an official news item for a series (web links only), optionally tagged with the series' tags."""
    _ensure_moderator(user=moderator)
    tags = _news_tags(series=series, tag_slugs=tag_slugs)
    news = OfficialNews(
        series=series,
        title=title.strip(),
        url=url.strip(),
        publisher=publisher.strip(),
        published_at=published_at,
        summary=summary.strip(),
        created_by=moderator,
    )
    news.full_clean(exclude=["series", "created_by"])
    news.save()
    news.tags.set(tags)
    _audit(
        actor=moderator,
        action=Action.NEWS_CREATE,
        target_type="official_news",
        target_id=news.pk,
        before=None,
        after=_news_state(news),
    )
    return news


@transaction.atomic
def news_update(
    *,
    moderator: User,
    news_id: int,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published_at: datetime | None = None,
    summary: str | None = None,
    tag_slugs: Sequence[str] | None = None,
) -> OfficialNews:
    """Correct an official news item; fields left None keep their value. The change is audited."""
    _ensure_moderator(user=moderator)
    news = OfficialNews.objects.select_for_update(of=("self",)).select_related("series").filter(pk=news_id).first()
    if news is None:
        raise NotFound("No such news item.")
    before = _news_state(news)
    changes = {"title": title, "url": url, "publisher": publisher, "published_at": published_at, "summary": summary}
    changed = [name for name, value in changes.items() if value is not None]
    for name in changed:
        value = changes[name]
        setattr(news, name, value.strip() if isinstance(value, str) else value)
    news.full_clean(exclude=["series", "created_by"])
    news.save(update_fields=[*changed, "updated_at"])
    if tag_slugs is not None:
        news.tags.set(_news_tags(series=news.series, tag_slugs=tag_slugs))
    _audit(
        actor=moderator,
        action=Action.NEWS_UPDATE,
        target_type="official_news",
        target_id=news.pk,
        before=before,
        after=_news_state(news),
    )
    return news


# --- rulings -------------------------------------------------------------------------------------


def _ruling_state(ruling: Ruling | None) -> dict[str, Any] | None:
    if ruling is None:
        return None
    return {"id": ruling.pk, "verdict": ruling.verdict, "news": ruling.news_id, "note": ruling.note}


def _check_verdict(verdict: str) -> None:
    if verdict not in Ruling.Verdict.values:
        raise _invalid("verdict", f"A verdict is one of: {', '.join(Ruling.Verdict.values)}.")


def _rule(*, moderator: User, theory: Theory, news: OfficialNews, verdict: str, note: str) -> Ruling:
    """Create a ruling on a locked theory that has none active, set its status and audit it."""
    ruling = Ruling(theory=theory, news=news, verdict=verdict, note=note, moderator=moderator)
    # The relations were checked by the caller; full_clean would look each of them up again.
    ruling.full_clean(exclude=["theory", "news", "moderator"], validate_constraints=False)
    try:
        with transaction.atomic():
            ruling.save()
    except IntegrityError as error:  # the theory row lock makes this unreachable unless a caller forgot it
        raise Conflict("This theory already has a ruling; revoke it first.", code="already_ruled") from error
    old_status = theory.status
    Theory.objects.filter(pk=theory.pk).update(status=verdict)
    theory.status = verdict
    _audit(
        actor=moderator,
        action=Action.RULING_CREATE,
        target_type="theory",
        target_id=theory.pk,
        before={"status": old_status, "ruling": None},
        after={"status": verdict, "ruling": _ruling_state(ruling)},
        reason=note,
    )
    ruling_id, theory_id = ruling.pk, theory.pk
    transaction.on_commit(lambda: theory_ruled_publish(theory_id=theory_id), robust=True)
    transaction.on_commit(lambda: _enqueue_ruling_fan_out(ruling_id=ruling_id), robust=True)
    return ruling


def _enqueue_ruling_fan_out(*, ruling_id: int) -> None:
    from notifications.tasks import fan_out_ruling

    fan_out_ruling.delay(ruling_id)


@transaction.atomic
def ruling_create(*, moderator: User, theory_id: int, news_id: int, verdict: str, note: str) -> Ruling:
    """Rule a theory contradicted or confirmed by an official news item of its series, with a public note.

    A theory has at most one active ruling: a second is refused (409) until the first is revoked.
    The theory's status follows the verdict; contradicted theories leave the hot and rising lists.
    """
    _ensure_moderator(user=moderator)
    _check_verdict(verdict)
    note = _require_text(field="note", value=note, what="A note")
    theory = Theory.objects.select_for_update(of=("self",)).filter(pk=theory_id, is_deleted=False).first()
    if theory is None:
        raise NotFound("No such theory.")
    news = OfficialNews.objects.filter(pk=news_id).first()
    if news is None:
        raise _invalid("news", "No such news item.")
    if news.series_id != theory.series_id:
        raise _invalid("news", "The news item is about another series than the theory.")
    if Ruling.objects.active().filter(theory=theory).exists():
        raise Conflict("This theory already has a ruling; revoke it first.", code="already_ruled")
    return _rule(moderator=moderator, theory=theory, news=news, verdict=verdict, note=note)


@transaction.atomic
def rulings_create_for_news(
    *, moderator: User, news_id: int, theory_ids: Sequence[int], verdict: str, note: str
) -> list[Ruling]:
    """Rule many theories of the news item's series with one verdict and note, all or none.

    If any of them already has an active ruling nothing is ruled and the 409 lists them.
    """
    _ensure_moderator(user=moderator)
    _check_verdict(verdict)
    note = _require_text(field="note", value=note, what="A note")
    ids = sorted(set(theory_ids))
    if not ids:
        raise _invalid("theories", "Choose at least one theory.")
    if len(ids) > MAX_BULK_RULINGS:
        raise _invalid("theories", f"Rule at most {MAX_BULK_RULINGS} theories at once.")
    news = OfficialNews.objects.filter(pk=news_id).first()
    if news is None:
        raise NotFound("No such news item.")
    # Locked in id order, so two bulk rulings over overlapping theories cannot deadlock.
    theories = list(
        Theory.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, is_deleted=False, series_id=news.series_id)
        .order_by("pk")
    )
    missing = sorted(set(ids) - {theory.pk for theory in theories})
    if missing:
        raise ApplicationError(
            code="invalid",
            message=f"No such theory in this news item's series: {', '.join(map(str, missing))}.",
            fields={"theories": [f"No such theory in {news.series.title}: {pk}" for pk in missing]},
        )
    ruled = list(Ruling.objects.active().filter(theory_id__in=ids).order_by("theory_id"))
    if ruled:
        raise ApplicationError(
            code="already_ruled",
            message=f"Already ruled: {', '.join(str(r.theory_id) for r in ruled)}. Nothing was ruled.",
            fields={"theories": [f"Theory {r.theory_id} is already ruled {r.verdict}." for r in ruled]},
            status=409,
        )
    return [_rule(moderator=moderator, theory=theory, news=news, verdict=verdict, note=note) for theory in theories]


@transaction.atomic
def ruling_revoke(*, moderator: User, theory_id: int, reason: str) -> Ruling:
    """Revoke a theory's active ruling with a reason; the theory is open again. 409 when it has none."""
    _ensure_moderator(user=moderator)
    reason = _require_text(field="reason", value=reason, what="A reason")
    theory = Theory.objects.select_for_update(of=("self",)).filter(pk=theory_id, is_deleted=False).first()
    if theory is None:
        raise NotFound("No such theory.")
    ruling = Ruling.objects.active().filter(theory=theory).first()
    if ruling is None:
        raise Conflict("This theory has no ruling to revoke.", code="not_ruled")
    ruling.revoked_at = timezone.now()
    ruling.revoked_by = moderator
    ruling.revoke_reason = reason
    ruling.full_clean(exclude=["theory", "news", "moderator", "revoked_by"], validate_constraints=False)
    ruling.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    old_status = theory.status
    Theory.objects.filter(pk=theory.pk).update(status=Theory.Status.OPEN)
    _audit(
        actor=moderator,
        action=Action.RULING_REVOKE,
        target_type="theory",
        target_id=theory.pk,
        before={"status": old_status, "ruling": _ruling_state(ruling)},
        after={"status": Theory.Status.OPEN, "ruling": None},
        reason=reason,
    )
    transaction.on_commit(lambda: theory_ruled_publish(theory_id=theory_id), robust=True)
    return ruling


def theory_ruled_publish(*, theory_id: int) -> None:
    """Send `theory.ruled` (the theory's status and active ruling, as in the API) to its page and series."""
    from moderation.api import TheoryRulingOutputSerializer
    from theories.events import publish, series_group, theory_group

    theory = Theory.objects.select_related("series").filter(pk=theory_id).first()
    if theory is None:
        return
    ruling = Ruling.objects.active().select_related("news", "moderator").filter(theory_id=theory_id).first()
    payload = TheoryRulingOutputSerializer({"theory": theory.pk, "status": theory.status, "ruling": ruling}).data
    publish(
        groups=[theory_group(theory.pk), series_group(theory.series.slug)],
        event={"type": "theory.ruled", **payload},
    )


# --- flags, hiding -------------------------------------------------------------------------------


def _lock_target(*, target_type: str, target_id: int, visible_only: bool) -> Theory | Comment:
    model = {TargetType.THEORY: Theory, TargetType.COMMENT: Comment}.get(target_type)
    if model is None:
        raise _invalid("target_type", "A target is a theory or a comment.")
    queryset = model.objects.select_for_update(of=("self",)).filter(pk=target_id)
    if visible_only:
        queryset = queryset.filter(is_deleted=False, is_hidden=False)
    target = queryset.first()
    if target is None:
        raise NotFound(f"No such {target_type}.")
    return target


def _set_hidden(*, target: Theory | Comment, hidden: bool, reason: str) -> None:
    """Hide or show a locked target; a comment's theory keeps counting only the comments readers can see."""
    was_hidden = target.is_hidden
    type(target).objects.filter(pk=target.pk).update(is_hidden=hidden, hidden_reason=reason if hidden else "")
    target.is_hidden, target.hidden_reason = hidden, (reason if hidden else "")
    if isinstance(target, Comment) and not target.is_deleted and was_hidden != hidden:
        step = -1 if hidden else 1
        Theory.objects.filter(pk=target.theory_id).update(comment_count=F("comment_count") + step)


def _hidden_state(target: Theory | Comment) -> dict[str, Any]:
    return {"is_hidden": target.is_hidden, "hidden_reason": target.hidden_reason}


def _hide(*, actor: User | None, target_type: str, target: Theory | Comment, reason: str, action: str) -> AuditEntry:
    """Hide an item, audit it, and tell its author why."""
    from notifications.services import notify_content_hidden

    before = _hidden_state(target)
    _set_hidden(target=target, hidden=True, reason=reason)
    entry = _audit(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target.pk,
        before=before,
        after=_hidden_state(target),
        reason=reason,
    )
    notify_content_hidden(target_type=target_type, target=target, reason=reason, actor=actor, audit_id=entry.pk)
    return entry


@transaction.atomic
def flag_create(*, reporter: User, target_type: str, target_id: int, reason: str, text: str = "") -> Flag:
    """Flag a theory or comment of someone else for moderators; `text` is required for reason `other`.

    One open flag per user and item (409 for a second). When FLAG_AUTOHIDE_THRESHOLD distinct
    users have open flags on an item it is hidden until a moderator resolves them.
    """
    from accounts.services import ensure_can_post

    ensure_can_post(user=reporter)
    if reason not in Flag.Reason.values:
        raise _invalid("reason", f"A reason is one of: {', '.join(Flag.Reason.values)}.")
    text = (text or "").strip()
    if reason == Flag.Reason.OTHER and not text:
        raise _invalid("text", "Say what is wrong when the reason is other.")
    # Locking the item serializes its flags, so the auto-hide threshold is crossed exactly once.
    target = _lock_target(target_type=target_type, target_id=target_id, visible_only=True)
    if target.author_id == reporter.pk:
        raise ApplicationError(code="own_item", message=f"You cannot flag your own {target_type}.")
    open_flags = Flag.objects.filter(target_type=target_type, target_id=target.pk, resolved_at__isnull=True)
    if open_flags.filter(reporter=reporter).exists():
        raise Conflict(f"You have already flagged this {target_type}.", code="already_flagged")
    flag = Flag(reporter=reporter, target_type=target_type, target_id=target.pk, reason=reason, text=text)
    flag.full_clean(exclude=["reporter"], validate_constraints=False)
    flag.save()
    threshold = settings.FLAG_AUTOHIDE_THRESHOLD
    if open_flags.values("reporter").distinct().count() >= threshold:
        _hide(
            actor=None,
            target_type=target_type,
            target=target,
            reason=f"Hidden automatically after flags from {threshold} people, until a moderator reviews it.",
            action=Action.ITEM_AUTOHIDE,
        )
    return flag


@dataclass(frozen=True)
class FlagResolution:
    target_type: str
    target_id: int
    action: str
    resolved_flags: int
    is_hidden: bool
    suspension: Suspension | None


RESOLVE_ACTIONS = ("dismiss", "hide", "hide_and_suspend")


@transaction.atomic
def flag_resolve(
    *,
    moderator: User,
    target_type: str,
    target_id: int,
    action: str,
    reason: str,
    suspend_days: int | None = None,
) -> FlagResolution:
    """Resolve every open flag of an item: dismiss them, hide the item, or hide it and suspend its author.

    Dismissing un-hides an item that flags hid automatically. An item without open flags is a
    409 (it was resolved already).
    """
    _ensure_moderator(user=moderator)
    if action not in RESOLVE_ACTIONS:
        raise _invalid("action", f"An action is one of: {', '.join(RESOLVE_ACTIONS)}.")
    reason = _require_text(field="reason", value=reason, what="A reason")
    if action == "hide_and_suspend" and not (suspend_days and 1 <= suspend_days <= MAX_SUSPENSION_DAYS):
        raise _invalid("suspend_days", f"Suspend for 1 to {MAX_SUSPENSION_DAYS} days.")
    target = _lock_target(target_type=target_type, target_id=target_id, visible_only=False)
    flags = list(
        Flag.objects.select_for_update()
        .filter(target_type=target_type, target_id=target.pk, resolved_at__isnull=True)
        .order_by("pk")
    )
    if not flags:
        raise Conflict(f"This {target_type} has no open flags.", code="no_open_flags")

    resolution = Flag.Resolution.DISMISSED if action == "dismiss" else Flag.Resolution.HIDDEN
    Flag.objects.filter(pk__in=[flag.pk for flag in flags]).update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
    )
    before = {"open_flags": len(flags), **_hidden_state(target)}
    if action == "dismiss" and target.is_hidden:
        # Open flags on a hidden item mean the flags hid it; dismissing them brings it back.
        _set_hidden(target=target, hidden=False, reason="")
        _audit(
            actor=moderator,
            action=Action.ITEM_RESTORE,
            target_type=target_type,
            target_id=target.pk,
            before={"is_hidden": True, "hidden_reason": before["hidden_reason"]},
            after=_hidden_state(target),
            reason=reason,
        )
    if action != "dismiss":
        _hide(actor=moderator, target_type=target_type, target=target, reason=reason, action=Action.ITEM_HIDE)
    _audit(
        actor=moderator,
        action=Action.FLAG_RESOLVE,
        target_type=target_type,
        target_id=target.pk,
        before=before,
        after={
            "open_flags": 0,
            "resolution": resolution,
            "flags": [flag.pk for flag in flags],
            **_hidden_state(target),
        },
        reason=reason,
    )
    suspension = None
    if action == "hide_and_suspend":
        author = User.objects.get(pk=target.author_id)
        suspension = _suspend(moderator=moderator, user=author, days=suspend_days or 0, reason=reason)
    return FlagResolution(
        target_type=target_type,
        target_id=target.pk,
        action=action,
        resolved_flags=len(flags),
        is_hidden=target.is_hidden,
        suspension=suspension,
    )


@transaction.atomic
def item_restore(*, moderator: User, target_type: str, target_id: int, reason: str) -> Theory | Comment:
    """Un-hide a theory or comment that moderation hid (409 when it is not hidden); audited."""
    _ensure_moderator(user=moderator)
    reason = _require_text(field="reason", value=reason, what="A reason")
    target = _lock_target(target_type=target_type, target_id=target_id, visible_only=False)
    if target.is_deleted:
        raise NotFound(f"No such {target_type}.")
    if not target.is_hidden:
        raise Conflict(f"This {target_type} is not hidden.", code="not_hidden")
    before = _hidden_state(target)
    _set_hidden(target=target, hidden=False, reason="")
    _audit(
        actor=moderator,
        action=Action.ITEM_RESTORE,
        target_type=target_type,
        target_id=target.pk,
        before=before,
        after=_hidden_state(target),
        reason=reason,
    )
    return target


# --- suspensions ---------------------------------------------------------------------------------


def _suspension_state(suspension: Suspension) -> dict[str, Any]:
    return {
        "suspension": suspension.pk,
        "starts_at": _iso(suspension.starts_at),
        "ends_at": _iso(suspension.ends_at),
        "lifted_at": _iso(suspension.lifted_at),
    }


def _suspend(*, moderator: User, user: User, days: int, reason: str) -> Suspension:
    if user.pk == moderator.pk:
        raise _invalid("user", "You cannot suspend yourself.")
    if not 1 <= days <= MAX_SUSPENSION_DAYS:
        raise _invalid("days", f"Suspend for 1 to {MAX_SUSPENSION_DAYS} days.")
    now = timezone.now()
    suspension = Suspension(
        user=user, moderator=moderator, reason=reason, starts_at=now, ends_at=now + timedelta(days=days)
    )
    suspension.full_clean(exclude=["user", "moderator"])
    suspension.save()
    _audit(
        actor=moderator,
        action=Action.USER_SUSPEND,
        target_type="user",
        target_id=user.pk,
        before=None,
        after=_suspension_state(suspension),
        reason=reason,
    )
    return suspension


@transaction.atomic
def suspension_create(*, moderator: User, user: User, days: int, reason: str) -> Suspension:
    """Suspend a user for `days` days: they keep reading but cannot post, vote or flag. Audited.

    Suspensions may overlap; the one ending last decides (see selectors.active_suspension).
    """
    _ensure_moderator(user=moderator)
    reason = _require_text(field="reason", value=reason, what="A reason")
    return _suspend(moderator=moderator, user=user, days=days, reason=reason)


@transaction.atomic
def suspension_lift(*, moderator: User, suspension_id: int, reason: str) -> Suspension:
    """End a suspension early, with a reason. Audited; 409 when it is already over."""
    _ensure_moderator(user=moderator)
    reason = _require_text(field="reason", value=reason, what="A reason")
    suspension = Suspension.objects.select_for_update().filter(pk=suspension_id).first()
    if suspension is None:
        raise NotFound("No such suspension.")
    now = timezone.now()
    if suspension.lifted_at is not None or suspension.ends_at <= now:
        raise Conflict("This suspension is already over.", code="not_active")
    before = _suspension_state(suspension)
    suspension.lifted_at, suspension.lifted_by, suspension.lift_reason = now, moderator, reason
    suspension.full_clean(exclude=["user", "moderator", "lifted_by"])
    suspension.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    _audit(
        actor=moderator,
        action=Action.SUSPENSION_LIFT,
        target_type="user",
        target_id=suspension.user_id,
        before=before,
        after=_suspension_state(suspension),
        reason=reason,
    )
    return suspension
