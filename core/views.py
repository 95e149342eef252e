"""Health for load balancers and operators, and JSON answers for API paths that Django would answer in HTML."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from core.exceptions import NotFound
from core.health import check_all

API_PREFIX = "/api/"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = check_all()
    healthy = all(check["ok"] for check in checks.values())
    failing = [name for name, check in checks.items() if not check["ok"]]
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "failing": failing, "checks": checks},
        status=200 if healthy else 503,
    )


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a separate file, so the page runs under the site's CSP."""

    template_name = "core/api_docs.html"


def meta(request: HttpRequest) -> JsonResponse:
    """A trivial JSON answer: the baseline that bench/bench_voting.py measures every other figure against."""
    return JsonResponse({"name": "Theorycraft", "api": "v1"})


@extend_schema(exclude=True)
class ApiNotFound(APIView):
    """Every path under /api/ that no endpoint claims: a JSON 404 for any method.

    Routed last under /api/, so it also stops APPEND_SLASH from redirecting API calls
    (a redirect drops a POST body); the message names the path with the slash instead.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def _not_found(self, request: Request, *args: object, **kwargs: object) -> None:
        path = request.path
        if not path.endswith("/") and _is_api_endpoint(path + "/"):
            raise NotFound(f"No API endpoint at {path}; did you mean {path}/?")
        raise NotFound(f"No API endpoint at {path}.")

    get = post = put = patch = delete = head = options = _not_found


def _is_api_endpoint(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return getattr(match.func, "view_class", None) is not ApiNotFound


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 for API paths in the error envelope; the site's page for everything else."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"error": {"code": "server_error", "message": "Something went wrong on our side.", "fields": {}}},
            status=500,
        )
    return defaults.server_error(request)
