"""Keyset ("cursor") pages for server-rendered lists.

A page is fetched with one query of `size + 1` rows: the extra row only says whether a next page
exists, so no COUNT runs and the cost of a page does not depend on how deep the reader scrolled.
The cursor is the sort key of the last row shown, so theories posted meanwhile do not shift the
next page (as offsets would).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model, Q, QuerySet

PAGE_SIZE = 20


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None
    is_first: bool


def _field_names(ordering: tuple[str, ...]) -> list[tuple[str, bool]]:
    return [(name.lstrip("-"), name.startswith("-")) for name in ordering]


def _encode(values: list[Any]) -> str:
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(*, cursor: str, model: type[Model], fields: list[tuple[str, bool]]) -> list[Any] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    if not isinstance(values, list) or len(values) != len(fields):
        return None
    try:
        pairs = zip(fields, values, strict=True)
        return [_to_python(model=model, name=name, value=value) for (name, _), value in pairs]
    except (ValidationError, TypeError, ValueError):
        return None


def _to_python(*, model: type[Model], name: str, value: Any) -> Any:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        # An annotation computed by the query (e.g. `rising`): a number.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"not a number: {value!r}") from None
        return value
    return field.to_python(value)


def _after(fields: list[tuple[str, bool]], values: list[Any]) -> Q:
    """Rows strictly after `values` in the lexicographic order of `fields`."""
    condition = Q()
    for index, (name, descending) in enumerate(fields):
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[index]})
        for earlier, (earlier_name, _) in enumerate(fields[:index]):
            step &= Q(**{earlier_name: values[earlier]})
        condition |= step
    return condition


def keyset_page(*, queryset: QuerySet, ordering: tuple[str, ...], cursor: str | None, size: int = PAGE_SIZE) -> Page:
    """One page of `queryset` in `ordering` (which must end with a unique field, like `-id`).

    An unreadable cursor gives the first page rather than an error.
    """
    fields = _field_names(ordering)
    queryset = queryset.order_by(*ordering)
    values = _decode(cursor=cursor, model=queryset.model, fields=fields) if cursor else None
    if values is not None:
        queryset = queryset.filter(_after(fields, values))
    rows = list(queryset[: size + 1])
    items = rows[:size]
    next_cursor = None
    if len(rows) > size:
        last = items[-1]
        next_cursor = _encode([getattr(last, name) for name, _ in fields])
    return Page(items=items, next_cursor=next_cursor, is_first=values is None)
