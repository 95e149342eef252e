"""TheoryPhrases: each theory's phrases, tokenized once when it is written, and the rollups counting from them.

The rollups read a theory's stored phrases when it has them and tokenize it on the fly when it has none
(theories written by factories here, or by anything but the services); both must give the same counts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import UserFactory
from tests.trends.conftest import AS_OF, START_24H, theory_at
from theories import services as theory_services
from trends import phrases
from trends.models import DailyPhraseCount, DailyRollup, HourlyPhraseCount, HourlyRollup, Snapshot, TheoryPhrases
from trends.services import snapshot_compute

pytestmark = pytest.mark.django_db


def stored(theory) -> dict[str, int]:
    row = TheoryPhrases.objects.get(theory=theory)
    return dict(zip(row.terms, row.counts, strict=True))


def test_posting_and_editing_a_theory_store_its_phrases(fan, series, tags):
    theory = theory_services.theory_create(
        author=fan, series=series, title="Black smoke", body="Black smoke over the lab.", tag_slugs=[tags[0].slug]
    )
    # "over" and "the" are stop words; no pair spans the title and the body.
    assert stored(theory) == {"black": 2, "smoke": 2, "lab": 1, "black smoke": 2}
    theory_services.theory_update(editor=fan, theory_id=theory.pk, body="The half-zombies of the lab, the lab!")
    assert stored(theory) == {"black": 1, "smoke": 1, "black smoke": 1, "half-zombies": 1, "lab": 2}


def test_a_theory_of_stop_words_stores_empty_phrases(fan, series, tags):
    theory = theory_services.theory_create(
        author=fan, series=series, title="Why not this?", body="It is what it is.", tag_slugs=[tags[0].slug]
    )
    assert stored(theory) == {}


def test_the_bulk_update_matches_the_single_one(series, tags):
    written = [
        theory_at(series=series, author=UserFactory(), tags=[tags[0]], at=AS_OF, title=title, body=body)
        for title, body in (("Lab virus origin", "Lab virus."), ("The end", "Of it all."), ("Nam On-jo lives", "- Yes"))
    ]
    assert not TheoryPhrases.objects.exists()
    assert phrases.theory_phrases_update_many() == 3
    assert [stored(theory) for theory in written] == [
        {"lab": 2, "virus": 2, "origin": 1, "lab virus": 2, "virus origin": 1},
        {"end": 1},
        {"nam": 1, "on-jo": 1, "lives": 1, "nam on-jo": 1, "on-jo lives": 1, "yes": 1},
    ]
    assert phrases.theory_phrases_update_many(theory_ids=[written[1].pk]) == 1
    assert phrases.theory_phrases_update_many(theory_ids=range(written[0].pk, written[-1].pk + 1)) == 3


def _fresh_snapshot(series, window: str, as_of: datetime) -> list[dict]:
    for model in (Snapshot, DailyPhraseCount, DailyRollup, HourlyPhraseCount, HourlyRollup):
        model.objects.all().delete()
    return snapshot_compute(series=series, window=window, as_of=as_of).snapshot.phrases


def _daily_counts() -> list[tuple]:
    return sorted(
        DailyPhraseCount.objects.values_list("day", "phrase", "occurrences", "author_count", "authors").order_by()
    )


def test_stored_and_tokenized_phrases_give_the_same_snapshots(series, tags):
    """The same data counted three ways: no stored phrases, some, all."""
    authors = [UserFactory(username=f"a{n}") for n in range(5)]
    texts = [
        ("Black smoke", "Black smoke over the lab."),
        ("Zombie cure", "Cure. Black smoke again."),
        ("Lab virus origin", "The lab virus, black smoke."),
    ]
    written = []
    for day in range(1, 10):  # baseline days, window days, the partial day and the live end
        for n, author in enumerate(authors):
            if (day + n) % 3:
                title, body = texts[(day * n) % 3]
                at = datetime(2025, 6, day, 8 + n, 30, tzinfo=UTC)
                written.append(theory_at(series=series, author=author, tags=[tags[0]], at=at, title=title, body=body))
    as_of = AS_OF + timedelta(minutes=10)  # the 24h window: 12:10 yesterday to 12:10 today
    for n, author in enumerate(authors):  # 12:15 yesterday (a partial hour), complete hours, 12:05 today (partial)
        title, body = texts[n % 3]
        at = as_of - timedelta(hours=24) + timedelta(minutes=5 + 290 * n) if n < 4 else as_of - timedelta(minutes=5)
        written.append(theory_at(series=series, author=author, tags=[tags[1]], at=at, title=title, body=body))
    # The same author twice on one day, with the same phrases: one author for that day.
    written.append(
        theory_at(
            series=series,
            author=authors[0],
            tags=[tags[0]],
            at=datetime(2025, 6, 8, 20, tzinfo=UTC),
            title="Black smoke",
            body="Black smoke over the lab.",
        )
    )
    results = []
    for share in (0, 2, 1):  # none stored, every other theory, all
        TheoryPhrases.objects.all().delete()
        if share:
            phrases.theory_phrases_update_many(theory_ids=[theory.pk for theory in written[::share]])
        results.append((_fresh_snapshot(series, "7d", as_of), _daily_counts(), _fresh_snapshot(series, "24h", as_of)))
    assert results[0][0] and results[0][1] and results[0][2]
    assert results[1] == results[0]
    assert results[2] == results[0]


def test_one_author_writing_a_phrase_twice_in_a_day_counts_once(series, tags):
    first, second = UserFactory(username="a1"), UserFactory(username="a2")
    written = [
        theory_at(
            series=series,
            author=author,
            tags=[tags[0]],
            at=datetime(2025, 6, 5, hour, tzinfo=UTC),
            title="Red eyes",
            body="Yes.",
        )
        for author, hour in ((first, 9), (first, 11), (second, 10))
    ]
    phrases.theory_phrases_update_many(theory_ids=[theory.pk for theory in written])
    found = {p["phrase"] for p in snapshot_compute(series=series, window="7d", as_of=AS_OF).snapshot.phrases}
    assert "red eyes" not in found  # two authors
    row = DailyPhraseCount.objects.get(phrase="red eyes")
    assert (row.occurrences, row.author_count, row.authors) == (3, 2, sorted([first.pk, second.pk]))


def test_hidden_theories_stay_out_with_stored_phrases(series, tags):
    written = [
        theory_at(
            series=series,
            author=UserFactory(),
            tags=[tags[0]],
            at=START_24H + timedelta(hours=n),
            title="Black smoke",
            body="Black smoke over the lab.",
        )
        for n in range(1, 4)
    ]
    phrases.theory_phrases_update_many()
    found = {p["phrase"] for p in _fresh_snapshot(series, "24h", AS_OF)}
    assert "black smoke" in found
    type(written[0]).objects.filter(pk=written[0].pk).update(is_hidden=True)
    found = {p["phrase"] for p in _fresh_snapshot(series, "24h", AS_OF)}
    assert "black smoke" not in found  # two authors left
