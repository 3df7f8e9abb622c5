"""Incremental, I/O-free Server-Sent Events decoder (WHATWG HTML "event stream" rules).

Bytes go in as they arrive, in chunks of any size; whole events come out. The same decoder
serves the sync and the async stream drivers.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_EVENT_BYTES", "EventTooLarge", "SSEDecoder", "ServerSentEvent"]

DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024
"""No API event comes near this; a stream that does is broken or hostile."""


class EventTooLarge(ValueError):
    """One event (or one line) grew past the decoder's limit before it ended."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"A stream event grew past {limit:,} bytes without ending")
        self.limit = limit

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

    def json(self) -> object:
        """`data` decoded as JSON (as the official SDK's event offers it)."""
        return json.loads(self.data)


class SSEDecoder:
    """Feed it byte chunks with `feed`; call `end` at EOF."""

    def __init__(self, max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES) -> None:
        if max_event_bytes < 1:
            raise ValueError(f"max_event_bytes must be >= 1, got {max_event_bytes}")
        self._limit = max_event_bytes
        self._size = 0  # bytes in the current event so far: its data lines and the partial line
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
        """The events `chunk` completes; `EventTooLarge` if the open event passes the limit."""
        events = self._feed(chunk)
        # A running total since the last exact count: cheap per chunk; only past the
        # limit is the open event measured (and the total reset to its size).
        self._size += len(chunk)
        if self._size > self._limit:
            self._check_size()
        return events

    def iter_bytes(self, chunks: Iterable[bytes]) -> Iterator[ServerSentEvent]:
        """The events of a whole stream of byte chunks: `feed` each, then `end`."""
        for chunk in chunks:
            yield from self.feed(chunk)
        yield from self.end()

    async def aiter_bytes(self, chunks: AsyncIterable[bytes]) -> AsyncIterator[ServerSentEvent]:
        """`iter_bytes` over an async stream of byte chunks."""
        async for chunk in chunks:
            for event in self.feed(chunk):
                yield event
        for event in self.end():
            yield event

    def _feed(self, chunk: bytes) -> list[ServerSentEvent]:
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

        if b"\r" not in chunk:
            # The common case (LF line ends): decode every complete line at once. A
            # multi-byte character never contains the LF byte, so this decodes each
            # line exactly as decoding it alone would.
            cut = chunk.rfind(b"\n") + 1
            if not cut:
                self._partial.append(chunk)
                return []
            if self._partial:
                self._partial.append(chunk[:cut])
                complete = b"".join(self._partial)
                self._partial.clear()
            else:
                complete = chunk if cut == len(chunk) else chunk[:cut]
            if cut < len(chunk):
                self._partial.append(chunk[cut:])
            lines = complete.decode("utf-8", errors="replace").split("\n")
            lines.pop()  # the empty string after the last LF
            return self._lines(lines)

        pieces: list[bytes] = []
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
            pieces.append(piece)
        if start < len(chunk):
            self._partial.append(chunk[start:])
        return self._lines([piece.decode("utf-8", errors="replace") for piece in pieces])

    def end(self) -> list[ServerSentEvent]:
        """EOF: an unterminated line and an undispatched event are discarded (WHATWG)."""
        if self._head:
            # A stream of one to two bytes that looked like the start of a BOM.
            head = self._head
            self._head = None
            self._feed(head)
        self._partial.clear()
        self._event = ""
        self._data.clear()
        return []

    def _lines(self, lines: list[str]) -> list[ServerSentEvent]:
        """Process complete lines (without their line ends); return the events dispatched."""
        events: list[ServerSentEvent] = []
        for line in lines:
            if not line:
                event = self._dispatch()
                if event is not None:
                    events.append(event)
                continue
            if line[0] == ":":
                continue  # comment / keep-alive
            field, colon, value = line.partition(":")
            if colon and value[:1] == " ":
                value = value[1:]
            if field == "data":
                self._data.append(value)
            elif field == "event":
                self._event = value
            elif field == "id":
                if "\0" not in value:
                    self._last_id = value
            elif field == "retry":
                if value.isascii() and value.isdigit():
                    self._retry = int(value)
            # Any other field name is ignored.
        return events

    def _check_size(self) -> None:
        """The cheap count passed the limit: count exactly what the open event holds."""
        self._size = sum(len(piece) for piece in self._partial) + sum(len(line) + 1 for line in self._data)
        if self._size > self._limit:
            raise EventTooLarge(self._limit)

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
