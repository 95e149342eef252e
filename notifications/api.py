"""Notifications and follows over REST: always the caller's own."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.pagination import Cursor
from notifications import selectors, services
from notifications.models import Follow, Notification


class ActorSerializer(serializers.Serializer):
    username = serializers.CharField()


class NotificationOutputSerializer(serializers.ModelSerializer):
    actor = ActorSerializer(allow_null=True, read_only=True)
    url = serializers.SerializerMethodField()
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "text",
            "actor",
            "target_type",
            "target_id",
            "url",
            "payload",
            "is_read",
            "read_at",
            "created_at",
        ]

    def get_url(self, notification: Notification) -> str | None:
        return notification.payload.get("url")

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationListQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(required=False, default=False, help_text="Only unread notifications.")


class NotificationListApi(GenericAPIView):
    permission_classes = [IsAuthenticated]
    pagination_class = Cursor
    serializer_class = NotificationOutputSerializer

    @extend_schema(
        parameters=[NotificationListQuerySerializer],
        responses={200: NotificationOutputSerializer(many=True), **error_responses(400, 401)},
        summary="Your notifications, newest first",
    )
    def get(self, request: Request) -> Response:
        query = NotificationListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset = selectors.notification_list(user=request.user, unread_only=query.validated_data["unread"])
        paginator = self.pagination_class()
        paginator.ordering = ("-id",)
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(NotificationOutputSerializer(page, many=True).data)


class NotificationReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=500)
    all = serializers.BooleanField(required=False, default=False)

    def validate(self, data: dict) -> dict:
        if not data.get("all") and not data.get("ids"):
            raise serializers.ValidationError("Send the ids to mark read, or all: true.")
        return data


class UnreadCountOutputSerializer(serializers.Serializer):
    unread_count = serializers.IntegerField()


class MarkReadOutputSerializer(UnreadCountOutputSerializer):
    marked = serializers.IntegerField(help_text="How many notifications changed from unread to read.")


class NotificationReadApi(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationReadInputSerializer

    @extend_schema(
        request=NotificationReadInputSerializer,
        responses={200: MarkReadOutputSerializer, **error_responses(400, 401)},
        summary="Mark notifications read",
        description='`{"ids": [...]}` marks those of yours; `{"all": true}` marks every unread one. '
        "Ids that are not yours are ignored.",
    )
    def post(self, request: Request) -> Response:
        serializer = NotificationReadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = services.notifications_mark_read(
            user=request.user,
            ids=serializer.validated_data.get("ids") or (),
            all_unread=serializer.validated_data["all"],
        )
        unread = selectors.notification_unread_count(user=request.user)
        return Response(MarkReadOutputSerializer({"marked": marked, "unread_count": unread}).data)


class NotificationUnreadCountApi(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = UnreadCountOutputSerializer

    @extend_schema(responses={200: UnreadCountOutputSerializer, **error_responses(401)}, summary="Your unread count")
    def get(self, request: Request) -> Response:
        unread = selectors.notification_unread_count(user=request.user)
        return Response(UnreadCountOutputSerializer({"unread_count": unread}).data)


class FollowInputSerializer(serializers.Serializer):
    target_type = serializers.ChoiceField(choices=Follow.TargetType.choices)
    target_id = serializers.IntegerField(min_value=1, required=False, help_text="A theory's id, or a tag's.")
    series = serializers.SlugField(required=False, help_text="With `slug`: the tag's series.")
    slug = serializers.SlugField(required=False, help_text="With `series`: the tag's slug.")

    def validate(self, data: dict) -> dict:
        if data["target_type"] == Follow.TargetType.THEORY and "target_id" not in data:
            raise serializers.ValidationError({"target_id": ["Say which theory."]})
        if data["target_type"] == Follow.TargetType.TAG and "target_id" not in data:
            if not (data.get("series") and data.get("slug")):
                raise serializers.ValidationError({"slug": ["Give the tag's target_id, or its series and slug."]})
        return data


class FollowOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target_type = serializers.CharField()
    target_id = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField(help_text="The theory's title or the tag's name.")
    series = serializers.SerializerMethodField()
    slug = serializers.SerializerMethodField(help_text="The tag's slug; null for a theory.")
    created_at = serializers.DateTimeField()

    def get_target_id(self, follow: Follow) -> int:
        return follow.theory_id or follow.tag_id  # type: ignore[return-value]

    def get_name(self, follow: Follow) -> str:
        return follow.theory.title if follow.theory_id else follow.tag.name

    def get_series(self, follow: Follow) -> str:
        return follow.theory.series.slug if follow.theory_id else follow.tag.series.slug

    def get_slug(self, follow: Follow) -> str | None:
        return follow.tag.slug if follow.tag_id else None


def _follow_target(data: dict, *, hidden_too: bool = False) -> dict:
    if data["target_type"] == Follow.TargetType.THEORY:
        return {"theory": selectors.follow_target_theory(pk=data["target_id"], hidden_too=hidden_too)}
    return {
        "tag": selectors.follow_target_tag(pk=data.get("target_id"), series=data.get("series"), slug=data.get("slug"))
    }


class FollowApi(GenericAPIView):
    permission_classes = [IsAuthenticated]
    pagination_class = Cursor
    serializer_class = FollowOutputSerializer

    @extend_schema(
        responses={200: FollowOutputSerializer(many=True), **error_responses(400, 401)},
        summary="What you follow",
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        paginator.ordering = ("-id",)
        page = paginator.paginate_queryset(selectors.follow_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(FollowOutputSerializer(page, many=True).data)

    @extend_schema(
        request=FollowInputSerializer,
        responses={201: FollowOutputSerializer, 200: FollowOutputSerializer, **error_responses(400, 401, 404)},
        summary="Follow a theory or a tag",
        description="Following a theory notifies you of its rulings; following a tag, of new theories in it. "
        "201 when new, 200 when you already followed it.",
    )
    def post(self, request: Request) -> Response:
        serializer = FollowInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow, created = services.follow_create(user=request.user, **_follow_target(serializer.validated_data))
        follow = selectors.follow_list(user=request.user).get(pk=follow.pk)
        return Response(
            FollowOutputSerializer(follow).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(
        request=FollowInputSerializer,
        responses={204: None, **error_responses(400, 401, 404)},
        summary="Stop following a theory or a tag",
    )
    def delete(self, request: Request) -> Response:
        serializer = FollowInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # A theory hidden since it was followed can still be unfollowed.
        services.follow_delete(user=request.user, **_follow_target(serializer.validated_data, hidden_too=True))
        return Response(status=status.HTTP_204_NO_CONTENT)
