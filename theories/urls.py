from django.urls import path

from theories import api

urlpatterns = [
    path("theories/", api.TheoryListCreateApi.as_view(), name="api-theory-list"),
    path("theories/<int:pk>/", api.TheoryDetailApi.as_view(), name="api-theory-detail"),
    path("tags/", api.TagListApi.as_view(), name="api-tag-list"),
]
