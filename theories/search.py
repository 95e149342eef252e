"""Search over theories: PostgreSQL full-text search, tag aliases and trigram similarity.

The document (Theory.search_vector, GIN-indexed, stored inline with STORAGE MAIN so that matching
and ranking do not fetch TOAST) holds, in the 'english' configuration:
- weight A: the title;
- weight B: the names and aliases of the theory's tags, and one marker lexeme per tag (`#tag-<id>`);
- weight C: the body.
Hyphenated words are indexed twice: as the parser splits them ("nam-ra", "nam", "ra") and written
together ("namra"); queries join them the same way. So "Namra", "Nam-ra" and "Cheongsan" all meet
"Nam-ra" and "Cheong-san". The parser never produces a lexeme starting with "#", so a tag marker
is only matched by a query this module built.

A query is compiled once per request (`search_query_compile`, one SQL query):
1. its text becomes `websearch_to_tsquery` (quoted phrases, `or` and `-word` work);
2. each query word, and the whole query, is compared with the names and aliases of the tags (of the
   series, when the list is for one): equal, equal to a word of an alias, contained in one (Korean:
   "남라", the given name, inside "최남라"), or, with pg_trgm, trigram-similar (similarity >=
   TAG_SIMILARITY_THRESHOLD) to a misspelling ("Cheongsna" ~ "cheongsan"). A matching word is
   rewritten in the tsquery (ts_rewrite) to `word | alias | #tag-<id>`, so "Namra cure" finds the
   theories tagged Choi Nam-ra, or naming her, that talk about a cure. The tag names people
   misspell are few, so fuzzy matching runs over them rather than over 100,000 titles;
3. when that query matches no theory at all and pg_trgm is installed, the search falls back to
   trigram word similarity against titles (`title %> q`, GIN trigram index on the title), for
   misspelt words that are in no tag.

Relevance (sort `relevance`, the default with `q`) is ts_rank_cd with weights {D 0.1, C 0.1,
B 0.4, A 1.0}, normalized to [0, 1) by rank / (rank + 1), over the SEARCH_CANDIDATES newest
matches; in the trigram fallback it is the title's word similarity. Ranking every match of a
query that names a main character (tens of thousands of theories at 100,000) costs a read of each
row; instead the candidates are found in two parts whose cost is bounded by the shape of their
SQL, not by the planner's guess of the number of matches (`_newest_matches`): a newest-first scan
of the recent theories on the primary key, then, only for rare queries, the GIN index. A search
page reads at most a few thousand rows whatever the query. Highlights (`theory_highlights`) run
ts_headline over the page only.

pg_trgm is optional: the embedded PostgreSQL (pgserver) does not ship it. Migration 0003 creates
the extension and the title index only where available, and `trigram_available()` (checked once
per process and database) turns the trigram parts off, leaving full-text and exact alias search.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQueryField, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce

from theories.models import Theory

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
# Relevance is computed over at most this many matches, the newest (see the module docstring).
SEARCH_CANDIDATES = 100
# Query words compared with tag aliases (a 200-character query may hold 40 words).
MAX_QUERY_TERMS = 8
# Tags a single query word may stand for ("Lee" names four characters).
MAX_TAGS_PER_TERM = 5
# Trigram similarity above which a query word is taken for a tag alias: "cheongsna" ~ "cheongsan" is 0.54.
TAG_SIMILARITY_THRESHOLD = 0.5
# Similarity above which a query of several words is taken for a whole alias ("clas president").
PHRASE_SIMILARITY_THRESHOLD = 0.7
# Shorter query words only match an alias word exactly; trigrams of two letters say little.
MIN_FUZZY_TERM_LENGTH = 3
# ts_rank_cd weights for labels D, C, B, A: a title word counts ten body words, a tag four.
RANK_WEIGHTS = [0.1, 0.1, 0.4, 1.0]
# ts_rank_cd normalization 32: rank / (rank + 1), so relevance lies in [0, 1).
RANK_NORMALIZATION = 32
HEADLINE_OPTIONS = 'MaxFragments=2, MinWords=8, MaxWords=30, FragmentDelimiter=" … "'
# ts_headline marks matches with these control characters (removed from the text beforehand); the
# snippet is HTML-escaped, and only then do they become <mark> and </mark>.
_START, _STOP = "\x02", "\x03"
_MARKS = f'StartSel="{_START}", StopSel="{_STOP}"'

# "Nam-ra" → "Namra": hyphens between word characters go, in queries as in documents.
_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<=\w)-(?=\w)")
_TERM = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _compounds_sql(expr: str) -> str:
    """SQL: the hyphenated words of `expr` written without hyphens, space-separated ("Nam-ra" → "Namra")."""
    return (
        "array_to_string(ARRAY(SELECT replace(m[1], '-', '') "
        f"FROM regexp_matches({expr}, '(\\w+(?:-\\w+)+)', 'g') AS m), ' ')"
    )


def _text_vector_sql(expr: str, weight: str) -> str:
    return f"setweight(to_tsvector('{SEARCH_CONFIG}', {expr} || ' ' || {_compounds_sql(expr)}), '{weight}')"


# The document of theory `t`; `tags` is its tags' part (names, aliases, markers), from the lateral below.
_DOCUMENT_SQL = (
    f"{_text_vector_sql('t.title', 'A')} || setweight(tags.document, 'B') || {_text_vector_sql('t.body', 'C')}"
)
_TAGS_SQL = f"""
    SELECT
        coalesce(to_tsvector('{SEARCH_CONFIG}', tag_text.words || ' ' || {_compounds_sql("tag_text.words")}), '')
        || coalesce(tag_text.markers::tsvector, '') AS document
    FROM (
        SELECT
            string_agg(tg.name || ' ' || array_to_string(tg.aliases, ' '), ' ') AS words,
            string_agg(quote_literal('#tag-' || tg.id) || ':1', ' ') AS markers
        FROM theories_theory_tags tt
        JOIN theories_tag tg ON tg.id = tt.tag_id
        WHERE tt.theory_id = t2.id
    ) AS tag_text
