"""`manage.py backup [--file PATH]`: dump the database (pg_dump custom format) to a file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, backup, default_backup_file


class Command(BaseCommand):
    help = "Back the database up to a file (pg_dump custom format); default .data/backups/theorycraft-<time>.dump."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--file", type=Path, help="where to write the backup")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        file = options["file"] or default_backup_file()
        try:
            written = backup(connection=connections[options["database"]], file=file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {written} ({written.stat().st_size:,} bytes)")
