import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, TheoryFactory

User = get_user_model()


def signed_in_user(client):
    from django.contrib.auth import get_user

    return get_user(client)


@pytest.mark.django_db
def test_it_signs_up_and_signs_in(client):
    response = client.post(
        "/accounts/signup/", {"username": "carol", "email": "carol@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="carol")
    assert user.email == "carol@example.com" and user.check_password(PASSWORD)
    assert signed_in_user(client) == user


@pytest.mark.django_db
def test_it_signs_up_and_returns_to_next(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "carol", "email": "carol@example.com", "password": PASSWORD, "next": "/series/"},
    )
    assert response["Location"] == "/series/"


@pytest.mark.django_db
def test_it_refuses_a_taken_username(client, fan):
    response = client.post("/accounts/signup/", {"username": "ALICE", "email": "new@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "That username is taken." in response.content.decode()
    assert User.objects.filter(username__iexact="alice").count() == 1
    assert not signed_in_user(client).is_authenticated


@pytest.mark.django_db
def test_it_refuses_a_weak_password(client, db):
    response = client.post("/accounts/signup/", {"username": "carol", "email": "c@example.com", "password": "password"})
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(username="carol").exists()


@pytest.mark.django_db
def test_it_refuses_a_bad_username(client, db):
    response = client.post("/accounts/signup/", {"username": "a b", "email": "c@example.com", "password": PASSWORD})
    assert "Use only letters, digits" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_shows_the_sign_in_page(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Sign in · Theorycraft</title>" in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_it_signs_in_with_the_form(client, fan):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD, "next": "/series/"})
    assert response["Location"] == "/series/"
    assert signed_in_user(client) == fan


@pytest.mark.django_db
def test_it_refuses_a_wrong_password(client, fan):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong-password"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_sign_out_by_get(client_as, fan):
    client = client_as(fan)
    assert client.get("/accounts/logout/").status_code == 405
    assert signed_in_user(client) == fan


@pytest.mark.django_db
def test_it_signs_out_by_post(client_as, fan):
    client = client_as(fan)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not signed_in_user(client).is_authenticated


@pytest.mark.django_db
def test_it_shows_the_signed_in_state_in_the_header(client_as, fan, series):
    html = client_as(fan).get("/series/").content.decode()
    assert 'href="/users/alice/"' in html
    assert 'action="/accounts/logout/"' in html
    assert "Sign up" not in html


@pytest.mark.django_db
def test_it_shows_sign_in_links_to_visitors(client, series):
    html = client.get("/series/").content.decode()
    assert 'href="/accounts/login/?next=/series/"' in html
    assert 'href="/accounts/signup/"' in html


@pytest.mark.django_db
def test_it_shows_a_profile_with_role_and_theories(client, fan, series, tags):
    TheoryFactory(series=series, tags=[tags[0]], author=fan, title="On-jo's father knew early")
    response = client.get("/users/alice/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="role role--fan">Fan</span>' in html
    assert "Joined" in html
    assert "On-jo&#x27;s father knew early" in html


@pytest.mark.django_db
def test_it_shows_the_moderator_role(client, moderator):
    assert '<span class="role role--moderator">Moderator</span>' in client.get("/users/mona/").content.decode()


@pytest.mark.django_db
def test_it_shows_the_writer_role(client, writer):
    assert '<span class="role role--writer">Writer</span>' in client.get("/users/wren/").content.decode()


@pytest.mark.django_db
def test_it_redirects_to_the_canonical_username(client, fan):
    response = client.get("/users/ALICE/")
    assert response.status_code == 302 and response["Location"] == "/users/alice/"


@pytest.mark.django_db
def test_it_returns_404_for_an_unknown_user(client, db):
    assert client.get("/users/nobody/").status_code == 404


@pytest.mark.django_db
def test_it_pages_a_profile_with_htmx_load_more(client, fan, series, tags):
    for number in range(22):
        TheoryFactory(series=series, tags=[tags[0]], author=fan, title=f"Alice theory number {number}")
    cursor = client.get("/users/alice/").context["page"].next_cursor
    response = client.get("/users/alice/", {"cursor": cursor}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert html.count('class="theory-card"') == 2
