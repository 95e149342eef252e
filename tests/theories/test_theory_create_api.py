import pytest

from theories.models import Theory

URL = "/api/v1/theories/"


def payload(**overrides):
    data = {
        "series": "all-of-us-are-dead",
        "title": "Nam-ra is the key to a cure",
        "body": "Her blood *resists* the virus. See chapter 3.",
        "tags": ["choi-nam-ra", "half-zombies"],
        "chapters": [3],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_it_creates_a_theory(api_as, fan, tags):
    response = api_as(fan).post(URL, payload(), format="json")
    assert response.status_code == 201, response.content
    theory = Theory.objects.get(pk=response.json()["id"])
    assert theory.author == fan
    assert sorted(tag.slug for tag in theory.tags.all()) == ["choi-nam-ra", "half-zombies"]
    assert [c.number for c in theory.chapters.all()] == [3]
    assert "<em>resists</em>" in theory.body_html
    body = response.json()
    assert body["score"] == 0 and body["upvotes"] == 0 and body["downvotes"] == 0 and body["my_vote"] is None


@pytest.mark.django_db
def test_it_requires_authentication(api, tags):
    response = api.post(URL, payload(), format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert Theory.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Hm"}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 20001}, "body"),
        ({"tags": []}, "tags"),
        ({"tags": [f"t{i}" for i in range(11)]}, "tags"),
        ({"tags": ["no-such-tag"]}, "tags"),
        ({"series": "no-such-series"}, "series"),
        ({"chapters": [999]}, "chapters"),
        ({"chapters": ["three"]}, "chapters"),
        ({"tags": "choi-nam-ra"}, "tags"),
        ({"title": None}, "title"),
    ],
)
def test_it_rejects_bad_input_naming_the_field(api_as, fan, tags, overrides, field):
    response = api_as(fan).post(URL, payload(**overrides), format="json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert field in error["fields"]
    assert error["message"]
    assert Theory.objects.count() == 0


@pytest.mark.django_db
def test_it_rejects_a_missing_field(api_as, fan, tags):
    data = payload()
    del data["body"]
    response = api_as(fan).post(URL, data, format="json")
    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]
    assert Theory.objects.count() == 0


@pytest.mark.django_db
def test_it_rejects_a_tag_of_another_series(api_as, fan, tags):
    from tests.factories import SeriesFactory, TagFactory

    other = TagFactory(series=SeriesFactory(slug="sweet-home"), name="Cha Hyun-su", slug="cha-hyun-su")
    response = api_as(fan).post(URL, payload(tags=[other.slug]), format="json")
    assert response.status_code == 400
    assert "tags" in response.json()["error"]["fields"]
    assert Theory.objects.count() == 0


@pytest.mark.django_db
def test_it_rejects_malformed_json(api_as, fan, tags):
    response = api_as(fan).post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_request"
    assert Theory.objects.count() == 0
