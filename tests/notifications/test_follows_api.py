"""POST, DELETE and GET /api/v1/follows/."""

from __future__ import annotations

import pytest

from notifications.models import Follow
from theories.models import Theory

URL = "/api/v1/follows/"


@pytest.mark.django_db
def test_it_follows_a_theory(api_as, other_fan, theory):
    response = api_as(other_fan).post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["name"] == theory.title
    assert Follow.objects.get(user=other_fan).theory == theory


@pytest.mark.django_db
def test_it_follows_a_tag_by_series_and_slug(api_as, fan, series, tags):
    response = api_as(fan).post(
        URL, {"target_type": "tag", "series": series.slug, "slug": "half-zombies"}, format="json"
    )
    assert response.status_code == 201
    assert Follow.objects.get(user=fan).tag == tags[2]


@pytest.mark.django_db
def test_following_twice_keeps_one_follow(api_as, other_fan, theory):
    client = api_as(other_fan)
    client.post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    response = client.post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    assert response.status_code == 200
    assert Follow.objects.filter(user=other_fan).count() == 1


@pytest.mark.django_db
def test_it_unfollows(api_as, other_fan, theory):
    client = api_as(other_fan)
    client.post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    response = client.delete(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    assert response.status_code == 204
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_it_unfollows_a_theory_hidden_since(api_as, other_fan, theory):
    client = api_as(other_fan)
    client.post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True)
    assert client.delete(URL, {"target_type": "theory", "target_id": theory.pk}, format="json").status_code == 204
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_it_lists_your_follows(api_as, fan, other_fan, theory, tags):
    client = api_as(other_fan)
    client.post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json")
    client.post(URL, {"target_type": "tag", "target_id": tags[0].pk}, format="json")
    api_as(fan).post(URL, {"target_type": "tag", "target_id": tags[1].pk}, format="json")
    results = client.get(URL).json()["results"]
    assert [(item["target_type"], item["target_id"]) for item in results] == [
        ("tag", tags[0].pk),
        ("theory", theory.pk),
    ]


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_tag(api_as, fan, series):
    response = api_as(fan).post(URL, {"target_type": "tag", "series": series.slug, "slug": "nope"}, format="json")
    assert response.status_code == 404


@pytest.mark.django_db
def test_it_answers_404_for_a_hidden_theory(api_as, other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True)
    assert (
        api_as(other_fan).post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json").status_code == 404
    )


@pytest.mark.django_db
def test_it_needs_a_target(api_as, fan):
    assert api_as(fan).post(URL, {"target_type": "theory"}, format="json").status_code == 400
    assert api_as(fan).post(URL, {"target_type": "tag", "slug": "x"}, format="json").status_code == 400


@pytest.mark.django_db
def test_it_asks_anonymous_followers_to_sign_in(api, theory):
    assert api.post(URL, {"target_type": "theory", "target_id": theory.pk}, format="json").status_code == 401
