"""Comments, theory edits and history, deletion, tag pages and the tag picker."""

import re

import pytest

from tests.factories import CommentFactory, TheoryFactory, UserFactory
from tests.frontend.conftest import htmx_headers, inline_code
from theories.models import Comment, Theory, TheoryRevision
from theories.services import comment_create, theory_update
from voting.models import CommentVote


def url(theory):
    return f"/theories/{theory.pk}/"


# --- posting comments -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_posts_a_comment_and_bumps_the_comment_count(client_as, theory, fan):
    response = client_as(fan).post(f"{url(theory)}comments/", {"body": "But the **bite** came first."})
    comment = Comment.objects.get(theory=theory)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.author == fan and comment.parent is None
    assert Theory.objects.get(pk=theory.pk).comment_count == 1
    html = client_as(fan).get(url(theory)).content.decode()
    assert "<strong>bite</strong> came first." in html and "1 comment" in html


@pytest.mark.django_db
def test_it_puts_a_reply_under_its_parent(client_as, theory, fan, other_fan):
    top = CommentFactory(theory=theory, author=other_fan, body="Top doubt")
    client_as(fan).post(f"{url(theory)}comments/", {"body": "A reply", "parent": str(top.pk)})
    reply = Comment.objects.get(body="A reply")
    assert reply.parent == top
    html = client_as(fan).get(url(theory)).content.decode()
    item = re.search(rf'<li class="comment" id="comment-{top.pk}">(.*)</li>', html, re.S)
    assert f'id="comment-{reply.pk}"' in item.group(1)


