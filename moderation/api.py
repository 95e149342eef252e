"""Moderation over REST: official news, rulings, flags and the queue, suspensions, the audit log, profiles.

Reading news and profiles is public; flagging needs an account; everything else is for moderators.
"""

from __future__ import annotations

from django.core.validators import URLValidator
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors as account_selectors
from accounts.models import User
from core.api import error_responses
from core.exceptions import ApplicationError
from core.pagination import Cursor
from core.ratelimit import rate_limit
from moderation import selectors, services
from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension, TargetType
from theories.models import Comment, Series, Theory


class IsModerator(BasePermission):
    message = "Only moderators can do this."

    def has_permission(self, request: Request, view: object) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_moderator)


class IsModeratorOrReadOnly(IsModerator):
    def has_permission(self, request: Request, view: object) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class UsernameSerializer(serializers.Serializer):
    username = serializers.CharField()


# --- official news -------------------------------------------------------------------------------

_web_url = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// link.")


class NewsOutputSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = OfficialNews
        fields = ["id", "series", "title", "url", "publisher", "published_at", "summary", "tags", "created_at"]


class NewsInputSerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80)
    title = serializers.CharField(max_length=300)
    url = serializers.URLField(max_length=500, validators=[_web_url])
    publisher = serializers.CharField(max_length=120)
    published_at = serializers.DateTimeField()
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    tags = serializers.ListField(
        child=serializers.SlugField(max_length=80), required=False, default=list, max_length=20
    )

    def validate_series(self, slug: str) -> Series:
        series = Series.objects.filter(slug=slug).first()
        if series is None:
            raise serializers.ValidationError(f"Unknown series: {slug}.")
        return series


class NewsUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    url = serializers.URLField(max_length=500, validators=[_web_url], required=False)
    publisher = serializers.CharField(max_length=120, required=False)
    published_at = serializers.DateTimeField(required=False)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    tags = serializers.ListField(child=serializers.SlugField(max_length=80), required=False, max_length=20)


class NewsListQuerySerializer(serializers.Serializer):
    series = serializers.SlugField(required=False, help_text="Only this series' news.")

    def validate_series(self, slug: str) -> Series:
        series = Series.objects.filter(slug=slug).first()
        if series is None:
            raise serializers.ValidationError(f"Unknown series: {slug}.")
        return series


class NewsListCreateApi(GenericAPIView):
    permission_classes = [IsModeratorOrReadOnly]
    pagination_class = Cursor
    serializer_class = NewsOutputSerializer

    @extend_schema(
        parameters=[NewsListQuerySerializer],
        responses={200: NewsOutputSerializer(many=True), **error_responses(400)},
        summary="Official news, latest published first",
    )
    def get(self, request: Request) -> Response:
        query = NewsListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        paginator.ordering = ("-published_at", "-id")
        queryset = selectors.news_list(series=query.validated_data.get("series"))
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(NewsOutputSerializer(page, many=True).data)

    @extend_schema(
        request=NewsInputSerializer,
        responses={201: NewsOutputSerializer, **error_responses(400, 401, 403)},
        summary="Register official news (moderators)",
    )
    def post(self, request: Request) -> Response:
        serializer = NewsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        news = services.news_create(
            moderator=request.user,
            series=data["series"],
            title=data["title"],
            url=data["url"],
            publisher=data["publisher"],
            published_at=data["published_at"],
            summary=data["summary"],
            tag_slugs=data["tags"],
        )
        return Response(NewsOutputSerializer(selectors.news_get(pk=news.pk)).data, status=status.HTTP_201_CREATED)


class NewsDetailApi(GenericAPIView):
    permission_classes = [IsModeratorOrReadOnly]
    serializer_class = NewsOutputSerializer

    @extend_schema(responses={200: NewsOutputSerializer, **error_responses(404)}, summary="An official news item")
    def get(self, request: Request, pk: int) -> Response:
        return Response(NewsOutputSerializer(selectors.news_get(pk=pk)).data)

    @extend_schema(
        request=NewsUpdateInputSerializer,
        responses={200: NewsOutputSerializer, **error_responses(400, 401, 403, 404)},
        summary="Correct official news (moderators)",
    )
    def patch(self, request: Request, pk: int) -> Response:
        serializer = NewsUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        tag_slugs = data.pop("tags", None)
        services.news_update(moderator=request.user, news_id=pk, tag_slugs=tag_slugs, **data)
        return Response(NewsOutputSerializer(selectors.news_get(pk=pk)).data)


