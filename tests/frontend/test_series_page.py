from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import SeriesFactory, TagFactory, TheoryFactory
from tests.frontend.conftest import htmx_headers
from theories.models import Theory


def url(series, query=""):
    return f"/series/{series.slug}/{query}"


def make_theories(*, series, tag, count, author):
    start = timezone.now() - timedelta(days=1)
    for number in range(count):
        theory = TheoryFactory(series=series, tags=[tag], author=author, title=f"Theory {number:02d} about the virus")
        Theory.objects.filter(pk=theory.pk).update(created_at=start + timedelta(minutes=number), hot=number)


@pytest.mark.django_db
def test_it_shows_the_series_and_its_theories(client, series, theory):
    response = client.get(url(series))
    assert response.status_code == 200
    html = response.content.decode()
    assert "All of Us Are Dead" in html
    assert theory.title in html
    assert "Nam On-jo" in html and "Choi Nam-ra" in html
    assert "Ch. 3" in html and "Ch. 7" in html
    assert f'data-theory-id="{theory.pk}" data-score' in html
    assert f"/theories/{theory.pk}/vote/" in html
    assert "0 comments" in html
    assert 'data-live-series="all-of-us-are-dead"' in html


@pytest.mark.django_db
def test_it_returns_404_for_an_unknown_series(client, db):
    assert client.get("/series/no-such-show/").status_code == 404


@pytest.mark.django_db
def test_it_sorts_by_new(client, series, tags, fan):
    make_theories(series=series, tag=tags[0], count=3, author=fan)
    Theory.objects.filter(title="Theory 00 about the virus").update(hot=100)
    html = client.get(url(series, "?sort=new")).content.decode()
    assert html.index("Theory 02") < html.index("Theory 01") < html.index("Theory 00")
    assert 'aria-current="page">New<' in html


@pytest.mark.django_db
def test_it_sorts_by_hot_by_default(client, series, tags, fan):
    make_theories(series=series, tag=tags[0], count=3, author=fan)
    Theory.objects.filter(title="Theory 00 about the virus").update(hot=100)
    html = client.get(url(series)).content.decode()
    assert html.index("Theory 00") < html.index("Theory 02") < html.index("Theory 01")


@pytest.mark.django_db
def test_it_falls_back_to_hot_for_an_unknown_sort(client, series, theory):
    response = client.get(url(series, "?sort=<script>"))
    assert response.status_code == 200
    assert 'aria-current="page">Hot<' in response.content.decode()


@pytest.mark.django_db
def test_it_pages_with_a_load_more_link(client, series, tags, fan):
    make_theories(series=series, tag=tags[0], count=25, author=fan)
    first = client.get(url(series, "?sort=new"))
    assert first.context["page"].next_cursor
    assert len(first.context["page"].items) == 20
    second = client.get(url(series, "?sort=new"), {"sort": "new", "cursor": first.context["page"].next_cursor})
    titles = [theory.title for theory in first.context["page"].items + second.context["page"].items]
    assert len(titles) == len(set(titles)) == 25
    assert second.context["page"].next_cursor is None
    assert "Load more theories" in first.content.decode()
    assert "Load more theories" not in second.content.decode()


@pytest.mark.django_db
def test_it_returns_only_the_cards_for_htmx_load_more(client, series, tags, fan):
    make_theories(series=series, tag=tags[0], count=22, author=fan)
    cursor = client.get(url(series, "?sort=new")).context["page"].next_cursor
    response = client.get(url(series), {"sort": "new", "cursor": cursor}, headers=htmx_headers())
    html = response.content.decode()
    assert "<html" not in html and "site-header" not in html
    assert html.count('class="theory-card"') == 2


@pytest.mark.django_db
def test_it_ignores_a_broken_cursor(client, series, theory):
    response = client.get(url(series), {"cursor": "not-a-cursor!!"})
    assert response.status_code == 200
    assert theory.title in response.content.decode()


@pytest.mark.django_db
def test_it_filters_by_tag(client, series, tags, fan):
    TheoryFactory(series=series, tags=[tags[0]], author=fan, title="About On-jo and the roof")
    TheoryFactory(series=series, tags=[tags[2]], author=fan, title="About half-zombies only")
    html = client.get(url(series, "?tag=half-zombies")).content.decode()
    assert "About half-zombies only" in html
    assert "About On-jo and the roof" not in html


@pytest.mark.django_db
def test_it_returns_404_for_a_tag_of_another_series(client, series, tags):
    other = TagFactory(series=SeriesFactory(slug="sweet-home"), slug="hyun-su", name="Hyun-su")
    assert client.get(url(series, f"?tag={other.slug}")).status_code == 404


@pytest.mark.django_db
def test_it_hides_deleted_theories(client, series, theory):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    assert theory.title not in client.get(url(series)).content.decode()


@pytest.mark.django_db
def test_it_shows_the_new_theories_notice_hidden_for_live_updates(client, series, theory):
    html = client.get(url(series)).content.decode()
    assert "data-new-notice hidden" in html
    assert f"/series/{series.slug}/?sort=new" in html


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["hot", "new", "top", "controversial", "rising"])
def test_it_keeps_the_query_count_flat_as_theories_grow(
    client_as, django_assert_max_num_queries, series, tags, fan, other_fan, sort
):
    client = client_as(other_fan)
    make_theories(series=series, tag=tags[0], count=5, author=fan)
    # Session, user, the header (role, unread count, suspension), series, feed with its three prefetches, tags.
    with django_assert_max_num_queries(9) as few:
        assert client.get(url(series, f"?sort={sort}")).status_code == 200
    make_theories(series=series, tag=tags[1], count=20, author=fan)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert client.get(url(series, f"?sort={sort}")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_it_varies_on_the_htmx_header(client, series, theory):
    assert "HX-Request" in client.get(url(series))["Vary"]
