"""The search page and the header's search box."""

import pytest

from theories.services import theory_create


@pytest.fixture
def searchable(series, tags, fan):
    return theory_create(
        author=fan,
        series=series,
        title="The cure hides in <b>Nam-ra's</b> blood",
        body="A half-zombie keeps her mind. <script>alert(1)</script> The cure is in her blood.",
        tag_slugs=["choi-nam-ra"],
    )


@pytest.mark.django_db
def test_it_shows_highlighted_results(client, searchable):
    response = client.get("/search/?q=cure")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/theories/{searchable.pk}/"' in html
    assert "<mark>cure</mark>" in html


@pytest.mark.django_db
def test_it_escapes_the_html_of_results(client, searchable):
    html = client.get("/search/?q=cure").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>Nam-ra" not in html
    assert "&lt;b&gt;" in html


@pytest.mark.django_db
def test_it_narrows_the_search_to_a_series(client, searchable, series):
    from tests.factories import SeriesFactory

    other = SeriesFactory(slug="other-show", title="Other show")
    assert f'href="/theories/{searchable.pk}/"' in client.get(f"/search/?q=cure&series={series.slug}").content.decode()
    html = client.get(f"/search/?q=cure&series={other.slug}").content.decode()
    assert f'href="/theories/{searchable.pk}/"' not in html and "No theory matches" in html


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_series(client, db):
    assert client.get("/search/?q=cure&series=nothing").status_code == 404


@pytest.mark.django_db
def test_it_prompts_for_a_query_when_it_is_empty(client, db):
    for path in ("/search/", "/search/?q=", "/search/?q=%20%20"):
        response = client.get(path)
        assert response.status_code == 200
        assert "What are you looking for?" in response.content.decode()


@pytest.mark.django_db
def test_it_explains_a_query_that_is_too_long(client, db):
    response = client.get(f"/search/?q={'a' * 201}")
    assert response.status_code == 400
    assert "That search is too long" in response.content.decode()


@pytest.mark.django_db
def test_it_says_when_nothing_matches(client, searchable):
    assert "No theory matches" in client.get("/search/?q=xylophone").content.decode()


@pytest.mark.django_db
def test_it_puts_a_search_box_in_the_header_of_every_page(client, series):
    for path in ("/series/", f"/series/{series.slug}/", "/news/"):
        html = client.get(path).content.decode()
        assert 'class="header-search" method="get" action="/search/" role="search">' in html
        assert '<label class="visually-hidden" for="header-search-q">' in html
