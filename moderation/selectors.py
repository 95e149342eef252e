"""Read queries for moderation: news, candidates for review, the flag queue, suspensions, the audit log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from core.exceptions import NotFound
from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension, TargetType
from theories.models import Comment, Series, Tag, Theory

CANDIDATE_LIMIT = 50
# Words of a news item's title and summary used for matching, at most this many (the rest add little).
MAX_CANDIDATE_WORDS = 64
# A theory sharing a tag with the news counts like this much text relevance (ts_rank_cd normalized to [0, 1)).
SHARED_TAG_WEIGHT = 0.25
_WORD = re.compile(r"[^\W_]{2,}")


def news_list(*, series: Series | None = None) -> QuerySet[OfficialNews]:
    queryset = OfficialNews.objects.select_related("series").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("kind", "name"))
    )
    if series is not None:
        queryset = queryset.filter(series=series)
    return queryset


def news_get(*, pk: int) -> OfficialNews:
    news = news_list().filter(pk=pk).first()
    if news is None:
        raise NotFound("No such news item.")
    return news


def _news_query(*, news: OfficialNews) -> SearchQuery | None:
    """The news title and summary as one OR query: any of their words (stemmed, stop words dropped) matches."""
    words = list(dict.fromkeys(word.lower() for word in _WORD.findall(f"{news.title} {news.summary}")))
    # "or" is an operator in websearch syntax; as a word it is a stop word anyway.
    words = [word for word in words if word != "or"][:MAX_CANDIDATE_WORDS]
    if not words:
        return None
    return SearchQuery(" or ".join(words), search_type="websearch", config="english")


def news_candidates(*, news: OfficialNews, limit: int = CANDIDATE_LIMIT) -> list[Theory]:
    """Theories of the news' series that a moderator may want to rule on, most relevant first.

    A theory is a candidate when its text matches any word of the news title or summary
    (full-text, OR of the words, over the stored search document, or the title and body where
    that is not computed yet) or it shares a tag with the news. Relevance is ts_rank_cd
    (cover density, normalized to [0, 1) by rank / (rank + 1)) plus SHARED_TAG_WEIGHT per
    shared tag. Theories with an active ruling, deleted or hidden theories are left out.
    Each theory carries `relevance`, `text_rank` and `matched_tags` (slugs).
    """
    tag_ids = [tag.pk for tag in news.tags.all()]
    query = _news_query(news=news)
    if query is None and not tag_ids:
        return []
    active_ruling = Ruling.objects.active().filter(theory=OuterRef("pk"))
    shared_tags = (
        Theory.tags.through.objects.filter(theory_id=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("theory_id")
        .annotate(count=Count("tag_id"))
        .values("count")
    )
    queryset = (
        Theory.objects.filter(series_id=news.series_id, is_deleted=False, is_hidden=False)
        .exclude(Exists(active_ruling))
        .select_related("author")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("kind", "name")))
        .annotate(shared_tags=Coalesce(Subquery(shared_tags, output_field=IntegerField()), 0))
    )
    if query is not None:
        document = Coalesce(
            F("search_vector"),
            SearchVector("title", weight="A", config="english") + SearchVector("body", weight="C", config="english"),
            output_field=SearchVectorField(),
        )
        queryset = queryset.annotate(
            document=document,
            text_rank=SearchRank(F("document"), query, cover_density=True, normalization=32),
        ).filter(Q(document=query) | Q(shared_tags__gt=0))
    else:
        queryset = queryset.annotate(text_rank=Value(0.0, output_field=FloatField())).filter(shared_tags__gt=0)
    queryset = queryset.annotate(
        relevance=F("text_rank") + F("shared_tags") * SHARED_TAG_WEIGHT,
    ).order_by("-relevance", "-score", "-id")
    theories = list(queryset.defer("body_html", "search_vector")[:limit])
    wanted = set(tag_ids)
    for theory in theories:
        theory.matched_tags = [tag.slug for tag in theory.tags.all() if tag.pk in wanted]
    return theories


def active_suspension(*, user: User) -> Suspension | None:
    """The user's suspension in force now (the one ending last, if several overlap), or None."""
    if user is None or not user.pk:
        return None
    now = timezone.now()
    return (
        Suspension.objects.filter(user=user, lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        .order_by("-ends_at")
        .first()
    )


def suspension_list(*, active_only: bool = True) -> QuerySet[Suspension]:
    queryset = Suspension.objects.select_related("user", "moderator")
    if active_only:
        queryset = queryset.filter(lifted_at__isnull=True, ends_at__gt=timezone.now())
    return queryset


@dataclass
class QueueItem:
    """One flagged item in the moderation queue."""

    target_type: str
    target_id: int
    flaggers: int
    first_flagged_at: Any
    reasons: dict[str, int]
    target: Theory | Comment | None


def flag_queue() -> QuerySet:
    """Items with open flags, one row each: most distinct flaggers first, then the longest waiting.

    Rows are dicts (target_type, target_id, flaggers, first_flagged_at, reasons); `queue_items`
    turns a page of them into QueueItems with their theories and comments loaded.
    """
    return (
        Flag.objects.filter(resolved_at__isnull=True)
        .values("target_type", "target_id")
        .annotate(
            flaggers=Count("reporter", distinct=True),
            first_flagged_at=Min("created_at"),
            reasons=ArrayAgg("reason"),
        )
        .order_by("-flaggers", "first_flagged_at", "target_type", "target_id")
    )


def queue_items(*, rows: list[dict[str, Any]]) -> list[QueueItem]:
    """A page of flag_queue rows with their items (theories and comments in one query each)."""
    theory_ids = [row["target_id"] for row in rows if row["target_type"] == TargetType.THEORY]
    comment_ids = [row["target_id"] for row in rows if row["target_type"] == TargetType.COMMENT]
    theories = Theory.objects.select_related("author", "series").in_bulk(theory_ids) if theory_ids else {}
    comments = Comment.objects.select_related("author", "theory").in_bulk(comment_ids) if comment_ids else {}
    items = []
    for row in rows:
        targets: dict = theories if row["target_type"] == TargetType.THEORY else comments
        reasons: dict[str, int] = {}
        for reason in row["reasons"]:
            reasons[reason] = reasons.get(reason, 0) + 1
        items.append(
            QueueItem(
                target_type=row["target_type"],
                target_id=row["target_id"],
                flaggers=row["flaggers"],
                first_flagged_at=row["first_flagged_at"],
                reasons=reasons,
                target=targets.get(row["target_id"]),
            )
        )
    return items


def audit_list(
    *,
    actor: str | None = None,
    action: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries, optionally filtered by the acting moderator's username, action and item."""
    queryset = AuditEntry.objects.select_related("actor")
    if actor:
        queryset = queryset.filter(actor__username__iexact=actor)
    if action:
        queryset = queryset.filter(action=action)
    if target_type:
        queryset = queryset.filter(target_type=target_type)
    if target_id is not None:
        queryset = queryset.filter(target_id=target_id)
    return queryset


@dataclass(frozen=True)
class TrackRecord:
    theories: int
    confirmed: int
    contradicted: int
    open: int


def track_record(*, user: User) -> TrackRecord:
    """How many of a user's visible theories official news confirmed or contradicted, in one query."""
    counts = Theory.objects.filter(author=user, is_deleted=False, is_hidden=False).aggregate(
        theories=Count("pk"),
        confirmed=Count("pk", filter=Q(status=Theory.Status.CONFIRMED)),
        contradicted=Count("pk", filter=Q(status=Theory.Status.CONTRADICTED)),
        open=Count("pk", filter=Q(status=Theory.Status.OPEN)),
    )
    return TrackRecord(**counts)
