from django.urls import path

from trends import api

urlpatterns = [
    path("trends/", api.TrendsApi.as_view(), name="api-trends"),
    path("trends/history/", api.TrendsHistoryApi.as_view(), name="api-trends-history"),
    path("trends/export.csv", api.TrendsExportApi.as_view(), name="api-trends-export"),
    path("trends/refresh/", api.TrendsRefreshApi.as_view(), name="api-trends-refresh"),
    path("trends/tasks/<uuid:task_id>/", api.TrendsTaskApi.as_view(), name="api-trends-task"),
]
