"""Incremental, I/O-free Server-Sent Events decoder (WHATWG HTML "event stream" rules).

Bytes go in as they arrive, in chunks of any size; whole events come out. The same decoder
serves the sync and the async stream drivers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SSEDecoder", "ServerSentEvent"]

_BOM = b"\xef\xbb\xbf"
_EOL = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event.

    `event` is "message" when the stream named none. `id` is the stream's last event id
    (it persists across events, as in WHATWG) and `retry` the last valid reconnection time
    in milliseconds; both are None until the stream sets them.
    """

    event: str = "message"
    data: str = ""
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Feed it byte chunks with `feed`; call `end` at EOF."""

    def __init__(self) -> None:
        self._partial: list[bytes] = []  # bytes of the current, unterminated line
        self._head: bytes | None = (
            b""  # first bytes, held until we know if they are a BOM
        )
        self._skip_lf = (
            False  # last chunk ended in CR: a leading LF belongs to that CRLF
        )
        self._event = ""
        self._data: list[str] = []
        self._last_id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        if self._head is not None:
            head = self._head + chunk
            if len(head) < len(_BOM) and _BOM.startswith(head):
                self._head = head  # may still become a BOM
                return []
            self._head = None
            chunk = head[len(_BOM) :] if head.startswith(_BOM) else head
        if not chunk:
            return []  # must not clear a pending CR's "skip the next LF"
        if self._skip_lf and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._skip_lf = False

        events: list[ServerSentEvent] = []
        start = 0
        for match in _EOL.finditer(chunk):
            piece = chunk[start : match.start()]
            if self._partial:
                self._partial.append(piece)
                piece = b"".join(self._partial)
                self._partial.clear()
            if match.end() == len(chunk) and match.group() == b"\r":
                self._skip_lf = True
            start = match.end()
            event = self._line(piece.decode("utf-8", errors="replace"))
            if event is not None:
                events.append(event)
        if start < len(chunk):
            self._partial.append(chunk[start:])
        return events

    def end(self) -> list[ServerSentEvent]:
        """EOF: an unterminated line and an undispatched event are discarded (WHATWG)."""
        if self._head:
            # A stream of one to two bytes that looked like the start of a BOM.
            head = self._head
            self._head = None
            self.feed(head)
        self._partial.clear()
        self._event = ""
        self._data.clear()
        return []

    def _line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # comment / keep-alive
        field, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._event = value
        elif field == "data":
            self._data.append(value)
        elif field == "id":
            if "\0" not in value:
                self._last_id = value
        elif field == "retry":
            if value.isascii() and value.isdigit():
                self._retry = int(value)
        # Any other field name is ignored.
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        event, data = self._event, self._data
        self._event, self._data = "", []
        if not data:
            return None  # a block with no data line dispatches nothing
        return ServerSentEvent(
            event=event or "message",
            data="\n".join(data),
            id=self._last_id,
            retry=self._retry,
        )
