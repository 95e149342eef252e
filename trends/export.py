"""The trends CSV download, streamed: one response for the API's export and the trends page's button."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse

from theories.models import Series
from trends import selectors


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_response(*, series: Series, window: str, scope: str) -> StreamingHttpResponse:
    """EXPORT_COLUMNS then one line per exported row, as an attachment named after the series, window and scope."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(selectors.EXPORT_COLUMNS)
        for row in selectors.export_rows(series=series, window=window, scope=scope):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trends-{series.slug}-{window}-{scope}.csv"'
    return response
