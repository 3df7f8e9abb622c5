"""The answers a route can give: plain values that say what to send, not how.

`_wire.py` turns them into bytes on a socket. Everything is validated when built, so a
mistake shows up at the line that made the response, not as a 500 later.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias, cast

from ._recording import RecordedRequest

__all__ = [
    "BytesResponse",
    "CloseConnection",
    "Gate",
    "JSONResponse",
    "Responder",
    "ResponderFunc",
    "Response",
    "SSEComment",
    "SSEEvent",
    "SSEResponse",
    "Stall",
    "error_response",
]

SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8"

# SSE ends a line at CRLF, LF or CR, and at nothing else (unlike str.splitlines).
_SSE_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class JSONResponse:
    """A JSON body. `body` is encoded when the response is built (a snapshot)."""

    body: object
    status: int = 200
    headers: Mapping[str, str] | None = None
    content: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_status(self.status)
        encoded = json.dumps(self.body, ensure_ascii=False).encode("utf-8")
        object.__setattr__(self, "content", encoded)


@dataclass(frozen=True)
class BytesResponse:
    """Any body, sent as-is (audio, files, a deliberately broken JSON body...)."""

    content: bytes
    content_type: str = "application/octet-stream"
    status: int = 200
    headers: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        _check_status(self.status)


@dataclass(frozen=True)
class SSEEvent:
    """One server-sent event. Multi-line `data` becomes several `data:` lines."""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None

    def __post_init__(self) -> None:
        for name, value in (("event", self.event), ("id", self.id)):
            if value is not None and _SSE_LINE_BREAK.search(value):
                raise ValueError(f"SSE {name} must be a single line, got {value!r}")
        if self.retry is not None and self.retry < 0:
            raise ValueError(f"SSE retry must be >= 0 milliseconds, got {self.retry}")

    @classmethod
    def from_json(cls, payload: object, *, event: str | None = None) -> SSEEvent:
        """An event whose data is `payload` as compact JSON, as the OpenAI API sends it."""
        return cls(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), event=event)

    def encode(self) -> bytes:
        lines: list[str] = []
        if self.event is not None:
            lines.append(f"event: {self.event}")
        if self.id is not None:
            lines.append(f"id: {self.id}")
        if self.retry is not None:
            lines.append(f"retry: {self.retry}")
        lines.extend(f"data: {line}" for line in _SSE_LINE_BREAK.split(self.data))
        return ("\n".join(lines) + "\n\n").encode("utf-8")


@dataclass(frozen=True)
class SSEComment:
    """A comment line (`: text`), which clients must ignore; servers use it as keep-alive."""

    text: str = "keep-alive"

    def __post_init__(self) -> None:
        if _SSE_LINE_BREAK.search(self.text):
            raise ValueError(f"an SSE comment must be a single line, got {self.text!r}")

    def encode(self) -> bytes:
        return f": {self.text}\n\n".encode("utf-8")


class Gate:
    """A point in an SSE stream where the server waits until the test calls `open()`.

    It lets a test check what the client saw mid-stream without guessing at timings.
    The server also stops waiting when it is stopped (and then drops the stream).
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def open(self) -> None:
        self._event.set()

    @property
    def is_open(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def __repr__(self) -> str:
        return f"Gate(open={self.is_open})"


StreamItem: TypeAlias = SSEEvent | SSEComment | bytes | Gate


@dataclass(frozen=True)
class SSEResponse:
    """A `text/event-stream` body in chunked encoding, one chunk per item, flushed.

    `events` holds `SSEEvent`s, `SSEComment`s, raw `bytes` chunks (written exactly as
    given, for malformed streams) and `Gate`s; "items" below means all but the gates.

    - `delay`: seconds to wait before each item after the first;
    - `keepalive`: while waiting, send a `: keep-alive` comment every this many seconds;
    - `drop_after=N`: after N items close the socket without the terminating chunk,
      as a dropped connection does;
    - `cut_mid_event=True` (needs `drop_after`): first send half of item N+1.
    """

    events: Sequence[StreamItem]
    delay: float = 0.0
    keepalive: float | None = None
    drop_after: int | None = None
    cut_mid_event: bool = False
    status: int = 200
    headers: Mapping[str, str] | None = None
    content_type: str = SSE_CONTENT_TYPE

    def __post_init__(self) -> None:
        _check_status(self.status)
        object.__setattr__(self, "events", tuple(self.events))
        written = 0
        items = cast(Sequence[object], self.events)  # checked as objects: callers may be untyped
        for item in items:
            if isinstance(item, bytes) and not item:
                # A zero-length chunk is the end-of-body marker in chunked encoding.
                raise ValueError("an empty bytes item would end the chunked body early")
            if not isinstance(item, (SSEEvent, SSEComment, bytes, Gate)):
                raise TypeError(f"an SSE item must be SSEEvent, SSEComment, bytes or Gate, got {item!r}")
            written += not isinstance(item, Gate)
        if self.delay < 0:
            raise ValueError(f"delay must be >= 0 seconds, got {self.delay}")
        if self.keepalive is not None and self.keepalive <= 0:
            raise ValueError(f"keepalive must be > 0 seconds, got {self.keepalive}")
        if self.drop_after is not None and not 0 <= self.drop_after <= written:
            raise ValueError(f"drop_after must be between 0 and {written} (the number of items), got {self.drop_after}")
        if self.cut_mid_event:
            if self.drop_after is None:
                raise ValueError("cut_mid_event=True needs drop_after=N: which event to cut")
            if self.drop_after >= written:
                raise ValueError(f"cut_mid_event=True needs an item after the first {self.drop_after} to cut")


@dataclass(frozen=True)
class Stall:
    """Read the request, then send nothing for `seconds`, then send `then` or close.

    The server stops stalling at once when it is stopped.
    """

    seconds: float
    then: Response | None = None

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError(f"Stall seconds must be >= 0, got {self.seconds}")


@dataclass(frozen=True)
class CloseConnection:
    """Read the request, then close the socket without answering.

    `reset=True` makes the close abortive (TCP RST, "connection reset by peer")
    instead of an orderly FIN ("server disconnected without sending a response").
    """

    reset: bool = False


Response: TypeAlias = JSONResponse | BytesResponse | SSEResponse | Stall | CloseConnection
ResponderFunc: TypeAlias = Callable[[RecordedRequest], Response]
Responder: TypeAlias = Response | ResponderFunc | Sequence[Response | ResponderFunc]
RESPONSE_TYPES = (JSONResponse, BytesResponse, SSEResponse, Stall, CloseConnection)


def error_response(
    status: int,
    message: str,
    *,
    type: str | None = None,
    param: str | None = None,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An error in the OpenAI shape: `{"error": {"message", "type", "param", "code"}}`.

    `type` defaults to "server_error" for 5xx and "invalid_request_error" otherwise.
    """
    if type is None:
        type = "server_error" if status >= 500 else "invalid_request_error"
    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return JSONResponse(body, status=status, headers=headers)


def _check_status(status: int) -> None:
    # 1xx are interim responses: sending one as the final answer would hang the client.
    if not 200 <= status <= 599:
        raise ValueError(f"status must be a final HTTP status (200-599), got {status}")
