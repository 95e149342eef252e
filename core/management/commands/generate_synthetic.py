"""Fill PostgreSQL with a large synthetic community for benchmarks: users, theories, votes, comments.

    python manage.py generate_synthetic --theories 100000 --votes 2000000 --comments 300000 --days 90

This command deliberately bypasses the services. Creating 100,000 theories through
`theory_create` (Markdown rendering, per-row counter UPDATEs, live events) would take
hours; a benchmark needs the data in minutes. So it writes the tables directly with
PostgreSQL COPY (psycopg 3 `cursor.copy`) in one transaction, and then restores every
invariant the services keep, in SQL:

- votes are unique per user and theory, never by the theory's author, and cast after the
  theory was posted;
- a theory's `upvotes`, `downvotes`, `score` and `comment_count` equal its rows, and its
  `hot`, `confidence` and `controversy` columns come from the same SQL the vote service uses
  (`theories.ranking.counters_sql`), all set by one UPDATE ... FROM an aggregate over the
  loaded votes and comments;
- bodies are rendered by the same Markdown renderer as the service (a pool of bodies,
  rendered once and reused), and search documents are written by the search module's own
  bulk update (`theories.search.theory_search_update_many`), the theories' trends phrases
  (TheoryPhrases) by the trends module's (`trends.phrases.theory_phrases_update_many`, set-based SQL).

The theories use the series' existing tags and chapters. When the series does not exist,
a minimal one is created (the demo catalog's series, tags and chapters when the slug is
the demo series, otherwise a few generic ones). Live events are not sent and no revision,
audit or notification rows are written: this is bench data, not history.

Like any bulk load, it drops the secondary indexes, unique and foreign-key constraints of the
tables it fills and builds them again at the end, from their own definitions in the catalog
(pg_get_indexdef, pg_get_constraintdef): one sorted build is much faster than millions of
index insertions, and re-adding a constraint validates every row at once. All of it happens
in one transaction, so a failure leaves the database as it was. The tables are locked
(ACCESS EXCLUSIVE) meanwhile: run it on a database nobody is using, such as the bench's.
"""

from __future__ import annotations

import json
import random
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction

from accounts.models import User
from theories import ranking
from theories.markdown import render_markdown
from theories.models import Chapter, Comment, Series, Tag, Theory
from theories.search import theory_search_update_many
from trends.phrases import theory_phrases_update_many
from voting.models import Vote

# Rows per COPY write; large enough that the Python side is not the bottleneck.
CHUNK_ROWS = 20000
# Votes per theory follow a Pareto distribution: a few theories draw most of the votes.
VOTE_SKEW_ALPHA = 1.4
REPLY_SHARE = 0.4
# The large tables the load fills; their secondary indexes and constraints are rebuilt after it. The tag
# and chapter links keep theirs: the search documents are computed per theory through the tag index.
BULK_TABLES = ("theories_theory", "voting_vote", "theories_comment")
CHAPTER_REF_SHARE = 0.4

_GENERIC_TAGS = [
    ("character", "protagonist", "The protagonist"),
    ("character", "rival", "The rival"),
    ("character", "mentor", "The mentor"),
    ("topic", "origin", "Origin"),
    ("topic", "betrayal", "Betrayal"),
    ("topic", "ending", "The ending"),
]
_GENERIC_CHAPTERS = 50