"""
_UPDATE_SQL = f"""
    UPDATE theories_theory AS t
    SET search_vector = {_DOCUMENT_SQL}
    FROM theories_theory AS t2
    CROSS JOIN LATERAL ({_TAGS_SQL}) AS tags
    WHERE t.id = t2.id AND {{where}}
"""


def theory_search_update(*, theory_id: int) -> None:
    """Recompute a theory's search document from its title, body and tags, in SQL.

    Call it in the transaction of every write of a theory's title, body or tags (theory_create,
    an edit service), after the tags are set.
    """
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL.format(where="t2.id = %s"), [theory_id])


def theory_search_update_many(*, theory_ids: Iterable[int] | None = None) -> int:
    """Recompute the search documents of many theories (all when `theory_ids` is None); returns the count.

    For bulk loaders that write theories without the services (bench data), and after a tag's
    name or aliases change (see tag_search_update).
    """
    with connection.cursor() as cursor:
        if theory_ids is None:
            cursor.execute(_UPDATE_SQL.format(where="TRUE"))
        else:
            cursor.execute(_UPDATE_SQL.format(where="t2.id = ANY(%s)"), [list(theory_ids)])
        return cursor.rowcount


def tag_search_update(*, tag_id: int) -> int:
    """Recompute the documents of the theories carrying a tag, after its name or aliases changed."""
    with connection.cursor() as cursor:
        cursor.execute(
            _UPDATE_SQL.format(
                where="t2.id IN (SELECT theory_id FROM theories_theory_tags WHERE tag_id = %s)",
            ),
            [tag_id],
        )
        return cursor.rowcount


# --- Queries -------------------------------------------------------------------------------------

_trigram_installed: dict[str, bool] = {}


def trigram_available() -> bool:
    """Whether pg_trgm is installed in the database; asked once per process and database."""
    key = str(connection.settings_dict.get("NAME"))
    if key not in _trigram_installed:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            _trigram_installed[key] = bool(cursor.fetchone()[0])
    return _trigram_installed[key]


def _normalize_sql(expr: str) -> str:
    return f"lower(regexp_replace({expr}, '(\\w)-(?=\\w)', '\\1', 'g'))"


# One round trip: does the plain query match anything, and which tags do its words name?
# %(fuzzy)s is a SQL fragment (trigram similarity, or FALSE without pg_trgm), not a parameter.
_COMPILE_SQL = f"""
WITH terms AS (
    SELECT x.term, x.ord, x.ord = %(phrase_ord)s AS is_phrase
    FROM unnest(%(terms)s::text[]) WITH ORDINALITY AS x(term, ord)
    WHERE numnode(plainto_tsquery('{SEARCH_CONFIG}', x.term)) > 0
),
forms AS (
    SELECT tg.id AS tag_id, {_normalize_sql("raw.form")} AS form
    FROM theories_tag tg
    CROSS JOIN LATERAL unnest(array_append(tg.aliases, tg.name)) AS raw(form)
    WHERE %(series_id)s::bigint IS NULL OR tg.series_id = %(series_id)s::bigint
),
candidates AS (
    SELECT tag_id, form AS candidate, FALSE AS is_word FROM forms
    UNION
    SELECT forms.tag_id, word, TRUE
    FROM forms CROSS JOIN LATERAL unnest(regexp_split_to_array(forms.form, '\\W+')) AS word
    WHERE char_length(word) >= 2
),
matches AS (
    SELECT DISTINCT ON (terms.ord, c.tag_id)
        terms.ord, terms.term, c.tag_id, c.candidate,
        CASE WHEN c.candidate = terms.term THEN 2.0 WHEN strpos(c.candidate, terms.term) > 0 THEN 1.0
             ELSE {{similarity}} END AS score
    FROM terms
    JOIN candidates c ON CASE
        -- The whole query (of several words) names a whole alias: "class president", "the army".
        WHEN terms.is_phrase THEN NOT c.is_word AND (c.candidate = terms.term OR {{phrase_fuzzy}})
        ELSE c.candidate = terms.term
            OR (terms.term ~ '[^[:ascii:]]' AND char_length(terms.term) >= 2 AND strpos(c.candidate, terms.term) > 0)
            OR (char_length(terms.term) >= {MIN_FUZZY_TERM_LENGTH} AND {{fuzzy}})
    END
    ORDER BY terms.ord, c.tag_id, score DESC
),
ranked AS (
    SELECT matches.*, row_number() OVER (PARTITION BY ord ORDER BY score DESC, tag_id) AS position
    FROM matches
)
SELECT
    numnode(websearch_to_tsquery('{SEARCH_CONFIG}', %(q)s)) AS nodes,
    (SELECT max(id) FROM theories_theory) AS newest_id,
    {{base_matches}} AS base_matches,
    coalesce((
        SELECT json_agg(json_build_array(
            ord, tag_id, plainto_tsquery('{SEARCH_CONFIG}', term)::text,
            phraseto_tsquery('{SEARCH_CONFIG}', candidate)::text, tag_forms.query, tag_forms.spellings
        ) ORDER BY ord, position)
        FROM ranked
        CROSS JOIN LATERAL (
            -- Every spelling of the tag ("Choi Nam-ra", "Nam-ra", "최남라", …), for the highlights.
            SELECT
                string_agg('( ' || phraseto_tsquery('{SEARCH_CONFIG}', form)::text || ' )', ' | ')
                    FILTER (WHERE numnode(phraseto_tsquery('{SEARCH_CONFIG}', form)) > 0) AS query,
                json_agg(form) AS spellings
            FROM theories_tag tg CROSS JOIN LATERAL unnest(array_append(tg.aliases, tg.name)) AS form
            WHERE tg.id = ranked.tag_id
        ) AS tag_forms
        WHERE position <= {MAX_TAGS_PER_TERM}
    ), '[]'::json) AS tag_matches
