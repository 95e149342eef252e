"""Theories over REST: list, search and filter, post, read, edit, delete, and their revisions.

Spoilers: a theory citing a chapter past the reader's progress in its series has `spoiler: true`
and its `body`, `body_html` and search `highlight` left out (null) unless the read asks `reveal=1`.
The progress is the `progress` query parameter, else the signed-in reader's saved progress
(PUT /api/v1/me/progress/); a reader with none sees everything. Answers to writes are not gated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.api import ErrorSerializer, error_responses
from core.exceptions import ApplicationError
from core.pagination import Cursor
from core.ratelimit import rate_limit
from moderation.api import RulingOutputSerializer
from theories import search, selectors, services
from theories.api import list_cache
from theories.api.series import TagChipSerializer
from theories.models import Series, Theory, TheoryRevision
from theories.selectors import SpoilerGate

GONE = {410: OpenApiResponse(ErrorSerializer, description="Deleted (code `deleted`)")}
PROGRESS_HELP = (
    "The last chapter of the series you have read (0: none). Theories citing later chapters are spoilers: "
    "`spoiler` is true and the body is left out. Default: your saved progress when signed in, else none "
    "(everything shown). With `series`, at most its last chapter."
)
REVEAL_HELP = "1 to include the bodies of spoilers anyway (they stay marked `spoiler`)."


class AuthorSerializer(serializers.Serializer):
    username = serializers.CharField()


class SpoilerGatedMixin:
    """`spoiler`, `body` and `body_html` under the SpoilerGate in the context (`spoilers`); none: no gating."""

    context: dict

    def _gate(self) -> SpoilerGate | None:
        return self.context.get("spoilers")

    def _chapter_numbers(self, instance: Theory | TheoryRevision) -> list[int]:
        raise NotImplementedError

    def _series_id(self, instance: Theory | TheoryRevision) -> int:
        raise NotImplementedError

    def _saved_progress(self, instance: Theory | TheoryRevision) -> int | None:
        raise NotImplementedError

    def _gate_args(self, instance: Theory | TheoryRevision) -> dict:
        return {
            "series_id": self._series_id(instance),
            "chapter_numbers": self._chapter_numbers(instance),
            "saved_progress": self._saved_progress(instance),
        }

    def _withheld(self, instance: Theory | TheoryRevision) -> bool:
        gate = self._gate()
        return gate is not None and gate.withholds(**self._gate_args(instance))

    @extend_schema_field(serializers.BooleanField(help_text="Cites a chapter past the reader's progress."))
    def get_spoiler(self, instance: Theory | TheoryRevision) -> bool:
        gate = self._gate()
        return gate is not None and gate.is_spoiler(**self._gate_args(instance))

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Markdown; null when a withheld spoiler."))
    def get_body(self, instance: Theory | TheoryRevision) -> str | None:
        return None if self._withheld(instance) else instance.body


class TheoryOutputSerializer(SpoilerGatedMixin, serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = AuthorSerializer(read_only=True)
    tags = TagChipSerializer(many=True, read_only=True)
    chapters = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    spoiler = serializers.SerializerMethodField()
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
            "spoiler",
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
            "edited_at",
        ]
        extra_kwargs = {"edited_at": {"help_text": "When the theory was last edited; null if never."}}

    def _chapter_numbers(self, theory: Theory) -> list[int]:  # type: ignore[override]
        return self.get_chapters(theory)

    def _series_id(self, theory: Theory) -> int:  # type: ignore[override]
        return theory.series_id

    def _saved_progress(self, theory: Theory) -> int | None:  # type: ignore[override]
        # selectors.theory_list annotates the signed-in reader's saved progress in the theory's series.
        return getattr(theory, "reader_progress", None)

    def get_chapters(self, theory: Theory) -> list[int]:
        return [chapter.number for chapter in theory.chapters.all()]

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Sanitized HTML; null when withheld."))
    def get_body_html(self, theory: Theory) -> str | None:
        return None if self._withheld(theory) else theory.body_html

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
        help_text="With q: a snippet of the body as HTML, matches in <mark>, everything else escaped; else null "
        "(also for a withheld spoiler)."
    )
    title_highlight = serializers.SerializerMethodField(
        help_text="With q: the title as HTML, matches in <mark>, everything else escaped; else null."
    )

    class Meta(TheoryOutputSerializer.Meta):
        fields = [*TheoryOutputSerializer.Meta.fields, "highlight", "title_highlight"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_highlight(self, theory: Theory) -> str | None:
        return None if self._withheld(theory) else getattr(theory, "highlight", None)

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


class TheoryUpdateInputSerializer(serializers.Serializer):
    """The fields to change; those left out stay as they are."""

    title = serializers.CharField(min_length=5, max_length=200, required=False)
    body = serializers.CharField(max_length=20000, trim_whitespace=False, required=False)
    tags = serializers.ListField(
        child=serializers.SlugField(max_length=80), min_length=1, max_length=10, required=False
    )
    chapters = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=100000), required=False, max_length=50
    )


class SpoilerQuerySerializer(serializers.Serializer):
    progress = serializers.IntegerField(required=False, min_value=0, help_text=PROGRESS_HELP)
    reveal = serializers.BooleanField(required=False, default=False, help_text=REVEAL_HELP)


class TheoryListQuerySerializer(SpoilerQuerySerializer):
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
    tag = serializers.ListField(
        child=serializers.SlugField(max_length=80),
        required=False,
        default=list,
        max_length=10,
        help_text="Tag slug; repeat it for theories carrying ALL the tags.",
    )
    author = serializers.CharField(required=False, max_length=150, help_text="Username (any case).")
    chapter = serializers.IntegerField(required=False, min_value=1, help_text="Theories citing this chapter.")
    status = serializers.ChoiceField(choices=Theory.Status.choices, required=False)

    def validate(self, data: dict) -> dict:
        if "q" in self.initial_data and "q" not in data:
            # DRF reads an empty optional query parameter as absent; an empty search is an error.
            raise serializers.ValidationError({"q": ["A search needs at least one character that is not blank."]})
        searching = "q" in data
        data["sort"] = data.get("sort") or (selectors.RELEVANCE if searching else "hot")
        if data["sort"] == selectors.RELEVANCE and not searching:
            raise serializers.ValidationError({"sort": ["Sorting by relevance needs a search (q)."]})
        return data


def _datetime(value: datetime | None, tz: tzinfo) -> str | None:
    """DRF's DateTimeField output (ISO 8601 in the current time zone, UTC as Z), without its per-call setup."""
    if value is None:
        return None
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def theory_list_rows_data(rows: Iterable[Mapping], *, gate: SpoilerGate, rulings: Mapping[int, object]) -> list[dict]:
    """TheoryListItemSerializer's output for rows of selectors.theory_feed_rows, built directly.

    Highlights stay null; a search fills them in afterwards (selectors.theory_search_highlight_items).

    Same keys in the same order, same values; tests compare the two. `rulings` is
    selectors.theory_rulings_for(rows=rows).
    """
    tz = timezone.get_current_timezone()
    items = []
    for row in rows:
        chapters = row["chapter_numbers"]
        spoiler = gate.is_spoiler(
            series_id=row["series_id"], chapter_numbers=chapters, saved_progress=row["reader_progress"]
        )
        withheld = spoiler and not gate.reveal
        ruling = rulings.get(row["id"])
        items.append(
            {
                "id": row["id"],
                "url": f"/theories/{row['id']}/",
                "series": row["series_slug"],
                "title": row["title"],
                "body": None if withheld else row["body"],
                "body_html": None if withheld else row["body_html"],
                "spoiler": spoiler,
                "author": {"username": row["author_username"]},
                "tags": row["tag_chips"],
                "chapters": chapters,
                "status": row["status"],
                "ruling": RulingOutputSerializer(ruling).data if ruling is not None else None,
                "is_hidden": row["is_hidden"],
                "hidden_reason": row["hidden_reason"],
                "upvotes": row["upvotes"],
                "downvotes": row["downvotes"],
                "score": row["score"],
                "comment_count": row["comment_count"],
                "my_vote": int(row["my_vote"]) if row["my_vote"] else None,
                "created_at": _datetime(row["created_at"], tz),
                "updated_at": _datetime(row["updated_at"], tz),
                "edited_at": _datetime(row["edited_at"], tz),
                "highlight": None,
                "title_highlight": None,
            }
        )
    return items


