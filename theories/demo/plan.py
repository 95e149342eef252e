"""The demo timeline: who joined when, who posted which theory, and every comment and vote, with times.

Everything is drawn from one `random.Random(SEED)`, and every time is an offset from `now`, so
the same content and the same shape come out on every run, placed relative to the moment it runs.
The rules real data obeys hold here too: nobody acts before joining, authors never vote on their
own theories, replies come after what they reply to, and nothing happens after `now`.
"""

from __future__ import annotations

import inspect
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from theories.demo import (
    catalog,
    comments,
    theories_half_zombies,
    theories_outbreak,
    theories_survivors,
    theories_webtoon,
)

SEED = 20220128  # the Netflix premiere of All of Us Are Dead

DRAFTS: list[dict[str, Any]] = [
    *theories_half_zombies.THEORIES,
    *theories_survivors.THEORIES,
    *theories_outbreak.THEORIES,
    *theories_webtoon.THEORIES,
]

WINDOW = timedelta(days=30)
# Theories posted within the last day, so `new` and `rising` have something to show.
FRESH_THEORIES = 9
FRESH_WINDOW = timedelta(hours=22)

# How a theory is received: its share of the drafts without an explicit reception, how many votes
# it draws (before the eligible-voter cap), the share of them that are upvotes, and how many comments.
RECEPTIONS: dict[str, dict[str, Any]] = {
    "hit": {"weight": 0.04, "votes": (22, 40), "up": (0.86, 0.96), "comments": (5, 10)},
    "divisive": {"weight": 0.06, "votes": (14, 28), "up": (0.42, 0.58), "comments": (5, 10)},
    "flop": {"weight": 0.08, "votes": (5, 12), "up": (0.15, 0.35), "comments": (1, 4)},
    "quiet": {"weight": 0.82, "votes": (0, 15), "up": (0.65, 0.93), "comments": (0, 4)},
}

REPLY_SHARE = 0.3
EXCHANGE_SHARE = 0.07
MAX_DEPTH = 2  # top-level is 0, so threads are at most three levels deep
LONG_POST = 700
SHORT_POST = 200
REACTIONS = frozenset(comments.REPLIES)


@dataclass(frozen=True)
class PlannedUser:
    username: str
    email: str
    password: str | None
    groups: tuple[str, ...]
    date_joined: datetime
    activity: float
    likes: frozenset[str]


@dataclass(frozen=True)
class PlannedTheory:
    key: int
    title: str
    body: str
    tags: tuple[str, ...]
    chapters: tuple[int, ...]
    author: str
    created_at: datetime
    reception: str


@dataclass(frozen=True)
class PlannedComment:
    key: int
    theory: int
    parent: int | None
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class PlannedVote:
    username: str
    theory: int
    value: int
    created_at: datetime


@dataclass(frozen=True)
class DemoPlan:
    users: list[PlannedUser]
    theories: list[PlannedTheory]
    comments: list[PlannedComment]
    votes: list[PlannedVote]


def build_plan(*, now: datetime) -> DemoPlan:
    """The whole demo as data, deterministic for a given `now`."""
    rng = random.Random(SEED)
    users = _plan_users(rng=rng, now=now)
    theories = _plan_theories(rng=rng, now=now, users=users)
    planned_comments = _CommentPlanner(rng=rng, now=now, users=users).plan(theories=theories)
    votes = _plan_votes(rng=rng, now=now, users=users, theories=theories)
    return DemoPlan(users=users, theories=theories, comments=planned_comments, votes=votes)