"""
_SIMILARITY_SQL = "similarity(terms.term, c.candidate)"
_FUZZY_SQL = f"similarity(terms.term, c.candidate) >= {TAG_SIMILARITY_THRESHOLD}"
_PHRASE_FUZZY_SQL = f"similarity(terms.term, c.candidate) >= {PHRASE_SIMILARITY_THRESHOLD}"
_BASE_MATCHES_SQL = f"""
    numnode(websearch_to_tsquery('{SEARCH_CONFIG}', %(q)s)) > 0 AND EXISTS (
        SELECT 1 FROM theories_theory
        WHERE NOT is_deleted AND search_vector @@ websearch_to_tsquery('{SEARCH_CONFIG}', %(q)s)
            AND (%(series_id)s::bigint IS NULL OR series_id = %(series_id)s::bigint)
    )
"""


@dataclass(frozen=True)
class SearchQuery:
    """A compiled search: the tsquery as a constant SQL expression, or the trigram fallback.

    ts_headline reads the text afresh, where "Nam-ra" is three words and not the indexed "namra",
    and it marks every word of a phrase wherever it stands ("Nam" of "Nam On-jo" for "Nam-ra").
    So highlights choose their fragments with `fragment_sql` (the tsquery and the lexemes of every
    spelling of the tags it names), and mark the tsquery's own matches there, and `spellings`
    (the tag names and aliases as written) are marked in Python.
    """

    text: str
    tsquery_sql: str
    tsquery_params: tuple[str, ...]
    fragment_sql: str
    fragment_params: tuple[str, ...]
    spellings: tuple[str, ...]
    # False when the tsquery holds no lexeme (only stop words or punctuation): full-text matches nothing.
    has_lexemes: bool
    trigram_fallback: bool
    tag_ids: tuple[int, ...] = ()
    # The highest theory id when the query was compiled; bounds the newest-first scan (_newest_matches).
    newest_id: int | None = None

    def tsquery(self) -> RawSQL:
        return RawSQL(self.tsquery_sql, self.tsquery_params, output_field=SearchQueryField())


_ALTERNATIVE = re.compile(r"\( (.+?) \)(?= \||$)")
_PHRASE_STEP = re.compile(r" (<\d*>|<->) ")


def _fragment_spellings(spellings_query: str) -> str:
    """The tsquery of a tag's spellings ("( 'nam-ra' <-> 'nam' <-> 'ra' ) | …") made cheaper for choosing fragments.

    ts_headline tests the query at every candidate span of a body, and phrases cost far more
    there than single lexemes: a query naming "Lee" (four characters, forty spellings) took 60 ms
    for a page. The parser gives a hyphenated word as the whole word followed by its parts, so
    `'nam-ra' <-> 'nam' <-> 'ra'` matches where `'nam-ra'` does and is cut to it; a phrase that
    holds a lexeme which is itself an alternative ("Choi Nam-ra" beside "Nam-ra") adds nothing.
    """
    alternatives = [_without_compound_parts(alternative) for alternative in _ALTERNATIVE.findall(spellings_query)]
    singles = {kept[0] for kept in alternatives if len(kept) == 1}
    phrases = (" ".join(kept) for kept in alternatives if len(kept) == 1 or not singles.intersection(kept[0::2]))
    return " | ".join(f"( {phrase} )" for phrase in dict.fromkeys(phrases))


def _without_compound_parts(phrase: str) -> list[str]:
    """A phrase's lexemes and operators, less the parts that follow a hyphenated lexeme ('nam-ra' <-> 'nam' <-> 'ra').

    Stop words among the parts are already left out by the parser ("On-jo's dad" is
    'on-jo' <2> 'jo' <2> 'dad'), so parts are recognised by name, and the distance to the next
    lexeme kept grows by theirs ('on-jo' <4> 'dad').
    """
    steps = _PHRASE_STEP.split(phrase)  # lexeme, operator, lexeme, …
    kept: list[str] = []
    parts: list[str] = []
    gap_left_out = 0
    for index in range(0, len(steps), 2):
        lexeme = steps[index]
        gap = 0 if index == 0 else (1 if steps[index - 1] == "<->" else int(steps[index - 1][1:-1]))
        word = lexeme[1:-1]
        if word in parts:
            parts = parts[parts.index(word) + 1 :]
            gap_left_out += gap
            continue
        if kept:
            distance = gap_left_out + gap
            kept.append("<->" if distance == 1 else f"<{distance}>")
        kept.append(lexeme)
        parts, gap_left_out = (word.split("-") if "-" in word else []), 0
    return kept


def normalize_query(text: str) -> str:
    """The query as it is searched: trimmed, hyphenated words joined ("Nam-ra" → "Namra")."""
    return _HYPHEN_BETWEEN_WORDS.sub("", " ".join(text.split()))


def search_query_compile(*, text: str, series_id: int | None = None) -> SearchQuery:
    """Compile a search text (1–MAX_QUERY_LENGTH characters, not blank) into a SearchQuery, in one SQL query.

    Tag aliases expand the words that name a tag (see the module docstring); `series_id` limits
    the tags considered, and the fallback check, to one series.
    """
    query = normalize_query(text)
    if not query or len(text) > MAX_QUERY_LENGTH:
        raise ValueError(f"A search needs 1–{MAX_QUERY_LENGTH} characters that are not all blank.")
    words = list(dict.fromkeys(word for word in _TERM.findall(query.lower()) if len(word) >= 2))[:MAX_QUERY_TERMS]
    terms = [*words, " ".join(words)] if len(words) > 1 else words
    trigram = trigram_available()
    sql = _COMPILE_SQL.format(
        similarity=_SIMILARITY_SQL if trigram else "0.0",
        fuzzy=_FUZZY_SQL if trigram else "FALSE",
        phrase_fuzzy=_PHRASE_FUZZY_SQL if trigram else "FALSE",
        base_matches=_BASE_MATCHES_SQL if trigram else "TRUE",
    )
    phrase_ord = len(terms) if len(terms) > 1 else None
    with connection.cursor() as cursor:
        cursor.execute(sql, {"terms": terms, "phrase_ord": phrase_ord, "series_id": series_id, "q": query})
        nodes, newest_id, base_matches, tag_matches = cursor.fetchone()

    rewrites: dict[int, list[str]] = {}
    targets: dict[int, str] = {}
    phrase_parts: list[str] = []
    tag_ids: list[int] = []
    spelling_queries: dict[int, str] = {}
    spellings = [word for word in words if _NON_ASCII.search(word)]
    for ord_, tag_id, target, alternative, spelling_query, tag_spellings in tag_matches:
        tag_ids.append(tag_id)
        if spelling_query:
            spelling_queries[tag_id] = spelling_query
        spellings.extend(tag_spellings)
        parts = [f"'#tag-{int(tag_id)}'"] + ([f"( {alternative} )"] if alternative else [])
        if ord_ == phrase_ord:
            phrase_parts.extend(parts)
        else:
            targets[ord_] = target
            rewrites.setdefault(ord_, [f"( {target} )"]).extend(parts)

    tsquery_sql = f"websearch_to_tsquery('{SEARCH_CONFIG}', %s)"
    params: list[str] = [query]
    for ord_, parts in rewrites.items():
        tsquery_sql = f"ts_rewrite({tsquery_sql}, %s::tsquery, %s::tsquery)"
        params += [targets[ord_], " | ".join(dict.fromkeys(parts))]
    if phrase_parts:
        tsquery_sql = f"({tsquery_sql} || %s::tsquery)"
        params.append(" | ".join(dict.fromkeys(phrase_parts)))
    fragment_sql, fragment_params = tsquery_sql, list(params)
    if spelling_queries:
        fragment_sql = f"({tsquery_sql} || %s::tsquery)"
        fragment_params.append(_fragment_spellings(" | ".join(spelling_queries.values())))
    has_lexemes = bool(nodes) or bool(tag_matches)
    fallback = trigram and not base_matches and not tag_matches and len("".join(words)) >= MIN_FUZZY_TERM_LENGTH
    return SearchQuery(
        text=query,
        tsquery_sql=tsquery_sql,
        tsquery_params=tuple(params),
        fragment_sql=fragment_sql,
        fragment_params=tuple(fragment_params),
        spellings=tuple(dict.fromkeys(spelling for spelling in spellings if len(spelling) >= 2)),
        has_lexemes=has_lexemes,
        trigram_fallback=fallback,
        tag_ids=tuple(dict.fromkeys(tag_ids)),
        newest_id=newest_id,
    )


class _Matches(Func):
    """`vector @@ query`, as a filter."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def theory_search_filter(queryset: QuerySet[Theory], *, query: SearchQuery, ranked: bool) -> QuerySet[Theory]:
    """Keep the theories of `queryset` that match; with `ranked`, annotate `rank` over the candidates.

    Ranked results are the SEARCH_CANDIDATES newest matches (after the caller's filters) with a
    `rank` in [0, 1); order them by ("-rank", "-id").
    """
    if query.trigram_fallback:
        matched = queryset.filter(title__trigram_word_similar=query.text)
        rank = TrigramWordSimilarity(query.text, "title")
    elif query.has_lexemes:
        matched = queryset.filter(_Matches(F("search_vector"), query.tsquery()))
        rank = SearchRank(
            F("search_vector"),
            query.tsquery(),
            weights=RANK_WEIGHTS,
            normalization=RANK_NORMALIZATION,
            cover_density=True,
        )
    else:
        nothing = queryset.none()
        return nothing.annotate(rank=Value(0.0, output_field=FloatField())) if ranked else nothing
    if not ranked:
        return matched
    if query.trigram_fallback or query.newest_id is None:
        candidates = matched.order_by("-id").values("pk")[:SEARCH_CANDIDATES]
    else:
        candidates = _newest_matches(queryset, query=query, newest_id=query.newest_id)
    return queryset.filter(pk__in=candidates).annotate(rank=Cast(rank, FloatField()))


