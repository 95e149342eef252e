"""Account pages: sign up, sign in, sign out, profiles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from accounts import selectors, services
from accounts.forms import SignupForm
from core.exceptions import ApplicationError, NotFound
from core.ratelimit import client_address, rate_limit
from frontend.forms import add_application_error
from frontend.pagination import keyset_page
from frontend.views import safe_next, vary_on_htmx
from moderation.selectors import track_record
from theories.selectors import theory_list

PROFILE_ORDERING = ("-created_at", "-id")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, reverse("home"))
    if request.user.is_authenticated:
        return redirect(next_url)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(scope="signup", user_id=client_address(request))
            user = services.user_register(**form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(next_url)
    return render(request, "frontend/accounts/signup.html", {"form": form, "next": next_url})


class SigninView(LoginView):
    template_name = "frontend/accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # LoginView names the site after the request's host; the pages use the configured name.
        context["site_name"] = settings.THEORYCRAFT["SITE_NAME"]
        return context


class SignoutView(LogoutView):
    """Sign-out is a POST from the header's form; a GET is refused with 405 (Django's LogoutView)."""


@require_safe
def profile(request: HttpRequest, username: str) -> HttpResponse:
    try:
        person = selectors.user_get_by_username(username=username)
    except NotFound as error:
        raise Http404(error.message) from error
    if person.username != username:
        return redirect("profile", username=person.username)
    theories = theory_list(user=request.user).filter(author=person)
    page = keyset_page(queryset=theories, ordering=PROFILE_ORDERING, cursor=request.GET.get("cursor"))
    context = {"person": person, "page": page}
    if request.htmx and not page.is_first:
        return vary_on_htmx(render(request, "frontend/accounts/profile.html#theory-page", context))
    context["stats"] = selectors.user_profile_stats(user=person)
    context["track_record"] = track_record(user=person)
    return vary_on_htmx(render(request, "frontend/accounts/profile.html", context))
