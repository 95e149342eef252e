import re

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from theories.markdown import render_markdown
from theories.models import Comment, Theory


def url(theory):
    return f"/theories/{theory.pk}/"


def comment(*, theory, author, body, parent=None, is_deleted=False):
    return Comment.objects.create(
        theory=theory, author=author, parent=parent, body=body, body_html=render_markdown(body), is_deleted=is_deleted
    )


@pytest.mark.django_db
def test_it_shows_the_full_theory(client, theory):
    response = client.get(url(theory))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="theory__title" id="theory-title">Nam-ra is the key to a cure</h1>' in html
    assert "<strong>Fear</strong> feeds the virus." in html
    assert "Nam On-jo" in html and "Ch. 7" in html
    assert "bob" in html
    assert f'data-theory-id="{theory.pk}" data-score' in html
    assert f'data-live-theory="{theory.pk}"' in html


@pytest.mark.django_db
def test_it_renders_the_sanitized_html_not_the_raw_body(client, series, tags, fan):
    from theories.services import theory_create

    theory = theory_create(
        author=fan,
        series=series,
        title="A theory with a trap",
        body="<script>alert(1)</script> hi",
        tag_slugs=["nam-on-jo"],
    )
    html = client.get(url(theory)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_it_answers_410_for_a_deleted_theory(client, theory):
    Theory.objects.filter(pk=theory.pk).update(is_deleted=True)
    response = client.get(url(theory))
    assert response.status_code == 410
    assert "This theory was deleted." in response.content.decode()


@pytest.mark.django_db
def test_it_returns_404_for_an_unknown_theory(client, db):
    assert client.get("/theories/999999/").status_code == 404


@pytest.mark.django_db
def test_it_nests_replies_under_their_parent(client, theory, fan, other_fan):
    top = comment(theory=theory, author=fan, body="Top-level doubt")
    reply = comment(theory=theory, author=other_fan, body="A reply to the doubt", parent=top)
    comment(theory=theory, author=fan, body="A second thread")
    html = client.get(f"{url(theory)}?sort=old").content.decode()
    top_item = re.search(rf'<li class="comment" id="comment-{top.pk}">(.*?)</li>\s*</ol>\s*</li>', html, re.S)
    assert top_item is not None
    assert f'id="comment-{reply.pk}"' in top_item.group(1)
    assert "A second thread" not in top_item.group(1)
    assert html.index("Top-level doubt") < html.index("A reply to the doubt") < html.index("A second thread")


@pytest.mark.django_db
def test_it_keeps_a_deleted_comment_with_replies_as_a_placeholder(client, theory, fan, other_fan):
    top = comment(theory=theory, author=fan, body="Secret words", is_deleted=True)
    comment(theory=theory, author=other_fan, body="Still here", parent=top)
    comment(theory=theory, author=fan, body="Gone for good", is_deleted=True)
    html = client.get(url(theory)).content.decode()
    assert "Comment deleted." in html and "Still here" in html
    assert "Secret words" not in html and "Gone for good" not in html


@pytest.mark.django_db
def test_it_reads_comments_in_a_fixed_number_of_queries(client, django_assert_max_num_queries, theory, fan):
    parent = comment(theory=theory, author=fan, body="Root")
    # The theory with its three prefetches; the thread's roots, its tree (one recursive query) and its comments.
    with django_assert_max_num_queries(7) as few:
        client.get(url(theory))
    for number in range(10):
        parent = comment(theory=theory, author=UserFactory(), body=f"Reply {number}", parent=parent)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url(theory)).content.decode()
    # Six levels are drawn (the root and replies 0–4); the rest is behind "Continue this thread".
    assert "Reply 4" in html and "Reply 5" not in html and "Continue this thread" in html


@pytest.mark.django_db
def test_it_shows_the_active_ruling_with_its_news(client, theory, moderator):
    from moderation.models import OfficialNews, Ruling

    news = OfficialNews.objects.create(
        series=theory.series,
        title="Season 2 confirmed by Netflix",
        url="https://example.com/news",
        publisher="Netflix",
        published_at=timezone.now(),
        created_by=moderator,
    )
    Ruling.objects.create(theory=theory, news=news, verdict="confirmed", note="Official.", moderator=moderator)
    Theory.objects.filter(pk=theory.pk).update(status="confirmed")
    html = client.get(url(theory)).content.decode()
    assert "Confirmed by official news." in html
    assert 'href="https://example.com/news"' in html and "Season 2 confirmed by Netflix" in html
    assert "Official." in html


@pytest.mark.django_db
def test_it_hides_a_hidden_theory_from_everyone_but_its_author(client, client_as, theory, other_fan):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True, hidden_reason="Spam")
    assert client.get(url(theory)).status_code == 404
    html = client_as(other_fan).get(url(theory)).content.decode()
    assert "Hidden by the moderators." in html and "Spam" in html


@pytest.mark.django_db
def test_it_keeps_a_hidden_comment_with_replies_as_a_placeholder(client, theory, fan, other_fan):
    top = comment(theory=theory, author=fan, body="Rude words")
    Comment.objects.filter(pk=top.pk).update(is_hidden=True)
    comment(theory=theory, author=other_fan, body="Calm reply", parent=top)
    html = client.get(url(theory)).content.decode()
    assert "Comment hidden by the moderators." in html and "Calm reply" in html
    assert "Rude words" not in html
