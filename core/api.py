"""One exception handler: every API error becomes {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError

_DRF_CODES = {
    exceptions.ParseError: "malformed_request",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
    exceptions.ValidationError: "invalid",
}


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable reason, e.g. `invalid` or `not_found`.")
    message = serializers.CharField(help_text="A sentence for people.")
    # A field's messages are a list of strings; a list or nested field's are an object of the same shape, keyed
    # by position or sub-field (`{"tags": {"0": ["..."]}}`), so the values are left free-form here.
    fields = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Messages per input field (a list of strings; for items of a list or nested object, an object "
        "keyed by position or name holding such lists); empty when the error is not about one field.",
    )


class ErrorSerializer(serializers.Serializer):
    """The error envelope, for the OpenAPI document."""

    error = ErrorBodySerializer()


_ERROR_DESCRIPTIONS = {
    400: "Invalid input",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict with the current state",
    413: "Request body too large",
    429: "Too many requests",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the error statuses an endpoint can answer, all with the envelope."""
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in statuses}


def error_response(
    *, code: str, message: str, status_code: int, fields: dict[str, Any] | None = None, headers=None
) -> Response:
    return Response(
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status_code,
        headers=headers,
    )


def _flatten(detail: Any) -> Any:
    """DRF error details as plain strings (lists of messages, nested for nested fields)."""
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return error_response(
            code=exc.code, message=exc.message, status_code=exc.status, fields=exc.fields, headers=exc.headers
        )
    if isinstance(exc, RequestDataTooBig):
        return error_response(
            code="request_too_large",
            message="The request body is too large.",
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        return error_response(code="invalid", message="; ".join(exc.messages), status_code=400, fields=fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    headers = {k: v for k, v in response.headers.items() if k in ("WWW-Authenticate", "Retry-After")}

    code = next((c for cls, c in _DRF_CODES.items() if isinstance(exc, cls)), "error")
    if isinstance(exc, exceptions.ValidationError):
        detail = _flatten(exc.detail)
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        names = ", ".join(k for k in fields if k != "non_field_errors")
        message = f"Invalid input: {names}." if names else "Invalid input."
        if list(fields) == ["non_field_errors"]:
            first = fields["non_field_errors"]
            message = first[0] if isinstance(first, list) and first else message
        return error_response(code=code, message=message, status_code=400, fields=fields, headers=headers)
    message = str(exc.detail) if not isinstance(exc.detail, (dict, list)) else "Request failed."
    return error_response(code=code, message=message, status_code=response.status_code, headers=headers)
