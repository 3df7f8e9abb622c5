"""Writing a response onto a connection: status line, headers, body or event stream."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from typing import Protocol

from ._responses import (
    BytesResponse,
    Gate,
    JSONResponse,
    Response,
    SSEComment,
    SSEEvent,
    SSEResponse,
    Stall,
)

__all__ = ["Connection", "send"]

_GATE_POLL_SECONDS = 0.05
_KEEPALIVE = SSEComment().encode()


class Connection(Protocol):
    """The socket side of one request, as `send` needs it (the handler implements it)."""

    @property
    def stopping(self) -> bool: ...

    def send_head(self, status: int, headers: Sequence[tuple[str, str]]) -> None: ...

    def write(self, data: bytes) -> None:
        """Send `data` now; raise OSError if the peer is gone."""
        ...

    def drop(self, *, reset: bool = False) -> None:
        """Close the socket at once, whatever was (not) sent."""
        ...

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; return True early if the server is stopping."""
        ...


def send(connection: Connection, response: Response) -> None:
    if isinstance(response, (JSONResponse, BytesResponse)):
        content_type = "application/json" if isinstance(response, JSONResponse) else response.content_type
        _send_body(connection, response.status, content_type, response.content, response.headers)
    elif isinstance(response, SSEResponse):
        _send_stream(connection, response)
    elif isinstance(response, Stall):
        stopped = connection.wait(response.seconds)
        if stopped or response.then is None:
            connection.drop()
        else:
            send(connection, response.then)
    else:
        connection.drop(reset=response.reset)


def _send_body(
    connection: Connection, status: int, content_type: str, content: bytes, extra: Mapping[str, str] | None
) -> None:
    if status in (204, 304):  # these must not carry a body
        connection.send_head(status, _merge([], extra))
        return
    defaults = [("Content-Type", content_type), ("Content-Length", str(len(content)))]
    connection.send_head(status, _merge(defaults, extra))
    connection.write(content)


def _send_stream(connection: Connection, response: SSEResponse) -> None:
    defaults = [
        ("Content-Type", response.content_type),
        ("Cache-Control", "no-cache"),
        ("Transfer-Encoding", "chunked"),
    ]
    connection.send_head(response.status, _merge(defaults, response.headers))
    sent = 0
    for item in response.events:
        if isinstance(item, Gate):
            if not _pass_gate(connection, item):
                connection.drop()
                return
            continue
        if sent > 0 and not _pause(connection, response.delay, response.keepalive):
            connection.drop()
            return
        data = _encode(item)
        if sent == response.drop_after:
            if response.cut_mid_event:
                connection.write(_chunk(data[: max(1, len(data) // 2)]))
            connection.drop()
            return
        connection.write(_chunk(data))
        sent += 1
    if response.drop_after == sent:
        connection.drop()  # every item sent, but no terminating chunk
        return
    connection.write(b"0\r\n\r\n")


def _encode(item: SSEEvent | SSEComment | bytes) -> bytes:
    return item if isinstance(item, bytes) else item.encode()


def _chunk(data: bytes) -> bytes:
    # Header, data and trailer in one write, so one event is one flush on the wire.
    return b"%x\r\n%b\r\n" % (len(data), data)


def _pause(connection: Connection, delay: float, keepalive: float | None) -> bool:
    """Wait `delay` seconds, sending keep-alive comments; False if the server stops."""
    now = time.monotonic()
    deadline = now + delay
    next_ping = now + keepalive if keepalive is not None else math.inf
    while (now := time.monotonic()) < deadline:
        if keepalive is not None and now >= next_ping:
            connection.write(_chunk(_KEEPALIVE))
            next_ping += keepalive
            continue
        if connection.wait(min(deadline, next_ping) - now):
            return False
    return not connection.stopping


def _pass_gate(connection: Connection, gate: Gate) -> bool:
    """Wait until the test opens `gate`; False if the server stops first."""
    while not gate.wait(_GATE_POLL_SECONDS):
        if connection.stopping:
            return False
    return True


def _merge(defaults: list[tuple[str, str]], extra: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """`defaults` with any header named in `extra` replaced by extra's value."""
    if not extra:
        return defaults
    overridden = {name.lower() for name in extra}
    kept = [(name, value) for name, value in defaults if name.lower() not in overridden]
    return kept + list(extra.items())
