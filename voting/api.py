"""Votes over REST. Token-authenticated theory votes take a lean path; everything else goes through DRF.

A vote is the most frequent write, and DRF's request, negotiation, serializer and renderer
machinery costs several times the work of the vote itself. TheoryVoteApi therefore answers a
well-formed `PUT`/`DELETE` with `Authorization: Token <key>` and a JSON body of `{"value": 1}`
or `{"value": -1}` by hand (voting.api.token_vote): one Redis round trip for the rate limit and
one statement for the vote, which also checks the token and the account (plus, the first time
a worker sees a token, one query for its account). Every other request to the URL (session
auth with its CSRF check, unknown tokens, bad bodies, refused accounts) is handed to the DRF
view unchanged, so answers, errors and the OpenAPI schema stay those of DRF.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import error_responses
from core.exceptions import ApplicationError
from core.ratelimit import rate_limit
from voting import selectors, services

# Larger bodies go through DRF, which enforces DATA_UPLOAD_MAX_MEMORY_SIZE and answers 413.
_LEAN_MAX_BODY = 1024

# API token key -> id of its account, per process, for tokens that voted through this worker. Only a
# hint for the rate limit's key: every vote statement checks again that the token is the account's and
# that the account may vote (services.token_vote_write), so a revoked token or a suspension applies to
# the very next vote. Emptied when full, so it stays small.
_TOKEN_VOTERS: dict[str, int] = {}
_TOKEN_VOTERS_MAX = 10_000


class VoteInputSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=[1, -1])


class _CountersSerializer(serializers.Serializer):
    """The counters after a vote and the caller's standing vote (null when none), for theories and comments."""

    score = serializers.IntegerField()
    upvotes = serializers.IntegerField()
    downvotes = serializers.IntegerField()
    my_vote = serializers.IntegerField(allow_null=True)

    def to_representation(self, instance):  # type: ignore[no-untyped-def]
        data = super().to_representation(instance)
        data["my_vote"] = data["my_vote"] or None
        return data


class VoteOutputSerializer(_CountersSerializer):
    theory = serializers.IntegerField(source="theory_id")


def _token_key(request: HttpRequest) -> str | None:
    """The key of a well-formed `Authorization: Token <key>` header, else None (DRF then decides)."""
    keyword, _, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if keyword != "Token" or not key or " " in key:
        return None
    return key


def _lean_value(request: HttpRequest) -> int | None:
    """The vote of a PUT whose JSON body is exactly an object with `value` 1 or -1, else None (DRF then decides)."""
    if request.content_type != "application/json":
        return None
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > _LEAN_MAX_BODY:
            return None
        data = orjson.loads(request.body)
    except (ValueError, orjson.JSONDecodeError):
        return None
    value = data.get("value") if isinstance(data, dict) else None
    return value if type(value) is int and value in (1, -1) else None