def _plan_users(*, rng: random.Random, now: datetime) -> list[PlannedUser]:
    users = []
    # The demo logins joined early: the moderator first, the fan with the first wave of posters.
    demo_ages = {"moderator": timedelta(days=60), "fan": timedelta(days=52), "writer": timedelta(days=41)}
    for login in catalog.DEMO_LOGINS:
        users.append(
            PlannedUser(
                username=login["username"],
                email=f"{login['username']}@{catalog.DEMO_EMAIL_DOMAIN}",
                password=login["password"],
                groups=tuple(login["groups"]),
                date_joined=now - demo_ages[login["username"]],
                activity=1.0 if login["role"] == "fan" else 0.3,
                likes=frozenset(),
            )
        )
    for fan in catalog.FANS:
        activity = fan.get("activity", 1.0)
        if fan["username"] in catalog.NEW_FANS:
            age = timedelta(hours=rng.uniform(6, 20))
        elif activity >= 1.5:
            # Regular posters were there from the start, so the whole 30-day window has authors.
            age = timedelta(days=rng.uniform(31, 59.5))
        else:
            age = timedelta(days=rng.uniform(2, 59.5))
        users.append(
            PlannedUser(
                username=fan["username"],
                email=f"{fan['username']}@{catalog.DEMO_EMAIL_DOMAIN}",
                password=None,
                groups=(),
                date_joined=now - age,
                activity=activity,
                likes=frozenset(fan["likes"]),
            )
        )
    return users


def _participants(users: Sequence[PlannedUser]) -> list[PlannedUser]:
    """Users who post, comment and vote: everyone but the writer, who only reads the trends."""
    return [user for user in users if user.username != "writer"]


def _weighted_choice(rng: random.Random, candidates: Sequence[PlannedUser], weights: Sequence[float]) -> PlannedUser:
    return rng.choices(list(candidates), weights=list(weights), k=1)[0]


def _plan_theories(*, rng: random.Random, now: datetime, users: list[PlannedUser]) -> list[PlannedTheory]:
    by_name = {user.username: user for user in users}
    posters = [user for user in _participants(users) if user.username != "moderator"]
    reception_names = list(RECEPTIONS)
    reception_weights = [RECEPTIONS[name]["weight"] for name in reception_names]

    order = list(range(len(DRAFTS)))
    rng.shuffle(order)
    fresh = set(order[:FRESH_THEORIES])
    planned = []
    for index, draft in enumerate(DRAFTS):
        if index in fresh:
            created_at = now - timedelta(minutes=20) - FRESH_WINDOW * rng.random()
        else:
            created_at = now - timedelta(days=1) - (WINDOW - timedelta(days=1)) * rng.random() ** 1.15
        tags = tuple(draft["tags"])
        if "author" in draft:
            author = by_name[draft["author"]]
        else:
            eligible = [user for user in posters if user.date_joined < created_at - timedelta(hours=1)]
            weights = [user.activity * (3.0 if user.likes & set(tags) else 1.0) for user in eligible]
            author = _weighted_choice(rng, eligible, weights)
        if author.date_joined >= created_at:
            created_at = author.date_joined + (now - author.date_joined) * rng.uniform(0.2, 0.8)
        reception = draft.get("reception") or rng.choices(reception_names, weights=reception_weights, k=1)[0]
        planned.append(
            PlannedTheory(
                key=index,
                title=draft["title"],
                body=inspect.cleandoc(draft["body"]),
                tags=tags,
                chapters=tuple(draft.get("chapters", ())),
                author=author.username,
                created_at=created_at,
                reception=reception,
            )
        )
    # Posting order follows time, so ids grow with created_at as they would on a live site.
    planned.sort(key=lambda theory: theory.created_at)
    return planned


def _freshness(*, theory: PlannedTheory, now: datetime) -> float:
    """1 for theories older than a day; less for younger ones, which have had less time to draw a crowd."""
    age_hours = (now - theory.created_at).total_seconds() / 3600
    return 1.0 if age_hours >= 24 else 0.35 + 0.65 * age_hours / 24


def _after(*, rng: random.Random, start: datetime, now: datetime, skew: float, minimum: timedelta) -> datetime:
    """A time between `start` and `now`, mostly soon after `start` (higher skew means sooner)."""
    moment = start + max(minimum, (now - start) * rng.random() ** skew)
    return min(moment, now - timedelta(seconds=5))


