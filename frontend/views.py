"""Pages of the core loop: series, theories, votes. They read through selectors and write through services."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from core.exceptions import ApplicationError, NotFound
from core.ratelimit import rate_limit
from frontend.access import viewer
from frontend.forms import CommentForm, ReasonForm, RulingForm, TheoryForm, add_application_error, refusal_message
from frontend.pagination import keyset_page
from frontend.selectors import (
    COMMENT_PAGE_SIZE,
    comment_tree,
    news_choices,
    series_for_reader,
    series_list,
    tag_find,
    tag_list_for,
    theory_deleted_exists,
    theory_is_followed,
)
from frontend.spoilers import mark_spoilers, progress_context
from theories import selectors as theory_selectors
from theories import services as theory_services
from theories.models import Series, Tag, Theory
from voting import services as voting_services

SORT_LABELS = {"hot": "Hot", "new": "New", "top": "Top", "rising": "Rising", "controversial": "Controversial"}
WINDOW_LABELS = {"day": "Today", "week": "Week", "month": "Month", "year": "Year", "all": "All time"}
# Sorts that read within a time window, offered as a second row of choices.
WINDOWED_SORTS = ("top", "controversial")


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` URL of the request if it points back into this site, else `fallback`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """Mark a page that answers htmx with a fragment, so no cache hands the fragment to a full load."""
    patch_vary_headers(response, ("HX-Request",))
    return response


def _series_or_404(slug: str) -> Series:
    try:
        return theory_selectors.series_get(slug=slug)
    except NotFound as error:
        raise Http404(error.message) from error


def _theory_or_404(request: HttpRequest, pk: int) -> Theory:
    """A theory the reader may see; moderators also see hidden ones, to review and restore them."""
    if request.user.is_authenticated and viewer(request).is_moderator:
        theory = theory_selectors.theory_list(user=request.user, include_hidden=True).filter(pk=pk).first()
        if theory is None:
            raise Http404("No such theory.")
        return theory
    try:
        return theory_selectors.theory_get_visible(user=request.user, pk=pk)
    except NotFound as error:
        raise Http404(error.message) from error


def _group_tags(tags: list[Tag]) -> list[tuple[str, list[Tag]]]:
    groups: dict[str, list[Tag]] = {f"{label}s": [] for _, label in Tag.Kind.choices}
    for tag in tags:
        groups[f"{tag.get_kind_display()}s"].append(tag)
    return [(label, items) for label, items in groups.items() if items]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    slug = settings.THEORYCRAFT["DEFAULT_SERIES"]
    try:
        theory_selectors.series_get(slug=slug)
    except NotFound:
        return series_index(request)
    return redirect("series-detail", slug=slug)


@require_safe
def series_index(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/series/index.html", {"series_list": series_list()})


def _as_of(request: HttpRequest) -> datetime:
    """The moment a list is computed for: fixed by the first page, carried by "load more" links."""
    try:
        as_of = parse_datetime(request.GET.get("as_of", ""))
    except ValueError:
        as_of = None
    if as_of is None or timezone.is_naive(as_of):
        return timezone.now().replace(microsecond=0)
    return as_of


def _sorts() -> list[tuple[str, str]]:
    order = [key for key in SORT_LABELS if key in theory_selectors.SORT_ORDERINGS]
    order += [key for key in theory_selectors.SORT_ORDERINGS if key not in SORT_LABELS]
    return [(key, SORT_LABELS.get(key, key.title())) for key in order]


@require_safe
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_for_reader(slug=slug, user=request.user)
    if series is None:
        raise Http404("No such series.")
    sort = request.GET.get("sort", "hot")
    if sort not in theory_selectors.SORT_ORDERINGS:
        sort = "hot"
    window = request.GET.get("window", "all")
    if sort not in WINDOWED_SORTS or window not in theory_selectors.WINDOWS:
        window = "all"
    as_of = _as_of(request)
    theories = theory_selectors.theory_feed(user=request.user, series=series, sort=sort, window=window, as_of=as_of)
    full_page = not (request.htmx and request.GET.get("cursor"))
    # A full page lists the series' tags (with the reader's follows) anyway; the chosen tag comes from that list.
    tags = list(tag_list_for(user=request.user, series=series)) if full_page else []
    tag = None
    if request.GET.get("tag"):
        slug = request.GET["tag"]
        tag = (
            next((item for item in tags if item.slug == slug), None)
            if full_page
            else tag_find(series=series, slug=slug)
        )
        if tag is None:
            raise Http404("No such tag in this series.")
        theories = theories.filter(tags=tag)
    page = keyset_page(
        queryset=theories, ordering=theory_selectors.SORT_ORDERINGS[sort], cursor=request.GET.get("cursor")
    )
    mark_spoilers(request, page.items)
    context = {
        "series": series,
        "sort": sort,
        "sorts": _sorts(),
        "window": window,
        "windows": [(key, WINDOW_LABELS.get(key, key)) for key in theory_selectors.WINDOWS]
        if sort in WINDOWED_SORTS
        else [],
        "as_of": as_of.isoformat(),
        "tag": tag,
        "page": page,
    }
    if request.htmx and not page.is_first:
        return vary_on_htmx(render(request, "frontend/series/detail.html#theory-page", context))
    if not full_page:  # an htmx request whose cursor was unreadable gets the first, whole page
        tags = list(tag_list_for(user=request.user, series=series))
    context["tag_groups"] = _group_tags(tags)
    context.update(progress_context(request, series))
    return vary_on_htmx(render(request, "frontend/series/detail.html", context))


COMMENT_SORT_LABELS = [("best", "Best"), ("new", "New"), ("old", "Old")]


def theory_page(
    request: HttpRequest, theory: Theory, *, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The theory page; moderators also get the ruling, revoke and restore forms (`forms` keeps bound ones).

    `forms["comment"]` is a bound comment form with errors: the top-level one, or the reply form of
    comment `forms["reply_to"]`.
    """
    forms = forms or {}
    sort = request.GET.get("sort", "best")
    if sort not in theory_selectors.COMMENT_SORTS:
        sort = "best"
    offset = request.GET.get("from", "0")
    offset_value = int(offset) if offset.isdigit() else 0
    comments, more_comments = comment_tree(theory=theory, user=request.user, sort=sort, offset=offset_value)
    mark_spoilers(request, [theory])
    reply_to = forms.get("reply_to")
    context: dict[str, Any] = {
        "theory": theory,
        "series": theory.series,
        "comments": comments,
        "comment_sort": sort,
        "comment_sorts": COMMENT_SORT_LABELS,
        "comments_offset": offset_value,
        "more_comments_from": offset_value + COMMENT_PAGE_SIZE if more_comments else None,
        "comment_form": forms["comment"]
        if reply_to is None and "comment" in forms
        else CommentForm(auto_id="comment_%s"),
        "reply_to": reply_to,
        "reply_form": forms.get("comment") if reply_to is not None else None,
    }
    if request.user.is_authenticated:
        context["is_following"] = theory_is_followed(user=request.user, theory=theory)
    if viewer(request).is_moderator:
        active = theory.active_rulings[0] if theory.active_rulings else None
        context["active_ruling"] = active
        if active is None:
            context["rule_form"] = forms.get("rule") or RulingForm(
                news_items=news_choices(series=theory.series), auto_id="rule_%s"
            )
        else:
            context["revoke_form"] = forms.get("revoke") or ReasonForm(auto_id="revoke_%s")
        if theory.is_hidden:
            context["restore_form"] = forms.get("restore") or ReasonForm(auto_id="restore_%s")
    return render(request, "frontend/theories/detail.html", context, status=status)


