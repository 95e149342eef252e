"""Trends over REST: the latest snapshot, daily history, CSV export, refresh requests and their progress.

Reading trends is public; the CSV export, refresh and task progress are for writers and moderators.
"""

from __future__ import annotations

from celery.result import AsyncResult
from django.core.cache import cache
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import error_responses
from core.exceptions import ApplicationError
from theories.models import Series, Tag
from trends import export, selectors, services
from trends.metrics import INDEX_WEIGHTS
from trends.models import Snapshot, ThemeStat, Window


class IsWriterOrModerator(BasePermission):
    message = "Only writers and moderators can do this."

    def has_permission(self, request: Request, view: object) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_writer or user.is_moderator))


def _series_or_invalid(slug: str) -> Series:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise serializers.ValidationError(f"Unknown series: {slug}.")
    return series


# --- output --------------------------------------------------------------------------------------


class TagRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name", "kind"]


class PartSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="The part scaled to 0-1.")
    weight = serializers.FloatField(help_text="Its weight in the index.")
    raw = serializers.FloatField(help_text="The value it is scaled from.")
    measure = serializers.CharField(help_text="What the raw value is.")


class PartsSerializer(serializers.Serializer):
    breadth = PartSerializer()
    depth = PartSerializer()
    intensity = PartSerializer()
    momentum = PartSerializer()
    persistence = PartSerializer()


class PreviousWindowSerializer(serializers.Serializer):
    activity = serializers.IntegerField()
    participants = serializers.IntegerField()


_MEASURES = {
    "breadth": "unique participants",
    "depth": "comments and replies per active theory",
    "intensity": "votes per participant",
    "momentum": "velocity: (activity - previous) / max(previous, 1)",
    "persistence": "buckets of the window with activity",
}


class ThemeOutputSerializer(serializers.ModelSerializer):
    tag = TagRefSerializer()
    parts = serializers.SerializerMethodField(help_text="The index's parts: score 0-1, weight, raw value.")
    previous = serializers.SerializerMethodField(help_text="The previous window of the same length.")

    class Meta:
        model = ThemeStat
        fields = [
            "rank",
            "tag",
            "index",
            "parts",
            "new_theories",
            "votes",
            "net_score",
            "comments",
            "replies",
            "participants",
            "active_theories",
            "activity",
            "share",
            "velocity",
            "surprise",
            "previous",
        ]

    @extend_schema_field(PartsSerializer)
    def get_parts(self, theme: ThemeStat) -> dict:
        raw = {
            "breadth": theme.participants,
            "depth": theme.comments_per_theory,
            "intensity": theme.votes_per_participant,
            "momentum": theme.velocity,
            "persistence": theme.active_buckets,
        }
        return {
            name: {
                "score": getattr(theme, name),
                "weight": weight,
                "raw": raw[name],
                "measure": _MEASURES[name] if name != "persistence" else f"{_MEASURES[name]} (of {theme.buckets})",
            }
            for name, weight in INDEX_WEIGHTS.items()
        }

    @extend_schema_field(PreviousWindowSerializer)
    def get_previous(self, theme: ThemeStat) -> dict:
        return {"activity": theme.previous_activity, "participants": theme.previous_participants}


class PhraseExampleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class PhraseSerializer(serializers.Serializer):
    phrase = serializers.CharField()
    words = serializers.IntegerField()
    score = serializers.FloatField(help_text="Fightin' Words z-score against the series' baseline.")
    log_odds = serializers.FloatField(help_text="The log-odds ratio δ.")
    window_count = serializers.IntegerField()
    baseline_count = serializers.IntegerField()
    examples = PhraseExampleSerializer(many=True)


class BustedTheorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    votes = serializers.IntegerField(help_text="Votes cast in the window.")
    upvotes = serializers.IntegerField()
    downvotes = serializers.IntegerField()
    comments = serializers.IntegerField()
    posted_in_window = serializers.BooleanField()
    total_votes = serializers.IntegerField(help_text="All its votes today.")


class BustedSerializer(serializers.Serializer):
    theories = serializers.IntegerField(help_text="Busted theories active in the window.")
    votes = serializers.IntegerField(help_text="Their votes in the window.")
    items = BustedTheorySerializer(many=True)


class TotalsSerializer(serializers.Serializer):
    theories = serializers.IntegerField()
    votes = serializers.IntegerField()
    comments = serializers.IntegerField()
    participants = serializers.IntegerField()


class SnapshotOutputSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    totals = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    phrases = PhraseSerializer(many=True)
    busted = serializers.SerializerMethodField()

    class Meta:
        model = Snapshot
        fields = [
            "series",
            "window",
            "as_of",
            "window_start",
            "computed_at",
            "duration_ms",
            "totals",
            "themes",
            "phrases",
            "busted",
        ]

    @extend_schema_field(TotalsSerializer)
    def get_totals(self, snapshot: Snapshot) -> dict:
        return {
            "theories": snapshot.theories,
            "votes": snapshot.votes,
            "comments": snapshot.comments,
            "participants": snapshot.participants,
        }

    @extend_schema_field(ThemeOutputSerializer(many=True))
    def get_themes(self, snapshot: Snapshot) -> list:
        return ThemeOutputSerializer(selectors.snapshot_themes(snapshot=snapshot), many=True).data

    @extend_schema_field(BustedSerializer)
    def get_busted(self, snapshot: Snapshot) -> dict:
        return {"theories": snapshot.busted_theories, "votes": snapshot.busted_votes, "items": snapshot.busted}


# --- latest snapshot -----------------------------------------------------------------------------


class TrendsQuerySerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80)
    window = serializers.ChoiceField(choices=Window.choices, required=False, default=Window.DAY)
    as_of = serializers.DateTimeField(required=False, help_text="A given snapshot instead of the latest.")

    def validate_series(self, slug: str) -> Series:
        return _series_or_invalid(slug)


class TrendsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[TrendsQuerySerializer],
        responses={200: SnapshotOutputSerializer, **error_responses(400, 404)},
        summary="The latest trends snapshot of a series",
        description="Themes ranked by audience investment index with its parts, emerging phrases and busted "
        "theories, as stored by the last scheduled run. Reading never recomputes.",
    )
    def get(self, request: Request) -> Response:
        query = TrendsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        snapshot = selectors.snapshot_get(
            series=query.validated_data["series"],
            window=query.validated_data["window"],
            as_of=query.validated_data.get("as_of"),
        )
        return Response(SnapshotOutputSerializer(snapshot).data)


# --- history -------------------------------------------------------------------------------------


class HistoryQuerySerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80)
    tag = serializers.ListField(
        child=serializers.SlugField(max_length=80),
        required=False,
        default=list,
        max_length=20,
        help_text="Tag slugs to compare (repeat the parameter); all the series' tags when absent.",
    )
    days = serializers.IntegerField(min_value=1, max_value=services.HISTORY_DAYS, default=services.HISTORY_DAYS)

    def validate_series(self, slug: str) -> Series:
        return _series_or_invalid(slug)

    def validate(self, data: dict) -> dict:
        series = data["series"]
        tags = Tag.objects.filter(series=series)
        if data["tag"]:
            found = {tag.slug: tag for tag in tags.filter(slug__in=data["tag"])}
            missing = [slug for slug in data["tag"] if slug not in found]
            if missing:
                messages = [f"Not a tag of {series.title}: {slug}." for slug in missing]
                raise serializers.ValidationError({"tag": messages})
            data["tags"] = [found[slug] for slug in dict.fromkeys(data["tag"])]
        else:
            data["tags"] = list(tags.order_by("kind", "name"))
        return data


class HistoryDaySerializer(serializers.Serializer):
    day = serializers.DateField()
    new_theories = serializers.IntegerField(allow_null=True)
    votes = serializers.IntegerField(allow_null=True)
    net_score = serializers.IntegerField(allow_null=True)
    comments = serializers.IntegerField(allow_null=True)
    replies = serializers.IntegerField(allow_null=True)
    participants = serializers.IntegerField(allow_null=True)
    activity = serializers.IntegerField(allow_null=True)


class ThemeHistorySerializer(serializers.Serializer):
    tag = TagRefSerializer()
    days = HistoryDaySerializer(many=True)


class HistoryOutputSerializer(serializers.Serializer):
    series = serializers.CharField()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    themes = ThemeHistorySerializer(many=True)


class TrendsHistoryApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[HistoryQuerySerializer],
        responses={200: HistoryOutputSerializer, **error_responses(400)},
        summary="Daily figures per theme",
        description="One row per complete UTC day (up to 90) and theme, for charts and comparisons. Days not "
        "rolled up yet have null figures.",
    )
    def get(self, request: Request) -> Response:
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        histories = selectors.theme_history(series=data["series"], tags=data["tags"], days=data["days"])
        calendar = histories[0].days if histories else []
        body = {
            "series": data["series"].slug,
            "first_day": calendar[0]["day"] if calendar else None,
            "last_day": calendar[-1]["day"] if calendar else None,
            "themes": [{"tag": history.tag, "days": history.days} for history in histories],
        }
        return Response(HistoryOutputSerializer(body).data)


