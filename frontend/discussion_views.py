"""Discussion pages: comments, theory edits and history, tags, search and reading progress.

They read through selectors and write through services, like the pages of frontend.views.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from accounts import services as account_services
from core.exceptions import ApplicationError, NotFound
from core.ratelimit import rate_limit
from frontend.access import viewer
from frontend.forms import CommentForm, ProgressForm, TheoryForm, add_application_error, refusal_message
from frontend.pagination import keyset_page
from frontend.selectors import comment_tree, tag_get, tag_options, theory_revisions
from frontend.spoilers import mark_spoilers, set_progress_cookie
from frontend.views import COMMENT_SORT_LABELS, _series_or_404, _theory_or_404, safe_next, theory_page, vary_on_htmx
from theories import selectors as theory_selectors
from theories import services as theory_services
from theories.models import Comment
from theories.search import MAX_QUERY_LENGTH
from voting import services as voting_services


def _login_redirect(request: HttpRequest, back: str) -> HttpResponse:
    login_url = f"{reverse('login')}?{urlencode({'next': back})}"
    return HttpResponseClientRedirect(login_url) if request.htmx else redirect(login_url)


def _comment_or_404(request: HttpRequest, pk: int) -> Comment:
    try:
        return theory_selectors.comment_get(user=request.user, pk=pk)
    except NotFound as error:
        raise Http404(error.message) from error


def _ensure_may_change(request: HttpRequest, author_id: int) -> None:
    """Only the author or a moderator edits or deletes; the services check it again."""
    if request.user.pk != author_id and not viewer(request).is_moderator:
        raise PermissionDenied("Only its author or a moderator can change this.")


# --- comments --------------------------------------------------------------------------------------


@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a comment on a theory, or a reply when `parent` is given; errors show next to the form used."""
    back = reverse("theory-detail", args=[pk])
    if not request.user.is_authenticated:
        return _login_redirect(request, back)
    theory = _theory_or_404(request, pk)
    form = CommentForm(request.POST, auto_id="reply_%s" if request.POST.get("parent") else "comment_%s")
    parent: Comment | None = None
    if form.is_valid():
        try:
            if request.POST.get("parent"):
                if not request.POST["parent"].isdigit():
                    raise ApplicationError(code="invalid", message="No such comment to reply to.")
                parent = theory_selectors.comment_get_parent(pk=int(request.POST["parent"]))
            rate_limit(scope="comment", user_id=request.user.pk)
            comment = theory_services.comment_create(
                author=request.user, theory=theory, body=form.cleaned_data["body"], parent=parent
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Your comment is posted.")
            target = safe_next(request, back).split("#")[0]
            if target.split("?")[0] == request.path:
                target = back
            return redirect(f"{target}#comment-{comment.pk}")
    reply_to = int(request.POST["parent"]) if (request.POST.get("parent") or "").isdigit() else None
    # The page is shown again at this POST-only URL; its forms send readers back (`next`) to the theory page.
    request.path = back
    request.META["QUERY_STRING"] = ""
    return theory_page(request, theory, forms={"comment": form, "reply_to": reply_to}, status=400)


@require_safe
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One comment and the replies below it: where "Continue this thread" leads."""
    comment = _comment_or_404(request, pk)
    theory = _theory_or_404(request, comment.theory_id)
    sort = _comment_sort(request)
    tree, _ = comment_tree(theory=theory, user=request.user, sort=sort, root=comment)
    context = {
        "theory": theory,
        "series": theory.series,
        "root": comment,
        "comments": tree,
        "comment_sort": sort,
        "comment_sorts": COMMENT_SORT_LABELS,
    }
    return render(request, "frontend/theories/comment_thread.html", context)


def _comment_sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "best")
    return sort if sort in theory_selectors.COMMENT_SORTS else "best"


@require_POST
def comment_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast the clicked vote on a comment, or take it back when it is the vote already standing."""
    back = safe_next(request, reverse("comment-detail", args=[pk]))
    if not request.user.is_authenticated:
        return _login_redirect(request, back)
    comment = _comment_or_404(request, pk)
    value = request.POST.get("value")
    error = None
    try:
        if value not in ("1", "-1"):
            raise ApplicationError(code="invalid", message="A vote is up or down.")
        rate_limit(scope="vote", user_id=request.user.pk)
        if comment.my_vote == int(value):  # type: ignore[attr-defined]
            result = voting_services.comment_vote_remove(user=request.user, comment_id=comment.pk)
        else:
            result = voting_services.comment_vote_cast(user=request.user, comment_id=comment.pk, value=int(value))
    except ApplicationError as refusal:
        error = refusal_message(refusal)
    else:
        comment.upvotes, comment.downvotes, comment.score = result.upvotes, result.downvotes, result.score
        comment.my_vote = result.my_vote or None  # type: ignore[attr-defined]
    if request.htmx:
        context = {"comment": comment, "vote_error": error, "vote_next": back}
        return render(request, "frontend/components.html#comment-vote", context)
    if error:
        messages.error(request, error)
        return redirect(back)
    return redirect(back if "#" in back else f"{back}#comment-{comment.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_or_404(request, pk)
    _ensure_may_change(request, comment.author_id)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            theory_services.comment_update(editor=request.user, comment_id=comment.pk, body=form.cleaned_data["body"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Comment updated.")
            return redirect(f"{reverse('theory-detail', args=[comment.theory_id])}#comment-{comment.pk}")
    theory = _theory_or_404(request, comment.theory_id)
    context = {"form": form, "comment": comment, "theory": theory, "series": theory.series}
    return render(request, "frontend/theories/comment_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_or_404(request, pk)
    _ensure_may_change(request, comment.author_id)
    try:
        theory_services.comment_delete(actor=request.user, comment_id=comment.pk)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, "Comment deleted.")
    return redirect(f"{reverse('theory-detail', args=[comment.theory_id])}#comments")


# --- theory edit, delete, history -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def theory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theory = _theory_or_404(request, pk)
    _ensure_may_change(request, theory.author_id)
    series = theory.series
    tags = list(theory_selectors.tag_list(series=series))
    initial = {
        "series": series.slug,
        "title": theory.title,
        "body": theory.body,
        "tags": [tag.slug for tag in theory.tags.all()],
        "chapters": ", ".join(str(chapter.number) for chapter in theory.chapters.all()),
    }
    form = TheoryForm(request.POST or None, tags=tags, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            theory_services.theory_update(
                editor=request.user,
                theory_id=theory.pk,
                title=data["title"],
                body=data["body"],
                tag_slugs=data["tags"],
                chapter_numbers=data["chapters"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Theory updated. The earlier version is in its history.")
            return redirect("theory-detail", pk=theory.pk)
    context = {"form": form, "series": series, "theory": theory, "last_chapter": series.last_chapter}
    return render(request, "frontend/theories/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def theory_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the soft delete."""
    theory = _theory_or_404(request, pk)
    _ensure_may_change(request, theory.author_id)
    if request.method == "POST":
        try:
            theory_services.theory_delete(actor=request.user, theory_id=theory.pk)
        except ApplicationError as error:
            messages.error(request, refusal_message(error))
            return redirect("theory-detail", pk=theory.pk)
        messages.success(request, "Theory deleted.")
        return redirect("series-detail", slug=theory.series.slug)
    return render(request, "frontend/theories/delete.html", {"theory": theory, "series": theory.series})


@require_safe
def theory_history(request: HttpRequest, pk: int) -> HttpResponse:
    theory = _theory_or_404(request, pk)
    context = {"theory": theory, "series": theory.series, "revisions": theory_revisions(theory=theory)}
    return render(request, "frontend/theories/history.html", context)


# --- tags ------------------------------------------------------------------------------------------


@require_safe
def tag_detail(request: HttpRequest, slug: str, tag_slug: str) -> HttpResponse:
    series = _series_or_404(slug)
    tag = tag_get(series=series, slug=tag_slug, user=request.user)
    if tag is None:
        raise Http404("No such tag in this series.")
    theories = theory_selectors.theory_feed(user=request.user, series=series, sort="new").filter(tags=tag)
    page = keyset_page(
        queryset=theories, ordering=theory_selectors.SORT_ORDERINGS["new"], cursor=request.GET.get("cursor")
    )
    mark_spoilers(request, page.items)
    context = {"series": series, "tag": tag, "page": page, "as_of": ""}
    if request.htmx and not page.is_first:
        return vary_on_htmx(render(request, "frontend/series/detail.html#theory-page", context))
    return vary_on_htmx(render(request, "frontend/series/tag.html", context))


@require_safe
def tag_picker_options(request: HttpRequest, slug: str) -> HttpResponse:
    """The picker's checkboxes narrowed to tags matching `q` (name or alias), keeping the ticked ones."""
    series = _series_or_404(slug)
    chosen = request.GET.getlist("tags")
    text = request.GET.get("q", "").strip()[:80]
    form = TheoryForm(tags=tag_options(series=series, text=text, chosen=chosen), initial={"tags": chosen})
    return vary_on_htmx(render(request, "frontend/theories/_tag_picker.html", {"form": form, "filtered": text}))


# --- search ----------------------------------------------------------------------------------------


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    series = None
    if request.GET.get("series"):
        series = _series_or_404(request.GET["series"])
    context: dict[str, Any] = {"q": text, "search_series": series, "series": series, "max_length": MAX_QUERY_LENGTH}
    if not text:
        return render(request, "frontend/search.html", context)
    if len(text) > MAX_QUERY_LENGTH:
        context["too_long"] = True
        return render(request, "frontend/search.html", context, status=400)
    query = theory_selectors.theory_search_query(text=text, series=series)
    results = theory_selectors.theory_feed(user=request.user, series=series, sort="relevance", q=query)
    page = keyset_page(
        queryset=results, ordering=theory_selectors.feed_ordering("relevance"), cursor=request.GET.get("cursor")
    )
    theory_selectors.theory_search_highlights(theories=page.items, query=query)
    mark_spoilers(request, page.items)
    context["page"] = page
    return render(request, "frontend/search.html", context)


# --- reading progress ------------------------------------------------------------------------------


@require_POST
def progress_set(request: HttpRequest, slug: str) -> HttpResponse:
    """Save how far the reader is: their account's progress when signed in, a cookie for visitors."""
    series = _series_or_404(slug)
    back = safe_next(request, reverse("series-detail", args=[slug]))
    form = ProgressForm(request.POST)
    last = series.last_chapter
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(back)
    chapter = last if form.cleaned_data["everything"] else form.cleaned_data["chapter"]
    if chapter > last:
        messages.error(request, f"{series.title} has chapters 1 to {last}.")
        return redirect(back)
    response = redirect(back)
    if request.user.is_authenticated:
        try:
            account_services.reading_progress_set(user=request.user, series=series, chapter=chapter)
        except ApplicationError as error:
            messages.error(request, refusal_message(error))
            return response
    else:
        set_progress_cookie(request, response, series=series, chapter=chapter)
    if chapter >= last:
        messages.success(request, "Saved: you've read everything, so nothing is hidden from you.")
    else:
        messages.success(request, f"Saved: theories citing chapters after {chapter} are collapsed as spoilers.")
    return response
