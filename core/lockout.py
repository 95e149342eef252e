"""The answer to a locked-out sign-in (django-axes calls `lockout_response`; settings.AXES_LOCKOUT_CALLABLE).

429 Too Many Requests with Retry-After, for known and unknown usernames alike: the lock-out says nothing
about whether the account exists. API paths get the JSON error envelope; the sign-in page is shown again
with the reason.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from core.views import API_PREFIX

LOCKED_OUT_CODE = "locked_out"


def _retry_after_seconds() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds()))


def lockout_message() -> str:
    minutes = max(1, round(_retry_after_seconds() / 60))
    return (
        f"Too many failed sign-ins for this username from your network. "
        f"Try again in {minutes} minutes, or reset your password."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    retry_after = str(_retry_after_seconds())
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse(
            {"error": {"code": LOCKED_OUT_CODE, "message": lockout_message(), "fields": {}}}, status=429
        )
    else:
        from django.contrib.auth.forms import AuthenticationForm

        # An unbound form: validating a bound one would try the credentials again and count another failure.
        form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
        form.cleaned_data = {}
        form.add_error(None, lockout_message())
        context = {"form": form, "next": "", "site_name": settings.THEORYCRAFT["SITE_NAME"]}
        response = render(request, "frontend/accounts/login.html", context, status=429)
    response["Retry-After"] = retry_after
    return response
