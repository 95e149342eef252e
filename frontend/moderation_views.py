"""Moderation pages: official news, rulings, flags, the queue, the audit log and suspensions.

Reading news is public and flagging needs an account; everything else is for moderators
(visitors are sent to sign in, other readers get 403). Writes go through moderation.services.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from accounts.selectors import user_get_by_username
from core.exceptions import ApplicationError, NotFound
from core.ratelimit import rate_limit
from frontend.access import moderator_required, viewer
from frontend.forms import (
    BulkRulingForm,
    FlagForm,
    NewsForm,
    ReasonForm,
    ResolveForm,
    RulingForm,
    SuspendForm,
    add_application_error,
    refusal_message,
)
from frontend.pagination import keyset_page
from frontend.selectors import audit_target_links, news_choices, news_page_list, news_rulings, queue_page
from frontend.views import _series_or_404, _theory_or_404, safe_next, theory_page, vary_on_htmx
from moderation import selectors, services
from moderation.models import AuditEntry, OfficialNews
from theories import selectors as theory_selectors
from theories.models import Series

NEWS_ORDERING = ("-published_at", "-id")
NEWEST_FIRST = ("-id",)
QUEUE_PAGE_SIZE = 20
AUDIT_TARGET_LABELS = {"theory": "Theory", "comment": "Comment", "user": "User", "official_news": "News"}


def _news_or_404(pk: int) -> OfficialNews:
    try:
        return selectors.news_get(pk=pk)
    except NotFound as error:
        raise Http404(error.message) from error


# --- official news ---------------------------------------------------------------------------------


@require_safe
def news_list(request: HttpRequest) -> HttpResponse:
    series = _series_or_404(request.GET["series"]) if request.GET.get("series") else None
    page = keyset_page(queryset=news_page_list(series=series), ordering=NEWS_ORDERING, cursor=request.GET.get("cursor"))
    context = {"page": page, "current_series": series}
    if request.htmx and not page.is_first:
        return vary_on_htmx(render(request, "frontend/news/list.html#news-page", context))
    context["series_choices"] = list(Series.objects.order_by("title"))
    return vary_on_htmx(render(request, "frontend/news/list.html", context))


def _news_page(
    request: HttpRequest, news: OfficialNews, *, form: BulkRulingForm | None = None, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {"news": news, "series": news.series, "rulings": news_rulings(news=news)}
    if viewer(request).is_moderator:
        context["bulk_form"] = form or BulkRulingForm(
            candidates=selectors.news_candidates(news=news), auto_id="bulk_%s"
        )
    return render(request, "frontend/news/detail.html", context, status=status)


@require_safe
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _news_page(request, _news_or_404(pk))


@require_http_methods(["GET", "POST"])
@moderator_required
def news_create(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("series") or request.GET.get("series") or settings.THEORYCRAFT["DEFAULT_SERIES"]
    series = _series_or_404(slug)
    form = NewsForm(request.POST or None, tags=theory_selectors.tag_list(series=series))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            news = services.news_create(
                moderator=request.user,
                series=series,
                title=data["title"],
                url=data["url"],
                publisher=data["publisher"],
                published_at=data["published_at"],
                summary=data["summary"],
                tag_slugs=data["tags"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "News registered. Tick the theories it rules below.")
            return redirect("news-detail", pk=news.pk)
    context = {"form": form, "series": series, "series_choices": list(Series.objects.order_by("title"))}
    return render(request, "frontend/news/create.html", context, status=400 if form.errors else 200)


@require_POST
@moderator_required
def news_rule(request: HttpRequest, pk: int) -> HttpResponse:
    """Rule the ticked candidates of a news item with one verdict and note, all or none."""
    news = _news_or_404(pk)
    form = BulkRulingForm(request.POST, candidates=selectors.news_candidates(news=news), auto_id="bulk_%s")
    if form.is_valid():
        try:
            rulings = services.rulings_create_for_news(
                moderator=request.user,
                news_id=news.pk,
                theory_ids=form.cleaned_data["theories"],
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
            return _news_page(request, news, form=form, status=error.status)
        count = len(rulings)
        messages.success(request, f"Ruled {count} theor{'y' if count == 1 else 'ies'} {form.cleaned_data['verdict']}.")
        return redirect("news-detail", pk=news.pk)
    return _news_page(request, news, form=form, status=400)


# --- rulings on the theory page --------------------------------------------------------------------


@require_POST
@moderator_required
def theory_rule(request: HttpRequest, pk: int) -> HttpResponse:
    theory = _theory_or_404(request, pk)
    form = RulingForm(request.POST, news_items=news_choices(series=theory.series), auto_id="rule_%s")
    if form.is_valid():
        try:
            services.ruling_create(
                moderator=request.user,
                theory_id=theory.pk,
                news_id=form.cleaned_data["news"],
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            if error.status == 409:  # the theory changed meanwhile: show it as it is now
                messages.error(request, error.message)
                return redirect("theory-detail", pk=theory.pk)
            add_application_error(form, error)
            return theory_page(request, theory, forms={"rule": form}, status=error.status)
        messages.success(request, f"Ruled {form.cleaned_data['verdict']}. Followers and upvoters will be told.")
        return redirect("theory-detail", pk=theory.pk)
    return theory_page(request, theory, forms={"rule": form}, status=400)


@require_POST
@moderator_required
def theory_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    theory = _theory_or_404(request, pk)
    form = ReasonForm(request.POST, auto_id="revoke_%s")
    if form.is_valid():
        try:
            services.ruling_revoke(moderator=request.user, theory_id=theory.pk, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            if error.status == 409:  # the theory changed meanwhile: show it as it is now
                messages.error(request, error.message)
                return redirect("theory-detail", pk=theory.pk)
            add_application_error(form, error)
            return theory_page(request, theory, forms={"revoke": form}, status=error.status)
        messages.success(request, "Ruling revoked. The theory is open again.")
        return redirect("theory-detail", pk=theory.pk)
    return theory_page(request, theory, forms={"revoke": form}, status=400)


@require_POST
@moderator_required
def theory_restore(request: HttpRequest, pk: int) -> HttpResponse:
    theory = _theory_or_404(request, pk)
    form = ReasonForm(request.POST, auto_id="restore_%s")
    if form.is_valid():
        try:
            services.item_restore(
                moderator=request.user, target_type="theory", target_id=theory.pk, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            if error.status == 409:  # the theory changed meanwhile: show it as it is now
                messages.error(request, error.message)
                return redirect("theory-detail", pk=theory.pk)
            add_application_error(form, error)
            return theory_page(request, theory, forms={"restore": form}, status=error.status)
        messages.success(request, "Theory restored: everyone can read it again.")
        return redirect("theory-detail", pk=theory.pk)
    return theory_page(request, theory, forms={"restore": form}, status=400)


# --- flags -----------------------------------------------------------------------------------------


@require_POST
def flag_create(request: HttpRequest) -> HttpResponse:
    """Flag a theory or comment. Without JavaScript: back to the page with a message; with htmx: the result."""
    back = safe_next(request, reverse("home"))
    if not request.user.is_authenticated:
        login_url = f"{reverse('login')}?{urlencode({'next': back})}"
        return HttpResponseClientRedirect(login_url) if request.htmx else redirect(login_url)
    form = FlagForm(request.POST)
    # done: the flag stands, made now or before (409); otherwise the form comes back with the reason.
    done, ok, message = False, False, ""
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
    else:
        data = form.cleaned_data
        try:
            rate_limit(scope="flag", user_id=request.user.pk)
            services.flag_create(
                reporter=request.user,
                target_type=data["target_type"],
                target_id=data["target_id"],
                reason=data["reason"],
                text=data["text"],
            )
        except ApplicationError as error:
            done, message = error.status == 409, refusal_message(error)
        else:
            done, ok = True, True
            message = f"Thanks — the moderators will review this {data['target_type']}."
    if request.htmx:
        context = {
            "target_type": request.POST.get("target_type", ""),
            "target_id": request.POST.get("target_id", ""),
            "flag_done": done,
            "flag_message": message,
            "flag_reason": request.POST.get("reason", ""),
            "flag_text": request.POST.get("text", "")[:1000],
            "flag_next": back,
        }
        return render(request, "frontend/components.html#flag-result", context)
    (messages.success if ok else messages.info if done else messages.error)(request, message)
    return redirect(back)


# --- the queue -------------------------------------------------------------------------------------


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "1")
    return max(1, int(value)) if value.isdigit() else 1


@require_safe
@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    number = _page_number(request)
    items, has_more = queue_page(offset=(number - 1) * QUEUE_PAGE_SIZE, size=QUEUE_PAGE_SIZE)
    context = {
        "items": items,
        "page_number": number,
        "has_more": has_more,
        "resolve_form": ResolveForm(initial={"suspend_days": 7}),
        "section": "queue",
    }
    return render(request, "frontend/moderation/queue.html", context)


@require_POST
@moderator_required
def queue_resolve(request: HttpRequest, target_type: str, target_id: int) -> HttpResponse:
    back = safe_next(request, reverse("moderation-queue"))
    form = ResolveForm(request.POST)
    ok, message = False, ""
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
    else:
        data = form.cleaned_data
        try:
            result = services.flag_resolve(
                moderator=request.user,
                target_type=target_type,
                target_id=target_id,
                action=data["action"],
                reason=data["reason"],
                suspend_days=data["suspend_days"],
            )
        except ApplicationError as error:
            message = error.message
        else:
            ok = True
            message = _resolution_message(result)
    if request.htmx:
        context = {"ok": ok, "message": message}
        response = render(request, "frontend/moderation/queue.html#resolve-result", context)
        if not ok:
            # The item stays in the queue; the refusal shows inside its form.
            retarget(response, f"#resolve-error-{target_type}-{target_id}")
            reswap(response, "innerHTML")
        return response
    (messages.success if ok else messages.error)(request, message)
    return redirect(back)


def _resolution_message(result: services.FlagResolution) -> str:
    flags = f"{result.resolved_flags} flag{'s' if result.resolved_flags != 1 else ''}"
    if result.action == "dismiss":
        return f"Dismissed {flags} on the {result.target_type}; it is visible to everyone."
    text = f"Hid the {result.target_type} and closed {flags}."
    if result.suspension is not None:
        text += f" Its author is suspended until {result.suspension.ends_at:%b %-d, %Y %H:%M} UTC."
    return text


# --- the audit log ---------------------------------------------------------------------------------


def _changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """What an entry changed, key by key: (key, before, after), only keys whose value differs."""
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old != new:
            rows.append((key.replace("_", " "), _show(old), _show(new)))
    return rows


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


@require_safe
@moderator_required
def audit(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action") or None
    if action not in AuditEntry.Action.values:
        action = None
    actor = (request.GET.get("actor") or "").strip()[:150] or None
    target_type = request.GET.get("target_type") or None
    target_id = request.GET.get("target_id", "")
    entries = selectors.audit_list(
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=int(target_id) if target_id.isdigit() else None,
    )
    page = keyset_page(queryset=entries, ordering=NEWEST_FIRST, cursor=request.GET.get("cursor"))
    links = audit_target_links(entries=page.items)
    for entry in page.items:
        entry.changes = _changes(entry)
        entry.link = links.get((entry.target_type, entry.target_id))
        entry.type_label = AUDIT_TARGET_LABELS.get(entry.target_type, entry.target_type)
    context = {
        "page": page,
        "actions": AuditEntry.Action.choices,
        "action": action,
        "actor": actor or "",
        "target_type": target_type,
        "target_id": target_id if target_id.isdigit() else "",
        "section": "audit",
    }
    return render(request, "frontend/moderation/audit.html", context)


# --- suspensions -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@moderator_required
def suspensions(request: HttpRequest) -> HttpResponse:
    """Suspensions in force (or all of them), each with a lift form; and a form to suspend someone."""
    form = SuspendForm(request.POST or None, auto_id="suspend_%s", initial={"days": 7})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = user_get_by_username(username=data["username"])
            except NotFound:
                form.add_error("username", "No such user.")
            else:
                try:
                    services.suspension_create(
                        moderator=request.user, user=user, days=data["days"], reason=data["reason"]
                    )
                except ApplicationError as error:
                    add_application_error(form, error)
                else:
                    messages.success(request, f"{user.username} is suspended for {data['days']} days.")
                    return redirect("moderation-suspensions")
        status = 400
    show_all = request.GET.get("all") == "1"
    page = keyset_page(
        queryset=selectors.suspension_list(active_only=not show_all),
        ordering=NEWEST_FIRST,
        cursor=request.GET.get("cursor"),
    )
    context = {
        "page": page,
        "show_all": show_all,
        "form": form,
        "section": "suspensions",
        "now_time": timezone.now(),
    }
    return render(request, "frontend/moderation/suspensions.html", context, status=status)


@require_POST
@moderator_required
def suspension_lift(request: HttpRequest, pk: int) -> HttpResponse:
    back = safe_next(request, reverse("moderation-suspensions"))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why you lift the suspension.")
        return redirect(back)
    try:
        suspension = services.suspension_lift(
            moderator=request.user, suspension_id=pk, reason=form.cleaned_data["reason"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Lifted the suspension of {suspension.user.username}.")
    return redirect(back)
