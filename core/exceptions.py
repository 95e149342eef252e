"""The one error type that services raise; the API exception handler turns it into the JSON envelope."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A refusal with a stable code, a human message, optional per-field messages and an HTTP status."""

    def __init__(
        self,
        *,
        code: str,
        message: str,
        fields: dict[str, Any] | None = None,
        status: int = 400,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.status = status
        self.headers = headers or {}


class NotFound(ApplicationError):
    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(code="not_found", message=message, status=404)


class PermissionDenied(ApplicationError):
    def __init__(self, message: str, *, code: str = "permission_denied") -> None:
        super().__init__(code=code, message=message, status=403)


class Conflict(ApplicationError):
    def __init__(self, message: str, *, code: str = "conflict") -> None:
        super().__init__(code=code, message=message, status=409)
