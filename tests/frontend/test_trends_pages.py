"""The trends pages: the public ranking and the writers' history, comparison and CSV download.

The hand-built activity of tests/trends (known figures, one busted theory) gives the 24-hour snapshot;
`recent_snapshot` cuts one at the current tick, so the daily rollups behind sparklines and charts hold
figures for the last days.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import TagFactory
from tests.frontend.conftest import inline_code
from tests.trends.conftest import (  # noqa: F401 - fixtures
    comment_at,
    known_activity,
    people,
    snapshot,
    theory_at,
    vote_at,
)
from trends.models import Snapshot
from trends.services import snapshot_compute

PAGE = "/series/all-of-us-are-dead/trends/"
HISTORY = PAGE + "history/"
COMPARE = PAGE + "compare/"
EXPORT = PAGE + "export.csv"


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    """The page's visible text, squeezed, so assertions read like what a reader sees."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def chart_data(response, chart_id: str) -> dict:  # type: ignore[no-untyped-def]
    match = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', response.content.decode())
    assert match, f"no {chart_id} data on the page"
    return json.loads(match.group(1))


@pytest.fixture
def recent_snapshot(series, tags, people):  # noqa: F811 - the fixture imported above
    """A 24-hour snapshot at the current tick over activity of the last days, so the rollups have figures."""
    a, b, c = tags
    now = timezone.now()
    yesterday = now - timedelta(days=1)
    t1 = theory_at(series=series, author=people["u1"], tags=[a], at=yesterday - timedelta(hours=2))
    t2 = theory_at(series=series, author=people["u2"], tags=[b], at=now - timedelta(days=3))
    for user in ("u3", "u4", "u5"):
        vote_at(user=people[user], theory=t1, value=1, at=yesterday - timedelta(hours=1))
    vote_at(user=people["u6"], theory=t2, value=-1, at=now - timedelta(days=2, hours=1))
    comment_at(author=people["u7"], theory=t1, at=now - timedelta(hours=3))
    return snapshot_compute(series=series, window="24h").snapshot


# --- the public page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_ranks_the_themes_with_their_index_and_parts(client, snapshot):  # noqa: F811
    response = client.get(PAGE)
    assert response.status_code == 200
    text = text_of(response)
    # Nam On-jo (A) ranks above Choi Nam-ra (B) and Half-zombies (C), as tests/trends/test_theme_metrics.py works out.
    names = re.findall(r'class="theme__name"><a class="chip[^"]*" href="[^"]*">([^<]+)</a>', response.content.decode())
    assert names == [theme.tag.name for theme in snapshot.themes.order_by("rank")]
    first = snapshot.themes.get(rank=1)
    assert f"{first.index:.0f} index" in text
    for part in ("Breadth", "Depth", "Intensity", "Momentum", "Persistence"):
        assert part in text
    assert f"{first.participants} participants" in text
    assert f"+{100 * 0.30 * first.breadth:.1f} pts" in text


@pytest.mark.django_db
def test_it_says_in_words_which_way_each_theme_moves(client, snapshot):  # noqa: F811
    html = client.get(PAGE).content.decode()
    pattern = r'class="trend trend--(\w+)"><span class="trend__arrow" aria-hidden="true">(.)</span> ([^<]+)<'
    arrows = re.findall(pattern, html)
    assert len(arrows) == 3
    for direction, arrow, label in arrows:
        assert {"up": "↑", "new": "↑", "down": "↓", "flat": "→"}[direction] == arrow
        assert label.strip().split()[0] in {"Rising", "Falling", "Steady", "New"}


@pytest.mark.django_db
def test_it_lists_the_busted_theories_on_their_own_line(client, snapshot, known_activity):  # noqa: F811
    response = client.get(PAGE)
    text = text_of(response)
    assert "1 theory ruled contradicted by official news drew 2 votes in this window" in text
    assert f'href="/theories/{known_activity["t4"].pk}/">Busted one</a>' in response.content.decode()


@pytest.mark.django_db
def test_it_lists_the_emerging_phrases_with_example_theories(client, snapshot, known_activity):  # noqa: F811
    snapshot.phrases = [
        {
            "phrase": "lab virus",
            "words": 2,
            "score": 3.24,
            "log_odds": 1.1,
            "window_count": 7,
            "baseline_count": 1,
            "examples": [{"id": known_activity["t1"].pk, "title": "Where the lab virus came from"}],
        }
    ]
    snapshot.save(update_fields=["phrases"])
    response = client.get(PAGE)
    text = text_of(response)
    assert "“lab virus” z 3.2" in text
    assert "7 uses now, 1 before" in text
    example = f'<a href="/theories/{known_activity["t1"].pk}/">Where the lab virus came from</a>'
    assert example in response.content.decode()