class _CommentPlanner:
    def __init__(self, *, rng: random.Random, now: datetime, users: list[PlannedUser]) -> None:
        self.rng = rng
        self.now = now
        self.people = _participants(users)
        self.by_name = {user.username: user for user in users}
        self.used: Counter[str] = Counter()
        self.exchanges_used: Counter[int] = Counter()
        self.comments: list[PlannedComment] = []

    def plan(self, *, theories: list[PlannedTheory]) -> list[PlannedComment]:
        drafts_by_title = {draft["title"]: draft for draft in DRAFTS}
        for theory in theories:
            self._plan_theory(theory=theory, thread=drafts_by_title[theory.title].get("thread", ()))
        self.comments.sort(key=lambda comment: comment.created_at)
        return self.comments

    def _plan_theory(self, *, theory: PlannedTheory, thread: Sequence[dict[str, Any]]) -> None:
        low, high = RECEPTIONS[theory.reception]["comments"]
        target = round(self.rng.randint(low, high) * _freshness(theory=theory, now=self.now))
        mine: list[tuple[PlannedComment, int]] = []  # (comment, depth) on this theory
        for item in thread:
            self._add_thread_item(theory=theory, item=item, parent=None, depth=0, asker=None, mine=mine)
        while len(mine) < target:
            roll = self.rng.random()
            # Generic replies only answer comments with something to answer: not other reactions.
            parents = [
                (comment, depth)
                for comment, depth in mine
                if depth < MAX_DEPTH and len(comment.body) >= 40 and comment.body not in REACTIONS
            ]
            if parents and roll < REPLY_SHARE:
                parent, depth = self.rng.choice(parents)
                body = self._pick(comments.REPLIES, theory=theory, mine=mine)
                author = self._author(theory=theory, after=parent, allow_op=True)
                mine.append((self._add(theory=theory, parent=parent, author=author, body=body), depth + 1))
            elif target - len(mine) >= 2 and roll < REPLY_SHARE + EXCHANGE_SHARE:
                self._add_exchange(theory=theory, room=target - len(mine), mine=mine)
            else:
                pools = [comments.BY_TAG[tag] for tag in theory.tags if tag in comments.BY_TAG]
                pool = self.rng.choice(pools) if pools and self.rng.random() < 0.7 else self._general(theory)
                body = self._pick(pool, theory=theory, mine=mine)
                author = self._author(theory=theory, after=None, allow_op=False)
                mine.append((self._add(theory=theory, parent=None, author=author, body=body), 0))

    def _general(self, theory: PlannedTheory) -> list[str]:
        if len(theory.body) >= LONG_POST:
            return comments.GENERAL + comments.GENERAL_LONG
        if len(theory.body) <= SHORT_POST:
            return comments.GENERAL + comments.GENERAL_SHORT
        return comments.GENERAL

    def _add_thread_item(
        self,
        *,
        theory: PlannedTheory,
        item: dict[str, Any],
        parent: PlannedComment | None,
        depth: int,
        asker: str | None,
        mine: list[tuple[PlannedComment, int]],
    ) -> None:
        by = item.get("by")
        if by == "op":
            author = theory.author
        elif by == "asker" and asker is not None:
            author = asker
        elif by is not None and by != "asker":
            author = by
        else:
            author = self._author(theory=theory, after=parent, allow_op=False, avoid={asker} if asker else set())
        comment = self._add(theory=theory, parent=parent, author=author, body=item["body"])
        mine.append((comment, depth))
        for reply in item.get("replies", ()):
            self._add_thread_item(
                theory=theory, item=reply, parent=comment, depth=depth + 1, asker=asker or comment.author, mine=mine
            )

    def _add_exchange(self, *, theory: PlannedTheory, room: int, mine: list[tuple[PlannedComment, int]]) -> None:
        used_here = {comment.body for comment, _ in mine}
        candidates = [i for i, lines in enumerate(comments.EXCHANGES) if lines[0] not in used_here]
        if not candidates:
            return
        fewest = min(self.exchanges_used[i] for i in candidates)
        index = self.rng.choice([i for i in candidates if self.exchanges_used[i] == fewest])
        self.exchanges_used[index] += 1
        lines = comments.EXCHANGES[index][: min(room, MAX_DEPTH + 1)]
        asker = self._author(theory=theory, after=None, allow_op=False).username
        op_answers = self.rng.random() < 0.5
        answerer = theory.author if op_answers else None
        parent: PlannedComment | None = None
        for depth, body in enumerate(lines):
            if depth % 2 == 0:
                author = asker
            else:
                if answerer is None:
                    answerer = self._author(theory=theory, after=parent, allow_op=False, avoid={asker}).username
                author = answerer
            parent = self._add(theory=theory, parent=parent, author=self.by_name[author], body=body)
            mine.append((parent, depth))

    def _pick(self, pool: Sequence[str], *, theory: PlannedTheory, mine: list[tuple[PlannedComment, int]]) -> str:
        """The least used line of the pool that this theory's thread does not have yet."""
        used_here = {comment.body for comment, _ in mine}
        candidates = [line for line in pool if line not in used_here] or list(pool)
        fewest = min(self.used[line] for line in candidates)
        line = self.rng.choice([line for line in candidates if self.used[line] == fewest])
        self.used[line] += 1
        return line

    def _author(
        self,
        *,
        theory: PlannedTheory,
        after: PlannedComment | None,
        allow_op: bool,
        avoid: set[str] | None = None,
    ) -> PlannedUser:
        """Someone plausible to write the next comment: not the writer, not the parent's author."""
        excluded = set(avoid or ()) | {"moderator"}
        if after is not None:
            excluded.add(after.author)
            if allow_op and theory.author not in excluded and self.rng.random() < 0.15:
                return self.by_name[theory.author]
        excluded.add(theory.author)
        tags = set(theory.tags)
        # Anyone who has joined by now; _add dates the comment after both the joining and the parent.
        eligible = [user for user in self.people if user.username not in excluded and user.date_joined < self.now]
        weights = [user.activity * (2.0 if user.likes & tags else 1.0) for user in eligible]
        return _weighted_choice(self.rng, eligible, weights)

    def _add(
        self, *, theory: PlannedTheory, parent: PlannedComment | None, author: PlannedUser | str, body: str
    ) -> PlannedComment:
        user = author if isinstance(author, PlannedUser) else self.by_name[author]
        start = max(parent.created_at if parent else theory.created_at, user.date_joined)
        if parent is None:
            created_at = _after(rng=self.rng, start=start, now=self.now, skew=3.0, minimum=timedelta(minutes=3))
        else:
            created_at = _after(rng=self.rng, start=start, now=self.now, skew=4.0, minimum=timedelta(minutes=1))
        comment = PlannedComment(
            key=len(self.comments),
            theory=theory.key,
            parent=parent.key if parent else None,
            author=user.username,
            body=body,
            created_at=created_at,
        )
        self.comments.append(comment)
        return comment


