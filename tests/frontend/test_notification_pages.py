"""Notification pages, the header's bell, follow buttons, and the base layout's query budget."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from notifications.models import Follow, Notification
from tests.factories import TheoryFactory
from tests.frontend.conftest import htmx_headers, inline_code


def notify(user, text, *, url="/series/", read=False, kind="comment_on_own_theory", key=None):
    return Notification.objects.create(
        user=user,
        kind=kind,
        target_type="theory",
        target_id=1,
        event_key=key or text,
        text=text,
        payload={"url": url},
        read_at=timezone.now() if read else None,
    )


def bell_count(html):
    match = re.search(r'<span class="bell__count" data-unread-count aria-hidden="true"( hidden)?>([^<]*)</span>', html)
    assert match, "no bell in the header"
    return None if match.group(1) else match.group(2)


# --- the notifications page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_notifications_newest_first_with_unread_highlighted(client_as, fan, other_fan):
    notify(fan, "Older and read", read=True)
    notify(fan, "Newer and unread")
    notify(other_fan, "Not yours")
    response = client_as(fan).get("/notifications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer and unread") < html.index("Older and read")
    assert "Not yours" not in html
    assert html.count('class="notification notification--unread"') == 1
    assert 'action="/notifications/read/"' in html


@pytest.mark.django_db
def test_it_filters_unread_notifications(client_as, fan):
    notify(fan, "Read one", read=True)
    notify(fan, "Unread one")
    html = client_as(fan).get("/notifications/?unread=1").content.decode()
    assert "Unread one" in html and "Read one" not in html


@pytest.mark.django_db
def test_it_sends_visitors_to_sign_in_for_notifications(client, db):
    response = client.get("/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_it_marks_all_notifications_read(client_as, fan, other_fan):
    notify(fan, "One")
    notify(fan, "Two")
    theirs = notify(other_fan, "Theirs")
    response = client_as(fan).post("/notifications/read/", follow=True)
    assert response.redirect_chain[-1][0] == "/notifications/"
    assert not Notification.objects.filter(user=fan, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    html = response.content.decode()
    assert "Marked 2 notifications read." in html
    assert bell_count(html) is None


@pytest.mark.django_db
def test_it_marks_one_read_when_it_is_opened(client_as, fan, theory):
    opened = notify(fan, "Your theory was ruled", url=f"/theories/{theory.pk}/")
    other = notify(fan, "Another")
    response = client_as(fan).get(f"/notifications/{opened.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/theories/{theory.pk}/"
    opened.refresh_from_db()
    other.refresh_from_db()
    assert opened.read_at is not None and other.read_at is None


@pytest.mark.django_db
def test_it_never_redirects_a_notification_off_site(client_as, fan):
    sneaky = notify(fan, "Sneaky", url="https://evil.example/")
    assert client_as(fan).get(f"/notifications/{sneaky.pk}/")["Location"] == "/notifications/"


@pytest.mark.django_db
def test_it_does_not_open_someone_elses_notification(client_as, fan, other_fan):
    theirs = notify(other_fan, "Theirs")
    assert client_as(fan).get(f"/notifications/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_it_keeps_the_notifications_page_free_of_inline_code(client_as, fan, theory):
    notify(fan, "Something happened")
    Follow.objects.create(user=fan, theory=theory)
    html = client_as(fan).get("/notifications/").content.decode()
    found = inline_code(html)
    assert (found.inline_scripts, found.style_elements, found.style_attributes, found.event_handlers) == (0, 0, [], [])
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S)
    assert forms and all('name="csrfmiddlewaretoken"' in form for form in forms)


# --- the bell and the base layout ------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_unread_count_in_the_bell(client_as, fan, series):
    notify(fan, "One")
    notify(fan, "Two")
    notify(fan, "Read", read=True)
    html = client_as(fan).get("/series/").content.decode()
    assert bell_count(html) == "2"
    assert '<span class="visually-hidden" data-unread-label>, 2 unread</span>' in html
    assert '<body data-user="1">' in html


@pytest.mark.django_db
def test_it_caps_the_bell_at_99(client_as, fan, series):
    for number in range(120):
        notify(fan, f"Notification {number}")
    assert bell_count(client_as(fan).get("/series/").content.decode()) == "99+"


@pytest.mark.django_db
def test_it_shows_no_bell_to_visitors(client, series):
    html = client.get("/series/").content.decode()
    assert "data-unread-count" not in html and "data-user" not in html and "data-toasts" not in html


@pytest.mark.django_db
def test_it_spends_one_query_on_the_header(client_as, django_assert_num_queries, client, fan, moderator, series):
    with django_assert_num_queries(1):
        client.get("/series/")  # a visitor: the series list only
    for person in (fan, moderator):
        signed_in = client_as(person)
        # Session, user, the series list, and one query for the header's role, unread count and suspension.
        with django_assert_num_queries(4):
            signed_in.get("/series/")


@pytest.mark.django_db
def test_it_keeps_the_base_layout_query_count_flat(
    client_as, django_assert_max_num_queries, fan, suspended_fan, series
):
    client = client_as(fan)
    with django_assert_max_num_queries(4) as few:
        client.get("/series/")
    for number in range(30):
        notify(fan, f"Notification {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/series/")
    # A suspended reader costs one more: the suspension's details for the banner.
    suspended = client_as(suspended_fan)
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        suspended.get("/series/")


# --- follows ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_follows_and_unfollows_a_theory(client_as, fan, theory):
    client = client_as(fan)
    back = f"/theories/{theory.pk}/"
    html = client.get(back).content.decode()
    assert 'action="/follows/"' in html and 'name="follow" value="1"' in html
    client.post("/follows/", {"target_type": "theory", "target_id": theory.pk, "follow": "1", "next": back})
    assert Follow.objects.filter(user=fan, theory=theory).exists()
    assert 'name="follow" value="0"' in client.get(back).content.decode()
    client.post("/follows/", {"target_type": "theory", "target_id": theory.pk, "follow": "0", "next": back})
    assert not Follow.objects.filter(user=fan, theory=theory).exists()


@pytest.mark.django_db
def test_it_follows_a_theory_only_once_when_the_form_is_sent_twice(client_as, fan, theory):
    client = client_as(fan)
    for _ in range(2):
        client.post("/follows/", {"target_type": "theory", "target_id": theory.pk, "follow": "1"})
    assert Follow.objects.filter(user=fan, theory=theory).count() == 1


@pytest.mark.django_db
def test_it_toggles_a_tag_follow_with_htmx(client_as, fan, series, tags):
    client = client_as(fan)
    html = client.get(f"/series/{series.slug}/?tag=half-zombies").content.decode()
    assert f'name="target_id" value="{tags[2].pk}"' in html
    response = client.post(
        "/follows/", {"target_type": "tag", "target_id": tags[2].pk, "follow": "1"}, headers=htmx_headers()
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<form class="follow-form"') and "Following" in fragment
    assert Follow.objects.filter(user=fan, tag=tags[2]).exists()
    sidebar = client.get(f"/series/{series.slug}/").content.decode()
    assert "chip--followed" in sidebar and "(you follow it)" in sidebar


@pytest.mark.django_db
def test_it_sends_a_visitor_who_follows_to_sign_in(client, theory):
    response = client.post("/follows/", {"target_type": "theory", "target_id": theory.pk, "follow": "1"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_it_returns_404_when_following_a_hidden_theory(client_as, fan, series, tags):
    hidden = TheoryFactory(series=series, tags=[tags[0]], is_hidden=True)
    response = client_as(fan).post("/follows/", {"target_type": "theory", "target_id": hidden.pk, "follow": "1"})
    assert response.status_code == 404
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_it_lists_what_you_follow_with_unfollow_buttons(client_as, fan, theory, tags):
    Follow.objects.create(user=fan, theory=theory)
    Follow.objects.create(user=fan, tag=tags[0])
    html = client_as(fan).get("/notifications/").content.decode()
    assert theory.title in html and "Nam On-jo" in html
    assert html.count('name="follow" value="0"') == 2
