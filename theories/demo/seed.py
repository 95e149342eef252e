"""Write the demo plan through the services, once: a second run only confirms what is there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_get_or_create
from theories.demo import catalog
from theories.demo.plan import DemoPlan, build_plan
from theories.models import Comment, Series, Theory
from theories.services import (
    chapters_ensure,
    comment_backdate,
    comment_create,
    series_get_or_create,
    tag_get_or_create,
    theory_backdate,
    theory_create,
)
from voting.services import votes_import


@dataclass(frozen=True)
class SeedResult:
    series: Series
    users_created: int
    tags_created: int
    chapters_created: int
    theories_created: int
    comments_created: int
    votes_created: int

    @property
    def content_created(self) -> bool:
        return self.theories_created > 0


@transaction.atomic
def seed_demo(*, now: datetime | None = None) -> SeedResult:
    """Load the demo series, tags, chapters and accounts, and — unless the series already has its
    demo theories — the theories, comments and votes, dated relative to `now`.

    One transaction: an interrupted run leaves nothing half-loaded, so the next run starts over.
    """
    now = now or timezone.now()
    plan = build_plan(now=now)
    series, _ = series_get_or_create(**catalog.SERIES)
    chapters_created = chapters_ensure(series=series, numbers=range(1, catalog.CHAPTER_COUNT + 1))
    tags_created = 0
    for tag in catalog.TAGS:
        _, created = tag_get_or_create(series=series, **tag)
        tags_created += created
    users: dict[str, User] = {}
    users_created = 0
    for planned in plan.users:
        user, created = user_get_or_create(
            username=planned.username,
            email=planned.email,
            password=planned.password,
            groups=planned.groups,
            date_joined=planned.date_joined,
        )
        users[planned.username] = user
        users_created += created

    titles = [theory.title for theory in plan.theories]
    if Theory.objects.filter(series=series, title__in=titles).exists():
        return SeedResult(series, users_created, tags_created, chapters_created, 0, 0, 0)
    theories, comments, votes = _load_content(plan=plan, series=series, users=users)
    return SeedResult(series, users_created, tags_created, chapters_created, theories, comments, votes)


def _load_content(*, plan: DemoPlan, series: Series, users: dict[str, User]) -> tuple[int, int, int]:
    theories: dict[int, Theory] = {}
    for planned in plan.theories:
        theory = theory_create(
            author=users[planned.author],
            series=series,
            title=planned.title,
            body=planned.body,
            tag_slugs=planned.tags,
            chapter_numbers=planned.chapters,
        )
        theories[planned.key] = theory_backdate(theory=theory, created_at=planned.created_at)

    comments: dict[int, Comment] = {}
    for planned_comment in plan.comments:
        comment = comment_create(
            author=users[planned_comment.author],
            theory=theories[planned_comment.theory],
            body=planned_comment.body,
            parent=comments[planned_comment.parent] if planned_comment.parent is not None else None,
        )
        comments[planned_comment.key] = comment_backdate(comment=comment, created_at=planned_comment.created_at)

    votes = votes_import(
        rows=((users[vote.username].pk, theories[vote.theory].pk, vote.value, vote.created_at) for vote in plan.votes)
    )
    return len(theories), len(comments), votes
