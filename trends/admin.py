from django.contrib import admin

from trends.models import DailyRollup, Snapshot, ThemeStat


class ThemeStatInline(admin.TabularInline):
    model = ThemeStat
    fields = ["rank", "tag", "index", "participants", "votes", "comments", "new_theories", "velocity", "surprise"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["rank"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by the trends tasks only."""

    list_display = ["series", "window", "as_of", "computed_at", "duration_ms", "participants", "busted_theories"]
    list_filter = ["window", "series"]
    date_hierarchy = "as_of"
    inlines = [ThemeStatInline]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(DailyRollup)
class DailyRollupAdmin(admin.ModelAdmin):
    list_display = ["series", "day", "theories", "phrase_total", "computed_at"]
    list_filter = ["series"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
