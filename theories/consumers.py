"""Live events for series and theory pages. Payloads are built by the services with the REST serializers."""

from __future__ import annotations

from core.websocket import ListenOnlyConsumer
from theories.events import series_group, theory_group


class _GroupConsumer(ListenOnlyConsumer):
    group_name: str

    async def connect(self) -> None:
        self.group_name = await self.resolve_group()
        if not self.group_name:
            await self.close(code=4404)
            return
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def resolve_group(self) -> str:
        raise NotImplementedError

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group_name", None):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def live_event(self, message: dict) -> None:
        await self.send_json(message["event"])


class SeriesConsumer(_GroupConsumer):
    async def resolve_group(self) -> str:
        from channels.db import database_sync_to_async

        from theories.models import Series

        slug = self.scope["url_route"]["kwargs"]["slug"]
        exists = await database_sync_to_async(Series.objects.filter(slug=slug).exists)()
        return series_group(slug) if exists else ""


class TheoryConsumer(_GroupConsumer):
    async def resolve_group(self) -> str:
        from channels.db import database_sync_to_async

        from theories.models import Theory

        pk = self.scope["url_route"]["kwargs"]["pk"]
        exists = await database_sync_to_async(Theory.objects.filter(pk=pk, is_deleted=False, is_hidden=False).exists)()
        return theory_group(pk) if exists else ""
