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
# The theories whose trailing event is due, in one Redis set for every theory, and the mark of the one
# publish scheduled for them all; the set expires when nothing has been added for a minute (no worker).
PENDING_KEY = "theorycraft:vote-trailing:pending"
BATCH_KEY = "theorycraft:vote-trailing:batch"
PENDING_TTL_MS = 60_000

# KEYS: the theory's leading-edge mark, the pending set, the batch mark.
# ARGV: window ms, message, theory id, pending ttl ms, channels...
# 1: published now (first vote of the theory's window); 2: added to the pending set, and the caller
# schedules the batch's trailing publish; 0: added, and a publish is scheduled already.
_COALESCE_AND_PUBLISH = """
if redis.call('SET', KEYS[1], 1, 'NX', 'PX', ARGV[1]) then
  for i = 5, #ARGV do redis.call('PUBLISH', ARGV[i], ARGV[2]) end
  return 1
end
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
if redis.call('SET', KEYS[3], 1, 'NX', 'PX', ARGV[1]) then return 2 end
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


def publish_now(items: list[tuple[int, str, dict[str, Any]]]) -> None:
    """Send vote events, each (theory id, series slug, event), to the theory's page and its series page, without
    coalescing (the trailing publish), in one round trip."""
    direct = _direct_layer()
    if direct is None:
        from theories.events import publish

        for theory_id, series_slug, event in items:
            publish(groups=_groups(theory_id=theory_id, series_slug=series_slug), event=event)
        return
    pipe = direct.client.pipeline(transaction=False)
    for theory_id, series_slug, event in items:
        message = direct.message(event)
        for group in _groups(theory_id=theory_id, series_slug=series_slug):
            pipe.publish(direct.channel(group), message)
    pipe.execute()


def _coalescing_client() -> redis.Redis:
    """The Redis holding the coalescing marks: the channel layer's when events are PUBLISHed directly."""
    direct = _direct_layer()
    return direct.client if direct is not None else redis_client()


def publish_coalesced(*, theory_id: int, series_slug: str, event: dict[str, Any]) -> int:
    """Publish at once if this is the first event of the theory's window, else leave the theory for the trailing
    publish and say whether to schedule it (voting.services.vote_counts_publish_pending).

    Every theory voted on again within its window goes into one pending set, and one trailing publish
    per window serves them all: a storm over many theories costs a few scheduled tasks a second, not
    one per theory. Returns PUBLISHED, SCHEDULE_TRAILING or ALREADY_SCHEDULED; raises redis.RedisError
    when Redis is unreachable.
    """
    leading = f"theorycraft:vote-event:{theory_id}"
    direct = _direct_layer()
    if direct is None:
        client = redis_client()
        if client.set(leading, 1, nx=True, px=COALESCE_MS):
            publish_now([(theory_id, series_slug, event)])
            return PUBLISHED
        pipe = client.pipeline(transaction=True)
        pipe.sadd(PENDING_KEY, theory_id)
        pipe.pexpire(PENDING_KEY, PENDING_TTL_MS)
        pipe.set(BATCH_KEY, 1, nx=True, px=COALESCE_MS)
        return SCHEDULE_TRAILING if pipe.execute()[-1] else ALREADY_SCHEDULED
    channels = [direct.channel(group) for group in _groups(theory_id=theory_id, series_slug=series_slug)]
    return int(
        direct.script(
            keys=[leading, PENDING_KEY, BATCH_KEY],
            args=[COALESCE_MS, direct.message(event), theory_id, PENDING_TTL_MS, *channels],
        )
    )


def pending_take() -> list[int]:
    """The theories waiting for their trailing event, removed from the set in the same step."""
    pipe = _coalescing_client().pipeline(transaction=True)
    pipe.smembers(PENDING_KEY)
    pipe.delete(PENDING_KEY)
    members, _ = pipe.execute()
    return sorted(int(member) for member in members)