_TITLE_PATTERNS = [
    "{a} knew about {b} from the start",
    "What {a} really saw: a theory about {b}",
    "{a} and {b} are connected, and here is the proof",
    "Why {b} changes everything for {a}",
    "The clue about {b} everyone missed",
    "{a} will not survive season two",
    "{b} was planned, not an accident",
    "Rewatch notes: {a} and {b}",
]
_SENTENCES = [
    "Look at the scene where {a} hesitates before the door.",
    "The webtoon frames {b} differently, and the show kept that framing on purpose.",
    "Nobody in the group mentions {b} again after that night, which is suspicious.",
    "If you pause at the right moment, **{a}** is already looking the other way.",
    "The timeline only works if {b} started days earlier than we are told.",
    "This would explain why {a} never asks for help.",
    "The director said the ending was written first, so *every* detail points there.",
    "Compare the lighting in the lab with the last episode; it is the same set.",
    "I think the show is setting up {b} as the main conflict of the next season.",
    "Counterpoint: {a} might simply not know, and that is the tragedy.",
]
_COMMENT_BODIES = [
    "This is the best take on {a} I have read.",
    "I am not convinced: the timeline does not fit {b}.",
    "Good catch! I missed that on my first watch.",
    "Source? The webtoon says otherwise about {b}.",
    "Agree with most of it, but {a} would never do that.",
    "Rewatched the scene after reading this. You are right.",
    "Hard disagree. {b} is a red herring.",
    "This aged well.",
]


def _copy_text(value: str) -> str:
    """Escape a value for COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


NULL = "\\N"


def _copy_value(value: Any) -> str:
    """A Python default as COPY text."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _copy_text(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        items = ",".join('"' + str(item).replace("\\", "\\\\").replace('"', '\\"') + '"' for item in value)
        return _copy_text("{" + items + "}")
    if isinstance(value, dict):
        return _copy_text(json.dumps(value))
    raise CommandError(f"no COPY text for a default of type {type(value).__name__}")


