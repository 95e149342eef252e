"""The project's URLs plus one API view that fails, to see what a server error looks like."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("api/v1/failing/", failing_view), path("failing/", failing_view), *project_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
