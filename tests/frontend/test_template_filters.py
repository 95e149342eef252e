from datetime import timedelta

from django.utils import timezone

from frontend.templatetags.site import ago, avatar_tone, excerpt
from theories.markdown import render_markdown


def test_it_says_just_now_for_the_last_minute():
    assert ago(timezone.now() - timedelta(seconds=20)) == "just now"


def test_it_says_how_long_ago_in_one_unit():
    assert ago(timezone.now() - timedelta(hours=3, minutes=20)) == "3\xa0hours ago"


def test_it_gives_the_date_after_a_year():
    moment = timezone.now() - timedelta(days=400)
    assert ago(moment) == moment.strftime("%b %-d, %Y")


def test_it_makes_plain_text_excerpts_without_running_blocks_together():
    html = render_markdown("She *knew*.\n\n> Fear feeds it\n\nThen & now.")
    assert excerpt(html) == "She knew. Fear feeds it — Then & now."


def test_it_cuts_long_excerpts_at_a_word():
    assert excerpt(render_markdown("zombie " * 80), 30) == "zombie zombie zombie zombie…"


def test_it_gives_each_username_a_stable_tone():
    assert avatar_tone("alice") == avatar_tone("alice")
    assert 0 <= avatar_tone("bob") < 8
