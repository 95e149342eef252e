from django.urls import path

from notifications import api

urlpatterns = [
    path("notifications/", api.NotificationListApi.as_view(), name="api-notification-list"),
    path("notifications/read/", api.NotificationReadApi.as_view(), name="api-notification-read"),
    path("notifications/unread-count/", api.NotificationUnreadCountApi.as_view(), name="api-notification-unread"),
    path("follows/", api.FollowApi.as_view(), name="api-follows"),
]
