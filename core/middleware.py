"""Requests PostgreSQL could not even look up: refused with a 400 before any view runs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

from core.views import API_PREFIX

NUL = "\x00"
MESSAGE = "The address contains a NUL character, which no name, slug or search can hold."


class RejectNulCharacters:
    """A 400 for a path or query string holding a NUL character.

    PostgreSQL text cannot contain NUL, so a view passing such a value to a lookup (a series slug,
    a username, a search) would fail with a database error, a 500. Request bodies need no such
    check: DRF's and Django's form CharFields already refuse NUL with a 400 naming the field.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or any(NUL in key or NUL in value for key, value in _query_items(request)):
            return _bad_request(request)
        return self.get_response(request)


def _query_items(request: HttpRequest) -> list[tuple[str, str]]:
    return [(key, value) for key, values in request.GET.lists() for value in values]


def _bad_request(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": {"code": "invalid", "message": MESSAGE, "fields": {}}}, status=400)
    return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
