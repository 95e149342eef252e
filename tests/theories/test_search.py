"""theories.search below the API: the stored document, its indexes, and search without pg_trgm."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TagFactory, UserFactory
from theories import search, selectors, services
from theories.models import Theory


@pytest.fixture
def nam_ra(series):
    return TagFactory(series=series, slug="choi-nam-ra", name="Choi Nam-ra", aliases=["최남라", "Namra"])


def matches(theory_id, tsquery):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector @@ to_tsquery('english', %s) FROM theories_theory WHERE id = %s", [tsquery, theory_id]
        )
        return cursor.fetchone()[0]


def found(text, *, series=None):
    return [theory.pk for theory in selectors.theory_search(user=None, q=text, series=series)]


@pytest.mark.django_db
def test_it_writes_the_document_in_the_create_transaction(fan, series, nam_ra):
    theory = services.theory_create(
        author=fan, series=series, title="The half-zombie vote", body="Her pulse slows down.", tag_slugs=[nam_ra.slug]
    )
    assert matches(theory.pk, "pulse")
    assert matches(theory.pk, "halfzombie")  # hyphenated words are also indexed written together
    assert matches(theory.pk, "namra & 최남라")  # the tag's name and aliases
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM theories_theory WHERE id = %s", [theory.pk])
        document = cursor.fetchone()[0]
    # Title words weigh A, tag names, aliases and markers B, body words C.
    assert re.search(r"'vote':\d+A", document) and re.search(r"'namra':\d+B", document), document
    assert re.search(r"'#tag-\d+':\d+B", document) and re.search(r"'puls':\d+C", document), document


@pytest.mark.django_db
def test_it_refreshes_the_documents_of_a_tag_when_its_aliases_change(fan, series, nam_ra):
    theory = services.theory_create(
        author=fan, series=series, title="A quiet theory", body="x", tag_slugs=[nam_ra.slug]
    )
    assert not matches(theory.pk, "prez")
    nam_ra.aliases = [*nam_ra.aliases, "Prez"]
    nam_ra.save(update_fields=["aliases"])
    assert search.tag_search_update(tag_id=nam_ra.pk) == 1
    assert matches(theory.pk, "prez")


@pytest.mark.django_db
def test_it_indexes_theories_written_without_the_services(series, nam_ra):
    theory = Theory.objects.create(series=series, author=UserFactory(), title="Bulk-loaded theory", body="Lighthouse.")
    theory.tags.set([nam_ra])
    assert Theory.objects.get(pk=theory.pk).search_vector is None
    assert search.theory_search_update_many(theory_ids=[theory.pk]) == 1
    assert found("lighthouse") == [theory.pk]


@pytest.mark.django_db
def test_it_searches_without_pg_trgm(monkeypatch, fan, series, nam_ra):
    """The embedded PostgreSQL has no pg_trgm: full-text and exact aliases still work, fuzziness goes."""
    monkeypatch.setattr(search, "trigram_available", lambda: False)
    tagged = services.theory_create(author=fan, series=series, title="Quiet", body="x", tag_slugs=[nam_ra.slug])
    titled = services.theory_create(
        author=fan, series=series, title="The hospital theory", body="x", tag_slugs=[nam_ra.slug]
    )
    with CaptureQueriesContext(connection) as queries:
        assert found("Namra") == [titled.pk, tagged.pk]
        assert found("남라") == [titled.pk, tagged.pk]
        assert found("hospital") == [titled.pk]
        assert found("hospitl") == []
    assert not any("similarity" in query["sql"] or "%>" in query["sql"] for query in queries)


@pytest.mark.django_db
def test_a_query_of_stop_words_and_punctuation_finds_nothing_quietly(fan, series, nam_ra):
    services.theory_create(author=fan, series=series, title="A quiet theory", body="x", tag_slugs=[nam_ra.slug])
    assert found("???") == []


def test_spelling_marks_merge_with_the_headline_marks():
    pattern = search._spellings_pattern(["Lee Cheong-san", "Cheongsan", "이청산"])
    marked = search._mark_spellings("Lee \x02Cheong\x03-san, cheongsan and 이청산이 <b>", pattern)
    assert search._marked_html(marked) == (
        "<mark>Lee Cheong-san</mark>, <mark>cheongsan</mark> and <mark>이청산</mark>이 &lt;b&gt;"
    )


@pytest.fixture
def thousands_of_theories(series, nam_ra):
    """A few thousand theories, bulk-inserted and indexed the way a loader would, then analyzed."""
    author = UserFactory()
    words = ["outbreak", "rooftop", "library", "gym", "broadcast", "classroom", "stairs", "lab", "fence", "bus"]
    Theory.objects.bulk_create(
        Theory(
            series=series,
            author=author,
            title=f"Theory {i} about the {words[i % 10]}",
            body=f"The {words[(i * 7) % 10]} and the {words[(i * 3) % 10]} matter.",
        )
        for i in range(3000)
    )
    rare = Theory.objects.create(series=series, author=author, title="The lighthouse", body="A hospital basement.")
    search.theory_search_update_many()
    with connection.cursor() as cursor:
        # Move the new entries out of the GIN index's pending list, as VACUUM would: the planner
        # prices a long pending list high and would rather read another index.
        cursor.execute("SELECT gin_clean_pending_list('theories_theory_search_idx')")
        cursor.execute("ANALYZE theories_theory")
    return rare


@pytest.mark.django_db
def test_the_search_query_can_use_the_gin_index(thousands_of_theories):
    queryset = selectors.theory_search(user=None, q="lighthouse")
    assert [theory.pk for theory in queryset] == [thousands_of_theories.pk]
    # Which plan the whole search gets depends on table statistics; what must hold is that the
    # GIN index serves a full-text match on the visible theories.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM theories_theory"
            " WHERE NOT is_deleted AND search_vector @@ to_tsquery('english', %s)",
            ["lighthouse"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "theories_theory_search_idx" in plan, plan


@pytest.mark.django_db
def test_the_trigram_fallback_finds_a_misspelt_title_through_the_title_index(thousands_of_theories):
    if not search.trigram_available():
        pytest.skip("pg_trgm is not installed")
    query = selectors.theory_search_query(text="lighthose")
    assert query.trigram_fallback
    queryset = selectors.theory_search(user=None, q=query)
    assert [theory.pk for theory in queryset] == [thousands_of_theories.pk]
    # Whether the planner reads the trigram index for this depends on table statistics (at a few
    # thousand rows a scan of the partial "new" index costs about the same); what must hold is that
    # a trigram index serves the fallback's operator on the visible theories.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'theories_theory_title_trgm_idx'")
        (definition,) = cursor.fetchone()
    assert "USING gin (title gin_trgm_ops)" in definition
    assert "WHERE (NOT is_deleted)" in definition


def plan_nodes(plan):
    """Every node of an EXPLAIN (FORMAT JSON) plan, depth first."""
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


@pytest.mark.django_db
def test_relevance_ranks_only_the_newest_matches(monkeypatch, fan, series, nam_ra):
    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 2)
    create = services.theory_create
    create(author=fan, series=series, title="The lighthouse theory", body="x", tag_slugs=[nam_ra.slug])
    newer = create(author=fan, series=series, title="A note", body="A lighthouse.", tag_slugs=[nam_ra.slug])
    newest = create(author=fan, series=series, title="Another note", body="The lighthouse.", tag_slugs=[nam_ra.slug])
    assert found("lighthouse") == [newest.pk, newer.pk]


@pytest.mark.django_db
def test_it_finds_older_matches_when_the_recent_theories_hold_too_few(monkeypatch, fan, series, nam_ra):
    monkeypatch.setattr(search, "recent_window", lambda *, newest_id: 2)
    create = services.theory_create
    old = create(author=fan, series=series, title="The lighthouse theory", body="x", tag_slugs=[nam_ra.slug])
    for i in range(3):
        create(author=fan, series=series, title=f"Unrelated theory {i}", body="x", tag_slugs=[nam_ra.slug])
    new = create(author=fan, series=series, title="A note", body="The lighthouse.", tag_slugs=[nam_ra.slug])
    assert found("lighthouse") == [old.pk, new.pk]  # the title match first, though it is older


@pytest.mark.django_db
def test_a_rare_query_reads_no_more_than_the_recent_window_on_the_primary_key(monkeypatch, thousands_of_theories):
    """A query the planner might think common but that matches one old theory must not scan the table backwards."""
    monkeypatch.setattr(search, "recent_window", lambda *, newest_id: 300)
    oldest_sevens = Theory.objects.filter(title__startswith="Theory 7 ").values_list("pk", flat=True)
    queryset = selectors.theory_search(user=None, q="7")
    assert [theory.pk for theory in queryset] == list(oldest_sevens)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        (plan,) = cursor.fetchone()[0]
    backward = [
        node
        for node in plan_nodes(plan["Plan"])
        if node.get("Index Name") == "theories_theory_pkey" and node.get("Scan Direction") == "Backward"
    ]
    assert backward, plan
    for node in backward:
        assert node["Actual Rows"] + node.get("Rows Removed by Filter", 0) <= 300, node


@pytest.mark.django_db
def test_the_cheaper_fragment_query_matches_where_the_spellings_do():
    """Highlights choose fragments with _fragment_spellings: it must find each spelling the phrases find, no more."""
    forms = ["Nam-ra", "Choi Nam-ra", "On-jo's dad", "Half-zombies", "class president", "bombing of Hyosan", "최남라"]
    texts = [f"They wrote {form} twice." for form in forms] + ["Nam On-jo ran.", "The class met the president."]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg('( ' || phraseto_tsquery('english', form)::text || ' )', ' | ')"
            " FROM unnest(%s::text[]) AS form",
            [forms],
        )
        (phrases,) = cursor.fetchone()
        cheaper = search._fragment_spellings(phrases)
        assert len(cheaper) < len(phrases)
        cursor.execute(
            "SELECT to_tsvector('english', text) @@ %s::tsquery, to_tsvector('english', text) @@ %s::tsquery"
            " FROM unnest(%s::text[]) AS text",
            [phrases, cheaper, texts],
        )
        assert cursor.fetchall() == [(True, True)] * len(forms) + [(False, False)] * 2
