"""`manage.py restore --file PATH`: replace the database's contents with a backup made by `manage.py backup`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database from a backup file (pg_restore --clean --if-exists, in one transaction)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--file", type=Path, required=True, help="the backup to restore")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            restore(connection=connections[options["database"]], file=options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {options['file']}")
