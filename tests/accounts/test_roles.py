"""Roles are the groups `moderators` and `writers`; everyone else is a fan."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_it_creates_the_role_groups_in_a_migration():
    assert set(Group.objects.filter(name__in=["moderators", "writers"]).values_list("name", flat=True)) == {
        "moderators",
        "writers",
    }


@pytest.mark.django_db
def test_it_makes_a_new_account_a_fan(fan):
    assert fan.role == "fan"
    assert not fan.is_moderator and not fan.is_writer


@pytest.mark.django_db
def test_it_makes_a_member_of_moderators_a_moderator(moderator):
    assert moderator.role == "moderator"
    assert moderator.is_moderator and not moderator.is_writer


@pytest.mark.django_db
def test_it_makes_a_member_of_writers_a_writer(writer):
    assert writer.role == "writer"
    assert writer.is_writer and not writer.is_moderator


@pytest.mark.django_db
def test_it_ranks_moderator_above_writer_for_members_of_both():
    user = UserFactory(groups=["writers", "moderators"])

    assert user.role == "moderator"


@pytest.mark.django_db
def test_it_reads_roles_from_prefetched_groups_without_queries(django_assert_num_queries, moderator, writer, fan):
    users = list(User.objects.filter(pk__in=[moderator.pk, writer.pk, fan.pk]).prefetch_related("groups"))

    with django_assert_num_queries(0):
        assert sorted(user.role for user in users) == ["fan", "moderator", "writer"]


@pytest.mark.django_db(transaction=True)
def test_it_restores_the_role_groups_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)

    assert Group.objects.filter(name__in=["moderators", "writers"]).count() == 2
