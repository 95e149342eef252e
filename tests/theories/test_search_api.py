"""GET /api/v1/theories/?q=…: full-text search with tag aliases, misspelt names and highlights."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SeriesFactory, TagFactory, UserFactory
from theories import search, services
from theories.models import Theory

URL = "/api/v1/theories/"


@pytest.fixture
def cast(series):
    """Tags with the aliases fans use, as in the demo catalog."""
    return {
        "nam-ra": TagFactory(
            series=series,
            slug="choi-nam-ra",
            name="Choi Nam-ra",
            aliases=["최남라", "Nam-ra", "Namra", "class president"],
        ),
        "cheong-san": TagFactory(
            series=series, slug="lee-cheong-san", name="Lee Cheong-san", aliases=["이청산", "Cheong-san", "Cheongsan"]
        ),
        "half-zombies": TagFactory(
            series=series, slug="half-zombies", name="Half-zombies", kind="topic", aliases=["hambies", "half-zombie"]
        ),
        "military": TagFactory(
            series=series, slug="military", name="Military intervention", kind="topic", aliases=["the army"]
        ),
    }


@pytest.fixture
def post(fan, series, cast):
    """Post a theory through the service, as the API does (the search document is written there)."""

    def make(title, body="Nothing to see here, just a plain note.", tags=("military",), author=None):
        return services.theory_create(
            author=author or fan, series=series, title=title, body=body, tag_slugs=[cast[t].slug for t in tags]
        )

    return make


def search_ids(api, q, **params):
    response = api.get(URL, {"q": q, **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.django_db
def test_it_ranks_a_title_match_above_a_body_match(api, post):
    in_body = post("A note about the school roof", body="The lighthouse on the hill is where the signal came from.")
    in_title = post("The lighthouse signal was a trap")
    post("Unrelated: the cafeteria scene")
    assert search_ids(api, "lighthouse") == [in_title.pk, in_body.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "title"), [("Namra", "Nam-ra will survive the finale"), ("Cheongsan", "Cheong-san is alive")]
)
def test_it_finds_a_hyphenated_name_written_together(api, post, q, title):
    wanted = post(title, tags=("half-zombies",))
    post("Nobody survives the finale", tags=("half-zombies",))
    assert search_ids(api, q) == [wanted.pk]


@pytest.mark.django_db
def test_it_finds_a_misspelt_name_through_the_tag(api, post):
    if not search.trigram_available():
        pytest.skip("pg_trgm is not installed")
    wanted = post("He held the door at the end", tags=("cheong-san",))
    post("She held the door at the end", tags=("nam-ra",))
    assert search_ids(api, "Cheongsna") == [wanted.pk]


@pytest.mark.django_db
def test_it_finds_a_misspelt_title_word_by_trigram(api, post):
    if not search.trigram_available():
        pytest.skip("pg_trgm is not installed")
    wanted = post("The hospital basement hides the cure")
    post("A quiet rooftop")
    assert search_ids(api, "hospitl") == [wanted.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["최남라", "남라"])
def test_it_finds_theories_by_a_korean_alias(api, post, q):
    wanted = post("The class vote decided everything", tags=("nam-ra",))
    post("The class vote meant nothing", tags=("cheong-san",))
    assert search_ids(api, q) == [wanted.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "tag"), [("class president", "nam-ra"), ("hambies", "half-zombies"), ("the army", "military")]
)
def test_it_finds_theories_by_a_tag_alias(api, post, q, tag):
    wanted = post("A theory whose text never names it", tags=(tag,))
    post("Another theory whose text never names it", tags=("cheong-san",))
    assert search_ids(api, q) == [wanted.pk]


@pytest.mark.django_db
def test_a_word_that_names_a_tag_still_needs_the_other_words(api, post):
    wanted = post("Her blood is the cure", tags=("nam-ra",))
    post("Her blood is ordinary", tags=("nam-ra",))
    post("The cure is in the lab", tags=("cheong-san",))
    assert search_ids(api, "Namra cure") == [wanted.pk]


@pytest.mark.django_db
def test_it_never_shows_deleted_theories(api, post):
    kept = post("The lighthouse keeper knew")
    gone = post("The lighthouse keeper lied")
    Theory.objects.filter(pk=gone.pk).update(is_deleted=True)
    assert search_ids(api, "lighthouse") == [kept.pk]
    assert search_ids(api, "lighthouse", sort="new") == [kept.pk]


@pytest.mark.django_db
def test_it_highlights_matches_and_escapes_everything_else(api, post):
    post(
        '<img src=x onerror="alert(1)"> The lighthouse theory',
        body="<script>alert('x')</script> Only the lighthouse keeper saw the <b>signal</b> that night & said nothing.",
    )
    item = api.get(URL, {"q": "lighthouse"}).json()["results"][0]
    assert "<mark>lighthouse</mark>" in item["highlight"]
    assert "<mark>lighthouse</mark>" in item["title_highlight"]
    for html in (item["highlight"], item["title_highlight"]):
        assert "<script" not in html and "<img" not in html and "<b>" not in html
        assert not re.search(r"<(?!/?mark>)", html), html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in item["title_highlight"]


@pytest.mark.django_db
def test_it_highlights_every_spelling_of_a_name(api, post):
    post("Choi Nam-ra will outlive them all", body="In the last scene Nam-ra looks back.", tags=("nam-ra",))
    item = api.get(URL, {"q": "Namra"}).json()["results"][0]
    assert "<mark>Choi Nam-ra</mark>" in item["title_highlight"]
    assert "<mark>Nam-ra</mark>" in item["highlight"]


@pytest.mark.django_db
def test_lists_without_a_search_have_no_highlight(api, post):
    post("The lighthouse keeper knew")
    item = api.get(URL).json()["results"][0]
    assert item["highlight"] is None and item["title_highlight"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["", "   ", "x" * 201])
def test_it_rejects_an_empty_or_long_search_naming_q(api, series, q):
    response = api.get(URL, {"q": q})
    assert response.status_code == 400
    assert "q" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_it_rejects_relevance_without_a_search(api, series):
    response = api.get(URL, {"sort": "relevance"})
    assert response.status_code == 400
    assert "sort" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_it_finds_a_just_posted_theory_by_a_word_of_its_body(api_as, fan, cast):
    response = api_as(fan).post(
        URL,
        {
            "series": "all-of-us-are-dead",
            "title": "What the janitor knew",
            "body": "The janitor kept a spare key to the broadcasting room.",
            "tags": ["military"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert search_ids(api_as(fan), "broadcasting") == [response.json()["id"]]


@pytest.mark.django_db
def test_it_keeps_the_other_filters_and_sorts(api, post, fan):
    other_series = SeriesFactory(slug="sweet-home", title="Sweet Home")
    TagFactory(series=other_series, slug="monsters", name="Monsters")
    services.theory_create(
        author=fan, series=other_series, title="The lighthouse of Green Home", body="x", tag_slugs=["monsters"]
    )
    older = post("The lighthouse keeper knew")
    newer = post("A lighthouse in the webtoon?")
    assert search_ids(api, "lighthouse", series="all-of-us-are-dead", sort="new") == [newer.pk, older.pk]
    assert len(search_ids(api, "lighthouse")) == 3


@pytest.mark.django_db
def test_it_pages_relevance_results_with_a_cursor(api, post):
    expected = []
    for i in range(6):
        expected.append(post(f"Lighthouse theory number {i}").pk)
    for i in range(7):
        expected.append(post(f"Plain theory number {i}", body="The lighthouse appears once.").pk)
    everything = search_ids(api, "lighthouse", page_size=50)
    assert sorted(everything) == sorted(expected)
    # Title matches first; equal ranks by newest.
    assert everything[:6] == sorted(expected[:6], reverse=True)
    paged, page = [], api.get(URL, {"q": "lighthouse", "page_size": 4}).json()
    while True:
        paged += [item["id"] for item in page["results"]]
        if not page["next"]:
            break
        page = api.get(page["next"]).json()
    assert paged == everything


@pytest.mark.django_db
def test_its_query_count_does_not_grow_with_the_page(api_as, fan, post, django_assert_max_num_queries):
    search.trigram_available()  # asked once per process; not part of a request
    client = api_as(fan)
    counts = []
    for size in (5, 25):
        while Theory.objects.count() < size:
            post("Lighthouse theory", body="Somewhere a lighthouse.", tags=("nam-ra", "half-zombies"))
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": "lighthouse Namra", "page_size": size})
        assert len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_search_results_show_the_callers_vote(api_as, post, fan):
    from voting.services import vote_cast

    theory = post("The lighthouse keeper knew", author=UserFactory())
    vote_cast(user=fan, theory_id=theory.pk, value=1)
    item = api_as(fan).get(URL, {"q": "lighthouse"}).json()["results"][0]
    assert item["my_vote"] == 1


@pytest.mark.django_db
def test_search_results_render_as_the_list_serializer_does(api, post, series):
    """The API builds search items from plain rows, as lists without `q` do; they must equal the serializer's."""
    from theories import selectors
    from theories.api.theories import TheoryListItemSerializer

    post("The lighthouse keeper knew", body="A <b>lighthouse</b> & a keeper.", tags=("nam-ra", "military"))
    spoiler = post("The lighthouse in chapter 8", body="The lighthouse burns.")
    spoiler.chapters.set(series.chapters.filter(number=8))
    gate = selectors.spoiler_gate(user=None, series=series, progress=5)
    query = selectors.theory_search_query(text="lighthouse", series=series)
    theories = list(selectors.theory_search(user=None, q=query, series=series))
    selectors.theory_search_highlights(theories=theories, query=query)
    expected = TheoryListItemSerializer(theories, many=True, context={"spoilers": gate}).data
    results = api.get(URL, {"q": "lighthouse", "series": series.slug, "progress": 5}).json()["results"]
    assert results == expected
    assert [item["highlight"] is None for item in results] == [True, False]  # the spoiler's snippet is withheld


@pytest.mark.django_db
def test_it_highlights_a_match_deep_in_a_long_body(api, post):
    """ts_headline reads only a window of a long body, placed at the first match, not the first characters."""
    filler = "Nothing happens on this page of the diary. " * 100  # 4,300 characters
    post("A long diary", body=f"{filler}Then the lighthouse went dark. {filler}")
    item = api.get(URL, {"q": "lighthouse"}).json()["results"][0]
    assert "<mark>lighthouse</mark>" in item["highlight"]
    assert "went dark" in item["highlight"]
