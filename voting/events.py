"""Live vote events, published straight to the Redis channels that channels-redis' pub/sub layer listens on.

A web worker serving a vote is synchronous; `async_to_sync(layer.group_send)` would start an
event loop, a thread and a Redis connection for every call (about 11 ms for a vote's two
groups). RedisPubSubChannelLayer.group_send is only a PUBLISH of the layer's serialized message
on `<prefix>__group__<group>`, so this module sends that PUBLISH itself from a plain redis-py
client, with the layer's own serializer, and folds the coalescing check into the same round
trip (one EVALSHA). Layers of another kind, or sharded over several Redis hosts, are served
through theories.events.publish instead.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import redis
from channels.layers import get_channel_layer
from django.conf import settings

from core.redis_client import redis_client

logger = logging.getLogger(__name__)

# Live vote events per theory are coalesced to about one per this many milliseconds.
COALESCE_MS = 250

# KEYS: the leading-edge and trailing marks of the theory's window. ARGV: window ms, message, channels...
# 1: published now (first vote of a window); 2: the caller schedules the trailing publish; 0: one is scheduled.
_COALESCE_AND_PUBLISH = """
if redis.call('SET', KEYS[1], 1, 'NX', 'PX', ARGV[1]) then
  for i = 3, #ARGV do redis.call('PUBLISH', ARGV[i], ARGV[2]) end
  return 1
end
if redis.call('SET', KEYS[2], 1, 'NX', 'PX', ARGV[1]) then return 2 end
return 0
"""
PUBLISHED, SCHEDULE_TRAILING, ALREADY_SCHEDULED = 1, 2, 0


class _DirectLayer:
    """What a direct PUBLISH needs from the configured RedisPubSubChannelLayer: its client, prefix and serializer."""

    def __init__(self, layer: Any, client: redis.Redis) -> None:
        self.layer = layer
        self.client = client
        self.prefix = layer._kwargs.get("prefix", "asgi")
        self.script = client.register_script(_COALESCE_AND_PUBLISH)

    def channel(self, group: str) -> str:
        # channels_redis.pubsub.RedisPubSubLoopLayer._get_group_channel_name
        return f"{self.prefix}__group__{group}"

    def message(self, event: dict[str, Any]) -> bytes:
        # The consumers' handler for {"type": "live.event"} forwards `event` to the socket (theories.consumers).
        return self.layer.serialize({"type": "live.event", "event": event})


@cache
def _direct_layer() -> _DirectLayer | None:
    from channels_redis.pubsub import RedisPubSubChannelLayer
    from channels_redis.utils import decode_hosts

    layer = get_channel_layer()
    if not isinstance(layer, RedisPubSubChannelLayer):
        return None
    hosts = decode_hosts(layer._kwargs.get("hosts"))
    if len(hosts) != 1 or set(hosts[0]) != {"address"} or not isinstance(hosts[0]["address"], str):
        return None
    address = hosts[0]["address"]
    if address == settings.REDIS_URL:
        return _DirectLayer(layer, redis_client())
    return _DirectLayer(layer, redis.Redis.from_url(address, socket_connect_timeout=0.25, socket_timeout=0.25))


def vote_event(*, theory_id: int, score: int, upvotes: int, downvotes: int) -> dict[str, Any]:
    return {"type": "vote.updated", "theory": theory_id, "score": score, "upvotes": upvotes, "downvotes": downvotes}


def _groups(*, theory_id: int, series_slug: str) -> list[str]:
    from theories.events import series_group, theory_group

    return [theory_group(theory_id), series_group(series_slug)]


def publish_now(*, theory_id: int, series_slug: str, event: dict[str, Any]) -> None:
    """Send a vote event to the theory's page and its series page, without coalescing (the trailing publish)."""
    groups = _groups(theory_id=theory_id, series_slug=series_slug)
    direct = _direct_layer()
    if direct is None:
        from theories.events import publish

        publish(groups=groups, event=event)
        return
    message = direct.message(event)
    pipe = direct.client.pipeline(transaction=False)
    for group in groups:
        pipe.publish(direct.channel(group), message)
    pipe.execute()


def publish_coalesced(*, theory_id: int, series_slug: str, event: dict[str, Any]) -> int:
    """Publish at once if this is the first event of the theory's window, else say whether to schedule the trailing one.

    Returns PUBLISHED, SCHEDULE_TRAILING or ALREADY_SCHEDULED; raises redis.RedisError when Redis is unreachable.
    """
    leading, trailing = f"theorycraft:vote-event:{theory_id}", f"theorycraft:vote-trailing:{theory_id}"
    direct = _direct_layer()
    if direct is None:
        client = redis_client()
        if client.set(leading, 1, nx=True, px=COALESCE_MS):
            publish_now(theory_id=theory_id, series_slug=series_slug, event=event)
            return PUBLISHED
        return SCHEDULE_TRAILING if client.set(trailing, 1, nx=True, px=COALESCE_MS) else ALREADY_SCHEDULED
    channels = [direct.channel(group) for group in _groups(theory_id=theory_id, series_slug=series_slug)]
    return int(direct.script(keys=[leading, trailing], args=[COALESCE_MS, direct.message(event), *channels]))
