from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from frontend.access import viewer
from frontend.forms import FLAG_REASON_CHOICES


def site(request: HttpRequest) -> dict:
    # Lazy: pages that never show the header (htmx fragments) run no query for it.
    return {
        "site_name": settings.THEORYCRAFT["SITE_NAME"],
        "viewer": SimpleLazyObject(lambda: viewer(request)),
        "FLAG_REASONS": FLAG_REASON_CHOICES,
    }