# --- rulings -------------------------------------------------------------------------------------


class RulingNewsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField()
    publisher = serializers.CharField()
    published_at = serializers.DateTimeField()


class RulingOutputSerializer(serializers.Serializer):
    """A theory's active ruling, as the theory API and the `theory.ruled` event show it."""

    id = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=Ruling.Verdict.choices)
    note = serializers.CharField()
    news = RulingNewsSerializer()
    moderator = UsernameSerializer()
    ruled_at = serializers.DateTimeField(source="created_at")


class TheoryRulingOutputSerializer(serializers.Serializer):
    theory = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Theory.Status.choices)
    ruling = RulingOutputSerializer(allow_null=True)


class RulingInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Ruling.Verdict.choices)
    news = serializers.IntegerField(min_value=1, help_text="The official news item's id (same series as the theory).")
    note = serializers.CharField(max_length=2000, help_text="Shown publicly with the ruling.")


class RevokeInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


def _theory_ruling(theory_id: int) -> dict:
    theory = Theory.objects.only("id", "status").get(pk=theory_id)
    ruling = Ruling.objects.active().select_related("news", "moderator").filter(theory_id=theory_id).first()
    return {"theory": theory.pk, "status": theory.status, "ruling": ruling}


class TheoryRulingApi(GenericAPIView):
    permission_classes = [IsModerator]
    serializer_class = TheoryRulingOutputSerializer

    @extend_schema(
        request=RulingInputSerializer,
        responses={201: TheoryRulingOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
        summary="Rule a theory contradicted or confirmed (moderators)",
        description="Cites an official news item of the theory's series, with a public note. A theory has at "
        "most one active ruling: 409 until the current one is revoked.",
    )
    def post(self, request: Request, pk: int) -> Response:
        serializer = RulingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.ruling_create(
            moderator=request.user, theory_id=pk, news_id=data["news"], verdict=data["verdict"], note=data["note"]
        )
        return Response(TheoryRulingOutputSerializer(_theory_ruling(pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=RevokeInputSerializer,
        responses={200: TheoryRulingOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
        summary="Revoke a theory's ruling (moderators)",
    )
    def delete(self, request: Request, pk: int) -> Response:
        serializer = RevokeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ruling_revoke(moderator=request.user, theory_id=pk, reason=serializer.validated_data["reason"])
        return Response(TheoryRulingOutputSerializer(_theory_ruling(pk)).data)


class CandidateTagSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()


class CandidateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    author = UsernameSerializer()
    status = serializers.CharField()
    score = serializers.IntegerField()
    tags = CandidateTagSerializer(many=True, source="tags.all")
    matched_tags = serializers.ListField(child=serializers.CharField(), help_text="Tags shared with the news.")
    text_rank = serializers.FloatField(help_text="Full-text relevance to the news title and summary, 0–1.")
    relevance = serializers.FloatField()
    created_at = serializers.DateTimeField()

    def get_url(self, theory: Theory) -> str:
        return f"/theories/{theory.pk}/"


class CandidateListOutputSerializer(serializers.Serializer):
    results = CandidateOutputSerializer(many=True)


class CandidateQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=100, required=False, default=selectors.CANDIDATE_LIMIT)


class NewsCandidatesApi(GenericAPIView):
    permission_classes = [IsModerator]
    serializer_class = CandidateListOutputSerializer

    @extend_schema(
        parameters=[CandidateQuerySerializer],
        responses={200: CandidateListOutputSerializer, **error_responses(400, 401, 403, 404)},
        summary="Theories to review against a news item (moderators)",
        description="Theories of the news' series matching words of its title and summary, or sharing its tags, "
        "most relevant first; theories already ruled, hidden or deleted are left out.",
    )
    def get(self, request: Request, pk: int) -> Response:
        query = CandidateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        news = selectors.news_get(pk=pk)
        theories = selectors.news_candidates(news=news, limit=query.validated_data["limit"])
        return Response(CandidateListOutputSerializer({"results": theories}).data)


class BulkRulingInputSerializer(serializers.Serializer):
    theories = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=services.MAX_BULK_RULINGS
    )
    verdict = serializers.ChoiceField(choices=Ruling.Verdict.choices)
    note = serializers.CharField(max_length=2000)


class BulkRulingOutputSerializer(serializers.Serializer):
    rulings = TheoryRulingOutputSerializer(many=True)


class NewsRulingsApi(GenericAPIView):
    permission_classes = [IsModerator]
    serializer_class = BulkRulingOutputSerializer

    @extend_schema(
        request=BulkRulingInputSerializer,
        responses={201: BulkRulingOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
        summary="Rule many theories by one news item (moderators)",
        description="All or nothing: if any theory already has an active ruling, none is ruled and the 409 lists them.",
    )
    def post(self, request: Request, pk: int) -> Response:
        serializer = BulkRulingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rulings = services.rulings_create_for_news(
            moderator=request.user, news_id=pk, theory_ids=data["theories"], verdict=data["verdict"], note=data["note"]
        )
        items = [{"theory": r.theory_id, "status": r.verdict, "ruling": r} for r in rulings]
        return Response(BulkRulingOutputSerializer({"rulings": items}).data, status=status.HTTP_201_CREATED)


# --- flags and the queue -------------------------------------------------------------------------


class FlagInputSerializer(serializers.Serializer):
    target_type = serializers.ChoiceField(choices=TargetType.choices)
    target_id = serializers.IntegerField(min_value=1)
    reason = serializers.ChoiceField(choices=Flag.Reason.choices)
    text = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")

    def validate(self, data: dict) -> dict:
        if data["reason"] == Flag.Reason.OTHER and not data["text"].strip():
            raise serializers.ValidationError({"text": ["Say what is wrong when the reason is other."]})
        return data


class FlagOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = ["id", "target_type", "target_id", "reason", "text", "created_at"]


class FlagCreateApi(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = FlagOutputSerializer

    @extend_schema(
        request=FlagInputSerializer,
        responses={201: FlagOutputSerializer, **error_responses(400, 401, 403, 404, 409, 429)},
        summary="Flag a theory or comment for moderators",
        description="One open flag per person and item (409 for a second). Your own items cannot be flagged "
        "(400). Items flagged by enough people are hidden until a moderator reviews them.",
    )
    def post(self, request: Request) -> Response:
        serializer = FlagInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rate_limit(scope="flag", user_id=request.user.pk)
        flag = services.flag_create(reporter=request.user, **serializer.validated_data)
        return Response(FlagOutputSerializer(flag).data, status=status.HTTP_201_CREATED)


class QueueTargetSerializer(serializers.Serializer):
    title = serializers.CharField(allow_null=True, help_text="The theory's title; null for a comment.")
    excerpt = serializers.CharField()
    author = UsernameSerializer()
    url = serializers.CharField()
    is_hidden = serializers.BooleanField()
    hidden_reason = serializers.CharField()
    is_deleted = serializers.BooleanField()


class QueueItemOutputSerializer(serializers.Serializer):
    target_type = serializers.CharField()
    target_id = serializers.IntegerField()
    flaggers = serializers.IntegerField(help_text="Distinct people with an open flag on the item.")
    first_flagged_at = serializers.DateTimeField()
    reasons = serializers.DictField(child=serializers.IntegerField(), help_text="Open flags per reason.")
    target = serializers.SerializerMethodField()

    @extend_schema_field(QueueTargetSerializer(allow_null=True))
    def get_target(self, item: selectors.QueueItem) -> dict | None:
        target = item.target
        if target is None:
            return None
        if isinstance(target, Comment):
            title, url = None, f"/theories/{target.theory_id}/#c{target.pk}"
        else:
            title, url = target.title, f"/theories/{target.pk}/"
        return QueueTargetSerializer(
            {
                "title": title,
                "excerpt": target.body[:280],
                "author": target.author,
                "url": url,
                "is_hidden": target.is_hidden,
                "hidden_reason": target.hidden_reason,
                "is_deleted": target.is_deleted,
            }
        ).data


class QueueApi(GenericAPIView):
    permission_classes = [IsModerator]
    pagination_class = Cursor
    serializer_class = QueueItemOutputSerializer

    @extend_schema(
        responses={200: QueueItemOutputSerializer(many=True), **error_responses(401, 403)},
        summary="The moderation queue (moderators)",
        description="Items with open flags, most distinct flaggers first, then the longest waiting.",
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        paginator.ordering = ("-flaggers", "first_flagged_at", "target_type", "target_id")
        rows = paginator.paginate_queryset(selectors.flag_queue(), request, view=self)
        items = selectors.queue_items(rows=rows)
        return paginator.get_paginated_response(QueueItemOutputSerializer(items, many=True).data)


class ResolveInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=services.RESOLVE_ACTIONS)
    reason = serializers.CharField(max_length=500, help_text="Logged; shown to the author when the item is hidden.")
    suspend_days = serializers.IntegerField(min_value=1, max_value=services.MAX_SUSPENSION_DAYS, required=False)

    def validate(self, data: dict) -> dict:
        if data["action"] == "hide_and_suspend" and not data.get("suspend_days"):
            raise serializers.ValidationError({"suspend_days": ["Say for how many days to suspend the author."]})
        return data


class SuspensionOutputSerializer(serializers.ModelSerializer):
    user = UsernameSerializer()
    moderator = UsernameSerializer()
    is_active = serializers.SerializerMethodField()

    class Meta:
        model = Suspension
        fields = ["id", "user", "moderator", "reason", "starts_at", "ends_at", "lifted_at", "lift_reason", "is_active"]

    def get_is_active(self, suspension: Suspension) -> bool:
        from django.utils import timezone

        now = timezone.now()
        return suspension.lifted_at is None and suspension.starts_at <= now < suspension.ends_at


class ResolveOutputSerializer(serializers.Serializer):
    target_type = serializers.CharField()
    target_id = serializers.IntegerField()
    action = serializers.CharField()
    resolved_flags = serializers.IntegerField()
    is_hidden = serializers.BooleanField()
    suspension = SuspensionOutputSerializer(allow_null=True)


def _target_type(value: str) -> str:
    if value not in TargetType.values:
        raise ApplicationError(
            code="invalid", message="A target is a theory or a comment.", fields={"target_type": ["Unknown type."]}
        )
    return value


class QueueResolveApi(GenericAPIView):
    permission_classes = [IsModerator]
    serializer_class = ResolveOutputSerializer

    @extend_schema(
        request=ResolveInputSerializer,
        responses={200: ResolveOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
        summary="Resolve an item's open flags (moderators)",
        description="`dismiss` closes the flags (and un-hides an item they hid), `hide` hides the item, "
        "`hide_and_suspend` also suspends its author for `suspend_days`. 409 when the item has no open flags.",
    )
    def post(self, request: Request, target_type: str, target_id: int) -> Response:
        serializer = ResolveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.flag_resolve(
            moderator=request.user,
            target_type=_target_type(target_type),
            target_id=target_id,
            **serializer.validated_data,
        )
        return Response(ResolveOutputSerializer(result).data)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ItemStateOutputSerializer(serializers.Serializer):
    target_type = serializers.CharField()
    target_id = serializers.IntegerField()
    is_hidden = serializers.BooleanField()


class ItemRestoreApi(GenericAPIView):
    permission_classes = [IsModerator]
    serializer_class = ItemStateOutputSerializer

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: ItemStateOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
        summary="Un-hide a hidden theory or comment (moderators)",
    )
    def post(self, request: Request, target_type: str, target_id: int) -> Response:
        serializer = ReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target_type = _target_type(target_type)
        item = services.item_restore(
            moderator=request.user, target_type=target_type, target_id=target_id, **serializer.validated_data
        )
        return Response(
            ItemStateOutputSerializer({"target_type": target_type, "target_id": item.pk, "is_hidden": False}).data
        )


# --- suspensions ---------------------------------------------------------------------------------


class SuspensionInputSerializer(serializers.Serializer):
    user = serializers.CharField(max_length=150, help_text="Username.")
    days = serializers.IntegerField(min_value=1, max_value=services.MAX_SUSPENSION_DAYS)
    reason = serializers.CharField(max_length=1000)

    def validate_user(self, username: str) -> User:
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise serializers.ValidationError(f"No such user: {username}.")
        return user


class SuspensionListQuerySerializer(serializers.Serializer):
    all = serializers.BooleanField(required=False, default=False, help_text="Include lifted and expired ones.")


class SuspensionListCreateApi(GenericAPIView):
    permission_classes = [IsModerator]
    pagination_class = Cursor
    serializer_class = SuspensionOutputSerializer

    @extend_schema(
        parameters=[SuspensionListQuerySerializer],
        responses={200: SuspensionOutputSerializer(many=True), **error_responses(401, 403)},
        summary="Suspensions in force (moderators)",
    )
    def get(self, request: Request) -> Response:
        query = SuspensionListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        paginator.ordering = ("-id",)
        queryset = selectors.suspension_list(active_only=not query.validated_data["all"])
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(SuspensionOutputSerializer(page, many=True).data)

    @extend_schema(
        request=SuspensionInputSerializer,
        responses={201: SuspensionOutputSerializer, **error_responses(400, 401, 403)},
        summary="Suspend a user (moderators)",
        description="The user keeps reading but cannot post, vote or flag until the suspension ends or is lifted.",
    )
    def post(self, request: Request) -> Response:
        serializer = SuspensionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suspension = services.suspension_create(moderator=request.user, **serializer.validated_data)
        return Response(SuspensionOutputSerializer(suspension).data, status=status.HTTP_201_CREATED)


class SuspensionDetailApi(GenericAPIView):
    permission_classes = [IsModerator]
    serializer_class = SuspensionOutputSerializer

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: SuspensionOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
        summary="Lift a suspension (moderators)",
    )
    def delete(self, request: Request, pk: int) -> Response:
        serializer = ReasonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suspension = services.suspension_lift(
            moderator=request.user, suspension_id=pk, reason=serializer.validated_data["reason"]
        )
        return Response(SuspensionOutputSerializer(suspension).data)


# --- audit log -----------------------------------------------------------------------------------


class AuditQuerySerializer(serializers.Serializer):
    actor = serializers.CharField(required=False, help_text="The moderator's username.")
    action = serializers.ChoiceField(choices=AuditEntry.Action.choices, required=False)
    target_type = serializers.CharField(required=False, help_text="theory, comment, user or official_news.")
    target_id = serializers.IntegerField(required=False, min_value=1)


class AuditOutputSerializer(serializers.ModelSerializer):
    actor = UsernameSerializer(allow_null=True, help_text="Null for automatic actions.")

    class Meta:
        model = AuditEntry
        fields = ["id", "actor", "action", "target_type", "target_id", "before", "after", "reason", "created_at"]


class AuditListApi(GenericAPIView):
    permission_classes = [IsModerator]
    pagination_class = Cursor
    serializer_class = AuditOutputSerializer

    @extend_schema(
        parameters=[AuditQuerySerializer],
        responses={200: AuditOutputSerializer(many=True), **error_responses(400, 401, 403)},
        summary="The audit log, newest first (moderators)",
    )
    def get(self, request: Request) -> Response:
        query = AuditQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        paginator.ordering = ("-id",)
        page = paginator.paginate_queryset(selectors.audit_list(**query.validated_data), request, view=self)
        return paginator.get_paginated_response(AuditOutputSerializer(page, many=True).data)


# --- public profile ------------------------------------------------------------------------------


class TrackRecordSerializer(serializers.Serializer):
    theories = serializers.IntegerField(help_text="Visible theories posted.")
    confirmed = serializers.IntegerField()
    contradicted = serializers.IntegerField()
    open = serializers.IntegerField()


class ProfileOutputSerializer(serializers.Serializer):
    username = serializers.CharField()
    role = serializers.ChoiceField(choices=["fan", "moderator", "writer"])
    bio = serializers.CharField()
    date_joined = serializers.DateTimeField()
    total_score = serializers.IntegerField()
    track_record = TrackRecordSerializer()


class ProfileApi(GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = ProfileOutputSerializer

    @extend_schema(
        parameters=[OpenApiParameter("username", str, OpenApiParameter.PATH)],
        responses={200: ProfileOutputSerializer, **error_responses(404)},
        summary="A user's public profile and track record",
    )
    def get(self, request: Request, username: str) -> Response:
        user = account_selectors.user_get_by_username(username=username)
        stats = account_selectors.user_profile_stats(user=user)
        data = {
            "username": user.username,
            "role": user.role,
            "bio": user.bio,
            "date_joined": user.date_joined,
            "total_score": stats.total_score,
            "track_record": selectors.track_record(user=user),
        }
        return Response(ProfileOutputSerializer(data).data)