def _json(data: dict[str, Any], *, status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    response = HttpResponse(orjson.dumps(data), content_type="application/json", status=status, headers=headers)
    # As DRF's APIView.finalize_response would: the methods of the URL, and the answer varies with Accept.
    response["Allow"] = "PUT, DELETE, OPTIONS"
    response["Vary"] = "Accept"
    return response


def _counters(result: services.VoteResult) -> dict[str, Any]:
    """VoteOutputSerializer's representation, built directly."""
    return {
        "score": result.score,
        "upvotes": result.upvotes,
        "downvotes": result.downvotes,
        "my_vote": result.my_vote or None,
        "theory": result.theory_id,
    }


def _token_voter_id(key: str) -> int | None:
    """The id of the active account holding token `key` (remembered per process), or None."""
    voter_id = _TOKEN_VOTERS.get(key)
    if voter_id is None:
        voter_id = selectors.voter_id_for_token(key=key)
        if voter_id is not None:
            if len(_TOKEN_VOTERS) >= _TOKEN_VOTERS_MAX:
                _TOKEN_VOTERS.clear()
            _TOKEN_VOTERS[key] = voter_id
    return voter_id


def token_vote(request: HttpRequest, pk: int) -> HttpResponse | None:
    """Answer a token-authenticated vote on a theory without DRF, or return None to let the DRF view answer.

    A request it does not take (another method or auth, a body DRF might read differently, an
    unknown token or inactive account) goes to DRF, which answers as it always has; so does a
    vote whose statement refused the account (suspended, deactivated, or the token revoked since
    this worker last saw it), and DRF then says why. Past that, the rate limit and the service's
    rules refuse with the same error envelope and statuses.
    """
    if request.method not in ("PUT", "DELETE"):
        return None
    key = _token_key(request)
    if key is None:
        return None
    value = _lean_value(request) if request.method == "PUT" else 0
    if value is None:
        return None
    voter_id = _token_voter_id(key)
    if voter_id is None:
        return None
    try:
        rate_limit(scope="vote", user_id=voter_id)
        result = services.token_vote_write(token=key, user_id=voter_id, theory_id=pk, value=value)
    except services.VoterRefused:
        # DRF counts this request against the rate limit a second time: only refused accounts pay it.
        _TOKEN_VOTERS.pop(key, None)
        return None
    except ApplicationError as error:
        body = {"error": {"code": error.code, "message": error.message, "fields": error.fields}}
        return _json(body, status=error.status, headers=error.headers)
    return _json(_counters(result))


class TheoryVoteApi(APIView):
    permission_classes = [IsAuthenticated]

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:
        """The DRF view behind token_vote, which answers token-authenticated votes first."""
        drf_view = super().as_view(**initkwargs)

        # The wrapper keeps the DRF view's attributes (cls, initkwargs, csrf_exempt), so URL
        # resolution, CSRF handling and drf-spectacular treat it as the DRF view it falls back to.
        @functools.wraps(drf_view)
        def view(request: HttpRequest, pk: int) -> HttpResponse:
            return token_vote(request, pk) or drf_view(request, pk=pk)

        return view

    @extend_schema(
        request=VoteInputSerializer,
        responses={200: VoteOutputSerializer, **error_responses(400, 401, 403, 404, 429)},
        summary="Vote on a theory (+1 or -1)",
    )
    def put(self, request: Request, pk: int) -> Response:
        serializer = VoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rate_limit(scope="vote", user_id=request.user.pk)
        result = services.vote_cast(user=request.user, theory_id=pk, value=serializer.validated_data["value"])
        return Response(VoteOutputSerializer(result).data)

    @extend_schema(
        request=None,
        responses={200: VoteOutputSerializer, **error_responses(401, 403, 404, 429)},
        summary="Remove your vote on a theory",
    )
    def delete(self, request: Request, pk: int) -> Response:
        rate_limit(scope="vote", user_id=request.user.pk)
        result = services.vote_remove(user=request.user, theory_id=pk)
        return Response(VoteOutputSerializer(result).data)


class CommentVoteOutputSerializer(_CountersSerializer):
    comment = serializers.IntegerField(source="comment_id")


class CommentVoteApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=VoteInputSerializer,
        responses={200: CommentVoteOutputSerializer, **error_responses(400, 401, 403, 404, 429)},
        summary="Vote on a comment (+1 or -1)",
        description="One vote per user and comment; not on your own comment. Casting the same value again "
        "changes nothing.",
    )
    def put(self, request: Request, pk: int) -> Response:
        serializer = VoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rate_limit(scope="vote", user_id=request.user.pk)
        result = services.comment_vote_cast(user=request.user, comment_id=pk, value=serializer.validated_data["value"])
        return Response(CommentVoteOutputSerializer(result).data)

    @extend_schema(
        request=None,
        responses={200: CommentVoteOutputSerializer, **error_responses(401, 403, 404, 429)},
        summary="Remove your vote on a comment",
    )
    def delete(self, request: Request, pk: int) -> Response:
        rate_limit(scope="vote", user_id=request.user.pk)
        result = services.comment_vote_remove(user=request.user, comment_id=pk)
        return Response(CommentVoteOutputSerializer(result).data)
