"""Atom feeds per series: trend snapshots naming the top risers, and new theories. Both parse cleanly."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest

from tests.trends.conftest import AS_OF, START_24H, theory_at
from trends.services import snapshot_compute

pytestmark = pytest.mark.django_db


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return feedparser.parse(response.content)


def test_it_serves_a_trends_feed_that_parses_without_errors(client, snapshot, series):
    feed = _parse(client, f"/feeds/series/{series.slug}/trends.atom")
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"


def test_it_gives_one_trends_entry_per_snapshot_newest_first(client, known_activity, series):
    snapshot_compute(series=series, window="24h", as_of=AS_OF - timedelta(hours=1))
    snapshot_compute(series=series, window="7d", as_of=AS_OF)
    feed = _parse(client, f"/feeds/series/{series.slug}/trends.atom")
    assert [entry.title.split(" to ")[1][:16] for entry in feed.entries] == ["2025-06-10 12:00", "2025-06-10 11:00"]
    assert len({entry.id for entry in feed.entries}) == 2


def test_it_names_the_top_risers_in_each_trends_entry(client, snapshot, series):
    [entry] = _parse(client, f"/feeds/series/{series.slug}/trends.atom").entries
    # Velocities: Nam On-jo 10, Half-zombies 1, Choi Nam-ra 2/3.
    assert entry.title == "Last 24 hours to 2025-06-10 12:00 UTC: Nam On-jo, Half-zombies, Choi Nam-ra"
    assert "Top risers" in entry.summary
    assert entry.link.endswith(f"/api/v1/trends/?series={series.slug}&window=24h&as_of=2025-06-10T12:00:00Z")


def test_it_filters_the_trends_feed_by_window(client, known_activity, series):
    snapshot_compute(series=series, window="24h", as_of=AS_OF)
    snapshot_compute(series=series, window="7d", as_of=AS_OF)
    feed = _parse(client, f"/feeds/series/{series.slug}/trends.atom?window=7d")
    assert [entry.title[:11] for entry in feed.entries] == ["Last 7 days"]


def test_it_answers_404_for_the_trends_feed_of_an_unknown_series(client, db):
    assert client.get("/feeds/series/nope/trends.atom").status_code == 404


def test_it_serves_a_theories_feed_that_parses_without_errors(client, known_activity, series):
    feed = _parse(client, f"/feeds/series/{series.slug}/theories.atom")
    assert feed.bozo == 0, feed.get("bozo_exception")


def test_it_lists_new_theories_newest_first(client, series, tags, people):
    older = theory_at(series=series, author=people["u1"], tags=tags[:1], at=START_24H, title="Older <theory> & co")
    newer = theory_at(series=series, author=people["u2"], tags=tags[1:2], at=START_24H + timedelta(hours=1))
    feed = _parse(client, f"/feeds/series/{series.slug}/theories.atom")
    assert [entry.link.rsplit("/", 2)[-2] for entry in feed.entries] == [str(newer.pk), str(older.pk)]
    assert feed.entries[1].title == "Older <theory> & co"
    assert feed.entries[0].author == "u2"
    assert [tag.term for tag in feed.entries[0].tags] == ["Choi Nam-ra"]


def test_it_leaves_deleted_theories_out_of_the_theories_feed(client, series, tags, people):
    from theories.models import Theory

    gone = theory_at(series=series, author=people["u1"], tags=tags[:1], at=START_24H)
    Theory.objects.filter(pk=gone.pk).update(is_deleted=True)
    assert _parse(client, f"/feeds/series/{series.slug}/theories.atom").entries == []
