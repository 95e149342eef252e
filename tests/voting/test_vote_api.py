import pytest
from django.db.models import Count, Q

from tests.factories import TheoryFactory
from theories.models import Theory
from voting.models import Vote


def url(theory):
    return f"/api/v1/theories/{theory.pk}/vote/"


@pytest.fixture
def theory(series, tags, fan):
    return TheoryFactory(series=series, tags=tags[:1], author=fan)


def assert_counters_match_votes(theory):
    theory.refresh_from_db()
    counts = Vote.objects.filter(theory=theory).aggregate(
        up=Count("pk", filter=Q(value=1)), down=Count("pk", filter=Q(value=-1))
    )
    assert (theory.upvotes, theory.downvotes, theory.score) == (
        counts["up"],
        counts["down"],
        counts["up"] - counts["down"],
    )


@pytest.mark.django_db
def test_it_upvotes(api_as, other_fan, theory):
    response = api_as(other_fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 200
    assert response.json() == {"theory": theory.pk, "score": 1, "upvotes": 1, "downvotes": 0, "my_vote": 1}
    assert_counters_match_votes(theory)


@pytest.mark.django_db
def test_it_changes_a_vote(api_as, other_fan, theory):
    client = api_as(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    response = client.put(url(theory), {"value": -1}, format="json")
    assert response.json()["score"] == -1 and response.json()["upvotes"] == 0
    assert Vote.objects.get(theory=theory, user=other_fan).value == -1
    assert_counters_match_votes(theory)


@pytest.mark.django_db
def test_it_keeps_a_repeated_vote_once(api_as, other_fan, theory):
    client = api_as(other_fan)
    client.put(url(theory), {"value": 1}, format="json")
    response = client.put(url(theory), {"value": 1}, format="json")
    assert response.json()["score"] == 1
    assert Vote.objects.filter(theory=theory).count() == 1
    assert_counters_match_votes(theory)


@pytest.mark.django_db
def test_it_removes_a_vote(api_as, other_fan, theory):
    client = api_as(other_fan)
    client.put(url(theory), {"value": -1}, format="json")
    response = client.delete(url(theory))
    assert response.status_code == 200
    assert response.json()["score"] == 0 and response.json()["my_vote"] is None
    assert not Vote.objects.filter(theory=theory).exists()
    assert_counters_match_votes(theory)


@pytest.mark.django_db
def test_it_rejects_a_vote_on_own_theory(api_as, fan, theory):
    response = api_as(fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "You cannot vote on your own theory."
    assert not Vote.objects.exists()
    assert_counters_match_votes(theory)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, 2, "up", None, [1]])
def test_it_rejects_an_invalid_value(api_as, other_fan, theory, value):
    response = api_as(other_fan).put(url(theory), {"value": value}, format="json")
    assert response.status_code == 400
    assert "value" in response.json()["error"]["fields"]
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_requires_authentication(api, theory):
    response = api.put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 401
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_returns_404_for_a_deleted_theory(api_as, other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    response = api_as(other_fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 404
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_records_new_account_votes(api_as, other_fan, theory):
    api_as(other_fan).put(url(theory), {"value": 1}, format="json")
    assert Vote.objects.get(theory=theory).voter_account_new is True


@pytest.mark.django_db
def test_it_returns_404_for_a_hidden_theory(api_as, other_fan, theory):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True, hidden_reason="spam")
    response = api_as(other_fan).put(url(theory), {"value": 1}, format="json")
    assert response.status_code == 404
    assert not Vote.objects.exists()
