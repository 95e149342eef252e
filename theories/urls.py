from django.urls import path

from theories.api import comments, series, theories

urlpatterns = [
    path("theories/", theories.TheoryListCreateApi.as_view(), name="api-theory-list"),
    path("theories/<int:pk>/", theories.TheoryDetailApi.as_view(), name="api-theory-detail"),
    path("theories/<int:pk>/revisions/", theories.TheoryRevisionListApi.as_view(), name="api-theory-revisions"),
    path("theories/<int:pk>/comments/", comments.CommentListCreateApi.as_view(), name="api-theory-comments"),
    path("comments/<int:pk>/", comments.CommentDetailApi.as_view(), name="api-comment-detail"),
    path("series/", series.SeriesListApi.as_view(), name="api-series-list"),
    path("series/<slug:slug>/", series.SeriesDetailApi.as_view(), name="api-series-detail"),
    path("series/<slug:slug>/chapters/", series.ChapterListApi.as_view(), name="api-series-chapters"),
    path("tags/", series.TagListApi.as_view(), name="api-tag-list"),
]
