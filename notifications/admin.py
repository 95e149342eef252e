"""Read-only admin views: follows and notifications are written by notifications.services only."""

from django.contrib import admin

from notifications.models import Follow, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ["user", "theory", "tag", "created_at"]
    raw_id_fields = ["user", "theory", "tag"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "target_type", "target_id", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "actor"]
