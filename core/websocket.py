"""Flood protection for the live sockets: every consumer is one-way, so a client sending a stream of
messages is misbehaving, and each message still costs the server a task on its event loop.

A per-connection token bucket (Anderson's token bucket, as in any traffic shaper): BURST messages at
once, then REFILL_PER_SECOND. A client past it, or sending a message over MAX_MESSAGE_BYTES, is closed
with a private close code, so one flooding tab cannot slow the events of everyone on the same process.
"""

from __future__ import annotations

import logging
import time

from channels.generic.websocket import AsyncJsonWebsocketConsumer

logger = logging.getLogger(__name__)

# Close codes in the private range (4000-4999), mirroring HTTP statuses.
CLOSE_TOO_MANY_MESSAGES = 4429
CLOSE_MESSAGE_TOO_BIG = 4413


class TokenBucket:
    """`capacity` tokens, refilled at `rate` per second; take() spends one if there is one."""

    def __init__(self, *, capacity: float, rate: float, clock=time.monotonic) -> None:  # type: ignore[no-untyped-def]
        self.capacity = capacity
        self.rate = rate
        self.clock = clock
        self.tokens = capacity
        self.updated = clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class ListenOnlyConsumer(AsyncJsonWebsocketConsumer):
    """A consumer whose clients only listen: incoming messages are counted, never decoded or acted on."""

    BURST = 20
    REFILL_PER_SECOND = 2.0
    MAX_MESSAGE_BYTES = 4096

    async def websocket_connect(self, message: dict) -> None:
        self.flood_bucket = TokenBucket(capacity=self.BURST, rate=self.REFILL_PER_SECOND)
        self.flood_closed = False
        await super().websocket_connect(message)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.flood_closed:
            return
        size = len(text_data.encode()) if text_data is not None else len(bytes_data or b"")
        if size > self.MAX_MESSAGE_BYTES:
            await self._close_for(CLOSE_MESSAGE_TOO_BIG, f"a {size}-byte message")
        elif not self.flood_bucket.take():
            await self._close_for(CLOSE_TOO_MANY_MESSAGES, "a message flood")

    async def _close_for(self, code: int, what: str) -> None:
        self.flood_closed = True
        logger.warning("closing %s socket %s after %s", type(self).__name__, self.scope.get("path"), what)
        await self.close(code=code)
