import pytest

from tests.factories import SeriesFactory


@pytest.mark.django_db
def test_it_redirects_to_the_default_series(client, series):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/series/all-of-us-are-dead/"


@pytest.mark.django_db
def test_it_lists_the_series_when_the_default_is_missing(client, settings):
    settings.THEORYCRAFT = {**settings.THEORYCRAFT, "DEFAULT_SERIES": "missing-show"}
    SeriesFactory(slug="sweet-home", title="Sweet Home")
    response = client.get("/")
    assert response.status_code == 200
    assert "Sweet Home" in response.content.decode()


@pytest.mark.django_db
def test_it_lists_every_series_with_its_theory_count(client, series, theory):
    SeriesFactory(slug="sweet-home", title="Sweet Home")
    html = client.get("/series/").content.decode()
    assert "All of Us Are Dead" in html and "Sweet Home" in html
    assert "1 theory" in html and "0 theories" in html