def recent_window(*, newest_id: int) -> int:
    """How many of the newest theories _newest_matches tests one by one before it turns to the GIN index.

    sqrt(SEARCH_CANDIDATES × theories): 3,162 at 100,000. A query matching fewer than one theory in
    window / SEARCH_CANDIDATES then has about that many matches in all, so neither part reads more
    than about `window` rows, the least a worst case can cost when the planner's guess is not trusted.
    """
    return max(SEARCH_CANDIDATES, math.isqrt(SEARCH_CANDIDATES * max(newest_id, 0)))


class _Plus(Func):
    """`expression + 0`: the same value, which no index provides in order (see _newest_matches)."""

    template = "(%(expressions)s + 0)"


def _newest_matches(queryset: QuerySet[Theory], *, query: SearchQuery, newest_id: int) -> QuerySet[Theory]:
    """The SEARCH_CANDIDATES newest matches of a full-text query, as a subquery of ids; bounded work for any query.

    Which plan is cheap depends on how many theories match, and the planner's guess of that for a
    query of several words, or of a name and its tag, can be off by orders of magnitude: reading
    the primary key backwards until enough rows match reads the whole table when few do, and
    reading every match through the GIN index reads tens of thousands of rows when many do
    (350 ms for "hambies" or "cheong-san alive" at 100,000 theories). So the work is split, and
    each part's plan is fixed by the shape of its SQL rather than by a guess:

    1. the newest recent_window() theories, backwards on the primary key, the match tested on
       each row (on coalesce(document), which the GIN index cannot serve); a query that matches
       at least one theory in window / SEARCH_CANDIDATES fills the candidates here and stops early;
    2. only when that part found too few (so the query is rare and has few matches in all), the
       older matches through the GIN index, newest first (ordered by `id + 0`, an order the
       primary key cannot give).

    Both are one UNION ALL under the LIMIT, and PostgreSQL runs the second part only if the first
    did not fill it.
    """
    floor = newest_id - recent_window(newest_id=newest_id)
    unindexed_document = Coalesce(F("search_vector"), Value("", output_field=SearchVectorField()))
    recent = (
        queryset.filter(_Matches(unindexed_document, query.tsquery()), pk__gt=floor)
        .order_by("-pk")
        .values("pk")[:SEARCH_CANDIDATES]
    )
    older = (
        queryset.filter(_Matches(F("search_vector"), query.tsquery()), pk__lte=floor)
        .order_by(_Plus(F("pk")).desc())
        .values("pk")[:SEARCH_CANDIDATES]
    )
    return recent.union(older, all=True)[:SEARCH_CANDIDATES]


