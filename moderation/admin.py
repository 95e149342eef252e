"""Read-only admin views of moderation: every write goes through moderation.services (and is audited)."""

from django.contrib import admin

from moderation.models import AuditEntry, Flag, OfficialNews, Ruling, Suspension


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(OfficialNews)
class OfficialNewsAdmin(ReadOnlyAdmin):
    list_display = ["title", "series", "publisher", "published_at"]
    list_filter = ["series"]
    search_fields = ["title", "publisher"]


@admin.register(Ruling)
class RulingAdmin(ReadOnlyAdmin):
    list_display = ["theory", "verdict", "news", "moderator", "created_at", "revoked_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["theory", "news", "moderator", "revoked_by"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["target_type", "target_id", "reason", "reporter", "created_at", "resolved_at", "resolution"]
    list_filter = ["reason", "resolution", "target_type"]
    raw_id_fields = ["reporter", "resolved_by"]


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ["user", "starts_at", "ends_at", "lifted_at", "moderator"]
    raw_id_fields = ["user", "moderator", "lifted_by"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    raw_id_fields = ["actor"]
