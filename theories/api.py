"""Theories and tags over REST: input serializers validate, output serializers render, services write."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.exceptions import ApplicationError
from core.pagination import Cursor
from core.ratelimit import rate_limit
from moderation.api import RulingOutputSerializer
from theories import search, selectors, services
from theories.models import Series, Tag, Theory


class TagOutputSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Tag
        fields = ["slug", "name", "kind", "series", "description", "aliases"]


class TagChipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name", "kind"]


class AuthorSerializer(serializers.Serializer):
    username = serializers.CharField()


class TheoryOutputSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = AuthorSerializer(read_only=True)
    tags = TagChipSerializer(many=True, read_only=True)
    chapters = serializers.SerializerMethodField()
    my_vote = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    ruling = serializers.SerializerMethodField()

    class Meta:
        model = Theory
        fields = [
            "id",
            "url",
            "series",
            "title",
            "body",
            "body_html",
            "author",
            "tags",
            "chapters",
            "status",
            "ruling",
            "is_hidden",
            "hidden_reason",
            "upvotes",
            "downvotes",
            "score",
            "comment_count",
            "my_vote",
            "created_at",
            "updated_at",
        ]

    def get_chapters(self, theory: Theory) -> list[int]:
        return [chapter.number for chapter in theory.chapters.all()]

    def get_my_vote(self, theory: Theory) -> int | None:
        value = getattr(theory, "my_vote", None)
        return int(value) if value else None

    def get_url(self, theory: Theory) -> str:
        return f"/theories/{theory.pk}/"

    @extend_schema_field(RulingOutputSerializer(allow_null=True))
    def get_ruling(self, theory: Theory) -> dict | None:
        # selectors.theory_list prefetches the active ruling into `active_rulings` (one query per page).
        rulings = getattr(theory, "active_rulings", None)
        if rulings is None:
            rulings = list(theory.rulings.filter(revoked_at__isnull=True).select_related("news", "moderator"))
        return RulingOutputSerializer(rulings[0]).data if rulings else None


class TheoryListItemSerializer(TheoryOutputSerializer):
    """A theory in a list. With a search (`q`), `highlight` and `title_highlight` show where it matched."""

    highlight = serializers.SerializerMethodField(
        help_text="With q: a snippet of the body as HTML, matches in <mark>, everything else escaped; else null."
    )
    title_highlight = serializers.SerializerMethodField(
        help_text="With q: the title as HTML, matches in <mark>, everything else escaped; else null."
    )

    class Meta(TheoryOutputSerializer.Meta):
        fields = [*TheoryOutputSerializer.Meta.fields, "highlight", "title_highlight"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_highlight(self, theory: Theory) -> str | None:
        return getattr(theory, "highlight", None)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_title_highlight(self, theory: Theory) -> str | None:
        return getattr(theory, "title_highlight", None)


class TheoryInputSerializer(serializers.Serializer):
    series = serializers.SlugField(max_length=80)
    title = serializers.CharField(min_length=5, max_length=200)
    body = serializers.CharField(max_length=20000, trim_whitespace=False)
    tags = serializers.ListField(child=serializers.SlugField(max_length=80), min_length=1, max_length=10)
    chapters = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=100000), required=False, default=list, max_length=50
    )

    def validate_series(self, slug: str) -> Series:
        series = Series.objects.filter(slug=slug).first()
        if series is None:
            raise serializers.ValidationError(f"Unknown series: {slug}.")
        return series


class TheoryListQuerySerializer(serializers.Serializer):
    series = serializers.SlugField(required=False)
    q = serializers.CharField(
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        help_text=(
            "Search: words of the title, tags (names and aliases, Korean too) and body; misspelt names match. "
            '"quoted phrase", `or` and `-word` work. Results carry `highlight`.'
        ),
    )
    sort = serializers.ChoiceField(
        choices=selectors.SEARCH_SORTS,
        required=False,
        help_text="Default: relevance with q, otherwise hot. Relevance needs q.",
    )
    window = serializers.ChoiceField(choices=tuple(selectors.WINDOWS), required=False, default="all")
    as_of = serializers.DateTimeField(
        required=False, help_text="The moment the list is computed for; page links carry it so pages agree."
    )

    def validate(self, data: dict) -> dict:
        if "q" in self.initial_data and "q" not in data:
            # DRF reads an empty optional query parameter as absent; an empty search is an error.
            raise serializers.ValidationError({"q": ["A search needs at least one character that is not blank."]})
        searching = "q" in data
        data["sort"] = data.get("sort") or (selectors.RELEVANCE if searching else "hot")
        if data["sort"] == selectors.RELEVANCE and not searching:
            raise serializers.ValidationError({"sort": ["Sorting by relevance needs a search (q)."]})
        return data


class TheoryListCreateApi(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = Cursor
    serializer_class = TheoryOutputSerializer

    def get_queryset(self) -> QuerySet[Theory]:
        return selectors.theory_list(user=self.request.user)

    @extend_schema(
        parameters=[TheoryListQuerySerializer],
        responses=TheoryListItemSerializer(many=True),
        summary="List or search theories",
    )
    def get(self, request: Request) -> Response:
        query = TheoryListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        series = None
        if query.validated_data.get("series"):
            series = Series.objects.filter(slug=query.validated_data["series"]).first()
            if series is None:
                raise ApplicationError(
                    code="invalid",
                    message="Unknown series.",
                    fields={"series": [f"Unknown series: {query.validated_data['series']}."]},
                )
        sort = query.validated_data["sort"]
        as_of = query.validated_data.get("as_of") or timezone.now().replace(microsecond=0)
        search_query = None
        if "q" in query.validated_data:
            search_query = selectors.theory_search_query(text=query.validated_data["q"], series=series)
        queryset = selectors.theory_feed(
            user=request.user,
            series=series,
            sort=sort,
            window=query.validated_data["window"],
            as_of=as_of,
            q=search_query,
        )
        paginator = self.pagination_class()
        paginator.ordering = selectors.feed_ordering(sort)
        page = paginator.paginate_queryset(queryset, request, view=self)
        paginator.base_url = replace_query_param(paginator.base_url, "as_of", as_of.isoformat())
        if search_query is not None:
            selectors.theory_search_highlights(theories=page, query=search_query)
        data = TheoryListItemSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(request=TheoryInputSerializer, responses={201: TheoryOutputSerializer}, summary="Post a theory")
    def post(self, request: Request) -> Response:
        serializer = TheoryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rate_limit(scope="theory", user_id=request.user.pk)
        theory = services.theory_create(
            author=request.user,
            series=data["series"],
            title=data["title"],
            body=data["body"],
            tag_slugs=data["tags"],
            chapter_numbers=data["chapters"],
        )
        theory = selectors.theory_get_visible(user=request.user, pk=theory.pk)
        return Response(TheoryOutputSerializer(theory).data, status=status.HTTP_201_CREATED)


class TheoryDetailApi(GenericAPIView):
    serializer_class = TheoryOutputSerializer

    @extend_schema(responses=TheoryOutputSerializer, summary="A theory")
    def get(self, request: Request, pk: int) -> Response:
        theory = selectors.theory_get_visible(user=request.user, pk=pk)
        return Response(TheoryOutputSerializer(theory).data)


class TagListApi(GenericAPIView):
    serializer_class = TagOutputSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("series", str, description="Series slug"),
            OpenApiParameter("kind", str, enum=["character", "topic"]),
        ],
        responses=TagOutputSerializer(many=True),
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
