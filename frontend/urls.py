from django.urls import path

from accounts import views as account_views
from frontend import views

urlpatterns = [
    path("", views.home, name="home"),
    path("series/", views.series_index, name="series-list"),
    path("series/<slug:slug>/", views.series_detail, name="series-detail"),
    path("theories/new/", views.theory_create, name="theory-create"),
    path("theories/<int:pk>/", views.theory_detail, name="theory-detail"),
    path("theories/<int:pk>/vote/", views.theory_vote, name="theory-vote"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/login/", account_views.SigninView.as_view(), name="login"),
    path("accounts/logout/", account_views.SignoutView.as_view(), name="logout"),
    path("users/<str:username>/", account_views.profile, name="profile"),
]