class TheoryListCreateApi(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = Cursor
    serializer_class = TheoryOutputSerializer

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:
        """The DRF view behind list_cache.cached_page, which answers a visitor's cached first page first."""
        drf_view = super().as_view(**initkwargs)

        # The wrapper keeps the DRF view's attributes (cls, initkwargs, csrf_exempt) for URL
        # resolution, CSRF handling and drf-spectacular.
        @functools.wraps(drf_view)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return list_cache.cached_page(request) or drf_view(request, *args, **kwargs)

        return view

    def get_queryset(self) -> QuerySet[Theory]:
        return selectors.theory_list(user=self.request.user)

    @extend_schema(
        parameters=[TheoryListQuerySerializer],
        responses={200: TheoryListItemSerializer(many=True), **error_responses(400)},
        summary="List, search and filter theories",
    )
    def get(self, request: Request) -> Response | HttpResponse:
        cache_key = list_cache.key_for(request)
        cached = list_cache.get(cache_key) if cache_key else None
        if cached is not None:
            return HttpResponse(cached, content_type="application/json")
        query = TheoryListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        series = None
        if data.get("series"):
            series = Series.objects.filter(slug=data["series"]).first()
            if series is None:
                raise ApplicationError(
                    code="invalid", message="Unknown series.", fields={"series": [f"Unknown series: {data['series']}."]}
                )
        gate = selectors.spoiler_gate(
            user=request.user, series=series, progress=data.get("progress"), reveal=data["reveal"]
        )
        sort = data["sort"]
        as_of = data.get("as_of") or timezone.now().replace(microsecond=0)
        search_query = None
        if "q" in data:
            search_query = selectors.theory_search_query(text=data["q"], series=series)
        queryset = selectors.theory_feed(
            user=request.user,
            series=series,
            sort=sort,
            window=data["window"],
            as_of=as_of,
            q=search_query,
            tags=data["tag"],
            author=data.get("author"),
            chapter=data.get("chapter"),
            status=data.get("status"),
        )
        queryset = selectors.theory_feed_rows(queryset, sort=sort)
        paginator = self.pagination_class()
        paginator.ordering = selectors.feed_ordering(sort)
        page = paginator.paginate_queryset(queryset, request, view=self)
        paginator.base_url = replace_query_param(paginator.base_url, "as_of", as_of.isoformat())
        items = theory_list_rows_data(page, gate=gate, rulings=selectors.theory_rulings_for(rows=page))
        if search_query is not None:
            selectors.theory_search_highlight_items(items=items, query=search_query)
        response = paginator.get_paginated_response(items)
        if cache_key is None:
            return response
        body = JSONRenderer().render(response.data)
        list_cache.store(cache_key, body)
        return HttpResponse(body, content_type="application/json")

    @extend_schema(
        request=TheoryInputSerializer,
        responses={201: TheoryOutputSerializer, **error_responses(400, 401, 403, 429)},
        summary="Post a theory",
    )
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
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = TheoryOutputSerializer

    @extend_schema(
        parameters=[SpoilerQuerySerializer],
        responses={200: TheoryOutputSerializer, **error_responses(400, 404), **GONE},
        summary="A theory",
        description="A deleted theory answers 410 Gone (code `deleted`); one hidden by moderation is a 404 "
        "for everyone but its author.",
    )
    def get(self, request: Request, pk: int) -> Response:
        query = SpoilerQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        theory = selectors.theory_get_visible(user=request.user, pk=pk, tell_deleted=True)
        gate = selectors.spoiler_gate(
            user=request.user,
            series=theory.series,
            progress=query.validated_data.get("progress"),
            reveal=query.validated_data["reveal"],
        )
        return Response(TheoryOutputSerializer(theory, context={"spoilers": gate}).data)

    @extend_schema(
        request=TheoryUpdateInputSerializer,
        responses={200: TheoryOutputSerializer, **error_responses(400, 401, 403, 404), **GONE},
        summary="Edit a theory (its author or a moderator)",
        description="Change any of title, body, tags and chapters, with the rules of posting. The version it "
        "replaces is kept (GET …/revisions/) and `edited_at` is set; an edit that changes nothing keeps nothing.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        serializer = TheoryUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.theory_update(
            editor=request.user,
            theory_id=pk,
            title=data.get("title"),
            body=data.get("body"),
            tag_slugs=data.get("tags"),
            chapter_numbers=data.get("chapters"),
        )
        return Response(TheoryOutputSerializer(selectors.theory_get(user=request.user, pk=pk)).data)

    @extend_schema(
        request=None,
        responses={204: None, **error_responses(401, 403, 404), **GONE},
        summary="Delete a theory (its author or a moderator)",
        description="Soft delete: the theory leaves lists and search, and its URL answers 410 Gone.",
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.theory_delete(actor=request.user, theory_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TheoryRevisionOutputSerializer(SpoilerGatedMixin, serializers.ModelSerializer):
    """A theory as it was before an edit; `editor` made that edit, at `created_at`."""

    editor = AuthorSerializer(read_only=True)
    body = serializers.SerializerMethodField()
    spoiler = serializers.SerializerMethodField()
    tags = serializers.ListField(source="tag_slugs", child=serializers.SlugField(), help_text="Tag slugs.")
    chapters = serializers.ListField(source="chapter_numbers", child=serializers.IntegerField())

    class Meta:
        model = TheoryRevision
        fields = ["id", "editor", "title", "body", "spoiler", "tags", "chapters", "created_at"]

    def _chapter_numbers(self, revision: TheoryRevision) -> list[int]:  # type: ignore[override]
        return revision.chapter_numbers

    def _series_id(self, revision: TheoryRevision) -> int:  # type: ignore[override]
        return self.context["theory"].series_id

    def _saved_progress(self, revision: TheoryRevision) -> int | None:  # type: ignore[override]
        return getattr(self.context["theory"], "reader_progress", None)


class TheoryRevisionListApi(GenericAPIView):
    pagination_class = Cursor
    serializer_class = TheoryRevisionOutputSerializer

    @extend_schema(
        parameters=[SpoilerQuerySerializer],
        responses={200: TheoryRevisionOutputSerializer(many=True), **error_responses(400, 404), **GONE},
        summary="A theory's earlier versions, newest first",
    )
    def get(self, request: Request, pk: int) -> Response:
        query = SpoilerQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        theory = selectors.theory_get_visible(user=request.user, pk=pk, tell_deleted=True)
        gate = selectors.spoiler_gate(
            user=request.user,
            series=theory.series,
            progress=query.validated_data.get("progress"),
            reveal=query.validated_data["reveal"],
        )
        paginator = self.pagination_class()
        paginator.ordering = ("-created_at", "-id")
        page = paginator.paginate_queryset(selectors.theory_revision_list(theory=theory), request, view=self)
        context = {"spoilers": gate, "theory": theory}
        return paginator.get_paginated_response(TheoryRevisionOutputSerializer(page, many=True, context=context).data)
