from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

INVALID_CURSOR = "Invalid cursor: use the `next` or `previous` link of an earlier page."


class Cursor(CursorPagination):
    """Cursor pagination for every list; views set `ordering` per request.

    A cursor that does not decode is bad input (400 `invalid`, on the `cursor` field), not a missing
    page: DRF's own answer, 404, would tell a client the list is gone. Views list 400 among their documented answers.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = INVALID_CURSOR

    def decode_cursor(self, request):  # type: ignore[no-untyped-def]
        from rest_framework.exceptions import NotFound

        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from error