# ts_headline parses all the text it is given (about a microsecond a character), so a long body is
# cut to a window of this many characters, starting HEADLINE_LEAD before the first place a probe
# (a query word, its first letters, a tag spelling) occurs; bodies up to this length go in whole.
HEADLINE_WINDOW = 1500
HEADLINE_LEAD = 300
_PROBE_PREFIX = 5

# {tsquery} and {fragments} are compiled tsquery expressions; each one's parameters follow the "%s" before it.
# The body: the fragments around any spelling (unmarked), and in them the query's own matches marked.
_HEADLINE_SQL = f"""
SELECT id,
    ts_headline('{SEARCH_CONFIG}', translate(title, %s, ''), {{tsquery}}, %s),
    ts_headline(
        '{SEARCH_CONFIG}',
        ts_headline('{SEARCH_CONFIG}', translate(excerpt.text, %s, ''), {{fragments}}, %s),
        {{tsquery}},
        %s
    )
FROM theories_theory
CROSS JOIN LATERAL (
    SELECT CASE WHEN char_length(body) <= {HEADLINE_WINDOW} THEN body ELSE substr(
        body,
        greatest(1, coalesce((
            SELECT min(strpos(lower(body), probe)) FROM unnest(%s::text[]) AS probe WHERE strpos(lower(body), probe) > 0
        ), 1) - {HEADLINE_LEAD}),
        {HEADLINE_WINDOW}
    ) END AS text
) AS excerpt
WHERE id = ANY(%s)
"""


