"""`manage.py seed_demo`: load the All of Us Are Dead demo and print the demo logins. Safe to run repeatedly."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from theories.demo import catalog
from theories.demo.seed import seed_demo
from trends.models import WINDOW_LENGTHS
from trends.services import snapshot_compute


class Command(BaseCommand):
    help = (
        "Load the demo series (All of Us Are Dead) with its tags, chapters, accounts, theories, comments "
        "and votes, dated relative to now. Idempotent: a second run adds nothing. Prints the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with THEORYCRAFT_ENV=production (the demo accounts have published passwords).",
        )
        parser.add_argument(
            "--no-trends",
            dest="trends",
            action="store_false",
            help="Leave the trends snapshots to beat instead of computing the current ones now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "Refusing to load demo accounts with published passwords in production; "
                "pass --allow-production to do it anyway."
            )
        started = time.perf_counter()
        result = seed_demo()
        if options["trends"]:
            # The trends page has something to show at once, not after beat's first tick (TRENDS_REFRESH_SECONDS).
            for window in WINDOW_LENGTHS:
                snapshot_compute(series=result.series, window=window)
        elapsed = time.perf_counter() - started
        if options["verbosity"] == 0:
            return
        if result.content_created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded for {result.series.title}: {result.theories_created} theories, "
                    f"{result.comments_created} comments, {result.votes_created} votes, "
                    f"{result.users_created} accounts ({elapsed:.1f} s)."
                )
            )
        else:
            added = [
                f"{count} {noun}"
                for count, noun in (
                    (result.users_created, "accounts"),
                    (result.tags_created, "tags"),
                    (result.chapters_created, "chapters"),
                )
                if count
            ]
            detail = f"; added {', '.join(added)}" if added else ""
            self.stdout.write(f"Demo data for {result.series.title} is already loaded{detail} ({elapsed:.1f} s).")
        self.stdout.write("")
        self.stdout.write("Demo logins (username / password):")
        width = max(len(login["username"]) for login in catalog.DEMO_LOGINS)
        for login in catalog.DEMO_LOGINS:
            self.stdout.write(f"  {login['username']:<{width}}  {login['password']:<22}  {login['role']}")
