import pytest

from tests.factories import SeriesFactory, TagFactory
from theories.models import Theory

URL = "/theories/new/?series=all-of-us-are-dead"


def valid(**overrides):
    data = {
        "series": "all-of-us-are-dead",
        "title": "The virus came from the science lab",
        "body": "Byeong-chan *made* it.",
        "tags": ["nam-on-jo", "half-zombies"],
        "chapters": "3, 7",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_it_requires_sign_in(client, series):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/theories/new/")


@pytest.mark.django_db
def test_it_offers_the_tags_of_the_chosen_series_only(client_as, fan, tags):
    TagFactory(series=SeriesFactory(slug="sweet-home"), slug="hyun-su", name="Hyun-su")
    html = client_as(fan).get(URL).content.decode()
    assert "Nam On-jo" in html and "Half-zombies" in html
    assert "Hyun-su" not in html
    assert "Characters" in html and "Topics" in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_it_creates_the_theory_and_redirects_to_it(client_as, fan, tags):
    response = client_as(fan).post(URL, valid())
    theory = Theory.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/theories/{theory.pk}/"
    assert theory.author == fan
    assert theory.title == "The virus came from the science lab"
    assert theory.body_html == "<p>Byeong-chan <em>made</em> it.</p>\n"
    assert sorted(tag.slug for tag in theory.tags.all()) == ["half-zombies", "nam-on-jo"]
    assert [chapter.number for chapter in theory.chapters.order_by("number")] == [3, 7]


@pytest.mark.django_db
def test_it_rejects_a_short_title(client_as, fan, tags):
    response = client_as(fan).post(URL, valid(title="Hm"))
    assert response.status_code == 200
    assert "Ensure this value has at least 5 characters" in response.content.decode()
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_rejects_a_theory_without_tags(client_as, fan, tags):
    response = client_as(fan).post(URL, valid(tags=[]))
    assert "Choose at least one tag." in response.content.decode()
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_rejects_a_tag_of_another_series(client_as, fan, tags):
    TagFactory(series=SeriesFactory(slug="sweet-home"), slug="hyun-su", name="Hyun-su")
    response = client_as(fan).post(URL, valid(tags=["hyun-su"]))
    assert 'id="tags-errors"' in response.content.decode()
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_shows_the_service_refusal_next_to_the_field(client_as, fan, tags):
    response = client_as(fan).post(URL, valid(chapters="3, 99"))
    html = response.content.decode()
    assert "Not a chapter of All of Us Are Dead: 99" in html
    assert html.index("Chapters you cite") < html.index("Not a chapter of All of Us Are Dead: 99")
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_rejects_chapters_that_are_not_numbers(client_as, fan, tags):
    response = client_as(fan).post(URL, valid(chapters="3, seven"))
    assert "“seven” is not a chapter number." in response.content.decode()
    assert not Theory.objects.exists()


@pytest.mark.django_db
def test_it_keeps_what_was_typed_after_an_error(client_as, fan, tags):
    html = client_as(fan).post(URL, valid(title="Hm", chapters="3")).content.decode()
    assert 'value="Hm"' in html
    assert 'value="nam-on-jo" id="tag-nam-on-jo" checked' in html
    assert "Byeong-chan *made* it." in html


@pytest.mark.django_db
def test_it_returns_404_for_an_unknown_series(client_as, fan, db):
    assert client_as(fan).get("/theories/new/?series=nope").status_code == 404