@pytest.mark.django_db
def test_it_says_so_when_no_phrase_rises(client, snapshot):  # noqa: F811
    assert "No phrase is rising in this window yet." in text_of(client.get(PAGE))


@pytest.mark.django_db
def test_it_draws_sparklines_and_the_chosen_themes_from_the_daily_history(client, recent_snapshot, tags):
    response = client.get(PAGE)
    html = response.content.decode()
    assert html.count('<svg class="spark"') == 3
    assert re.search(r'<polyline class="spark__line" points="[\d., ]+"', html)
    data = chart_data(response, "trends-line-data")
    assert data["kind"] == "line" and len(data["days"]) == 30
    lines = {line["slug"]: line["values"] for line in data["lines"]}
    assert set(lines) == {tag.slug for tag in tags}  # the top five by default; the series has three
    # Yesterday, Nam On-jo had its theory and three votes.
    assert lines["nam-on-jo"][-1] == 4
    assert 'aria-label="Daily activity of the chosen themes, last 30 days, activity' in html


@pytest.mark.django_db
def test_it_draws_only_the_themes_chosen_in_the_form(client, recent_snapshot):
    response = client.get(PAGE, {"theme": ["choi-nam-ra", "half-zombies"]})
    assert response.status_code == 200
    data = chart_data(response, "trends-line-data")
    assert [line["slug"] for line in data["lines"]] == ["choi-nam-ra", "half-zombies"]
    html = response.content.decode()
    assert 'name="theme" value="choi-nam-ra" checked' in html
    assert 'name="theme" value="nam-on-jo">' in html
    assert '<input type="hidden" name="window" value="24h">' in html


@pytest.mark.django_db
def test_it_has_a_data_table_for_the_chart(client, recent_snapshot):
    html = client.get(PAGE).content.decode()
    pattern = r'<details class="chart-table" open data-chart-table="trends-line-data">(.*?)</details>'
    table = re.search(pattern, html, re.S)
    assert table and '<th scope="col">Nam On-jo</th>' in table.group(1)
    assert table.group(1).count("<tr>") == 31  # the head and 30 days


@pytest.mark.django_db
def test_it_switches_the_window_with_plain_links(client, snapshot, series):  # noqa: F811
    html = client.get(PAGE).content.decode()
    links = re.findall(r'<a class="tabs__tab" href="\?([^"]+)"( aria-current="page")?>([^<]+)</a>', html)
    assert [(query, bool(current), label) for query, current, label in links] == [
        ("window=24h", True, "24 hours"),
        ("window=7d", False, "7 days"),
        ("window=30d", False, "30 days"),
    ]
    week = client.get(PAGE, {"window": "7d"})
    assert week.status_code == 200
    assert "No 7d trends for All of Us Are Dead yet." in text_of(week)


@pytest.mark.django_db
def test_it_reads_the_latest_snapshot_of_the_window(client, snapshot, series):  # noqa: F811
    snapshot_compute(series=series, window="7d", as_of=snapshot.as_of)
    week = Snapshot.objects.get(series=series, window="7d")
    response = client.get(PAGE, {"window": "7d"})
    assert f'datetime="{week.as_of.isoformat()}"' in response.content.decode()
    assert "Last 7 days" not in text_of(response)  # the lead names the window in words
    assert "the last 7 days" in text_of(response)


@pytest.mark.django_db
def test_it_says_clearly_when_there_is_no_snapshot_yet(client, series, tags):
    response = client.get(PAGE)
    assert response.status_code == 200
    text = text_of(response)
    assert "No 24h trends for All of Us Are Dead yet." in text
    assert "the first one has not been made" in text
    assert "data-chart=" not in response.content.decode()


@pytest.mark.django_db
def test_reading_never_computes_a_snapshot(client, series, tags):
    client.get(PAGE)
    client.get(PAGE, {"window": "30d"})
    assert not Snapshot.objects.exists()


# --- bad parameters ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"window": "1y"}, "Unknown window “1y”: choose 24h, 7d or 30d."),
        ({"theme": "no-such-theme"}, "Not a theme of this series: no-such-theme."),
    ],
)
def test_it_answers_a_bad_parameter_with_400_and_says_why(client, snapshot, query, message):  # noqa: F811
    response = client.get(PAGE, query)
    assert response.status_code == 400
    assert message in text_of(response)


