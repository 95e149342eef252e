"""GET /api/v1/notifications/, POST .../read/, GET .../unread-count/."""

from __future__ import annotations

import pytest

from notifications.models import Notification

URL = "/api/v1/notifications/"


def _notify(user, n, kind="ruling_on_own_theory"):
    return Notification.objects.create(
        user=user, kind=kind, target_type="theory", target_id=n, event_key=f"ruling-{n}", text=f"Number {n}"
    )


@pytest.mark.django_db
def test_it_lists_your_notifications_newest_first(api_as, fan, other_fan):
    first, second = _notify(fan, 1), _notify(fan, 2)
    _notify(other_fan, 3)
    results = api_as(fan).get(URL).json()["results"]
    assert [item["id"] for item in results] == [second.pk, first.pk]
    assert results[0]["is_read"] is False and results[0]["text"] == "Number 2"


@pytest.mark.django_db
def test_it_pages_with_a_cursor(api_as, fan):
    for n in range(3):
        _notify(fan, n)
    client = api_as(fan)
    first = client.get(URL, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1


@pytest.mark.django_db
def test_it_filters_unread(api_as, fan):
    read, unread = _notify(fan, 1), _notify(fan, 2)
    Notification.objects.filter(pk=read.pk).update(read_at="2024-01-01T00:00:00Z")
    assert [item["id"] for item in api_as(fan).get(URL, {"unread": "true"}).json()["results"]] == [unread.pk]


@pytest.mark.django_db
def test_it_asks_anonymous_readers_to_sign_in(api):
    assert api.get(URL).status_code == 401


@pytest.mark.django_db
def test_it_marks_some_read(api_as, fan):
    first, second = _notify(fan, 1), _notify(fan, 2)
    response = api_as(fan).post(f"{URL}read/", {"ids": [first.pk]}, format="json")
    assert response.json() == {"marked": 1, "unread_count": 1}
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


@pytest.mark.django_db
def test_it_marks_all_read(api_as, fan):
    for n in range(3):
        _notify(fan, n)
    assert api_as(fan).post(f"{URL}read/", {"all": True}, format="json").json()["marked"] == 3
    assert not Notification.objects.filter(user=fan, read_at__isnull=True).exists()


@pytest.mark.django_db
def test_it_does_not_mark_other_peoples_notifications(api_as, fan, other_fan):
    theirs = _notify(other_fan, 1)
    assert api_as(fan).post(f"{URL}read/", {"ids": [theirs.pk]}, format="json").json()["marked"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_it_needs_ids_or_all(api_as, fan):
    assert api_as(fan).post(f"{URL}read/", {}, format="json").status_code == 400


@pytest.mark.django_db
def test_it_counts_unread(api_as, fan, other_fan):
    _notify(fan, 1)
    _notify(fan, 2)
    _notify(other_fan, 3)
    assert api_as(fan).get(f"{URL}unread-count/").json() == {"unread_count": 2}
