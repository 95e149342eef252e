"""`seed_demo` and the services it writes through: comment_create and votes_import."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from core.exceptions import ApplicationError, NotFound
from tests.factories import TheoryFactory, UserFactory
from theories.demo import catalog
from theories.demo.plan import DRAFTS, build_plan
from theories.demo.seed import seed_demo
from theories.models import Chapter, Comment, Series, Tag, Theory
from theories.services import comment_create
from voting.models import Vote
from voting.services import vote_cast, votes_import

REQUIRED_CHARACTERS = [
    "Nam On-jo",
    "Lee Cheong-san",
    "Choi Nam-ra",
    "Lee Su-hyeok",
    "Yoon Gwi-nam",
    "Lee Na-yeon",
    "Yang Dae-su",
    "Seo Hyo-ryung",
    "Jang Ha-ri",
    "Park Mi-jin",
    "Lee Byeong-chan",
    "Nam So-ju",
    "Song Jae-ik",
]
REQUIRED_TOPICS = [
    "Half-zombies",
    "Military intervention",
    "Jonas virus origin",
    "Quarantine and martial law",
    "Survivors' trauma",
    "Webtoon divergence",
    "Season 2 setting",
    "Relationships",
    "Cure and vaccine",
    "New outbreak",
]
HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Theories whose counters differ from their votes: (id, upvotes, downvotes, score, up in votes, down in votes).
COUNTER_MISMATCHES_SQL = """
    SELECT t.id, t.upvotes, t.downvotes, t.score, coalesce(v.up, 0), coalesce(v.down, 0)
    FROM theories_theory t
    LEFT JOIN (
        SELECT theory_id, count(*) FILTER (WHERE value = 1) AS up, count(*) FILTER (WHERE value = -1) AS down
        FROM voting_vote GROUP BY theory_id
    ) v ON v.theory_id = t.id
    WHERE t.upvotes <> coalesce(v.up, 0) OR t.downvotes <> coalesce(v.down, 0)
       OR t.score <> coalesce(v.up, 0) - coalesce(v.down, 0)
"""
COMMENT_COUNT_MISMATCHES_SQL = """
    SELECT t.id, t.comment_count, count(c.id)
    FROM theories_theory t LEFT JOIN theories_comment c ON c.theory_id = t.id
    GROUP BY t.id HAVING t.comment_count <> count(c.id)