@pytest.mark.django_db
def test_it_refuses_to_draw_too_many_themes(client, snapshot, series):  # noqa: F811
    extra = [TagFactory(series=series, name=f"Theme {n}", slug=f"theme-{n}") for n in range(10)]
    snapshot_compute(series=series, window="24h", as_of=snapshot.as_of + timedelta(minutes=10))
    response = client.get(PAGE, {"theme": [tag.slug for tag in extra] + ["nam-on-jo"]})
    assert response.status_code == 400
    assert "Choose at most 10 themes to draw; 11 were chosen." in text_of(response)


@pytest.mark.django_db
def test_an_unknown_series_is_a_404_that_names_it(client):
    response = client.get("/series/no-such-series/trends/")
    assert response.status_code == 404
    assert "There is no series called “no-such-series”." in text_of(response)


@pytest.mark.django_db
def test_it_only_answers_reads(client, snapshot):  # noqa: F811
    assert client.post(PAGE).status_code == 405
    assert client.head(PAGE).status_code == 200


# --- writers' views ------------------------------------------------------------------------------

WRITER_VIEWS = [HISTORY, COMPARE, EXPORT]


@pytest.mark.django_db
@pytest.mark.parametrize("path", WRITER_VIEWS)
def test_fans_get_403_on_the_writers_views(client_as, fan, snapshot, path):  # noqa: F811
    response = client_as(fan).get(path)
    assert response.status_code == 403
    assert "for writers and moderators" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", WRITER_VIEWS)
def test_visitors_are_asked_to_sign_in_for_the_writers_views(client, snapshot, path):  # noqa: F811
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["writer", "moderator"])
@pytest.mark.parametrize("path", WRITER_VIEWS)
def test_writers_and_moderators_open_the_writers_views(client_as, request, snapshot, persona, path):  # noqa: F811
    assert client_as(request.getfixturevalue(persona)).get(path).status_code == 200


@pytest.mark.django_db
def test_only_writers_and_moderators_see_the_writers_controls(client, client_as, fan, writer, moderator, snapshot):  # noqa: F811
    controls = ('href="/series/all-of-us-are-dead/trends/history/"', "Download CSV")
    for reader in (client, client_as(fan)):
        html = reader.get(PAGE).content.decode()
        assert not any(control in html for control in controls)
    for person in (writer, moderator):
        html = client_as(person).get(PAGE).content.decode()
        assert all(control in html for control in controls)
        assert 'href="/series/all-of-us-are-dead/trends/export.csv?window=24h" download' in html


