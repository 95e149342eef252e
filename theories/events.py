"""Publishing live events to Channels groups. Called from services inside transaction.on_commit only."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def series_group(slug: str) -> str:
    return f"series-{slug}"


def theory_group(pk: int) -> str:
    return f"theories.theory-{pk}"


def publish(*, groups: list[str], event: dict[str, Any]) -> None:
    """Send one event to groups; if Redis is down the write stands and only the live update is lost."""
    layer = get_channel_layer()
    if layer is None:
        return
    for group in groups:
        try:
            async_to_sync(layer.group_send)(group, {"type": "live.event", "event": event})
        except Exception:  # noqa: BLE001 - live updates are best effort; the data is already committed
            logger.warning("could not publish %s to %s", event.get("type"), group, exc_info=True)