def _headline_probes(query: SearchQuery) -> list[str]:
    """Lower-case strings whose first occurrence in a long body places its headline window (see HEADLINE_WINDOW)."""
    words = _TERM.findall(query.text.lower())
    probes = [*words, *(word[:_PROBE_PREFIX] for word in words if len(word) > _PROBE_PREFIX), *query.spellings]
    return list(dict.fromkeys(probe.lower() for probe in probes if len(probe) >= 2))


def _spellings_pattern(spellings: Sequence[str]) -> re.Pattern[str] | None:
    """A regex for the spellings as written, longest first; words may be joined by a space, a hyphen or nothing.

    Latin spellings are whole words; Korean ones may carry a particle ("최남라가").
    """
    alternatives = []
    for spelling in sorted(set(spellings), key=len, reverse=True):
        words = [re.escape(word) for word in re.split(r"[\s\-]+", spelling.strip()) if word]
        if not words:
            continue
        body = r"[\s\-]?".join(words)
        alternatives.append(body if _NON_ASCII.search(spelling) else rf"(?<!\w){body}(?!\w)")
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _mark_spellings(text: str, pattern: re.Pattern[str] | None) -> str:
    """Add match marks around the spellings in a ts_headline result; overlapping marks merge into one."""
    if pattern is None:
        return text
    plain: list[str] = []
    spans: list[list[int]] = []
    length = 0
    for index, part in enumerate(re.split(f"[{_START}{_STOP}]", text)):
        if index % 2:  # between a start and a stop mark
            spans.append([length, length + len(part)])
        plain.append(part)
        length += len(part)
    plain_text = "".join(plain)
    spans += [[match.start(), match.end()] for match in pattern.finditer(plain_text) if match.end() > match.start()]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, position = [], 0
    for start, end in merged:
        out += [plain_text[position:start], _START, plain_text[start:end], _STOP]
        position = end
    out.append(plain_text[position:])
    return "".join(out)


