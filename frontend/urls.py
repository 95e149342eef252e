from django.urls import path
from django.views.generic import RedirectView

from accounts import views as account_views
from frontend import moderation_views, notification_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("series/", views.series_index, name="series-list"),
    path("series/<slug:slug>/", views.series_detail, name="series-detail"),
    path("theories/new/", views.theory_create, name="theory-create"),
    path("theories/<int:pk>/", views.theory_detail, name="theory-detail"),
    path("theories/<int:pk>/vote/", views.theory_vote, name="theory-vote"),
    path("theories/<int:pk>/ruling/", moderation_views.theory_rule, name="theory-rule"),
    path("theories/<int:pk>/ruling/revoke/", moderation_views.theory_revoke, name="theory-revoke"),
    path("theories/<int:pk>/restore/", moderation_views.theory_restore, name="theory-restore"),
    path("news/", moderation_views.news_list, name="news-list"),
    path("news/new/", moderation_views.news_create, name="news-create"),
    path("news/<int:pk>/", moderation_views.news_detail, name="news-detail"),
    path("news/<int:pk>/rulings/", moderation_views.news_rule, name="news-rule"),
    path("flags/", moderation_views.flag_create, name="flag-create"),
    path("moderation/", RedirectView.as_view(pattern_name="moderation-queue"), name="moderation"),
    path("moderation/queue/", moderation_views.queue, name="moderation-queue"),
    path(
        "moderation/queue/<str:target_type>/<int:target_id>/resolve/",
        moderation_views.queue_resolve,
        name="moderation-resolve",
    ),
    path("moderation/audit/", moderation_views.audit, name="moderation-audit"),
    path("moderation/suspensions/", moderation_views.suspensions, name="moderation-suspensions"),
    path("moderation/suspensions/<int:pk>/lift/", moderation_views.suspension_lift, name="moderation-lift"),
    path("follows/", notification_views.follow_toggle, name="follow-toggle"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/read/", notification_views.notifications_read, name="notifications-read"),
    path("notifications/<int:pk>/", notification_views.notification_open, name="notification-open"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/login/", account_views.SigninView.as_view(), name="login"),
    path("accounts/logout/", account_views.SignoutView.as_view(), name="logout"),
    path("users/<str:username>/", account_views.profile, name="profile"),
]
