"""Reading progress on the series page and the spoiler gate of lists, theory pages and search."""

import pytest

from accounts.models import ReadingProgress
from accounts.services import reading_progress_set

WARNING = "cites chapter 7 (you’re at 4)"


def progress_url(series):
    return f"/series/{series.slug}/progress/"


@pytest.mark.django_db
def test_it_saves_the_progress_of_a_signed_in_reader(client_as, series, fan):
    response = client_as(fan).post(progress_url(series), {"chapter": "4"})
    assert response.status_code == 302
    assert ReadingProgress.objects.get(user=fan, series=series).chapter == 4
    assert "progress_all-of-us-are-dead" not in response.cookies


@pytest.mark.django_db
def test_it_saves_read_everything_as_the_last_chapter(client_as, series, fan):
    client_as(fan).post(progress_url(series), {"everything": "1"})
    assert ReadingProgress.objects.get(user=fan, series=series).chapter == 10


@pytest.mark.django_db
def test_it_keeps_a_visitors_progress_in_a_cookie(client, series):
    response = client.post(progress_url(series), {"chapter": "4"})
    cookie = response.cookies["progress_all-of-us-are-dead"]
    assert cookie.value == "4" and cookie["samesite"] == "Lax" and cookie["httponly"]
    assert not ReadingProgress.objects.exists()
    html = client.get(f"/series/{series.slug}/").content.decode()
    assert "You’re at chapter 4 of 10" in html


@pytest.mark.django_db
def test_it_refuses_progress_past_the_last_chapter(client, client_as, series, fan):
    client_as(fan).post(progress_url(series), {"chapter": "99"})
    assert not ReadingProgress.objects.exists()
    response = client.post(progress_url(series), {"chapter": "-3"})
    assert "progress_all-of-us-are-dead" not in response.cookies


@pytest.mark.django_db
def test_it_ignores_a_malformed_progress_cookie(client, series, theory):
    client.cookies["progress_all-of-us-are-dead"] = "4; drop table"
    html = client.get(f"/series/{series.slug}/").content.decode()
    assert "Spoiler:" not in html


@pytest.mark.django_db
def test_it_collapses_a_spoiler_for_a_reader_behind(client_as, series, theory, fan):
    reading_progress_set(user=fan, series=series, chapter=4)
    client = client_as(fan)
    for path in (f"/series/{series.slug}/", f"/theories/{theory.pk}/", f"/series/{series.slug}/tags/nam-on-jo/"):
        html = client.get(path).content.decode()
        assert WARNING in html, path
        assert '<details class="spoiler' in html and "Show it" in html
        # Collapsed: the body sits inside a closed <details>, hidden visually and from screen readers.
        start = html.index('<details class="spoiler')
        assert html.index("</details>", start) > html.index("the bite", start)
        assert html[start : html.index(">", start)].endswith('"')  # no `open` attribute


@pytest.mark.django_db
def test_it_collapses_a_spoiler_for_a_visitor_by_cookie(client, series, theory):
    client.cookies["progress_all-of-us-are-dead"] = "4"
    assert WARNING in client.get(f"/series/{series.slug}/").content.decode()


@pytest.mark.django_db
def test_it_opens_a_spoiler_with_reveal(client_as, series, theory, fan):
    reading_progress_set(user=fan, series=series, chapter=4)
    html = client_as(fan).get(f"/theories/{theory.pk}/?reveal=1").content.decode()
    assert '<details class="spoiler" open>' in html


@pytest.mark.django_db
def test_it_shows_everything_to_a_reader_who_has_read_everything(client_as, series, theory, fan):
    client = client_as(fan)
    client.post(progress_url(series), {"everything": "1"})
    for path in (f"/series/{series.slug}/", f"/theories/{theory.pk}/"):
        html = client.get(path).content.decode()
        assert "Spoiler:" not in html and "the bite" in html


@pytest.mark.django_db
def test_it_shows_everything_to_a_reader_without_progress(client, series, theory):
    assert "Spoiler:" not in client.get(f"/theories/{theory.pk}/").content.decode()


@pytest.mark.django_db
def test_it_collapses_spoilers_in_search(client_as, series, tags, fan, other_fan):
    from theories.services import theory_create

    theory_create(
        author=other_fan,
        series=series,
        title="The cure arrives late",
        body="Chapter seven shows the cure.",
        tag_slugs=["nam-on-jo"],
        chapter_numbers=[7],
    )
    reading_progress_set(user=fan, series=series, chapter=4)
    html = client_as(fan).get("/search/?q=cure").content.decode()
    assert WARNING in html
