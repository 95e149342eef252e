"""GET/PUT /api/v1/me/progress/ and the reader_progress selector that pages and the API share."""

from __future__ import annotations

import pytest

from accounts.models import ReadingProgress
from accounts.selectors import reader_progress
from accounts.services import reading_progress_set
from core.exceptions import ApplicationError
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/progress/"


def test_it_saves_progress(api_as, fan, series):
    response = api_as(fan).put(URL, {"series": series.slug, "chapter": 4}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["series"], body["chapter"], body["last_chapter"]) == (series.slug, 4, 10)
    assert ReadingProgress.objects.get(user=fan, series=series).chapter == 4


def test_it_updates_the_one_row_per_series(api_as, fan, series):
    client = api_as(fan)
    client.put(URL, {"series": series.slug, "chapter": 4}, format="json")
    client.put(URL, {"series": series.slug, "chapter": 7}, format="json")
    assert list(ReadingProgress.objects.filter(user=fan).values_list("chapter", flat=True)) == [7]


@pytest.mark.parametrize("chapter", [0, 10])
def test_it_accepts_nothing_read_and_everything_read(api_as, fan, series, chapter):
    assert api_as(fan).put(URL, {"series": series.slug, "chapter": chapter}, format="json").status_code == 200
    assert ReadingProgress.objects.get(user=fan).chapter == chapter


def test_it_lists_progress_per_series(api_as, fan, other_fan, series):
    other = SeriesFactory(slug="sweet-home", title="Sweet Home")
    reading_progress_set(user=fan, series=series, chapter=3)
    reading_progress_set(user=fan, series=other, chapter=0)
    reading_progress_set(user=other_fan, series=series, chapter=9)
    response = api_as(fan).get(URL)
    assert response.status_code == 200
    assert [(item["series"], item["chapter"], item["last_chapter"]) for item in response.json()] == [
        ("all-of-us-are-dead", 3, 10),
        ("sweet-home", 0, 0),
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"series": "all-of-us-are-dead", "chapter": -1}, "chapter"),
        ({"series": "all-of-us-are-dead", "chapter": 11}, "chapter"),
        ({"series": "all-of-us-are-dead", "chapter": "five"}, "chapter"),
        ({"series": "all-of-us-are-dead"}, "chapter"),
        ({"series": "no-such-series", "chapter": 1}, "series"),
        ({"chapter": 1}, "series"),
    ],
)
def test_it_rejects_bad_input_naming_the_field(api_as, fan, series, data, field):
    response = api_as(fan).put(URL, data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not ReadingProgress.objects.exists()


def test_it_requires_authentication(api, series):
    assert api.get(URL).status_code == 401
    assert api.put(URL, {"series": series.slug, "chapter": 1}, format="json").status_code == 401
    assert not ReadingProgress.objects.exists()


def test_progress_is_private(api_as, fan, other_fan, series):
    reading_progress_set(user=fan, series=series, chapter=3)
    assert api_as(other_fan).get(URL).json() == []


# --- reader_progress ------------------------------------------------------------------------------


def test_a_reader_with_no_progress_has_none(fan, series):
    from django.contrib.auth.models import AnonymousUser

    assert reader_progress(user=fan, series=series) is None
    assert reader_progress(user=AnonymousUser(), series=series) is None
    assert reader_progress(user=None, series=series) is None


def test_saved_progress_comes_before_the_cookie(fan, series):
    assert reader_progress(user=fan, series=series, cookie_value="6") == 6
    reading_progress_set(user=fan, series=series, chapter=2)
    assert reader_progress(user=fan, series=series, cookie_value="6") == 2


def test_the_parameter_comes_first(fan, series):
    reading_progress_set(user=fan, series=series, chapter=2)
    assert reader_progress(user=fan, series=series, cookie_value="6", param="8") == 8
    assert reader_progress(user=fan, series=series, param=0) == 0


@pytest.mark.parametrize("cookie", ["", "abc", "-3", "٣", " 4 x"])
def test_a_bad_cookie_is_ignored(series, cookie):
    assert reader_progress(user=None, series=series, cookie_value=cookie) is None


@pytest.mark.parametrize("param", [-1, 11, "x", "٣"])
def test_a_bad_parameter_is_a_400_naming_progress(series, param):
    with pytest.raises(ApplicationError) as error:
        reader_progress(user=None, series=series, param=param)
    assert error.value.status == 400 and "progress" in error.value.fields
