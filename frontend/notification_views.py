"""Notification pages and follow buttons. Reads through notifications.selectors, writes through its services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from core.exceptions import NotFound
from frontend.access import forget_viewer
from frontend.forms import FollowForm
from frontend.pagination import keyset_page
from frontend.views import safe_next, vary_on_htmx
from notifications import selectors, services
from notifications.models import Follow

NEWEST_FIRST = ("-id",)


@require_safe
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = keyset_page(
        queryset=selectors.notification_list(user=request.user, unread_only=unread_only),
        ordering=NEWEST_FIRST,
        cursor=request.GET.get("cursor"),
    )
    context = {"page": page, "unread_only": unread_only}
    if request.htmx and not page.is_first:
        return vary_on_htmx(render(request, "frontend/notifications/list.html#notification-page", context))
    context["follows"] = list(selectors.follow_list(user=request.user).order_by("-id")[:50])
    return vary_on_htmx(render(request, "frontend/notifications/list.html", context))


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark every unread notification read (or the ticked ones: `ids`)."""
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    marked = services.notifications_mark_read(user=request.user, ids=ids, all_unread=not ids)
    forget_viewer(request)
    if marked:
        messages.success(request, f"Marked {marked} notification{'s' if marked != 1 else ''} read.")
    return redirect(safe_next(request, reverse("notifications")))


@require_safe
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link, marking it read on the way (it is the reader's own, or 404)."""
    notification = selectors.notification_list(user=request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification.")
    if notification.read_at is None:
        services.notifications_mark_read(user=request.user, ids=[notification.pk])
    target = str(notification.payload.get("url") or "")
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    ):
        target = reverse("notifications")
    return redirect(target)


def _target(data: dict) -> dict:
    if data["target_type"] == Follow.TargetType.THEORY:
        # Unfollowing also works for a theory hidden since it was followed.
        return {"theory": selectors.follow_target_theory(pk=data["target_id"], hidden_too=not data["follow"])}
    return {"tag": selectors.follow_target_tag(pk=data["target_id"])}


@require_POST
def follow_toggle(request: HttpRequest) -> HttpResponse:
    """Follow or stop following a theory or a tag; the form says which (`follow` 1 or 0), so a resend is harmless."""
    back = safe_next(request, reverse("home"))
    if not request.user.is_authenticated:
        login_url = f"{reverse('login')}?{urlencode({'next': back})}"
        return HttpResponseClientRedirect(login_url) if request.htmx else redirect(login_url)
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That follow button is out of date; try again.")
        return redirect(back)
    data = form.cleaned_data
    try:
        target = _target(data)
    except NotFound as error:
        raise Http404(error.message) from error
    if data["follow"]:
        services.follow_create(user=request.user, **target)
    else:
        services.follow_delete(user=request.user, **target)
    if request.htmx:
        context = {
            "target_type": data["target_type"],
            "target_id": data["target_id"],
            "following": data["follow"],
            "follow_name": request.POST.get("name", "")[:200],
            "follow_next": back,
        }
        return render(request, "frontend/components.html#follow-button", context)
    name = request.POST.get("name", "")[:200] or f"this {data['target_type']}"
    messages.success(request, f"You follow {name} now." if data["follow"] else f"You no longer follow {name}.")
    return redirect(back)
