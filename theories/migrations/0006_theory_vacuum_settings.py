"""Vacuum theories_theory after 2 % of its rows changed instead of autovacuum's default 20 %.

Every vote rewrites its theory's row and adds entries to the ranking indexes; at the default, a
table of 100,000 theories collects 20,000 dead rows before autovacuum visits it, and the lists,
which read exactly the theories being voted on, slow down meanwhile (bench/README.md, "Soak").
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("theories", "0005_discussion")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE theories_theory SET "
            "(autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05)",
            reverse_sql="ALTER TABLE theories_theory RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)",
        ),
    ]
