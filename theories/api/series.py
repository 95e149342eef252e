"""Series, their chapters and tags over REST (read-only)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.exceptions import ApplicationError
from theories import selectors
from theories.models import Chapter, Series, Tag


class TagOutputSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Tag
        fields = ["slug", "name", "kind", "series", "description", "aliases"]


class TagChipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name", "kind"]


class SeriesOutputSerializer(serializers.ModelSerializer):
    chapter_count = serializers.IntegerField(help_text="How many chapters of the source the site knows.")
    last_chapter = serializers.SerializerMethodField(help_text="The highest chapter number; 0 without chapters.")

    class Meta:
        model = Series
        fields = ["slug", "title", "description", "source_title", "chapter_count", "last_chapter"]

    def get_last_chapter(self, series: Series) -> int:
        # selectors.series_list annotates `latest_chapter` (NULL without chapters).
        return getattr(series, "latest_chapter", None) or 0


class ChapterOutputSerializer(serializers.ModelSerializer):
    theory_count = serializers.IntegerField(help_text="Visible theories citing this chapter.")

    class Meta:
        model = Chapter
        fields = ["number", "title", "theory_count"]


class SeriesListApi(GenericAPIView):
    serializer_class = SeriesOutputSerializer

    @extend_schema(responses=SeriesOutputSerializer(many=True), summary="List series")
    def get(self, request: Request) -> Response:
        return Response(SeriesOutputSerializer(selectors.series_list(), many=True).data)


class SeriesDetailApi(GenericAPIView):
    serializer_class = SeriesOutputSerializer

    @extend_schema(responses={200: SeriesOutputSerializer, **error_responses(404)}, summary="A series")
    def get(self, request: Request, slug: str) -> Response:
        return Response(SeriesOutputSerializer(selectors.series_get_with_counts(slug=slug)).data)


class ChapterListApi(GenericAPIView):
    serializer_class = ChapterOutputSerializer

    @extend_schema(
        responses={200: ChapterOutputSerializer(many=True), **error_responses(404)},
        summary="A series' chapters, in order",
    )
    def get(self, request: Request, slug: str) -> Response:
        series = selectors.series_get(slug=slug)
        return Response(ChapterOutputSerializer(selectors.chapter_list(series=series), many=True).data)


class TagListApi(GenericAPIView):
    serializer_class = TagOutputSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("series", str, description="Series slug"),
            OpenApiParameter("kind", str, enum=["character", "topic"]),
        ],
        responses={200: TagOutputSerializer(many=True), **error_responses(400, 404)},
        summary="List tags",
    )
    def get(self, request: Request) -> Response:
        kind = request.query_params.get("kind") or None
        if kind and kind not in Tag.Kind.values:
            raise ApplicationError(
                code="invalid", message="Unknown tag kind.", fields={"kind": ["Must be character or topic."]}
            )
        series = None
        if request.query_params.get("series"):
            series = selectors.series_get(slug=request.query_params["series"])
        tags = selectors.tag_list(series=series, kind=kind)
        return Response(TagOutputSerializer(tags, many=True).data)
