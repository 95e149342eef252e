"""Moderation pages: official news, rulings from the theory and news pages, flags, the queue, audit, suspensions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from moderation import services as moderation_services
from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension
from tests.factories import CommentFactory, FlagFactory, OfficialNewsFactory, TheoryFactory, UserFactory
from tests.frontend.conftest import htmx_headers, inline_code
from theories.models import Theory

MODERATOR_PAGES = ["/news/new/", "/moderation/queue/", "/moderation/audit/", "/moderation/suspensions/"]


@pytest.fixture
def news(series, tags, moderator):
    return OfficialNewsFactory(
        series=series,
        title="Season 2 confirmed: Nam-ra returns",
        url="https://about.netflix.com/en/news/season-2",
        summary="The director says Choi Nam-ra survives and leads the half-zombies.",
        created_by=moderator,
        tags=[tags[1]],
    )


def rule(*, theory, news, moderator, verdict="contradicted", note="The finale shows otherwise."):
    return moderation_services.ruling_create(
        moderator=moderator, theory_id=theory.pk, news_id=news.pk, verdict=verdict, note=note
    )


# --- who may open what -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", MODERATOR_PAGES)
def test_it_opens_moderator_pages_for_moderators(client_as, moderator, series, path):
    response = client_as(moderator).get(path)
    assert response.status_code == 200
    assert 'href="/moderation/queue/"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", MODERATOR_PAGES)
def test_it_refuses_moderator_pages_to_fans_and_writers(client_as, fan, writer, series, path):
    for person in (fan, writer):
        response = client_as(person).get(path)
        assert response.status_code == 403
        assert "This page is for moderators." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", MODERATOR_PAGES)
def test_it_sends_visitors_to_sign_in_from_moderator_pages(client, series, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
def test_it_shows_the_moderation_link_to_moderators_only(client_as, client, moderator, fan, series):
    assert 'href="/moderation/queue/"' in client_as(moderator).get("/series/").content.decode()
    assert 'href="/moderation/queue/"' not in client_as(fan).get("/series/").content.decode()
    assert 'href="/moderation/queue/"' not in client.get("/series/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/news/",
        "/news/{news}/",
        "/news/new/",
        "/moderation/queue/",
        "/moderation/audit/",
        "/moderation/suspensions/",
        "/theories/{theory}/",
    ],
)
def test_it_keeps_moderation_pages_free_of_inline_code_and_forms_csrf_protected(
    client_as, moderator, news, theory, path
):
    FlagFactory(target_type="theory", target_id=theory.pk)
    moderation_services.suspension_create(moderator=moderator, user=UserFactory(), days=3, reason="Spam")
    html = client_as(moderator).get(path.format(news=news.pk, theory=theory.pk)).content.decode()
    found = inline_code(html)
    assert (found.inline_scripts, found.style_elements, found.style_attributes, found.event_handlers) == (0, 0, [], [])
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S)
    assert forms and all('name="csrfmiddlewaretoken"' in form for form in forms)


# --- official news ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_official_news_per_series(client, news):
    other = OfficialNewsFactory(series__slug="sweet-home", title="Sweet Home season 3 dated")
    everything = client.get("/news/").content.decode()
    assert news.title in everything and other.title in everything
    only_ours = client.get(f"/news/?series={news.series.slug}").content.decode()
    assert news.title in only_ours and other.title not in only_ours


@pytest.mark.django_db
def test_it_shows_a_news_item_with_the_theories_it_ruled(client, news, theory, moderator):
    rule(theory=theory, news=news, moderator=moderator, verdict="confirmed")
    html = client.get(f"/news/{news.pk}/").content.decode()
    assert news.title in html and "Choi Nam-ra survives" in html
    assert 'href="https://about.netflix.com/en/news/season-2" rel="noopener nofollow"' in html
    assert f'href="/theories/{theory.pk}/"' in html
    assert "Theories to review" not in html


@pytest.mark.django_db
def test_it_shows_candidates_with_checkboxes_to_moderators(client_as, moderator, news, theory):
    html = client_as(moderator).get(f"/news/{news.pk}/").content.decode()
    assert "Theories to review" in html
    assert f'name="theories" value="{theory.pk}"' in html
    assert f'action="/news/{news.pk}/rulings/"' in html


@pytest.mark.django_db
def test_it_registers_news_from_the_form(client_as, moderator, series, tags):
    response = client_as(moderator).post(
        f"/news/new/?series={series.slug}",
        {
            "series": series.slug,
            "title": "Netflix confirms season 2",
            "url": "https://about.netflix.com/en/news/aouad-2",
            "publisher": "Netflix",
            "published_at": "2024-06-01T09:30",
            "summary": "Filming starts next year.",
            "tags": ["nam-on-jo"],
        },
    )
    news = OfficialNews.objects.get(title="Netflix confirms season 2")
    assert response.status_code == 302 and response["Location"] == f"/news/{news.pk}/"
    assert news.created_by == moderator and [tag.slug for tag in news.tags.all()] == ["nam-on-jo"]
    assert news.published_at.isoformat() == "2024-06-01T09:30:00+00:00"
    assert AuditEntry.objects.filter(action="news_create", target_id=news.pk, actor=moderator).exists()


@pytest.mark.django_db
def test_it_refuses_a_news_link_that_is_not_a_web_address(client_as, moderator, series):
    response = client_as(moderator).post(
        "/news/new/",
        {
            "series": series.slug,
            "title": "A trap",
            "url": "javascript:alert(1)",
            "publisher": "Nobody",
            "published_at": "2024-06-01T09:30",
        },
    )
    assert response.status_code == 400
    assert not OfficialNews.objects.exists()


@pytest.mark.django_db
def test_it_refuses_to_register_news_for_a_fan(client_as, fan, series):
    response = client_as(fan).post(
        "/news/new/",
        {
            "series": series.slug,
            "title": "Fake",
            "url": "https://example.com",
            "publisher": "Me",
            "published_at": "2024-06-01T09:30",
        },
    )
    assert response.status_code == 403
    assert not OfficialNews.objects.exists()


# --- rulings ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_rules_a_theory_from_its_page(client_as, moderator, news, theory):
    response = client_as(moderator).post(
        f"/theories/{theory.pk}/ruling/",
        {"verdict": "contradicted", "news": news.pk, "note": "Episode 12 shows the opposite."},
    )
    assert response.status_code == 302 and response["Location"] == f"/theories/{theory.pk}/"
    theory.refresh_from_db()
    assert theory.status == "contradicted"
    ruling = Ruling.objects.get(theory=theory, revoked_at__isnull=True)
    assert (ruling.news, ruling.moderator, ruling.note) == (news, moderator, "Episode 12 shows the opposite.")
    entry = AuditEntry.objects.get(action="ruling_create", target_type="theory", target_id=theory.pk)
    assert entry.actor == moderator and entry.after["status"] == "contradicted"


@pytest.mark.django_db
def test_it_shows_the_ruling_form_errors_on_the_theory_page(client_as, moderator, news, theory):
    response = client_as(moderator).post(f"/theories/{theory.pk}/ruling/", {"verdict": "confirmed", "news": news.pk})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_second_ruling_with_the_409_message(client_as, moderator, news, theory):
    rule(theory=theory, news=news, moderator=moderator)
    response = client_as(moderator).post(
        f"/theories/{theory.pk}/ruling/", {"verdict": "confirmed", "news": news.pk, "note": "Again"}, follow=True
    )
    assert response.redirect_chain == [(f"/theories/{theory.pk}/", 302)]
    assert "This theory already has a ruling; revoke it first." in response.content.decode()
    assert Ruling.objects.filter(theory=theory).count() == 1
    theory.refresh_from_db()
    assert theory.status == "contradicted"


@pytest.mark.django_db
def test_it_refuses_ruling_to_a_fan(client_as, fan, news, theory):
    response = client_as(fan).post(f"/theories/{theory.pk}/ruling/", {"verdict": "confirmed", "news": news.pk})
    assert response.status_code == 403
    theory.refresh_from_db()
    assert theory.status == "open" and not Ruling.objects.exists()


@pytest.mark.django_db
def test_it_revokes_a_ruling_from_the_theory_page(client_as, moderator, news, theory):
    rule(theory=theory, news=news, moderator=moderator)
    response = client_as(moderator).post(f"/theories/{theory.pk}/ruling/revoke/", {"reason": "Wrong episode."})
    assert response.status_code == 302
    theory.refresh_from_db()
    assert theory.status == "open"
    assert Ruling.objects.get(theory=theory).revoke_reason == "Wrong episode."
    assert AuditEntry.objects.filter(action="ruling_revoke", target_id=theory.pk, reason="Wrong episode.").exists()


@pytest.mark.django_db
def test_it_shows_moderator_controls_to_moderators_only(client_as, moderator, fan, news, theory):
    html = client_as(moderator).get(f"/theories/{theory.pk}/").content.decode()
    assert f'action="/theories/{theory.pk}/ruling/"' in html and f'<option value="{news.pk}">' in html
    assert "/ruling/" not in client_as(fan).get(f"/theories/{theory.pk}/").content.decode()
    rule(theory=theory, news=news, moderator=moderator)
    html = client_as(moderator).get(f"/theories/{theory.pk}/").content.decode()
    assert f'action="/theories/{theory.pk}/ruling/revoke/"' in html
    assert f'action="/theories/{theory.pk}/ruling/"' not in html


@pytest.mark.django_db
def test_it_rules_ticked_candidates_in_bulk(client_as, moderator, news, series, tags, fan):
    first = TheoryFactory(series=series, tags=[tags[1]], author=fan, title="Nam-ra leads the half-zombies")
    second = TheoryFactory(series=series, tags=[tags[1]], author=fan, title="Nam-ra survives")
    response = client_as(moderator).post(
        f"/news/{news.pk}/rulings/",
        {"theories": [first.pk, second.pk], "verdict": "confirmed", "note": "The director said so."},
    )
    assert response.status_code == 302 and response["Location"] == f"/news/{news.pk}/"
    assert set(Theory.objects.filter(status="confirmed").values_list("pk", flat=True)) == {first.pk, second.pk}
    assert set(Ruling.objects.filter(news=news).values_list("theory_id", flat=True)) == {first.pk, second.pk}
    assert AuditEntry.objects.filter(action="ruling_create").count() == 2


@pytest.mark.django_db
def test_it_rules_nothing_in_bulk_when_a_ticked_theory_was_ruled_meanwhile(client_as, moderator, news, series, tags):
    first = TheoryFactory(series=series, tags=[tags[1]], title="Nam-ra leads the half-zombies")
    second = TheoryFactory(series=series, tags=[tags[1]], title="Nam-ra survives")
    client = client_as(moderator)
    client.get(f"/news/{news.pk}/")  # the moderator opens the page; another one rules `first` meanwhile
    rule(theory=first, news=news, moderator=UserFactory(groups=["moderators"]))
    response = client.post(
        f"/news/{news.pk}/rulings/", {"theories": [first.pk, second.pk], "verdict": "confirmed", "note": "Yes."}
    )
    assert response.status_code in (400, 409)
    second.refresh_from_db()
    assert second.status == "open" and not Ruling.objects.filter(theory=second).exists()


@pytest.mark.django_db
def test_it_asks_for_at_least_one_ticked_theory(client_as, moderator, news, theory):
    response = client_as(moderator).post(f"/news/{news.pk}/rulings/", {"verdict": "confirmed", "note": "Yes."})
    assert response.status_code == 400
    assert "Tick at least one theory." in response.content.decode()
    assert not Ruling.objects.exists()


# --- ruling banners --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_ruling_banner_on_the_theory_page(client, news, theory, moderator):
    rule(theory=theory, news=news, moderator=moderator, note="Episode 12 shows the opposite.")
    html = client.get(f"/theories/{theory.pk}/").content.decode()
    assert "Contradicted by official news." in html
    assert f'<a class="ruling__title" href="/news/{news.pk}/">{news.title}</a>' in html
    assert f'href="{news.url}" rel="noopener nofollow"' in html
    assert "Netflix" in html and "Episode 12 shows the opposite." in html
    assert 'Ruled by <a href="/users/mona/">mona</a>' in html
    assert f'data-ruling-slot data-theory-id="{theory.pk}"' in html


@pytest.mark.django_db
def test_it_shows_the_banner_and_badge_on_theory_cards(client, news, theory, moderator):
    rule(theory=theory, news=news, moderator=moderator, verdict="confirmed", note="Called it.")
    html = client.get(f"/series/{theory.series.slug}/?sort=new").content.decode()
    card = html[html.index(f'id="theory-{theory.pk}"') :]
    assert '<span class="status status--confirmed">Confirmed</span>' in card
    assert "ruling--compact" in card and "Confirmed by official news." in card
    assert f'href="/news/{news.pk}/"' in card and "Called it." in card


@pytest.mark.django_db
def test_it_keeps_the_series_page_queries_flat_with_rulings(client, django_assert_max_num_queries, news, series, tags):
    moderator = news.created_by
    theories = [TheoryFactory(series=series, tags=[tags[0]]) for _ in range(3)]
    for theory in theories:
        rule(theory=theory, news=news, moderator=moderator, verdict="confirmed")
    with django_assert_max_num_queries(10) as few:
        client.get(f"/series/{series.slug}/")
    for theory in [TheoryFactory(series=series, tags=[tags[0]]) for _ in range(5)]:
        rule(theory=theory, news=news, moderator=moderator, verdict="confirmed")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/series/{series.slug}/").status_code == 200


# --- flags -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_flags_a_theory_from_its_page(client_as, fan, theory):
    back = f"/theories/{theory.pk}/"
    response = client_as(fan).post(
        "/flags/", {"target_type": "theory", "target_id": theory.pk, "reason": "spam", "next": back}, follow=True
    )
    assert response.redirect_chain[-1][0] == back
    assert "Thanks — the moderators will review this theory." in response.content.decode()
    flag = Flag.objects.get()
    assert (flag.reporter, flag.target_type, flag.target_id, flag.reason) == (fan, "theory", theory.pk, "spam")


@pytest.mark.django_db
def test_it_shows_the_409_message_for_a_second_flag_and_adds_nothing(client_as, fan, theory):
    client = client_as(fan)
    data = {"target_type": "theory", "target_id": theory.pk, "reason": "spam", "next": f"/theories/{theory.pk}/"}
    client.post("/flags/", data)
    response = client.post("/flags/", {**data, "reason": "harassment"}, follow=True)
    assert "You have already flagged this theory." in response.content.decode()
    assert Flag.objects.count() == 1


@pytest.mark.django_db
def test_it_answers_htmx_flags_with_the_result_in_place(client_as, fan, theory):
    client = client_as(fan)
    data = {"target_type": "theory", "target_id": theory.pk, "reason": "off_topic"}
    first = client.post("/flags/", data, headers=htmx_headers()).content.decode()
    assert 'class="flag flag--done"' in first and "Thanks" in first
    second = client.post("/flags/", data, headers=htmx_headers()).content.decode()
    assert "You have already flagged this theory." in second
    assert Flag.objects.count() == 1


@pytest.mark.django_db
def test_it_asks_for_details_when_the_reason_is_other(client_as, fan, theory):
    data = {"target_type": "theory", "target_id": theory.pk, "reason": "other", "text": " "}
    html = client_as(fan).post("/flags/", data, headers=htmx_headers()).content.decode()
    assert "Say what is wrong when the reason is other." in html and "<details" in html
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_shows_the_400_message_for_flagging_your_own_theory(client_as, other_fan, theory):
    data = {"target_type": "theory", "target_id": theory.pk, "reason": "spam", "next": f"/theories/{theory.pk}/"}
    response = client_as(other_fan).post("/flags/", data, follow=True)
    assert "You cannot flag your own theory." in response.content.decode()
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_it_flags_a_comment(client_as, fan, theory, other_fan):
    comment = CommentFactory(theory=theory, author=other_fan)
    html = client_as(fan).get(f"/theories/{theory.pk}/").content.decode()
    assert f'id="flag-comment-{comment.pk}-reason"' in html
    client_as(fan).post("/flags/", {"target_type": "comment", "target_id": comment.pk, "reason": "harassment"})
    assert Flag.objects.filter(target_type="comment", target_id=comment.pk, reporter=fan).exists()


@pytest.mark.django_db
def test_it_offers_no_flag_control_to_visitors_or_on_your_own_theory(client, client_as, other_fan, theory):
    assert 'action="/flags/"' not in client.get(f"/theories/{theory.pk}/").content.decode()
    assert 'id="flag-theory-' not in client_as(other_fan).get(f"/theories/{theory.pk}/").content.decode()


@pytest.mark.django_db
def test_it_sends_a_visitor_who_flags_to_sign_in(client, theory):
    response = client.post("/flags/", {"target_type": "theory", "target_id": theory.pk, "reason": "spam"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Flag.objects.exists()


# --- the queue -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_orders_the_queue_like_the_selector(client_as, moderator, series, tags):
    old_single = TheoryFactory(series=series, tags=[tags[0]], title="Flagged once long ago")
    newer_double = TheoryFactory(series=series, tags=[tags[0]], title="Flagged twice lately")
    flag = FlagFactory(target_type="theory", target_id=old_single.pk, reason="spam", text="")
    Flag.objects.filter(pk=flag.pk).update(created_at=timezone.now() - timedelta(days=2))
    FlagFactory(target_type="theory", target_id=newer_double.pk, reason="harassment")
    FlagFactory(target_type="theory", target_id=newer_double.pk, reason="other", text="Insults in the last line")
    html = client_as(moderator).get("/moderation/queue/").content.decode()
    assert html.index("Flagged twice lately") < html.index("Flagged once long ago")
    assert "2 flaggers" in html and "Insults in the last line" in html and "Harassment" in html
    assert f'action="/moderation/queue/theory/{newer_double.pk}/resolve/"' in html


@pytest.mark.django_db
def test_it_hides_an_item_from_the_queue(client_as, moderator, theory):
    FlagFactory(target_type="theory", target_id=theory.pk)
    client = client_as(moderator)
    response = client.post(
        f"/moderation/queue/theory/{theory.pk}/resolve/", {"action": "hide", "reason": "Spam links"}, follow=True
    )
    assert "Hid the theory and closed 1 flag." in response.content.decode()
    theory.refresh_from_db()
    assert theory.is_hidden and theory.hidden_reason == "Spam links"
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert AuditEntry.objects.filter(action="item_hide", target_id=theory.pk).exists()
    assert theory.title not in client.get("/moderation/queue/").content.decode()


@pytest.mark.django_db
def test_it_dismisses_flags_with_htmx(client_as, moderator, theory):
    FlagFactory(target_type="theory", target_id=theory.pk)
    response = client_as(moderator).post(
        f"/moderation/queue/theory/{theory.pk}/resolve/",
        {"action": "dismiss", "reason": "Fine"},
        headers=htmx_headers(),
    )
    assert "Dismissed 1 flag on the theory; it is visible to everyone." in response.content.decode()
    theory.refresh_from_db()
    assert not theory.is_hidden
    assert Flag.objects.get().resolution == "dismissed"


@pytest.mark.django_db
def test_it_hides_and_suspends_the_author(client_as, moderator, theory, other_fan):
    FlagFactory(target_type="theory", target_id=theory.pk)
    client_as(moderator).post(
        f"/moderation/queue/theory/{theory.pk}/resolve/",
        {"action": "hide_and_suspend", "reason": "Harassment", "suspend_days": "3"},
    )
    suspension = Suspension.objects.get(user=other_fan)
    assert suspension.reason == "Harassment"
    assert timedelta(days=2, hours=23) < suspension.ends_at - suspension.starts_at <= timedelta(days=3)


@pytest.mark.django_db
def test_it_keeps_the_item_and_shows_why_when_resolving_fails(client_as, moderator, theory):
    FlagFactory(target_type="theory", target_id=theory.pk)
    response = client_as(moderator).post(
        f"/moderation/queue/theory/{theory.pk}/resolve/", {"action": "hide", "reason": ""}, headers=htmx_headers()
    )
    assert response["HX-Retarget"] == f"#resolve-error-theory-{theory.pk}"
    assert "This field is required." in response.content.decode()
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_it_refuses_resolving_to_a_fan(client_as, fan, theory):
    FlagFactory(target_type="theory", target_id=theory.pk)
    response = client_as(fan).post(
        f"/moderation/queue/theory/{theory.pk}/resolve/", {"action": "hide", "reason": "Because"}
    )
    assert response.status_code == 403
    theory.refresh_from_db()
    assert not theory.is_hidden and Flag.objects.filter(resolved_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_it_lets_moderators_read_and_restore_a_hidden_theory(client_as, moderator, theory):
    Theory.objects.filter(pk=theory.pk).update(is_hidden=True, hidden_reason="Spam")
    client = client_as(moderator)
    html = client.get(f"/theories/{theory.pk}/").content.decode()
    assert "Only moderators and its author can see this theory: Spam" in html
    client.post(f"/theories/{theory.pk}/restore/", {"reason": "Not spam after all"})
    theory.refresh_from_db()
    assert not theory.is_hidden
    assert AuditEntry.objects.filter(action="item_restore", target_id=theory.pk).exists()


# --- audit log and suspensions ---------------------------------------------------------------------


@pytest.mark.django_db
def test_it_filters_the_audit_log_by_action_and_actor(client_as, moderator, news, theory):
    rule(theory=theory, news=news, moderator=moderator)
    client = client_as(moderator)
    everything = client.get("/moderation/audit/").content.decode()
    assert "Theory ruled" in everything and "Official news registered" in everything
    rulings = client.get("/moderation/audit/?action=ruling_create").content.decode()
    assert f'href="/theories/{theory.pk}/"' in rulings
    assert '<span class="audit-action audit-action--news_create">' not in rulings
    nobody = client.get("/moderation/audit/?actor=someone-else").content.decode()
    assert "No entries match this filter." in nobody


@pytest.mark.django_db
def test_it_lists_and_lifts_suspensions(client_as, moderator, suspended_fan):
    client = client_as(moderator)
    html = client.get("/moderation/suspensions/").content.decode()
    suspension = Suspension.objects.get(user=suspended_fan)
    assert "sam" in html and "Unmarked spoilers for chapter 120." in html
    assert f'action="/moderation/suspensions/{suspension.pk}/lift/"' in html
    client.post(f"/moderation/suspensions/{suspension.pk}/lift/", {"reason": "Appeal accepted"})
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator and suspension.lift_reason == "Appeal accepted"
    assert "No suspension is in force." in client.get("/moderation/suspensions/").content.decode()


@pytest.mark.django_db
def test_it_suspends_someone_from_the_suspensions_page(client_as, moderator, fan):
    client_as(moderator).post("/moderation/suspensions/", {"username": "ALICE", "days": "2", "reason": "Spoilers"})
    assert Suspension.objects.get(user=fan).reason == "Spoilers"


@pytest.mark.django_db
def test_it_refuses_lifting_to_a_fan(client_as, fan, suspended_fan):
    suspension = Suspension.objects.get(user=suspended_fan)
    assert client_as(fan).post(f"/moderation/suspensions/{suspension.pk}/lift/", {"reason": "x"}).status_code == 403
    suspension.refresh_from_db()
    assert suspension.lifted_at is None


# --- suspended readers and track records -----------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_suspension_banner_with_reason_and_end(client_as, suspended_fan, series):
    html = client_as(suspended_fan).get("/series/").content.decode()
    suspension = Suspension.objects.get(user=suspended_fan)
    assert 'class="suspension-banner"' in html
    assert "Unmarked spoilers for chapter 120." in html
    assert f'datetime="{suspension.ends_at.isoformat()}"' in html


@pytest.mark.django_db
def test_it_shows_no_suspension_banner_to_others(client_as, fan, series):
    assert "suspension-banner" not in client_as(fan).get("/series/").content.decode()


@pytest.mark.django_db
def test_it_tells_a_suspended_reader_why_a_flag_and_a_vote_were_refused(client_as, suspended_fan, theory):
    client = client_as(suspended_fan)
    data = {"target_type": "theory", "target_id": theory.pk, "reason": "spam", "next": f"/theories/{theory.pk}/"}
    flagged = client.post("/flags/", data, follow=True).content.decode()
    assert "Your account is suspended, so you can read but not post, vote or flag for now." in flagged
    voted = client.post(f"/theories/{theory.pk}/vote/", {"value": "1"}, headers=htmx_headers()).content.decode()
    assert "Reason: Unmarked spoilers for chapter 120." in voted
    theory.refresh_from_db()
    assert not Flag.objects.exists() and theory.upvotes == 0


@pytest.mark.django_db
def test_it_tells_a_suspended_reader_why_posting_was_refused(client_as, suspended_fan, series, tags):
    response = client_as(suspended_fan).post(
        f"/theories/new/?series={series.slug}",
        {
            "series": series.slug,
            "title": "A theory while suspended",
            "body": "Long enough body.",
            "tags": ["nam-on-jo"],
        },
    )
    html = response.content.decode()
    assert "Your account is suspended, so you can read but not post" in html
    assert not Theory.objects.filter(title="A theory while suspended").exists()


@pytest.mark.django_db
def test_it_shows_the_track_record_on_the_profile(client, news, series, tags, fan, moderator):
    confirmed, contradicted, _ = (TheoryFactory(series=series, tags=[tags[0]], author=fan) for _ in range(3))
    rule(theory=confirmed, news=news, moderator=moderator, verdict="confirmed")
    rule(theory=contradicted, news=news, moderator=moderator, verdict="contradicted")
    html = client.get("/users/alice/").content.decode()
    assert "<dt>Confirmed</dt><dd>1</dd>" in html
    assert "<dt>Contradicted</dt><dd>1</dd>" in html


@pytest.mark.django_db
def test_every_page_that_shows_a_ruled_theory_shows_its_banner(client, news, theory, moderator, other_fan):
    from theories.search import theory_search_update

    theory_search_update(theory_id=theory.pk)
    rule(theory=theory, news=news, moderator=moderator, verdict="confirmed")
    tag = theory.tags.first()
    pages = [
        f"/theories/{theory.pk}/",
        f"/series/{theory.series.slug}/?sort=new",
        f"/series/{theory.series.slug}/tags/{tag.slug}/",
        f"/users/{other_fan.username}/",
        "/search/?q=cure",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'id="theory-{theory.pk}"' in html or f"/theories/{theory.pk}/" in html, path
        assert "Confirmed by official news." in html, path
        assert news.title in html, path
