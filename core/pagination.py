from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Cursor pagination for every list; views set `ordering` per request."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
