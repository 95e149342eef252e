from django.urls import path

from notifications.consumers import NotificationConsumer
from theories.consumers import SeriesConsumer, TheoryConsumer

websocket_urlpatterns = [
    path("ws/series/<slug:slug>/", SeriesConsumer.as_asgi()),
    path("ws/theories/<int:pk>/", TheoryConsumer.as_asgi()),
    path("ws/notifications/", NotificationConsumer.as_asgi()),
]
