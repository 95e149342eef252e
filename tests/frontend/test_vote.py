import pytest

from tests.frontend.conftest import htmx_headers
from voting.models import Vote


def url(theory):
    return f"/theories/{theory.pk}/vote/"


def counters(theory):
    theory.refresh_from_db()
    return theory.upvotes, theory.downvotes, theory.score


@pytest.mark.django_db
def test_it_upvotes_and_redirects_back(client_as, fan, theory):
    response = client_as(fan).post(url(theory), {"value": "1", "next": f"/series/{theory.series.slug}/"})
    assert response.status_code == 302
    assert response["Location"] == f"/series/{theory.series.slug}/#theory-{theory.pk}"
    assert counters(theory) == (1, 0, 1)
    assert Vote.objects.get(theory=theory, user=fan).value == 1


@pytest.mark.django_db
def test_it_removes_the_vote_when_the_same_value_is_posted_again(client_as, fan, theory):
    client = client_as(fan)
    client.post(url(theory), {"value": "1"})
    client.post(url(theory), {"value": "1"})
    assert counters(theory) == (0, 0, 0)
    assert not Vote.objects.filter(theory=theory).exists()


@pytest.mark.django_db
def test_it_switches_an_upvote_to_a_downvote(client_as, fan, theory):
    client = client_as(fan)
    client.post(url(theory), {"value": "1"})
    client.post(url(theory), {"value": "-1"})
    assert counters(theory) == (0, 1, -1)


@pytest.mark.django_db
def test_it_returns_the_vote_widget_for_htmx(client_as, fan, theory):
    response = client_as(fan).post(url(theory), {"value": "-1"}, headers=htmx_headers())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert "vote--down" in html
    assert "<span data-score-value>-1</span>" in html
    assert counters(theory) == (0, 1, -1)


@pytest.mark.django_db
def test_it_refuses_a_vote_on_your_own_theory(client_as, other_fan, theory):
    response = client_as(other_fan).post(url(theory), {"value": "1"}, follow=True)
    assert "You cannot vote on your own theory." in response.content.decode()
    assert counters(theory) == (0, 0, 0)
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_shows_the_refusal_inside_the_widget_for_htmx(client_as, other_fan, theory):
    response = client_as(other_fan).post(url(theory), {"value": "1"}, headers=htmx_headers())
    assert 'role="alert">You cannot vote on your own theory.' in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_sends_visitors_to_sign_in(client, theory):
    response = client.post(url(theory), {"value": "1", "next": "/series/all-of-us-are-dead/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fseries%2Fall-of-us-are-dead%2F"
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_sends_htmx_visitors_to_sign_in_with_a_full_page_redirect(client, theory):
    response = client.post(url(theory), {"value": "1"}, headers=htmx_headers())
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
def test_it_ignores_an_offsite_next(client_as, fan, theory):
    response = client_as(fan).post(url(theory), {"value": "1", "next": "https://evil.example/"})
    assert response["Location"] == f"/theories/{theory.pk}/#theory-{theory.pk}"


@pytest.mark.django_db
def test_it_refuses_a_value_that_is_not_a_vote(client_as, fan, theory):
    response = client_as(fan).post(url(theory), {"value": "5"}, follow=True)
    assert "A vote is up or down." in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_it_only_accepts_post(client_as, fan, theory):
    assert client_as(fan).get(url(theory)).status_code == 405


@pytest.mark.django_db
def test_it_marks_the_current_vote_as_pressed(client_as, fan, theory):
    client = client_as(fan)
    client.post(url(theory), {"value": "1"})
    html = client.get(f"/theories/{theory.pk}/").content.decode()
    # The pressed button keeps an id, so htmx gives it the focus back after swapping the widget.
    assert f'value="1" id="vote-{theory.pk}-up" class="vote__button vote__button--up" aria-pressed="true"' in html


@pytest.mark.django_db
def test_it_returns_to_the_top_of_the_page_after_a_refusal(client_as, other_fan, theory):
    response = client_as(other_fan).post(url(theory), {"value": "1", "next": "/series/all-of-us-are-dead/"})
    assert response["Location"] == "/series/all-of-us-are-dead/"


@pytest.mark.django_db
def test_it_says_slow_down_inside_the_widget_past_the_vote_limit(client_as, fan, theory, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": "1/d"}  # a fixed window: a day rarely turns mid-test
    client = client_as(fan)
    client.post(url(theory), {"value": "1"}, headers=htmx_headers())
    response = client.post(url(theory), {"value": "-1"}, headers=htmx_headers())
    assert 'role="alert">Slow down: at most 1 per day.' in response.content.decode()
    assert counters(theory) == (1, 0, 1)


@pytest.mark.django_db
def test_it_says_slow_down_on_the_page_past_the_vote_limit(client_as, fan, theory, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": "1/d"}
    client = client_as(fan)
    client.post(url(theory), {"value": "1"})
    response = client.post(url(theory), {"value": "-1"}, follow=True)
    assert "Slow down: at most 1 per day." in response.content.decode()
    assert Vote.objects.get(theory=theory, user=fan).value == 1


@pytest.mark.django_db
def test_it_tells_a_suspended_fan_why_the_vote_was_refused(client_as, suspended_fan, theory):
    response = client_as(suspended_fan).post(url(theory), {"value": "1"}, headers=htmx_headers())
    html = response.content.decode()
    assert 'role="alert">Your account is suspended, so you can read but not post, vote or flag' in html
    assert "Reason: Unmarked spoilers for chapter 120." in html
    assert not Vote.objects.exists()
