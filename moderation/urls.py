from django.urls import path

from moderation import api

urlpatterns = [
    path("official-news/", api.NewsListCreateApi.as_view(), name="api-news-list"),
    path("official-news/<int:pk>/", api.NewsDetailApi.as_view(), name="api-news-detail"),
    path("official-news/<int:pk>/candidates/", api.NewsCandidatesApi.as_view(), name="api-news-candidates"),
    path("official-news/<int:pk>/rulings/", api.NewsRulingsApi.as_view(), name="api-news-rulings"),
    path("theories/<int:pk>/ruling/", api.TheoryRulingApi.as_view(), name="api-theory-ruling"),
    path("flags/", api.FlagCreateApi.as_view(), name="api-flags"),
    path("moderation/queue/", api.QueueApi.as_view(), name="api-moderation-queue"),
    path(
        "moderation/queue/<str:target_type>/<int:target_id>/resolve/",
        api.QueueResolveApi.as_view(),
        name="api-moderation-resolve",
    ),
    path(
        "moderation/items/<str:target_type>/<int:target_id>/restore/",
        api.ItemRestoreApi.as_view(),
        name="api-moderation-restore",
    ),
    path("moderation/suspensions/", api.SuspensionListCreateApi.as_view(), name="api-suspensions"),
    path("moderation/suspensions/<int:pk>/", api.SuspensionDetailApi.as_view(), name="api-suspension-detail"),
    path("moderation/audit/", api.AuditListApi.as_view(), name="api-moderation-audit"),
    path("users/<str:username>/", api.ProfileApi.as_view(), name="api-user-profile"),
]
