"""Every page works under the strict CSP: no inline script, style or event handler; every form has CSRF."""

import re

import pytest
from django.test import Client

from tests.frontend.conftest import inline_code

PAGES = [
    "/series/",
    "/series/all-of-us-are-dead/",
    "/series/all-of-us-are-dead/?sort=top",
    "/theories/{theory}/",
    "/theories/new/?series=all-of-us-are-dead",
    "/users/bob/",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
]


@pytest.fixture
def page_html(client_as, fan, theory):
    def get(path):
        client = client_as(fan) if "/theories/new/" in path else Client()
        return client.get(path.format(theory=theory.pk)).content.decode()

    return get


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_inline_script_or_style(page_html, path):
    found = inline_code(page_html(path))
    assert found.inline_scripts == 0
    assert found.style_elements == 0
    assert found.style_attributes == []
    assert found.event_handlers == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_protects_every_form_with_csrf(page_html, path):
    html = page_html(path)
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S)
    assert all('name="csrfmiddlewaretoken"' in form for form in forms)


@pytest.mark.django_db
def test_it_sends_a_strict_content_security_policy(client, series):
    policy = client.get("/series/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


@pytest.mark.django_db
def test_it_refuses_a_vote_without_csrf_token(theory, fan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(fan)
    assert client.post(f"/theories/{theory.pk}/vote/", {"value": "1"}).status_code == 403


@pytest.mark.django_db
def test_it_serves_htmx_and_the_live_script_from_our_static_files(client, series):
    html = client.get("/series/").content.decode()
    assert '<script src="/static/frontend/vendor/htmx.min.js" defer></script>' in html
    assert '<script src="/static/frontend/js/live.js" defer></script>' in html


@pytest.mark.django_db
def test_it_shows_messages_as_live_regions_outside_any_list(client_as, fan, series):
    """A list item given role=status stops being a list item, which axe reports as a broken list (rule `list`)."""
    client = client_as(fan)
    response = client.post(f"/series/{series.slug}/progress/", {"chapter": "3"}, follow=True)
    html = response.content.decode()
    assert re.search(r'<p class="flash flash--success" role="status">', html)
    assert not re.search(r"<li[^>]*role=", html)
