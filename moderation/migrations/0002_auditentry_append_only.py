"""The audit log is append-only in the database itself: a trigger refuses UPDATE and DELETE of its rows.

The model and its queryset refuse changes too, but raw SQL, other clients and future code paths
go around them; this holds for all of them. TRUNCATE is not blocked, so test databases can still
be flushed between tests (it needs table-owner rights in production anyway).
"""

from django.db import migrations

CREATE_SQL = """
CREATE FUNCTION moderation_auditentry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation_auditentry is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER moderation_auditentry_append_only
BEFORE UPDATE OR DELETE ON moderation_auditentry
FOR EACH ROW EXECUTE FUNCTION moderation_auditentry_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS moderation_auditentry_append_only ON moderation_auditentry;
DROP FUNCTION IF EXISTS moderation_auditentry_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunSQL(CREATE_SQL, reverse_sql=DROP_SQL)]
