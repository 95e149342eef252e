from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_role_groups(**kwargs) -> None:  # type: ignore[no-untyped-def]
    """Create the role groups if missing.

    Migration 0002 creates them, but `manage.py flush` (and every transactional test, which
    flushes afterwards) empties auth_group; flush then sends post_migrate, like migrate does,
    so the groups come back the way Django's own permissions do.
    """
    from django.contrib.auth.models import Group

    from accounts.models import MODERATORS_GROUP, WRITERS_GROUP

    for name in (MODERATORS_GROUP, WRITERS_GROUP):
        Group.objects.using(kwargs.get("using", "default")).get_or_create(name=name)


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="accounts.ensure_role_groups")
