from django.urls import path

from voting import api

urlpatterns = [
    path("theories/<int:pk>/vote/", api.TheoryVoteApi.as_view(), name="api-theory-vote"),
    path("comments/<int:pk>/vote/", api.CommentVoteApi.as_view(), name="api-comment-vote"),
]