# --- CSV export ----------------------------------------------------------------------------------


class FirstRenderer(BaseContentNegotiation):
    """Always the view's first renderer: errors stay JSON even when the client asks for text/csv."""

    def select_parser(self, request, parsers):  # type: ignore[no-untyped-def]
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        return renderers[0], renderers[0].media_type


class ExportQuerySerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80)
    window = serializers.ChoiceField(choices=Window.choices, required=False, default=Window.DAY)
    snapshots = serializers.ChoiceField(
        choices=[("latest", "The latest snapshot"), ("all", "Every stored snapshot, oldest first")],
        required=False,
        default="latest",
    )

    def validate_series(self, slug: str) -> Series:
        return _series_or_invalid(slug)


class TrendsExportApi(APIView):
    permission_classes = [IsWriterOrModerator]
    content_negotiation_class = FirstRenderer

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="One row per theme per snapshot."),
            **error_responses(400, 401, 403, 404),
        },
        summary="Export trends as CSV",
        operation_id="v1_trends_export_csv",
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        series, window, scope = data["series"], data["window"], data["snapshots"]
        if scope == "latest":
            selectors.snapshot_get(series=series, window=window)  # 404 before the stream starts
        return export.csv_response(series=series, window=window, scope=scope)


# --- refresh and task progress -------------------------------------------------------------------


class RefreshInputSerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80)
    window = serializers.ChoiceField(
        choices=Window.choices, required=False, allow_null=True, help_text="All three windows when absent."
    )

    def validate_series(self, slug: str) -> Series:
        return _series_or_invalid(slug)


class RefreshOutputSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    status_url = serializers.CharField()
    series = serializers.CharField()
    windows = serializers.ListField(child=serializers.CharField())
    as_of = serializers.DateTimeField(help_text="The tick the data will be cut at.")


class TrendsRefreshApi(APIView):
    permission_classes = [IsWriterOrModerator]

    @extend_schema(
        request=RefreshInputSerializer,
        responses={202: RefreshOutputSerializer, **error_responses(400, 401, 403)},
        summary="Ask for a fresh trends snapshot",
        description="Queues the computation at the current schedule tick and answers at once with the task "
        "to watch. A snapshot that already exists for that tick is kept as it is.",
    )
    def post(self, request: Request) -> Response:
        serializer = RefreshInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        window = serializer.validated_data.get("window")
        refresh = services.snapshot_refresh_request(
            user=request.user,
            series=serializer.validated_data["series"],
            windows=[window] if window else list(Window.values),
        )
        body = {
            "task_id": refresh.task_id,
            "status_url": f"/api/v1/trends/tasks/{refresh.task_id}/",
            "series": refresh.series.slug,
            "windows": refresh.windows,
            "as_of": refresh.as_of,
        }
        return Response(RefreshOutputSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class TaskOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    state = serializers.CharField(help_text="PENDING, STARTED, PROGRESS, RETRY, SUCCESS or FAILURE.")
    series = serializers.CharField()
    windows = serializers.ListField(child=serializers.CharField())
    as_of = serializers.DateTimeField()
    progress = serializers.DictField(allow_null=True, help_text="While running: window, step, done, total.")
    result = serializers.DictField(allow_null=True, help_text="When done: the snapshots, created or found.")
    error = serializers.CharField(allow_null=True)


class TrendsTaskApi(APIView):
    permission_classes = [IsWriterOrModerator]

    @extend_schema(
        responses={200: TaskOutputSerializer, **error_responses(401, 403, 404)},
        summary="Progress of a trends refresh",
    )
    def get(self, request: Request, task_id: str) -> Response:
        meta = cache.get(services.task_key(str(task_id)))
        if meta is None:
            raise ApplicationError(code="not_found", message=f"No trends task {task_id}.", status=404)
        result = AsyncResult(str(task_id))
        state = result.state
        info = result.info
        body = {
            "id": str(task_id),
            "state": state,
            "series": meta["series"],
            "windows": meta["windows"],
            "as_of": meta["as_of"],
            "progress": info if state == "PROGRESS" and isinstance(info, dict) else None,
            "result": info if state == "SUCCESS" and isinstance(info, dict) else None,
            "error": f"{type(info).__name__}: {info}" if state == "FAILURE" else None,
        }
        return Response(TaskOutputSerializer(body).data)