@pytest.mark.django_db
def test_writers_download_the_latest_snapshot_as_csv(client_as, writer, snapshot):  # noqa: F811
    response = client_as(writer).get(EXPORT, {"window": "24h"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="trends-all-of-us-are-dead-24h-latest.csv"'
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    themes = list(snapshot.themes.order_by("rank").select_related("tag"))
    assert [row["tag"] for row in rows] == [theme.tag.slug for theme in themes]
    assert rows[0]["index"] == str(round(themes[0].index, 4))
    assert rows[0]["participants"] == str(themes[0].participants)
    assert {row["as_of"] for row in rows} == {snapshot.as_of.isoformat()}


@pytest.mark.django_db
def test_the_csv_can_hold_every_stored_snapshot(client_as, writer, snapshot, series):  # noqa: F811
    snapshot_compute(series=series, window="24h", as_of=snapshot.as_of + timedelta(hours=1))
    response = client_as(writer).get(EXPORT, {"window": "24h", "snapshots": "all"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 6
    assert response["Content-Disposition"].endswith('-24h-all.csv"')


@pytest.mark.django_db
def test_the_csv_download_says_when_there_is_nothing_to_export(client_as, writer, series, tags):
    response = client_as(writer).get(EXPORT, {"window": "7d"})
    assert response.status_code == 404
    assert "No 7d trends for All of Us Are Dead yet, so there is nothing to export." in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query", "message"),
    [
        (EXPORT, {"snapshots": "some"}, "Unknown choice “some”: snapshots is latest or all."),
        (EXPORT, {"window": "2d"}, "Unknown window “2d”"),
        (HISTORY, {"figure": "likes"}, "Unknown figure “likes”"),
        (HISTORY, {"theme": "nobody"}, "Not a theme of this series: nobody."),
        (COMPARE, {"a": "nam-on-jo", "b": "nam-on-jo"}, "Choose two different themes to compare."),
        (COMPARE, {"a": "nobody"}, "Not a theme of this series: nobody."),
    ],
)
def test_the_writers_views_answer_bad_parameters_with_400(client_as, writer, snapshot, path, query, message):  # noqa: F811
    response = client_as(writer).get(path, query)
    assert response.status_code == 400
    assert message in text_of(response)


@pytest.mark.django_db
def test_the_history_draws_ninety_days_of_any_figure(client_as, writer, recent_snapshot):
    response = client_as(writer).get(HISTORY, {"theme": ["nam-on-jo", "choi-nam-ra"], "figure": "votes"})
    assert response.status_code == 200
    data = chart_data(response, "trends-history-data")
    assert len(data["days"]) == 90 and data["figure_label"] == "Votes"
    votes = {line["slug"]: line["values"] for line in data["lines"]}
    assert votes["nam-on-jo"][-1] == 3
    assert sum(votes["choi-nam-ra"]) == 1
    assert '<option value="votes" selected>' in response.content.decode()


@pytest.mark.django_db
def test_the_history_says_when_nothing_is_rolled_up_yet(client_as, writer, series, tags):
    response = client_as(writer).get(HISTORY)
    assert response.status_code == 200
    assert "No daily history yet." in text_of(response)


@pytest.mark.django_db
def test_the_comparison_sets_two_themes_side_by_side(client_as, writer, snapshot):  # noqa: F811
    response = client_as(writer).get(COMPARE)
    assert response.status_code == 200
    first, second = snapshot.themes.order_by("rank").select_related("tag")[:2]
    parts = chart_data(response, "trends-parts-data")
    assert [series["label"] for series in parts["series"]] == [first.tag.name, second.tag.name]
    assert parts["series"][0]["values"][0] == round(first.breadth, 4)
    history = chart_data(response, "trends-compare-data")
    assert [line["slug"] for line in history["lines"]] == [first.tag.slug, second.tag.slug]
    text = text_of(response)
    assert f"Index {first.index:.1f} {second.index:.1f}" in text


@pytest.mark.django_db
def test_the_comparison_takes_the_two_themes_from_the_form(client_as, writer, snapshot):  # noqa: F811
    response = client_as(writer).get(COMPARE, {"a": "half-zombies", "b": "nam-on-jo", "window": "24h"})
    history = chart_data(response, "trends-compare-data")
    assert [line["slug"] for line in history["lines"]] == ["half-zombies", "nam-on-jo"]


# --- cost, CSP and links -------------------------------------------------------------------------


def _queries(client, path, **query) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, query).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_the_themes(client_as, writer, recent_snapshot, series):
    reader = client_as(writer)
    few = {path: _queries(reader, path) for path in (PAGE, HISTORY, COMPARE)}
    for n in range(30):
        TagFactory(series=series, name=f"Theme {n}", slug=f"theme-{n}")
    recent_snapshot.delete()
    snapshot_compute(series=series, window="24h")
    many = {path: _queries(reader, path) for path in (PAGE, HISTORY, COMPARE)}
    assert many == few


@pytest.mark.django_db
def test_the_page_runs_a_handful_of_queries(client, client_as, writer, recent_snapshot, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(PAGE)
    reader = client_as(writer)
    with django_assert_max_num_queries(10):
        reader.get(PAGE)


@pytest.mark.django_db
@pytest.mark.parametrize("path", [PAGE, HISTORY, COMPARE, PAGE + "?window=7d"])
def test_the_pages_have_no_inline_script_or_style(client_as, writer, recent_snapshot, path):
    html = client_as(writer).get(path).content.decode()
    found = inline_code(re.sub(r'<script id="[\w-]+" type="application/json">.*?</script>', "", html, flags=re.S))
    assert (found.inline_scripts, found.style_elements, found.style_attributes, found.event_handlers) == (0, 0, [], [])
    assert '<script src="/static/frontend/vendor/chart.umd.min.js" defer></script>' in html
    assert '<script src="/static/frontend/js/trends.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/frontend/css/trends.css">' in html


@pytest.mark.django_db
def test_only_the_trends_pages_load_the_chart_library(client, series):
    html = client.get("/series/all-of-us-are-dead/").content.decode()
    assert "chart.umd.min.js" not in html and "trends.css" not in html


@pytest.mark.django_db
def test_the_series_page_and_the_header_link_to_the_trends(client, series):
    html = client.get("/series/all-of-us-are-dead/").content.decode()
    assert html.count('href="/series/all-of-us-are-dead/trends/"') == 2  # the header's Trends and the hero's link


@pytest.mark.django_db
def test_the_header_trends_link_leads_to_the_only_series(client, series):
    response = client.get("/trends/")
    assert response.status_code == 302 and response["Location"] == PAGE