def _marked_html(text: str) -> str:
    """Escape a ts_headline result for HTML; only its match marks become <mark> elements."""
    return html.escape(text, quote=True).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _plain_snippet(body: str, *, words: int = 30) -> str:
    parts = body.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def search_highlights(*, texts: Mapping[int, tuple[str, str]], query: SearchQuery) -> dict[int, tuple[str, str]]:
    """The title and body snippet, as HTML with matches in <mark>, of each theory id in `texts` ({id: (title, body)}).

    One query for the page, whatever its size. Everything but the marks is escaped: bodies and
    titles are user text, and the marks are control characters removed from the text beforehand.
    """
    if not texts:
        return {}
    if not query.has_lexemes or query.trigram_fallback:
        return {pk: (html.escape(title), html.escape(_plain_snippet(body))) for pk, (title, body) in texts.items()}
    marks = _START + _STOP
    tsquery, fragments = list(query.tsquery_params), list(query.fragment_params)
    mark_all = f"HighlightAll=true, {_MARKS}"
    params = [
        *(marks, *tsquery, mark_all),
        *(marks, *fragments, f'{HEADLINE_OPTIONS}, StartSel="", StopSel=""', *tsquery, mark_all),
        _headline_probes(query),
        list(texts),
    ]
    sql = _HEADLINE_SQL.format(tsquery=query.tsquery_sql, fragments=query.fragment_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {pk: (title, body) for pk, title, body in cursor.fetchall()}
    pattern = _spellings_pattern(query.spellings)
    highlights = {}
    for pk, text in texts.items():
        title, body = found.get(pk, text)
        highlights[pk] = (_marked_html(_mark_spellings(title, pattern)), _marked_html(_mark_spellings(body, pattern)))
    return highlights


def theory_highlights(*, theories: Sequence[Theory], query: SearchQuery) -> None:
    """Set `highlight` (body snippet) and `title_highlight` on each theory, as search_highlights makes them."""
    highlights = search_highlights(texts={theory.pk: (theory.title, theory.body) for theory in theories}, query=query)
    for theory in theories:
        theory.title_highlight, theory.highlight = highlights[theory.pk]


def search_highlight_items(*, items: Sequence[MutableMapping[str, Any]], query: SearchQuery) -> None:
    """Fill `title_highlight` and `highlight` of list items (dicts with `id`, `title`, `body`), as search_highlights.

    An item whose `body` is None (a withheld spoiler) keeps a null `highlight`: the snippet is body text.
    """
    highlights = search_highlights(
        texts={item["id"]: (item["title"], item["body"] or "") for item in items}, query=query
    )
    for item in items:
        title_highlight, highlight = highlights[item["id"]]
        item["title_highlight"] = title_highlight
        item["highlight"] = None if item["body"] is None else highlight
