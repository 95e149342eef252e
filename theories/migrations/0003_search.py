"""Search: the stored, GIN-indexed search document of a theory, and trigram support where it exists.

pg_trgm is optional: the embedded PostgreSQL (pgserver) does not ship it. The extension and the
trigram index on the title are created only when the server offers the extension; search then
adds trigram matching (theories.search.trigram_available decides at run time).
"""

import logging

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, migrations, models, transaction

logger = logging.getLogger(__name__)

TITLE_TRIGRAM_INDEX = "theories_theory_title_trgm_idx"

# A frozen copy of theories.search._UPDATE_SQL (migrations must not follow later edits of the app).
BACKFILL_SQL = r"""
UPDATE theories_theory AS t
SET search_vector =
    setweight(to_tsvector('english', t.title || ' ' || array_to_string(ARRAY(
        SELECT replace(m[1], '-', '') FROM regexp_matches(t.title, '(\w+(?:-\w+)+)', 'g') AS m), ' ')), 'A')
    || setweight(tags.document, 'B')
    || setweight(to_tsvector('english', t.body || ' ' || array_to_string(ARRAY(
        SELECT replace(m[1], '-', '') FROM regexp_matches(t.body, '(\w+(?:-\w+)+)', 'g') AS m), ' ')), 'C')
FROM theories_theory AS t2
CROSS JOIN LATERAL (
    SELECT
        coalesce(to_tsvector('english', tag_text.words || ' ' || array_to_string(ARRAY(
            SELECT replace(m[1], '-', '') FROM regexp_matches(tag_text.words, '(\w+(?:-\w+)+)', 'g') AS m), ' ')), '')
        || coalesce(tag_text.markers::tsvector, '') AS document
    FROM (
        SELECT
            string_agg(tg.name || ' ' || array_to_string(tg.aliases, ' '), ' ') AS words,
            string_agg(quote_literal('#tag-' || tg.id) || ':1', ' ') AS markers
        FROM theories_theory_tags tt
        JOIN theories_tag tg ON tg.id = tt.tag_id
        WHERE tt.theory_id = t2.id
    ) AS tag_text
) AS tags
WHERE t.id = t2.id
"""


def _trigram_offered(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        return cursor.fetchone() is not None


def _trigram_installed(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


class TrigramExtensionIfAvailable(TrigramExtension):
    """CREATE EXTENSION pg_trgm where the server ships it (and we may create it); otherwise nothing."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not _trigram_offered(schema_editor):
            logger.warning("pg_trgm is not available: search works without trigram similarity")
            return
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                super().database_forwards(app_label, schema_editor, from_state, to_state)
        except DatabaseError as error:
            logger.warning("pg_trgm could not be created (%s): search works without trigram similarity", error)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # Other code may use the extension; leave it installed.
        pass


def create_title_trigram_index(apps, schema_editor):
    if _trigram_installed(schema_editor):
        # Search (theories.search.theory_search): `query <% title` over visible theories.
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TITLE_TRIGRAM_INDEX} ON theories_theory "
            "USING gin (title gin_trgm_ops) WHERE NOT is_deleted"
        )


def drop_title_trigram_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("theories", "0002_ranking_columns"),
    ]

    operations = [
        TrigramExtensionIfAvailable(),
        migrations.AddField(
            model_name="theory",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # Keep the document inline in the row (compressed if need be), moving body and body_html to
        # TOAST first: matching and ranking then read no TOAST, ten times faster at 100,000 theories.
        migrations.RunSQL(
            "ALTER TABLE theories_theory ALTER COLUMN search_vector SET STORAGE MAIN",
            reverse_sql="ALTER TABLE theories_theory ALTER COLUMN search_vector SET STORAGE EXTENDED",
        ),
        migrations.RunSQL(BACKFILL_SQL, reverse_sql=migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="theory",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("is_deleted", False)), fields=["search_vector"], name="theories_theory_search_idx"
            ),
        ),
        migrations.RunPython(create_title_trigram_index, drop_title_trigram_index),
    ]
