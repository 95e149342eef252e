from datetime import timedelta

import pytest
from django.utils import timezone

from frontend.pagination import keyset_page
from tests.factories import TheoryFactory
from theories.models import Theory


@pytest.fixture
def theories(series, tags, fan):
    now = timezone.now()
    made = []
    for number in range(7):
        theory = TheoryFactory(series=series, tags=[tags[0]], author=fan)
        # Pairs of equal `hot` values test the tie-break on id.
        Theory.objects.filter(pk=theory.pk).update(hot=number // 2, created_at=now - timedelta(hours=number))
        made.append(theory.pk)
    return made


def walk(ordering, size):
    seen, cursor = [], None
    while True:
        page = keyset_page(queryset=Theory.objects.all(), ordering=ordering, cursor=cursor, size=size)
        seen += [theory.pk for theory in page.items]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", [("-hot", "-id"), ("-created_at", "-id"), ("hot", "id")])
def test_it_walks_every_row_once_in_order(theories, ordering):
    expected = list(Theory.objects.order_by(*ordering).values_list("pk", flat=True))
    assert walk(ordering, size=2) == expected


@pytest.mark.django_db
def test_it_says_when_there_is_no_next_page(theories):
    page = keyset_page(queryset=Theory.objects.all(), ordering=("-hot", "-id"), cursor=None, size=7)
    assert len(page.items) == 7 and page.next_cursor is None and page.is_first


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24", "WzEsMiwzXQ", "WyJ4IiwxXQ"])
def test_it_gives_the_first_page_for_a_bad_cursor(theories, cursor):
    page = keyset_page(queryset=Theory.objects.all(), ordering=("-created_at", "-id"), cursor=cursor, size=3)
    assert page.is_first
    assert [theory.pk for theory in page.items] == theories[:3]
