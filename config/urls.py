from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from core.views import ApiDocsView, ApiNotFound, healthz, meta

api_v1 = [
    path("", include("accounts.urls")),
    path("", include("theories.urls")),
    path("", include("voting.urls")),
    path("", include("moderation.urls")),
    path("", include("notifications.urls")),
    path("", include("trends.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/meta/", meta, name="api-meta"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
    # Last under api/: unknown API paths get the JSON error envelope, never an HTML page or a redirect.
    re_path(r"^api/", ApiNotFound.as_view()),
    path("feeds/", include("trends.feeds")),
    path("", include("frontend.urls")),
]

handler500 = "core.views.server_error"
