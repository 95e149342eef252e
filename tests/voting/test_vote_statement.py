"""vote_cast and vote_remove as one SQL statement each, after the account checks."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from accounts.models import User
from core.exceptions import PermissionDenied
from tests.factories import TheoryFactory
from voting.models import Vote
from voting.services import VoterRefused, token_vote_write, vote_cast, vote_remove

pytestmark = pytest.mark.django_db


@pytest.fixture
def theory(series, tags, fan):
    return TheoryFactory(series=series, tags=tags[:1], author=fan)


def test_it_casts_in_one_statement_with_the_account_checks(other_fan, theory, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    assert (result.upvotes, result.downvotes, result.score, result.my_vote) == (1, 0, 1, 1)


def test_it_refuses_a_suspended_account_with_the_reason(suspended_fan, theory):
    with pytest.raises(PermissionDenied) as refusal:
        vote_cast(user=suspended_fan, theory_id=theory.pk, value=1)
    assert refusal.value.code == "suspended"
    assert not Vote.objects.exists()


def test_it_refuses_an_account_deactivated_since_it_was_loaded(other_fan, theory):
    User.objects.filter(pk=other_fan.pk).update(is_active=False)
    with pytest.raises(PermissionDenied) as refusal:
        vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    assert refusal.value.code == "account_inactive"
    assert not Vote.objects.exists()


def test_it_refuses_an_inactive_account_object_before_the_statement(other_fan, theory, django_assert_num_queries):
    other_fan.is_active = False
    with pytest.raises(PermissionDenied) as refusal, django_assert_num_queries(0):
        vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    assert refusal.value.code == "account_inactive"


def test_it_refuses_a_removal_by_a_suspended_account(suspended_fan, theory):
    Vote.objects.create(user=suspended_fan, theory=theory, value=1)
    with pytest.raises(PermissionDenied) as refusal:
        vote_remove(user=suspended_fan, theory_id=theory.pk)
    assert refusal.value.code == "suspended"
    assert Vote.objects.filter(theory=theory).count() == 1


def test_it_casts_a_token_vote_for_the_tokens_account(other_fan, theory):
    key = Token.objects.create(user=other_fan).key
    result = token_vote_write(token=key, user_id=other_fan.pk, theory_id=theory.pk, value=-1)
    assert (result.upvotes, result.downvotes, result.score, result.my_vote) == (0, 1, -1, -1)
    assert Vote.objects.get(theory=theory, user=other_fan).value == -1


def test_it_refuses_a_token_vote_with_another_accounts_token(other_fan, theory, fan):
    key = Token.objects.create(user=fan).key
    with pytest.raises(VoterRefused):
        token_vote_write(token=key, user_id=other_fan.pk, theory_id=theory.pk, value=1)
    assert not Vote.objects.exists()


def test_it_refuses_a_token_vote_from_a_suspended_account(suspended_fan, theory):
    key = Token.objects.create(user=suspended_fan).key
    with pytest.raises(VoterRefused):
        token_vote_write(token=key, user_id=suspended_fan.pk, theory_id=theory.pk, value=1)
    assert not Vote.objects.exists()


def test_it_refuses_a_token_vote_before_looking_at_the_theory(other_fan, theory):
    with pytest.raises(VoterRefused):
        token_vote_write(token="revoked", user_id=other_fan.pk, theory_id=theory.pk + 1000, value=1)


def test_it_moves_the_ranking_columns_with_the_counters(other_fan, theory):
    from theories import ranking

    vote_cast(user=other_fan, theory_id=theory.pk, value=-1)
    theory.refresh_from_db()
    assert theory.hot == pytest.approx(ranking.hot(score=-1, created=theory.created_at), abs=1e-6)
    assert theory.confidence == pytest.approx(ranking.wilson_lower_bound(upvotes=0, downvotes=1), abs=1e-9)


def test_it_removes_nothing_when_there_is_no_vote(other_fan, theory):
    result = vote_remove(user=other_fan, theory_id=theory.pk)
    assert (result.upvotes, result.downvotes, result.score, result.my_vote) == (0, 0, 0, 0)


def test_it_refuses_a_removal_on_own_theory(fan, theory, other_fan):
    vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    with pytest.raises(PermissionDenied):
        vote_remove(user=fan, theory_id=theory.pk)
    assert Vote.objects.filter(theory=theory).count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_waits_for_the_disk_after_each_vote_that_changed_something(series, tags, fan, other_fan, monkeypatch):
    from voting import services

    flushes = []
    wait = services._wait_until_durable
    monkeypatch.setattr(services, "_wait_until_durable", lambda: flushes.append(wait()))
    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)
    vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    assert len(flushes) == 1
    assert Vote.objects.get(theory=theory).value == 1


@pytest.mark.django_db(transaction=True)
def test_it_leaves_synchronous_commit_as_it_was_after_the_vote(series, tags, fan, other_fan):
    from django.db import connection

    theory = TheoryFactory(series=series, tags=tags[:1], author=fan)
    vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


def test_it_commits_as_the_callers_transaction_does_inside_one(other_fan, theory, django_assert_num_queries):
    with django_assert_num_queries(1):
        vote_cast(user=other_fan, theory_id=theory.pk, value=1)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
