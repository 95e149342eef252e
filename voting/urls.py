from django.urls import path

from voting import api

urlpatterns = [
    path("theories/<int:pk>/vote/", api.TheoryVoteApi.as_view(), name="api-theory-vote"),
]