def _plan_votes(
    *, rng: random.Random, now: datetime, users: list[PlannedUser], theories: list[PlannedTheory]
) -> list[PlannedVote]:
    voters = _participants(users)
    votes = []
    for theory in theories:
        reception = RECEPTIONS[theory.reception]
        low, high = reception["votes"]
        if theory.reception == "quiet":
            wanted = int(rng.triangular(low, high, 4))
        else:
            wanted = rng.randint(low, high)
        wanted = round(wanted * _freshness(theory=theory, now=now))
        eligible = [user for user in voters if user.username != theory.author and user.date_joined < now]
        # Weighted sampling without replacement (Efraimidis–Spirakis): keep the largest u^(1/w).
        keyed = sorted(eligible, key=lambda user: rng.random() ** (1.0 / user.activity), reverse=True)
        chosen = keyed[: min(wanted, len(keyed))]
        ups = round(len(chosen) * rng.uniform(*reception["up"]))
        values = [1] * ups + [-1] * (len(chosen) - ups)
        rng.shuffle(values)
        for user, value in zip(chosen, values, strict=True):
            start = max(theory.created_at, user.date_joined) + timedelta(minutes=1)
            if start >= now:
                continue
            created_at = _after(rng=rng, start=start, now=now, skew=2.5, minimum=timedelta(0))
            votes.append(PlannedVote(username=user.username, theory=theory.key, value=value, created_at=created_at))
    votes.sort(key=lambda vote: vote.created_at)
    return votes
