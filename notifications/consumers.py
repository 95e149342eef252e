"""A signed-in user's live notifications: `notification.created` events, made by the REST serializer."""

from __future__ import annotations

from core.websocket import ListenOnlyConsumer
from notifications.services import user_group

# Close codes in the private range (4000–4999): 4401 mirrors HTTP 401.
CLOSE_NOT_AUTHENTICATED = 4401


class NotificationConsumer(ListenOnlyConsumer):
    group_name = ""

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_AUTHENTICATED)
            return
        self.group_name = user_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def live_event(self, message: dict) -> None:
        await self.send_json(message["event"])
