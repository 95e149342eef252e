"""Who is reading: the header's viewer state (computed once per request) and the moderator-only gate."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from frontend.selectors import ANONYMOUS_VIEWER, ViewerState, viewer_state

_CACHE_ATTRIBUTE = "_theorycraft_viewer"


def viewer(request: HttpRequest) -> ViewerState:
    """The reader's role, unread count and suspension: one query per request, none for visitors."""
    state = getattr(request, _CACHE_ATTRIBUTE, None)
    if state is None:
        user = request.user
        state = viewer_state(user=user) if user.is_authenticated else ANONYMOUS_VIEWER
        setattr(request, _CACHE_ATTRIBUTE, state)
    return state


def forget_viewer(request: HttpRequest) -> None:
    """Drop the cached state after a write that changes it (notifications marked read)."""
    if hasattr(request, _CACHE_ATTRIBUTE):
        delattr(request, _CACHE_ATTRIBUTE)


def moderator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Visitors are sent to sign in; signed-in readers who are not moderators get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not viewer(request).is_moderator:
            raise PermissionDenied("Only moderators can open this page.")
        return view(request, *args, **kwargs)

    return wrapper
