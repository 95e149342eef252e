from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import error_responses
from core.ratelimit import rate_limit
from voting import services


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


class TheoryVoteApi(APIView):
    permission_classes = [IsAuthenticated]

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
