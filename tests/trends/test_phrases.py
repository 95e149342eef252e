"""Emerging phrases: tokenizing, the three-author rule and Fightin' Words scores, counted by hand.

Baseline: three theories on 2025-05-20 by b1, b2, b3, each "Lab virus origin" / "Lab virus.":
    lab 2, virus 2, origin 1, "lab virus" 2, "virus origin" 1 = 8 occurrences each, m = 24.
Window: three theories by w1, w2, w3, each "Black smoke" / "Black smoke over the lab.":
    black 2, smoke 2, lab 1, "black smoke" 2 = 7 each ("over" and "the" are stop words, and no pair spans
    title and body); and one by w1, "Zombie cure" / "Cure.": zombie 1, cure 2, "zombie cure" 1 = 4.
    n = 3 × 7 + 4 = 25. Written by three authors: black, smoke, lab, "black smoke".
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import UserFactory
from tests.trends.conftest import AS_OF, START_24H, theory_at
from trends import phrases
from trends.services import snapshot_compute

pytestmark = pytest.mark.django_db

BASELINE_DAY = datetime(2025, 5, 20, 10, 0, tzinfo=UTC)


def fightin_words_z(*, yi: float, yj: float, n: float, m: float) -> float:
    """Monroe, Colaresi and Quinn (2008), with α from the baseline scaled to the prior size, at least 0.5."""
    a0 = 1000.0
    alpha = max(a0 * yj / m, 0.5)
    delta = math.log((yi + alpha) / (n + a0 - yi - alpha)) - math.log((yj + alpha) / (m + a0 - yj - alpha))
    return delta / math.sqrt(1 / (yi + alpha) + 1 / (yj + alpha))


@pytest.fixture
def corpus(series, tags):
    tag = tags[0]
    for name in ("b1", "b2", "b3"):
        theory_at(
            series=series,
            author=UserFactory(username=name),
            tags=[tag],
            at=BASELINE_DAY,
            title="Lab virus origin",
            body="Lab virus.",
        )

    def window(first: datetime) -> list:
        writers = [UserFactory(username=name) for name in ("w1", "w2", "w3")]
        written = [
            theory_at(
                series=series,
                author=writer,
                tags=[tag],
                at=first + timedelta(hours=position),
                title="Black smoke",
                body="Black smoke over the lab.",
            )
            for position, writer in enumerate(writers)
        ]
        theory_at(
            series=series,
            author=writers[0],
            tags=[tag],
            at=first + timedelta(hours=3),
            title="Zombie cure",
            body="Cure.",
        )
        return written

    return window


def test_it_scores_rising_phrases_with_fightin_words(corpus, series):
    corpus(START_24H + timedelta(hours=1))
    found = snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases
    expected = fightin_words_z(yi=6, yj=0, n=25, m=24)
    assert [(p["phrase"], p["window_count"], p["baseline_count"]) for p in found] == [
        ("black", 6, 0),
        ("black smoke", 6, 0),
        ("smoke", 6, 0),
    ]
    assert [p["score"] for p in found] == pytest.approx([expected] * 3)
    # δ = ln(6.5 / 1018.5) − ln(0.5 / 1023.5) = 2.5697, σ = sqrt(1 / 6.5 + 1 / 0.5) = 1.4676
    assert expected == pytest.approx(1.7511, abs=1e-4)
    assert found[1]["words"] == 2


def test_it_leaves_out_phrases_that_fell_against_the_baseline(corpus, series):
    corpus(START_24H + timedelta(hours=1))
    found = snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases
    # "lab": 3 of 25 in the window against 6 of 24 in the baseline, with α = 1000 × 6 / 24 = 250.
    assert math.log(253 / 772) - math.log(256 / 768) < 0
    assert "lab" not in {p["phrase"] for p in found}


def test_it_only_scores_phrases_of_three_distinct_authors(corpus, series):
    corpus(START_24H + timedelta(hours=1))
    found = {p["phrase"] for p in snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases}
    assert not found & {"zombie", "cure", "zombie cure"}


def test_it_drops_stop_words_and_pairs_across_them(corpus, series):
    corpus(START_24H + timedelta(hours=1))
    found = {p["phrase"] for p in snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases}
    assert not {"the", "over", "smoke over", "the lab", "over the"} & found


def test_it_gives_the_latest_theories_as_examples(corpus, series):
    written = corpus(START_24H + timedelta(hours=1))
    found = snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases
    assert found[0]["examples"] == [{"id": t.pk, "title": "Black smoke"} for t in reversed(written)]


def test_it_scores_complete_days_from_the_daily_counts_alike(corpus, series):
    written = corpus(datetime(2025, 6, 5, 10, 0, tzinfo=UTC))  # a complete day inside the 7-day window
    found = snapshot_compute(series=series, window="7d", as_of=AS_OF).snapshot.phrases
    assert [(p["phrase"], p["window_count"]) for p in found] == [("black", 6), ("black smoke", 6), ("smoke", 6)]
    assert [p["score"] for p in found] == pytest.approx([fightin_words_z(yi=6, yj=0, n=25, m=24)] * 3)
    assert [e["id"] for e in found[0]["examples"]] == [t.pk for t in reversed(written)]


def test_it_keeps_hyphenated_words_whole(series, tags):
    for name in ("h1", "h2", "h3"):
        theory_at(
            series=series,
            author=UserFactory(username=name),
            tags=tags[:1],
            at=START_24H + timedelta(hours=2),
            title="Half-zombies everywhere",
            body="- On-jo knew.",
        )
    found = {p["phrase"] for p in snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases}
    assert {"half-zombies", "on-jo", "half-zombies everywhere", "on-jo knew"} <= found
    assert not {"half", "zombies", "everywhere on-jo"} & found


def test_it_splits_a_window_into_complete_days_complete_hours_and_live_ends():
    as_of = AS_OF + timedelta(minutes=10)
    window = phrases.PhraseWindow.for_window(start=as_of - timedelta(days=7), as_of=as_of)
    assert window.live == [
        (datetime(2025, 6, 3, 12, 10, tzinfo=UTC), datetime(2025, 6, 3, 13, tzinfo=UTC)),
        (datetime(2025, 6, 10, 12, tzinfo=UTC), as_of),
    ]
    assert window.hours == [datetime(2025, 6, 3, hour, tzinfo=UTC) for hour in range(13, 24)] + [
        datetime(2025, 6, 10, hour, tzinfo=UTC) for hour in range(12)
    ]
    assert (window.first_full_day, window.end_full_day) == (datetime(2025, 6, 4).date(), datetime(2025, 6, 10).date())
    assert (window.baseline_first_day, window.baseline_end_day) == (
        datetime(2025, 3, 5).date(),
        datetime(2025, 6, 3).date(),
    )


def _write(series, tag, author, day: int, title: str) -> None:
    theory_at(
        series=series, author=author, tags=[tag], at=datetime(2025, 6, day, 10, tzinfo=UTC), title=title, body="Yes."
    )


def test_it_counts_distinct_authors_across_complete_days(series, tags):
    for day, name in ((5, "a1"), (6, "a2"), (7, "a3")):
        _write(series, tags[0], UserFactory(username=name), day, "Red eyes")
    found = {p["phrase"] for p in snapshot_compute(series=series, window="7d", as_of=AS_OF).snapshot.phrases}
    assert "red eyes" in found


def test_it_does_not_count_one_author_twice_across_complete_days(series, tags):
    first, second = UserFactory(username="a1"), UserFactory(username="a2")
    for day, author in ((5, first), (6, second), (7, first), (8, first)):
        _write(series, tags[0], author, day, "Red eyes")
    found = {p["phrase"] for p in snapshot_compute(series=series, window="7d", as_of=AS_OF).snapshot.phrases}
    assert "red eyes" not in found


def test_it_leaves_hidden_theories_out_of_phrases(corpus, series):
    from theories.models import Theory

    written = corpus(START_24H + timedelta(hours=1))
    Theory.objects.filter(pk=written[0].pk).update(is_hidden=True)
    found = {p["phrase"] for p in snapshot_compute(series=series, window="24h", as_of=AS_OF).snapshot.phrases}
    assert "black smoke" not in found  # two authors left


def test_it_matches_phrases_in_text_as_the_tokenizer_counts_them():
    import re

    pattern = phrases.phrase_pattern("black smoke")
    assert pattern == "(^|[^[:alnum:]-])black[^[:alnum:]-]+smoke($|[^[:alnum:]-])"
    python = re.compile(pattern.replace("[:alnum:]", "\\w"))
    assert python.search("the **black**, smoke rose")
    assert not python.search("black - smoke")
    assert not python.search("blacksmoke")


def test_it_counts_the_partial_hours_at_both_ends_live(corpus, series):
    as_of = AS_OF + timedelta(minutes=10)  # the window runs from 12:10 yesterday to 12:10 today
    written = corpus(as_of - timedelta(hours=24) + timedelta(minutes=5))  # 12:15, 13:15, 14:15 yesterday
    theory_at(
        series=series,
        author=UserFactory(username="w4"),
        tags=[written[0].tags.first()],
        at=as_of - timedelta(minutes=5),  # 12:05 today, in the partial hour at the end
        title="Black smoke",
        body="Black smoke over the lab.",
    )
    found = snapshot_compute(series=series, window="24h", as_of=as_of).snapshot.phrases
    assert [(p["phrase"], p["window_count"]) for p in found] == [("black", 8), ("black smoke", 8), ("smoke", 8)]
    assert found[0]["score"] == pytest.approx(fightin_words_z(yi=8, yj=0, n=32, m=24))
    assert found[0]["examples"][0]["id"] != written[-1].pk  # the 12:05 theory is the latest
    assert [e["id"] for e in found[0]["examples"][1:]] == [written[2].pk, written[1].pk]