@pytest.mark.django_db
def test_it_shows_the_error_of_an_empty_comment_and_writes_nothing(client_as, theory, fan):
    response = client_as(fan).post(f"{url(theory)}comments/", {"body": "   "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Write something before posting." in html
    assert f'name="next" value="/theories/{theory.pk}/"' in html
    assert not Comment.objects.exists()
    assert Theory.objects.get(pk=theory.pk).comment_count == 0


@pytest.mark.django_db
def test_it_shows_the_error_of_an_empty_reply_next_to_its_form(client_as, theory, fan, other_fan):
    top = CommentFactory(theory=theory, author=other_fan)
    response = client_as(fan).post(f"{url(theory)}comments/", {"body": "", "parent": str(top.pk)})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="reply-{top.pk}-errors"' in html and "Write something before posting." in html
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_a_comment_over_the_length_limit(client_as, theory, fan):
    response = client_as(fan).post(f"{url(theory)}comments/", {"body": "x" * 10001})
    assert response.status_code == 400 and "at most 10000 characters" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_it_sends_a_visitor_who_comments_to_sign_in(client, theory):
    response = client.post(f"{url(theory)}comments/", {"body": "Hi"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_it_rate_limits_comments(client_as, theory, fan, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "1/d"}  # a fixed window: a day rarely turns mid-test
    client = client_as(fan)
    client.post(f"{url(theory)}comments/", {"body": "One"})
    response = client.post(f"{url(theory)}comments/", {"body": "Two"})
    assert response.status_code == 400 and "Slow down" in response.content.decode()
    assert Comment.objects.count() == 1


# --- reading the thread --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_sorts_comments_best_new_and_old(client, theory, fan, other_fan):
    first = CommentFactory(theory=theory, author=fan, body="Older comment")
    second = CommentFactory(theory=theory, author=fan, body="Newer comment")
    Comment.objects.filter(pk=first.pk).update(confidence=0.9, upvotes=3, score=3)
    old = client.get(f"{url(theory)}?sort=old").content.decode()
    new = client.get(f"{url(theory)}?sort=new").content.decode()
    best = client.get(url(theory)).content.decode()
    assert old.index("Older comment") < old.index("Newer comment")
    assert new.index("Newer comment") < new.index("Older comment")
    assert best.index("Older comment") < best.index("Newer comment")
    assert second.pk  # both shown


@pytest.mark.django_db
def test_it_links_deep_threads_to_a_page_of_their_own(client, theory, fan):
    parent = None
    chain = []
    for number in range(8):
        parent = CommentFactory(theory=theory, author=fan, parent=parent, body=f"Level {number}")
        chain.append(parent)
    html = client.get(url(theory)).content.decode()
    assert "Level 5" in html and "Level 6" not in html
    assert f'href="/comments/{chain[5].pk}/">Continue this thread' in html
    sub = client.get(f"/comments/{chain[5].pk}/")
    assert sub.status_code == 200
    assert "Level 6" in sub.content.decode() and "Level 7" in sub.content.decode()


@pytest.mark.django_db
def test_it_keeps_the_query_count_flat_as_comments_grow(client_as, django_assert_max_num_queries, theory, fan):
    client = client_as(fan)
    for number in range(5):
        CommentFactory(theory=theory, author=UserFactory(), body=f"Comment {number}")
    with django_assert_max_num_queries(20) as few:
        assert client.get(url(theory)).status_code == 200
    top = Comment.objects.first()
    for number in range(20):
        CommentFactory(theory=theory, author=UserFactory(), body=f"More {number}", parent=top if number % 2 else None)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert "More 19" in client.get(url(theory)).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


# --- comment votes, edits and deletes ------------------------------------------------------------


@pytest.mark.django_db
def test_it_votes_on_a_comment_and_takes_the_vote_back(client_as, theory, fan, other_fan):
    comment = CommentFactory(theory=theory, author=other_fan)
    client = client_as(fan)
    response = client.post(f"/comments/{comment.pk}/vote/", {"value": "1"}, headers=htmx_headers())
    assert response.status_code == 200 and "vote--up" in response.content.decode()
    assert CommentVote.objects.get(comment=comment, user=fan).value == 1
    assert Comment.objects.get(pk=comment.pk).upvotes == 1
    client.post(f"/comments/{comment.pk}/vote/", {"value": "1"})
    assert not CommentVote.objects.exists()
    assert Comment.objects.get(pk=comment.pk).score == 0


@pytest.mark.django_db
def test_it_refuses_a_vote_on_ones_own_comment(client_as, theory, fan):
    comment = CommentFactory(theory=theory, author=fan)
    response = client_as(fan).post(f"/comments/{comment.pk}/vote/", {"value": "1"}, headers=htmx_headers())
    assert 'role="alert"' in response.content.decode()
    assert not CommentVote.objects.exists()


@pytest.mark.django_db
def test_it_lets_the_author_edit_a_comment(client_as, theory, fan):
    comment = CommentFactory(theory=theory, author=fan, body="Frist")
    client = client_as(fan)
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 200
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "First, *fixed*"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First, *fixed*" and comment.edited_at is not None
    assert "<em>fixed</em>" in comment.body_html


@pytest.mark.django_db
def test_it_lets_the_author_delete_a_comment(client_as, theory, fan):
    client = client_as(fan)
    client.post(f"{url(theory)}comments/", {"body": "Regrettable"})
    comment = Comment.objects.get()
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 302
    comment.refresh_from_db()
    assert comment.is_deleted
    assert Theory.objects.get(pk=theory.pk).comment_count == 0
    assert "Regrettable" not in client.get(url(theory)).content.decode()


@pytest.mark.django_db
def test_it_refuses_another_fan_editing_or_deleting_a_comment(client_as, theory, fan, other_fan):
    comment = CommentFactory(theory=theory, author=fan, body="Mine")
    client = client_as(other_fan)
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "Yours now"}).status_code == 403
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine" and not comment.is_deleted


@pytest.mark.django_db
def test_it_lets_a_moderator_delete_a_comment(client_as, theory, fan, moderator):
    comment = comment_create(author=fan, theory=theory, body="Rude")
    assert client_as(moderator).post(f"/comments/{comment.pk}/delete/").status_code == 302
    assert Comment.objects.get(pk=comment.pk).is_deleted


@pytest.mark.django_db
def test_it_shows_a_deleted_parent_as_a_placeholder(client, theory, fan, other_fan):
    top = CommentFactory(theory=theory, author=fan, body="Secret words", is_deleted=True)
    CommentFactory(theory=theory, author=other_fan, body="Still here", parent=top)
    html = client.get(url(theory)).content.decode()
    assert "[deleted]" in html and "Still here" in html and "Secret words" not in html


# --- theory edits, history and deletion ----------------------------------------------------------


@pytest.mark.django_db
def test_it_edits_a_theory_and_keeps_a_revision(client_as, theory, other_fan):
    client = client_as(other_fan)
    page = client.get(f"{url(theory)}edit/")
    assert page.status_code == 200 and "Nam-ra is the key to a cure" in page.content.decode()
    response = client.post(
        f"{url(theory)}edit/",
        {
            "series": theory.series.slug,
            "title": "Nam-ra is the cure itself",
            "body": "Her blood.",
            "tags": ["nam-on-jo"],
            "chapters": "3",
        },
    )
    assert response.status_code == 302
    theory.refresh_from_db()
    assert theory.title == "Nam-ra is the cure itself" and theory.edited_at is not None
    revision = TheoryRevision.objects.get(theory=theory)
    assert revision.title == "Nam-ra is the key to a cure" and revision.editor == other_fan
    html = client.get(url(theory)).content.decode()
    assert f'href="/theories/{theory.pk}/history/"' in html and ">edited</a>" in html


@pytest.mark.django_db
def test_it_shows_the_errors_of_an_invalid_edit_and_changes_nothing(client_as, theory, other_fan):
    data = {"series": theory.series.slug, "title": "Hm", "body": "x", "tags": ["nam-on-jo"], "chapters": ""}
    response = client_as(other_fan).post(f"{url(theory)}edit/", data)
    assert response.status_code == 400
    assert not TheoryRevision.objects.exists()
    assert Theory.objects.get(pk=theory.pk).title == "Nam-ra is the key to a cure"


@pytest.mark.django_db
def test_it_refuses_editing_someone_elses_theory(client_as, theory, fan):
    assert client_as(fan).get(f"{url(theory)}edit/").status_code == 403
    data = {"series": theory.series.slug, "title": "Hijacked title", "body": "x", "tags": ["nam-on-jo"]}
    assert client_as(fan).post(f"{url(theory)}edit/", data).status_code == 403
    assert not TheoryRevision.objects.exists()


@pytest.mark.django_db
def test_it_lets_a_moderator_edit_a_theory(client_as, theory, moderator):
    data = {"series": theory.series.slug, "title": "A moderated title", "body": "x", "tags": ["nam-on-jo"]}
    assert client_as(moderator).post(f"{url(theory)}edit/", data).status_code == 302
    assert TheoryRevision.objects.get(theory=theory).editor == moderator


@pytest.mark.django_db
def test_it_lists_revisions_on_the_history_page(client, theory, other_fan):
    theory_update(editor=other_fan, theory_id=theory.pk, title="A sharper title", body="New body")
    html = client.get(f"{url(theory)}history/").content.decode()
    assert "A sharper title" in html  # the current version
    assert "Nam-ra is the key to a cure" in html and "<strong>Fear</strong> feeds the virus." in html
    assert "Replaced by" in html and "bob" in html


@pytest.mark.django_db
def test_it_deletes_a_theory_after_confirmation_and_answers_410(client_as, client, theory, other_fan):
    author = client_as(other_fan)
    confirm = author.get(f"{url(theory)}delete/")
    assert confirm.status_code == 200 and "Yes, delete it" in confirm.content.decode()
    assert not Theory.objects.get(pk=theory.pk).is_deleted
    assert author.post(f"{url(theory)}delete/").status_code == 302
    assert Theory.objects.get(pk=theory.pk).is_deleted
    gone = client.get(url(theory))
    assert gone.status_code == 410 and "This theory was deleted." in gone.content.decode()


@pytest.mark.django_db
def test_it_refuses_deleting_someone_elses_theory(client_as, theory, fan):
    assert client_as(fan).post(f"{url(theory)}delete/").status_code == 403
    assert not Theory.objects.get(pk=theory.pk).is_deleted


# --- tags ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_the_theories_of_a_tag(client, series, tags, fan, theory):
    tags[0].description = "The class president."
    tags[0].aliases = ["Onjo", "남온조"]
    tags[0].save()
    TheoryFactory(series=series, author=fan, tags=[tags[2]], title="Half-zombies age slower")
    response = client.get(f"/series/{series.slug}/tags/{tags[0].slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The class president." in html and "남온조" in html and "Onjo" in html
    assert "Nam-ra is the key to a cure" in html and "Half-zombies age slower" not in html


@pytest.mark.django_db
def test_it_offers_to_follow_a_tag(client_as, series, tags, fan):
    html = client_as(fan).get(f"/series/{series.slug}/tags/{tags[0].slug}/").content.decode()
    assert 'name="target_type" value="tag"' in html and f'name="target_id" value="{tags[0].pk}"' in html


@pytest.mark.django_db
def test_it_answers_404_for_an_unknown_tag(client, series):
    assert client.get(f"/series/{series.slug}/tags/nobody/").status_code == 404


@pytest.mark.django_db
def test_it_narrows_the_tag_picker_by_name_or_alias_keeping_ticked_tags(client_as, series, tags, fan):
    tags[1].aliases = ["Namra"]
    tags[1].save()
    client = client_as(fan)
    html = client.get(f"/series/{series.slug}/tag-options/?q=namr&tags=half-zombies").content.decode()
    assert 'value="choi-nam-ra"' in html and 'value="half-zombies"' in html
    assert 'value="nam-on-jo"' not in html
    assert re.search(r'value="half-zombies"[^>]*checked', html)
    everything = client.get(f"/series/{series.slug}/tag-options/").content.decode()
    assert all(f'value="{tag.slug}"' in everything for tag in tags)


@pytest.mark.django_db
def test_it_offers_only_the_series_tags_in_the_theory_form(client_as, series, tags, fan):
    from tests.factories import SeriesFactory, TagFactory

    other = SeriesFactory(slug="other-show")
    TagFactory(series=other, name="Stranger", slug="stranger")
    html = client_as(fan).get(f"/theories/new/?series={series.slug}").content.decode()
    assert 'value="nam-on-jo"' in html and 'value="stranger"' not in html
    assert 'hx-get="/series/all-of-us-are-dead/tag-options/"' in html


# --- page hygiene --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/theories/{theory}/",
        "/theories/{theory}/edit/",
        "/theories/{theory}/delete/",
        "/theories/{theory}/history/",
        "/comments/{comment}/",
        "/comments/{comment}/edit/",
        "/series/all-of-us-are-dead/tags/nam-on-jo/",
        "/search/?q=cure",
        "/search/",
    ],
)
def test_it_has_no_inline_script_or_style_on_the_discussion_pages(client_as, theory, other_fan, path):
    comment = CommentFactory(theory=theory, author=other_fan)
    html = client_as(other_fan).get(path.format(theory=theory.pk, comment=comment.pk)).content.decode()
    found = inline_code(html)
    assert found.inline_scripts == 0 and found.style_elements == 0
    assert found.style_attributes == [] and found.event_handlers == []
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S)
    assert all('name="csrfmiddlewaretoken"' in form for form in forms)
