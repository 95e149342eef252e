"""Health: the state of the database, Redis and the Celery worker, for load balancers and operators."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import check_all


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