def _other_columns(model, given: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The model's columns that a load does not give, except an auto-generated primary key."""
    auto = (models.AutoField, models.BigAutoField, models.SmallAutoField)
    return [
        field.column
        for field in model._meta.concrete_fields
        if field.column not in given and not (field.primary_key and isinstance(field, auto))
    ]


def _default_tail(model, given: list[str]) -> str:  # type: ignore[no-untyped-def]
    fields = {field.column: field for field in model._meta.concrete_fields}
    values = [_copy_value(fields[column].get_default()) for column in _other_columns(model, given)]
    return ("\t" + "\t".join(values) if values else "") + "\n"


def _timestamp(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).isoformat()


class Command(BaseCommand):
    help = "Bulk-load synthetic users, theories, votes and comments with COPY (benchmarks only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--theories", type=int, default=1000, help="theories to add")
        parser.add_argument("--votes", type=int, default=None, help="votes to add (default: 20 per theory)")
        parser.add_argument("--comments", type=int, default=None, help="comments to add (default: 3 per theory)")
        parser.add_argument("--days", type=int, default=30, help="spread the theories over this many past days")
        parser.add_argument("--series", default=None, help="series slug (default: the DEFAULT_SERIES setting)")
        parser.add_argument(
            "--users", type=int, default=None, help="fans to add as authors and voters (default: theories / 20)"
        )
        parser.add_argument("--seed", type=int, default=None, help="random seed, for a repeatable data set")

    def handle(self, *args: Any, **options: Any) -> None:
        theories = options["theories"]
        votes = options["votes"] if options["votes"] is not None else theories * 20
        comments = options["comments"] if options["comments"] is not None else theories * 3
        days = options["days"]
        users = options["users"] or max(200, theories // 20)
        if theories < 1 or votes < 0 or comments < 0 or days < 1 or users < 2:
            raise CommandError("--theories, --days and --users must be positive; --votes and --comments not negative")
        if votes > theories * (users - 1):
            raise CommandError(f"{votes} votes do not fit: at most {theories * (users - 1)} with {users} users")
        slug = options["series"] or settings.THEORYCRAFT["DEFAULT_SERIES"]
        rng = random.Random(options["seed"])
        started = time.monotonic()

        with transaction.atomic():
            series = self._ensure_series(slug)
            tag_ids = list(Tag.objects.filter(series=series).order_by("id").values_list("id", flat=True))
            tag_names = dict(Tag.objects.filter(series=series).values_list("id", "name"))
            chapter_ids = list(Chapter.objects.filter(series=series).order_by("number").values_list("id", flat=True))
            if not tag_ids:
                raise CommandError(f"series {slug!r} has no tags")
            loader = _Loader(
                rng=rng,
                series_id=series.pk,
                tag_ids=tag_ids,
                tag_names=tag_names,
                chapter_ids=chapter_ids,
                days=days,
                log=self._log,
            )
            loader.run(users=users, theories=theories, votes=votes, comments=comments)

        with connection.cursor() as cursor:
            step = time.monotonic()
            for table in (
                "accounts_user",
                "theories_theory",
                "theories_theory_tags",
                "voting_vote",
                "theories_comment",
            ):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
            self._log(f"vacuum analyze in {time.monotonic() - step:.1f} s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {users} users, {theories} theories, {votes} votes, {comments} comments to {slug} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _log(self, message: str) -> None:
        self.stdout.write(f"  {message}")

    def _ensure_series(self, slug: str) -> Series:
        series = Series.objects.filter(slug=slug).first()
        if series is not None:
            return series
        catalog = _demo_catalog(slug)
        if catalog is not None:
            series = Series.objects.create(**catalog.SERIES)
            Tag.objects.bulk_create(
                Tag(series=series, kind=t["kind"], slug=t["slug"], name=t["name"], description=t.get("description", ""))
                for t in catalog.TAGS
            )
            chapter_count = catalog.CHAPTER_COUNT
        else:
            series = Series.objects.create(slug=slug, title=slug.replace("-", " ").title())
            Tag.objects.bulk_create(
                Tag(series=series, kind=kind, slug=tag_slug, name=name) for kind, tag_slug, name in _GENERIC_TAGS
            )
            chapter_count = _GENERIC_CHAPTERS
        Chapter.objects.bulk_create(Chapter(series=series, number=n) for n in range(1, chapter_count + 1))
        self._log(f"created series {slug} with its tags and {chapter_count} chapters")
        return series


def _drop_indexes_and_constraints(cursor, tables: tuple[str, ...]) -> list[str]:  # type: ignore[no-untyped-def]
    """Drop the tables' secondary indexes, unique and foreign-key constraints; return the SQL that restores them.

    Primary keys and check constraints stay. The restoring statements come from the catalog, so
    they match whatever the migrations created, names included.
    """
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%(tables)s::regclass[]) AND c.contype IN ('u', 'f')
        ORDER BY c.contype DESC, c.conname
        """,
        {"tables": list(tables)},
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%(tables)s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
        ORDER BY 1
        """,
        {"tables": list(tables)},
    )
    indexes = cursor.fetchall()
    # Foreign keys first (contype 'f' sorts before 'u' in DESC order), so nothing depends on what is dropped next.
    for table, name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    restore = [definition for _name, definition in indexes]
    # Unique constraints before foreign keys.
    restore += [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, kind, definition in sorted(constraints, key=lambda row: row[2] == "f")
    ]
    return restore


def _demo_catalog(slug: str):  # type: ignore[no-untyped-def]
    try:
        from theories.demo import catalog
    except ImportError:
        return None
    return catalog if catalog.SERIES.get("slug") == slug else None


