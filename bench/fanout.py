"""WebSocket fan-out: N clients on one series, votes cast over HTTP, time until every client has the event.

Everything runs in one asyncio process so that one clock (time.perf_counter) times both the
vote's HTTP response and each client's receipt. A round casts one vote on a theory that no
other round uses, so each vote publishes at once (the first vote on a theory in a coalescing
window) and its event can be told apart from any other.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass, field

import websockets

# How long a round waits for the last clients before counting them as not delivered.
ROUND_TIMEOUT = 5.0
CONNECT_CONCURRENCY = 50


@dataclass
class FanoutResult:
    clients: int
    connected: int
    rounds: int
    expected: int
    delivered: int
    latencies_ms: list[float] = field(default_factory=list)  # from the vote's response to receipt
    from_request_ms: list[float] = field(default_factory=list)  # from sending the vote to receipt
    vote_ms: list[float] = field(default_factory=list)  # the vote's own HTTP round trip
    last_client_ms: list[float] = field(default_factory=list)  # per round: the last receipt, from the response

    @property
    def delivered_share(self) -> float:
        return self.delivered / self.expected if self.expected else 0.0


class _HttpConnection:
    """A minimal keep-alive HTTP/1.1 client, enough for PUTting a vote and reading the answer."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, *, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        try:
            return await self._request(method, path, headers=headers, body=body)
        except (ConnectionError, asyncio.IncompleteReadError):
            # The server closed an idle keep-alive connection (uvicorn does after 5 s): once more, on a new one.
            # The PUT carries the value to set, so sending it again cannot count a vote twice.
            await self.close()
            return await self._request(method, path, headers=headers, body=body)

    async def _request(self, method: str, path: str, *, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("the server closed the connection")
        status = int(status_line.split()[1])
        length = 0
        close = False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
            elif name.strip().lower() == "connection" and value.strip().lower() == "close":
                close = True
        payload = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, payload

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def run_fanout(
    *,
    ws_url: str,
    origin: str,
    http_host: str,
    http_port: int,
    token: str,
    votes: list[tuple[int, int]],
    clients: int,
) -> FanoutResult:
    """Connect `clients` sockets to ws_url, then cast each (theory id, value) vote in turn."""
    received: dict[int, list[float]] = {theory_id: [] for theory_id, _ in votes}
    complete: dict[int, asyncio.Event] = {theory_id: asyncio.Event() for theory_id, _ in votes}
    sockets: list = []
    semaphore = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def connect() -> None:
        async with semaphore:
            try:
                socket = await websockets.connect(
                    ws_url, origin=origin, open_timeout=30, ping_interval=None, max_queue=None
                )
            except (OSError, websockets.WebSocketException, TimeoutError):
                return
            sockets.append(socket)

    async def listen(socket) -> None:  # type: ignore[no-untyped-def]
        try:
            async for message in socket:
                moment = time.perf_counter()
                event = json.loads(message)
                theory_id = event.get("theory")
                if event.get("type") == "vote.updated" and theory_id in received:
                    arrivals = received[theory_id]
                    arrivals.append(moment)
                    if len(arrivals) >= len(sockets):
                        complete[theory_id].set()
        except websockets.ConnectionClosed:
            return

    await asyncio.gather(*(connect() for _ in range(clients)))
    listeners = [asyncio.create_task(listen(socket)) for socket in sockets]
    # The pub/sub layer subscribes to the group in Redis asynchronously; let it settle.
    await asyncio.sleep(1.0)

    result = FanoutResult(
        clients=clients, connected=len(sockets), rounds=len(votes), expected=clients * len(votes), delivered=0
    )
    http = _HttpConnection(http_host, http_port)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    try:
        for theory_id, value in votes:
            sent = time.perf_counter()
            body = json.dumps({"value": value}).encode()
            path = f"/api/v1/theories/{theory_id}/vote/"
            status, answer = await http.request("PUT", path, headers=headers, body=body)
            answered = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"fan-out vote on theory {theory_id} answered {status}: {answer[:300]!r}")
            result.vote_ms.append((answered - sent) * 1000)
            try:
                await asyncio.wait_for(complete[theory_id].wait(), timeout=ROUND_TIMEOUT)
            except TimeoutError:
                pass
            arrivals = received[theory_id]
            result.delivered += len(arrivals)
            result.latencies_ms += [(moment - answered) * 1000 for moment in arrivals]
            if arrivals:
                result.last_client_ms.append((max(arrivals) - answered) * 1000)
            result.from_request_ms += [(moment - sent) * 1000 for moment in arrivals]
            # Spacing between rounds, so rounds do not overlap on the server.
            await asyncio.sleep(0.3)
    finally:
        await http.close()
        await asyncio.gather(*(socket.close() for socket in sockets), return_exceptions=True)
        for task in listeners:
            task.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
    return result


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share / 100 * len(ordered))))
    return ordered[rank - 1]
