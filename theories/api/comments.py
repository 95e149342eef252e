"""Threaded comments over REST: a theory's thread as flat pages, posting, editing and deleting.

A page of GET /theories/{id}/comments/ holds `page_size` top-level comments, each followed by
every reply shown below it, depth-first, siblings in the chosen sort; `parent` and `depth` let
clients nest them. A comment deleted by its author (or hidden by moderation) that still has
replies shown stays in place as a placeholder, without author or body.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.pagination import Cursor
from core.ratelimit import rate_limit
from theories import selectors, services
from theories.api.theories import AuthorSerializer
from theories.models import Comment

DELETED_PLACEHOLDER = "[deleted]"
HIDDEN_PLACEHOLDER = "[hidden]"


class CommentOutputSerializer(serializers.ModelSerializer):
    """A comment as the thread and the live `comment.created` event show it."""

    parent = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The comment it answers; null at the top.")
    depth = serializers.SerializerMethodField(help_text="How many comments stand above it (0 at the top).")
    continue_thread = serializers.SerializerMethodField(
        help_text=f"Deeper than pages indent ({selectors.MAX_DISPLAY_DEPTH} levels): link to the rest of the thread."
    )
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    placeholder = serializers.SerializerMethodField(
        help_text=f"{DELETED_PLACEHOLDER!r} or {HIDDEN_PLACEHOLDER!r} for a comment kept only because replies "
        "below it are shown (author and body are null); else null."
    )
    hidden_reason = serializers.SerializerMethodField()
    my_vote = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "theory",
            "parent",
            "depth",
            "continue_thread",
            "author",
            "body",
            "body_html",
            "placeholder",
            "is_hidden",
            "hidden_reason",
            "upvotes",
            "downvotes",
            "score",
            "my_vote",
            "created_at",
            "edited_at",
        ]
        extra_kwargs = {"edited_at": {"help_text": "When the comment was last edited; null if never."}}

    def _viewer_id(self) -> int | None:
        return self.context.get("viewer_id")

    @extend_schema_field(serializers.ChoiceField(choices=[DELETED_PLACEHOLDER, HIDDEN_PLACEHOLDER], allow_null=True))
    def get_placeholder(self, comment: Comment) -> str | None:
        if comment.is_deleted:
            return DELETED_PLACEHOLDER
        if comment.is_hidden and comment.author_id != self._viewer_id():
            return HIDDEN_PLACEHOLDER
        return None

    def get_depth(self, comment: Comment) -> int:
        return getattr(comment, "depth", None) or 0

    def get_continue_thread(self, comment: Comment) -> bool:
        return self.get_depth(comment) >= selectors.MAX_DISPLAY_DEPTH

    @extend_schema_field(AuthorSerializer(allow_null=True))
    def get_author(self, comment: Comment) -> dict | None:
        return None if self.get_placeholder(comment) else {"username": comment.author.username}

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Markdown; null for a placeholder."))
    def get_body(self, comment: Comment) -> str | None:
        return None if self.get_placeholder(comment) else comment.body

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Sanitized HTML; null for a placeholder."))
    def get_body_html(self, comment: Comment) -> str | None:
        return None if self.get_placeholder(comment) else comment.body_html

    @extend_schema_field(serializers.CharField(help_text="Why moderation hid it; shown to its author only."))
    def get_hidden_reason(self, comment: Comment) -> str:
        return comment.hidden_reason if comment.author_id == self._viewer_id() else ""

    def get_my_vote(self, comment: Comment) -> int | None:
        value = getattr(comment, "my_vote", None)
        return int(value) if value else None


class CommentListQuerySerializer(serializers.Serializer):
    sort = serializers.ChoiceField(
        choices=selectors.COMMENT_SORTS,
        required=False,
        default="best",
        help_text="best: Wilson lower bound of the comment's votes; new; old. Replies are sorted the same way.",
    )


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10000, help_text="Markdown.")
    parent = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="The comment answered, on the same theory."
    )


class CommentUpdateInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10000, help_text="Markdown.")


def _viewer_context(request: Request) -> dict[str, int | None]:
    return {"viewer_id": request.user.pk if request.user.is_authenticated else None}


class CommentListCreateApi(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = Cursor
    serializer_class = CommentOutputSerializer

    @extend_schema(
        parameters=[CommentListQuerySerializer],
        responses={200: CommentOutputSerializer(many=True), **error_responses(400, 404)},
        summary="A theory's comments, threaded",
        description="A page holds `page_size` top-level comments, each followed by every reply shown below it "
        "(depth-first). Nest them by `parent`; `continue_thread` marks replies deeper than pages indent.",
    )
    def get(self, request: Request, pk: int) -> Response:
        query = CommentListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        sort = query.validated_data["sort"]
        theory = selectors.theory_get_for_comments(user=request.user, pk=pk)
        paginator = self.pagination_class()
        paginator.ordering = selectors.COMMENT_SORT_ORDERINGS[sort]
        roots = selectors.comment_thread_roots(theory=theory, user=request.user, sort=sort)
        page = paginator.paginate_queryset(roots, request, view=self)
        thread = selectors.comment_thread(theory=theory, roots=page, user=request.user, sort=sort)
        data = CommentOutputSerializer(thread, many=True, context=_viewer_context(request)).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        request=CommentInputSerializer,
        responses={201: CommentOutputSerializer, **error_responses(400, 401, 403, 404, 429)},
        summary="Comment on a theory, or reply to a comment",
        description="A reply's `parent` must be a comment of the same theory (400 naming `parent`). "
        "Deleted theories take no comments (404).",
    )
    def post(self, request: Request, pk: int) -> Response:
        serializer = CommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rate_limit(scope="comment", user_id=request.user.pk)
        theory = selectors.theory_get_for_comments(user=request.user, pk=pk)
        parent = selectors.comment_get_parent(pk=data["parent"]) if data.get("parent") else None
        comment = services.comment_create(author=request.user, theory=theory, body=data["body"], parent=parent)
        comment = selectors.comment_get(user=request.user, pk=comment.pk)
        return Response(
            CommentOutputSerializer(comment, context=_viewer_context(request)).data, status=status.HTTP_201_CREATED
        )


class CommentDetailApi(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentOutputSerializer

    @extend_schema(
        request=CommentUpdateInputSerializer,
        responses={200: CommentOutputSerializer, **error_responses(400, 401, 403, 404)},
        summary="Edit a comment (its author or a moderator)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        serializer = CommentUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.comment_update(editor=request.user, comment_id=pk, body=serializer.validated_data["body"])
        comment = selectors.comment_get(user=request.user, pk=pk)
        return Response(CommentOutputSerializer(comment, context=_viewer_context(request)).data)

    @extend_schema(
        request=None,
        responses={204: None, **error_responses(401, 403, 404)},
        summary="Delete a comment (its author or a moderator)",
        description="Soft delete: with replies it stays in the thread as a `[deleted]` placeholder.",
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.comment_delete(actor=request.user, comment_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