"""


def fetch_all(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def row_counts() -> dict[str, int]:
    return {
        "series": Series.objects.count(),
        "chapters": Chapter.objects.count(),
        "tags": Tag.objects.count(),
        "users": User.objects.count(),
        "theories": Theory.objects.count(),
        "comments": Comment.objects.count(),
        "votes": Vote.objects.count(),
        "memberships": User.groups.through.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, loaded twice, once for the whole module; rolled back at the end."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        with transaction.atomic():
            now = timezone.now()
            first = seed_demo(now=now)
            after_first = row_counts()
            second = seed_demo(now=now + timedelta(minutes=5))
            after_second = row_counts()
            yield {
                "now": now,
                "first": first,
                "second": second,
                "after_first": after_first,
                "after_second": after_second,
            }
            transaction.set_rollback(True)


# seed_demo


@pytest.mark.django_db
def test_it_creates_the_series_with_the_webtoon_chapters(seeded):
    series = Series.objects.get(slug="all-of-us-are-dead")
    assert series.title == "All of Us Are Dead"
    assert "Now at Our School" in series.source_title and "지금 우리 학교는" in series.source_title
    assert "Joo Dong-geun" in series.description
    assert list(series.chapters.values_list("number", flat=True)) == list(range(1, 136))


@pytest.mark.django_db
def test_it_creates_every_required_tag_with_a_description_and_aliases(seeded):
    tags = {tag.name: tag for tag in Tag.objects.filter(series__slug="all-of-us-are-dead")}
    for name in REQUIRED_CHARACTERS:
        assert tags[name].kind == Tag.Kind.CHARACTER
        assert any(HANGUL.search(alias) for alias in tags[name].aliases), name
    for name in REQUIRED_TOPICS:
        assert tags[name].kind == Tag.Kind.TOPIC
    for tag in tags.values():
        assert tag.description and len(tag.aliases) >= 3, tag.name
    assert {"남온조", "Onjo", "On-jo"} <= set(tags["Nam On-jo"].aliases)
    assert {"최남라", "Namra", "Nam-ra"} <= set(tags["Choi Nam-ra"].aliases)
    assert "hambies" in tags["Half-zombies"].aliases
    assert "Jonas virus" in tags["Jonas virus origin"].aliases


@pytest.mark.django_db
def test_it_creates_at_least_150_varied_theories(seeded):
    theories = list(Theory.objects.filter(series__slug="all-of-us-are-dead").prefetch_related("tags", "chapters"))
    assert len(theories) >= 150
    assert len({theory.title for theory in theories}) == len(theories)
    assert all(5 <= len(theory.title) <= 200 for theory in theories)
    assert all(1 <= len(theory.tags.all()) <= 4 for theory in theories)
    assert all(len(theory.chapters.all()) <= 3 for theory in theories)
    citing = sum(1 for theory in theories if theory.chapters.all())
    assert 0.25 <= citing / len(theories) <= 0.45
    lengths = sorted(len(theory.body) for theory in theories)
    assert lengths[0] < 120 and lengths[-1] > 1000
    assert sum(1 for theory in theories if "<li>" in theory.body_html) >= 10
    assert any("<blockquote>" in theory.body_html for theory in theories)


@pytest.mark.django_db
def test_it_spreads_activity_over_the_last_30_days_with_some_from_the_last_day(seeded):
    now = seeded["now"]
    created = list(Theory.objects.values_list("created_at", flat=True))
    assert min(created) >= now - timedelta(days=30)
    assert max(created) <= now
    assert sum(1 for moment in created if moment > now - timedelta(hours=24)) >= 5
    assert sum(1 for moment in created if moment < now - timedelta(days=20)) >= 20
    assert not Comment.objects.filter(created_at__gt=now).exists()
    assert Vote.objects.filter(created_at__gt=now - timedelta(hours=6)).exists()


@pytest.mark.django_db
def test_it_creates_the_demo_logins_with_their_roles(seeded):
    for login in catalog.DEMO_LOGINS:
        user = User.objects.get(username=login["username"])
        assert user.check_password(login["password"])
        assert user.role == login["role"]


@pytest.mark.django_db
def test_it_creates_about_40_fans_who_joined_over_the_last_60_days(seeded):
    now = seeded["now"]
    demo_names = {login["username"] for login in catalog.DEMO_LOGINS}
    fans = User.objects.exclude(username__in=demo_names)
    assert 35 <= fans.count() <= 50
    joined = sorted(fans.values_list("date_joined", flat=True))
    assert joined[0] >= now - timedelta(days=60)
    assert joined[0] < now - timedelta(days=45) and joined[-1] > now - timedelta(days=1)
    assert not any(user.has_usable_password() for user in fans)


@pytest.mark.django_db
def test_counters_equal_the_votes_table_for_every_theory(seeded, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert fetch_all(COUNTER_MISMATCHES_SQL) == []


@pytest.mark.django_db
def test_comment_count_equals_the_comments_of_every_theory(seeded, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert fetch_all(COMMENT_COUNT_MISMATCHES_SQL) == []


@pytest.mark.django_db
def test_no_author_votes_on_their_own_theory(seeded):
    assert Vote.objects.count() > 1000
    assert not fetch_all(
        "SELECT v.id FROM voting_vote v JOIN theories_theory t ON t.id = v.theory_id WHERE t.author_id = v.user_id"
    )


@pytest.mark.django_db
def test_votes_are_varied_and_flag_new_accounts(seeded):
    totals = [theory.upvotes + theory.downvotes for theory in Theory.objects.all()]
    assert sum(1 for total in totals if total >= 30) >= 5
    assert sum(1 for total in totals if total <= 10) >= len(totals) / 3
    balanced = Theory.objects.filter(upvotes__gte=6, downvotes__gte=6)
    assert any(abs(theory.upvotes - theory.downvotes) <= 3 for theory in balanced)
    assert Theory.objects.filter(score__lt=0).exists()
    assert Vote.objects.filter(voter_account_new=True).exists()
    assert not fetch_all(
        "SELECT v.id FROM voting_vote v JOIN accounts_user u ON u.id = v.user_id "
        "WHERE v.voter_account_new <> (v.created_at - u.date_joined < interval '24 hours')"
    )


@pytest.mark.django_db
def test_comments_form_threads_up_to_three_levels_deep(seeded):
    assert 400 <= Comment.objects.count() <= 700
    assert Theory.objects.filter(comment_count__gt=0).count() >= Theory.objects.count() / 2
    assert Comment.objects.filter(parent__isnull=True).exists()
    assert Comment.objects.filter(parent__parent__parent__isnull=True, parent__parent__isnull=False).exists()
    assert not Comment.objects.filter(parent__parent__parent__isnull=False).exists()
    assert not fetch_all(
        "SELECT c.id FROM theories_comment c JOIN theories_comment p ON p.id = c.parent_id "
        "WHERE p.theory_id <> c.theory_id OR c.created_at < p.created_at OR c.author_id = p.author_id"
    )


@pytest.mark.django_db
def test_a_second_run_adds_nothing(seeded):
    assert seeded["first"].content_created
    assert not seeded["second"].content_created
    assert seeded["after_second"] == seeded["after_first"]


@pytest.mark.django_db
def test_the_command_prints_the_demo_logins(seeded, django_assert_max_num_queries):
    out = StringIO()
    with django_assert_max_num_queries(250):
        call_command("seed_demo", "--no-trends", stdout=out)
    assert "already loaded" in out.getvalue()
    for login in catalog.DEMO_LOGINS:
        assert re.search(rf"{login['username']}\s+{login['password']}", out.getvalue())
    assert row_counts() == seeded["after_first"]


@pytest.mark.django_db
def test_the_command_computes_the_current_trends_snapshots(seeded):
    from trends.models import WINDOW_LENGTHS, Snapshot

    call_command("seed_demo", stdout=StringIO())
    snapshots = Snapshot.objects.filter(series=seeded["first"].series)
    assert sorted(snapshots.values_list("window", flat=True)) == sorted(WINDOW_LENGTHS)
    assert all(snapshot.themes.exists() for snapshot in snapshots)


def test_the_plan_is_the_same_on_every_run():
    now = timezone.now()
    assert build_plan(now=now) == build_plan(now=now)


def test_the_drafts_use_only_known_tags_and_chapters():
    for draft in DRAFTS:
        assert set(draft["tags"]) <= catalog.TAG_SLUGS, draft["title"]
        assert all(1 <= number <= catalog.CHAPTER_COUNT for number in draft.get("chapters", ())), draft["title"]


# comment_create


@pytest.fixture
def theory(series, tags, fan):
    return TheoryFactory(series=series, tags=tags[:1], author=fan)


@pytest.mark.django_db
def test_comment_create_renders_markdown_and_counts_comments_exactly(theory, other_fan, fan):
    top = comment_create(author=other_fan, theory=theory, body="She *will* come back.")
    reply = comment_create(author=fan, theory=theory, body="Agreed.", parent=top)
    comment_create(author=other_fan, theory=theory, body="Two levels down.", parent=reply)
    theory.refresh_from_db()
    assert theory.comment_count == 3 == Comment.objects.filter(theory=theory).count()
    assert "<em>will</em>" in top.body_html
    assert reply.parent == top


@pytest.mark.django_db
def test_comment_create_rejects_a_parent_from_another_theory(theory, series, tags, other_fan):
    elsewhere = TheoryFactory(series=series, tags=tags[:1])
    foreign = comment_create(author=other_fan, theory=elsewhere, body="On the other theory.")
    with pytest.raises(ApplicationError) as error:
        comment_create(author=other_fan, theory=theory, body="A reply.", parent=foreign)
    assert error.value.status == 400
    assert "parent" in error.value.fields
    theory.refresh_from_db()
    assert theory.comment_count == 0 == Comment.objects.filter(theory=theory).count()


@pytest.mark.django_db
def test_comment_create_refuses_a_deleted_theory(theory, other_fan):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True, deleted_at=timezone.now())
    with pytest.raises(NotFound):
        comment_create(author=other_fan, theory=theory, body="Too late.")
    assert not Comment.objects.filter(theory=theory).exists()


@pytest.mark.django_db
def test_comment_create_rejects_a_blank_body(theory, other_fan):
    with pytest.raises(ApplicationError) as error:
        comment_create(author=other_fan, theory=theory, body="   ")
    assert error.value.status == 400 and "body" in error.value.fields


# votes_import


@pytest.mark.django_db
def test_votes_import_recounts_every_affected_theory_from_the_votes_table(series, tags, fan, other_fan):
    first = TheoryFactory(series=series, tags=tags[:1], author=fan)
    second = TheoryFactory(series=series, tags=tags[:1], author=fan)
    vote_cast(user=other_fan, theory_id=first.pk, value=1)
    voters = [UserFactory() for _ in range(5)]
    earlier = timezone.now() - timedelta(days=2)
    rows = [(voter.pk, first.pk, -1 if index < 3 else 1, earlier) for index, voter in enumerate(voters)]
    rows += [(voter.pk, second.pk, 1, earlier) for voter in voters[:2]]
    rows.append((other_fan.pk, first.pk, -1, earlier))  # already voted: ignored
    rows.append((fan.pk, second.pk, 1, earlier))  # own theory: ignored

    assert votes_import(rows=rows) == 7

    assert fetch_all(COUNTER_MISMATCHES_SQL) == []
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.upvotes, first.downvotes, first.score) == (3, 3, 0)
    assert (second.upvotes, second.downvotes, second.score) == (2, 0, 2)
    assert first.controversy > 0 and second.confidence > 0
    assert Vote.objects.get(user=other_fan, theory=first).value == 1
    assert not Vote.objects.filter(user=fan).exists()
    assert Vote.objects.filter(theory=second, created_at=earlier).count() == 2


@pytest.mark.django_db
def test_votes_import_marks_votes_from_accounts_under_a_day_old(series, tags, fan):
    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)
    newcomer = UserFactory(date_joined=timezone.now() - timedelta(hours=3))
    veteran = UserFactory(date_joined=timezone.now() - timedelta(days=3))
    votes_import(rows=[(newcomer.pk, theory.pk, 1, timezone.now()), (veteran.pk, theory.pk, 1, timezone.now())])
    assert Vote.objects.get(user=newcomer).voter_account_new
    assert not Vote.objects.get(user=veteran).voter_account_new


@pytest.mark.django_db
def test_votes_import_rejects_a_value_other_than_plus_or_minus_one(series, tags, fan, other_fan):
    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)
    with pytest.raises(ApplicationError) as error:
        votes_import(rows=[(other_fan.pk, theory.pk, 2, timezone.now())])
    assert "value" in error.value.fields
    assert not Vote.objects.filter(theory=theory).exists()