@require_safe
def theory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        theory = _theory_or_404(request, pk)
    except Http404:
        if theory_deleted_exists(pk=pk):
            return render(request, "frontend/theories/deleted.html", status=410)
        raise
    return theory_page(request, theory)


@login_required
@require_http_methods(["GET", "POST"])
def theory_create(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("series") or request.GET.get("series") or settings.THEORYCRAFT["DEFAULT_SERIES"]
    series = _series_or_404(slug)
    tags = list(theory_selectors.tag_list(series=series))
    form = TheoryForm(request.POST or None, tags=tags, initial={"series": series.slug})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit(scope="theory", user_id=request.user.pk)
            theory = theory_services.theory_create(
                author=request.user,
                series=series,
                title=data["title"],
                body=data["body"],
                tag_slugs=data["tags"],
                chapter_numbers=data["chapters"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Your theory is live. Let the arguing begin.")
            return redirect("theory-detail", pk=theory.pk)
    return render(
        request,
        "frontend/theories/create.html",
        {"form": form, "series": series, "last_chapter": series.last_chapter},
    )


@require_POST
def theory_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast the clicked vote, or take it back when it is the vote already standing."""
    back = safe_next(request, reverse("theory-detail", args=[pk]))
    if not request.user.is_authenticated:
        login_url = f"{reverse('login')}?{urlencode({'next': back})}"
        return HttpResponseClientRedirect(login_url) if request.htmx else redirect(login_url)
    theory = _theory_or_404(request, pk)
    value = request.POST.get("value")
    error = None
    try:
        if value not in ("1", "-1"):
            raise ApplicationError(code="invalid", message="A vote is up or down.")
        rate_limit(scope="vote", user_id=request.user.pk)
        if theory.my_vote == int(value):
            result = voting_services.vote_remove(user=request.user, theory_id=theory.pk)
        else:
            result = voting_services.vote_cast(user=request.user, theory_id=theory.pk, value=int(value))
    except ApplicationError as refusal:
        error = refusal_message(refusal)
    else:
        theory.upvotes, theory.downvotes, theory.score = result.upvotes, result.downvotes, result.score
        theory.my_vote = result.my_vote or None
    if request.htmx:
        context = {"theory": theory, "vote_error": error, "vote_next": back}
        return render(request, "frontend/components.html#vote-widget", context)
    if error:
        # Back to the top of the page, where the message shows.
        messages.error(request, error)
        return redirect(back)
    return redirect(back if "#" in back else f"{back}#theory-{theory.pk}")