class _Loader:
    """Generates rows in memory, theory by theory, and streams them into COPY."""

    def __init__(
        self,
        *,
        rng: random.Random,
        series_id: int,
        tag_ids: list[int],
        tag_names: dict[int, str],
        chapter_ids: list[int],
        days: int,
        log,  # type: ignore[no-untyped-def]
    ) -> None:
        self.rng = rng
        self.series_id = series_id
        self.tag_ids = tag_ids
        self.tag_names = tag_names
        self.chapter_ids = chapter_ids
        self.days = days
        self.log = log
        self.now = time.time()
        # Tag popularity is Zipf-like: the first tags of the series are used most.
        self.tag_weights = [1 / (rank + 1) for rank in range(len(tag_ids))]

    def run(self, *, users: int, theories: int, votes: int, comments: int) -> None:
        with connection.cursor() as cursor:
            # Checks deferred by earlier writes in this transaction (a new series) must run before ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                f"LOCK TABLE accounts_user, theories_theory_tags, theories_theory_chapters, {', '.join(BULK_TABLES)} "
                "IN ACCESS EXCLUSIVE MODE"
            )
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            step = time.monotonic()
            rebuild = _drop_indexes_and_constraints(cursor, BULK_TABLES)
            self.log(f"dropped {len(rebuild)} indexes and constraints for the load in {time.monotonic() - step:.1f} s")
            first_user = self._next_id(cursor, "accounts_user")
            first_theory = self._next_id(cursor, "theories_theory")
            first_comment = self._next_id(cursor, "theories_comment")
            raw = cursor.cursor  # the psycopg cursor, for COPY

            step = time.monotonic()
            user_ids = list(range(first_user, first_user + users))
            self._copy_users(raw, user_ids)
            self.log(f"{users} users in {time.monotonic() - step:.1f} s")

            step = time.monotonic()
            plan = self._copy_theories(raw, first_theory, theories, user_ids)
            self.log(f"{theories} theories with tags and chapters in {time.monotonic() - step:.1f} s")

            step = time.monotonic()
            self._copy_votes(raw, plan, votes, user_ids)
            self.log(f"{votes} votes in {time.monotonic() - step:.1f} s")

            step = time.monotonic()
            self._copy_comments(raw, plan, first_comment, comments, user_ids)
            self.log(f"{comments} comments in {time.monotonic() - step:.1f} s")

            for table in ("accounts_user", "theories_theory", "theories_comment"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")

            step = time.monotonic()
            self._update_counters(cursor, first_theory, first_theory + theories - 1)
            self.log(f"counters and ranking columns in {time.monotonic() - step:.1f} s")

            step = time.monotonic()
            theory_search_update_many(theory_ids=range(first_theory, first_theory + theories))
            self.log(f"search documents in {time.monotonic() - step:.1f} s")

            step = time.monotonic()
            theory_phrases_update_many(theory_ids=range(first_theory, first_theory + theories))
            self.log(f"trends phrases in {time.monotonic() - step:.1f} s")

            step = time.monotonic()
            for statement in rebuild:
                cursor.execute(statement)
            self.log(f"indexes built and constraints validated in {time.monotonic() - step:.1f} s")

    @staticmethod
    def _next_id(cursor, table: str) -> int:  # type: ignore[no-untyped-def]
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
        return int(cursor.fetchone()[0])

    def _write(self, raw, model, columns: list[str], lines):  # type: ignore[no-untyped-def]
        """COPY lines into the model's table: each line holds `columns` (tab-separated, no newline).

        Every other column of the model gets its field default, so a field added later with a
        default needs no change here; one without a default makes COPY fail loudly.
        """
        tail = _default_tail(model, columns)
        table = model._meta.db_table
        names = ", ".join(columns + [c for c in _other_columns(model, columns)])
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            chunk: list[str] = []
            for line in lines:
                chunk.append(line + tail)
                if len(chunk) >= CHUNK_ROWS:
                    copy.write("".join(chunk))
                    chunk.clear()
            if chunk:
                copy.write("".join(chunk))

    def _copy_users(self, raw, user_ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        joined = _timestamp(self.now - (self.days + 30) * 86400)

        def lines():  # type: ignore[no-untyped-def]
            for user_id in user_ids:
                # "!" marks an unusable password (Django's convention): these accounts cannot sign in.
                password = "!" + secrets.token_hex(20)
                yield f"{user_id}\t{password}\tsynthetic{user_id}\tsynthetic{user_id}@synthetic.invalid\t{joined}\tt"

        self._write(raw, User, ["id", "password", "username", "email", "date_joined", "is_active"], lines())

    def _body_pool(self, size: int) -> list[tuple[str, str]]:
        pool = []
        names = list(self.tag_names.values())
        for _ in range(size):
            paragraphs = []
            for _ in range(self.rng.randint(2, 5)):
                sentences = self.rng.sample(_SENTENCES, self.rng.randint(2, 4))
                paragraphs.append(
                    " ".join(s.format(a=self.rng.choice(names), b=self.rng.choice(names)) for s in sentences)
                )
            if self.rng.random() < 0.3:
                paragraphs.append("- " + "\n- ".join(self.rng.sample(names, min(3, len(names)))))
            body = "\n\n".join(paragraphs)
            pool.append((_copy_text(body), _copy_text(render_markdown(body))))
        return pool

    def _copy_theories(self, raw, first_id: int, count: int, user_ids: list[int]) -> list[tuple[int, float, int]]:  # type: ignore[no-untyped-def]
        """Write theories, their tags and chapter references; return (id, created epoch, author) per theory."""
        rng = self.rng
        bodies = self._body_pool(200)
        span = self.days * 86400
        plan: list[tuple[int, float, int]] = []
        tag_rows: list[str] = []
        chapter_rows: list[str] = []

        def lines():  # type: ignore[no-untyped-def]
            for theory_id in range(first_id, first_id + count):
                # Somewhat more theories are recent than old, as on a live site.
                created = self.now - 60 - span * rng.random() ** 1.3
                author = rng.choice(user_ids)
                plan.append((theory_id, created, author))
                tags = set(rng.choices(self.tag_ids, weights=self.tag_weights, k=rng.randint(1, 4)))
                for tag_id in tags:
                    tag_rows.append(f"{theory_id}\t{tag_id}")
                if self.chapter_ids and rng.random() < CHAPTER_REF_SHARE:
                    for chapter_id in set(rng.choices(self.chapter_ids, k=rng.randint(1, 2))):
                        chapter_rows.append(f"{theory_id}\t{chapter_id}")
                names = [self.tag_names[t] for t in tags]
                title = rng.choice(_TITLE_PATTERNS).format(a=names[0], b=names[-1])
                body, body_html = rng.choice(bodies)
                stamp = _timestamp(created)
                yield (
                    f"{theory_id}\t{stamp}\t{stamp}\t{_copy_text(title)}\t{body}\t{body_html}\t"
                    f"{author}\t{self.series_id}"
                )

        self._write(
            raw,
            Theory,
            ["id", "created_at", "updated_at", "title", "body", "body_html", "author_id", "series_id"],
            lines(),
        )
        self._write(raw, Theory.tags.through, ["theory_id", "tag_id"], iter(tag_rows))
        if chapter_rows:
            self._write(raw, Theory.chapters.through, ["theory_id", "chapter_id"], iter(chapter_rows))
        return plan

    def _spread(self, total: int, weights: list[float], cap: int | None) -> list[int]:
        """Split `total` into integer counts proportional to weights, none above `cap`."""
        weight_sum = sum(weights)
        counts = [int(total * w / weight_sum) for w in weights]
        if cap is not None:
            counts = [min(c, cap) for c in counts]
        missing = total - sum(counts)
        indexes = list(range(len(counts)))
        while missing > 0:
            self.rng.shuffle(indexes)
            for i in indexes:
                if missing == 0:
                    break
                if cap is None or counts[i] < cap:
                    counts[i] += 1
                    missing -= 1
        return counts

    def _copy_votes(self, raw, plan, total: int, user_ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        self.weights = [rng.paretovariate(VOTE_SKEW_ALPHA) for _ in plan]
        counts = self._spread(total, self.weights, cap=len(user_ids) - 1)
        now = self.now

        def lines():  # type: ignore[no-untyped-def]
            for (theory_id, created, author), count in zip(plan, counts, strict=True):
                if not count:
                    continue
                # Each theory has its own share of upvotes; some split the audience evenly.
                upvote_share = rng.betavariate(3, 1.5)
                voters = rng.sample(user_ids, count + 1)
                if author in voters:
                    voters.remove(author)
                else:
                    voters.pop()
                age = now - created - 1
                for voter in voters:
                    # Most votes come soon after posting.
                    stamp = _timestamp(created + 1 + age * rng.random() ** 2)
                    value = 1 if rng.random() < upvote_share else -1
                    yield f"{stamp}\t{stamp}\t{value}\t{theory_id}\t{voter}"

        self._write(raw, Vote, ["created_at", "updated_at", "value", "theory_id", "user_id"], lines())

    def _copy_comments(self, raw, plan, first_id: int, total: int, user_ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        if total == 0:
            return
        rng = self.rng
        # Comments follow votes loosely: busy theories are argued about more.
        weights = [w**0.8 * rng.uniform(0.5, 1.5) for w in self.weights]
        counts = self._spread(total, weights, cap=None)
        names = list(self.tag_names.values())
        bodies = []
        for _ in range(64):
            text = rng.choice(_COMMENT_BODIES).format(a=rng.choice(names), b=rng.choice(names))
            bodies.append((_copy_text(text), _copy_text(render_markdown(text))))
        now = self.now

        def lines():  # type: ignore[no-untyped-def]
            next_id = first_id
            for (theory_id, created, _author), count in zip(plan, counts, strict=True):
                if not count:
                    continue
                age = now - created - 1
                times = sorted(created + 1 + age * rng.random() ** 2 for _ in range(count))
                ids = list(range(next_id, next_id + count))
                next_id += count
                for position, (comment_id, moment) in enumerate(zip(ids, times, strict=True)):
                    # A reply always answers an earlier comment of the same theory.
                    parent = ids[rng.randrange(position)] if position and rng.random() < REPLY_SHARE else None
                    body, body_html = rng.choice(bodies)
                    stamp = _timestamp(moment)
                    yield (
                        f"{comment_id}\t{stamp}\t{stamp}\t{body}\t{body_html}\t{rng.choice(user_ids)}\t"
                        f"{parent if parent else NULL}\t{theory_id}"
                    )

        self._write(
            raw,
            Comment,
            ["id", "created_at", "updated_at", "body", "body_html", "author_id", "parent_id", "theory_id"],
            lines(),
        )

    def _update_counters(self, cursor, first_id: int, last_id: int) -> None:  # type: ignore[no-untyped-def]
        ranks = ranking.counters_sql(upvotes="a.up", downvotes="a.down", created="t.created_at")
        cursor.execute(
            f"""
            UPDATE theories_theory AS t
            SET upvotes = a.up, downvotes = a.down, score = a.up - a.down, comment_count = a.comments,
                hot = {ranks["hot"]}, confidence = {ranks["confidence"]}, controversy = {ranks["controversy"]}
            FROM (
                SELECT t2.id, coalesce(v.up, 0) AS up, coalesce(v.down, 0) AS down, coalesce(c.n, 0) AS comments
                FROM theories_theory t2
                LEFT JOIN (
                    SELECT theory_id, (count(*) FILTER (WHERE value = 1))::int AS up,
                           (count(*) FILTER (WHERE value = -1))::int AS down
                    FROM voting_vote WHERE theory_id BETWEEN %(first)s AND %(last)s GROUP BY theory_id
                ) v ON v.theory_id = t2.id
                LEFT JOIN (
                    SELECT theory_id, count(*)::int AS n
                    FROM theories_comment WHERE theory_id BETWEEN %(first)s AND %(last)s AND NOT is_deleted
                    GROUP BY theory_id
                ) c ON c.theory_id = t2.id
                WHERE t2.id BETWEEN %(first)s AND %(last)s
            ) AS a
            WHERE t.id = a.id
            """,
            {"first": first_id, "last": last_id},
        )
