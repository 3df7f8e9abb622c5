"""Replaying streams in tests: from typed events you build, or from a real stream recorded
once to a file.

    # once, against the real API: every event-stream response is saved as it arrives
    http = httpx2.Client(transport=RecordingTransport("recordings/"))
    client = OpenAI(http_client=http)
    with client.beta.threads.runs.stream(...) as stream:
        stream.until_done()                       # -> recordings/stream-001.sse

    # in the test, offline
    server.route("POST", "/threads/{thread_id}/runs", replay_file("recordings/stream-001.sse"))

    # or from typed events
    server.route("POST", "/threads/{thread_id}/runs", SSEResponse(sse_events(events)))
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path

import httpx2
import pydantic

from ._responses import SSEEvent, SSEResponse

__all__ = ["AsyncRecordingTransport", "RecordingTransport", "replay_file", "sse_events"]

_EVENT_END = re.compile(rb"(?:\r\n|\r|\n){2}")


def sse_events(events: Iterable[pydantic.BaseModel]) -> list[SSEEvent]:
    """The SSE events that carry `events` on the wire.

    An event with `event` and `data` fields (the Assistants union) is sent as the API
    sends it: `event:` names it, `data:` holds the object, `done` holds `[DONE]`. Any
    other model (a chat completion chunk) is one `data:` line; end those with
    `SSEEvent("[DONE]")` yourself if the stream should say it is done.
    """
    out: list[SSEEvent] = []
    for event in events:
        name = getattr(event, "event", None)
        if isinstance(name, str) and "data" in type(event).model_fields:
            data: object = getattr(event, "data")
            if isinstance(data, pydantic.BaseModel):
                out.append(SSEEvent.from_json(data.model_dump(mode="json", exclude_unset=True), event=name))
            else:
                out.append(SSEEvent(data if isinstance(data, str) else json.dumps(data), event=name))
        else:
            out.append(SSEEvent.from_json(event.model_dump(mode="json", exclude_unset=True)))
    return out


def replay_file(
    path: str | Path,
    *,
    delay: float = 0.0,
    keepalive: float | None = None,
    drop_after: int | None = None,
    cut_mid_event: bool = False,
) -> SSEResponse:
    """A recorded stream, sent back byte for byte, one flushed chunk per event.

    The options are `SSEResponse`'s, to replay it slowly or with a fault.
    """
    raw = Path(path).read_bytes()
    chunks: list[bytes] = []
    start = 0
    for match in _EVENT_END.finditer(raw):
        chunks.append(raw[start : match.end()])
        start = match.end()
    if start < len(raw):
        chunks.append(raw[start:])  # an unterminated tail, as recorded
    return SSEResponse(chunks, delay=delay, keepalive=keepalive, drop_after=drop_after, cut_mid_event=cut_mid_event)


class _Recorder:
    """Numbers the recordings in one directory: stream-001.sse, stream-002.sse, ..."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._numbers = itertools.count(1)

    def wants(self, response: httpx2.Response) -> bool:
        content_type: str = response.headers.get("content-type", "")
        return content_type.startswith("text/event-stream")

    def next_path(self) -> Path:
        return self.directory / f"stream-{next(self._numbers):03d}.sse"


class _TeeStream(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, path: Path) -> None:
        self._inner = inner
        self._file = path.open("wb")

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._file.write(chunk)
            yield chunk

    def close(self) -> None:
        self._file.close()
        self._inner.close()


class _AsyncTeeStream(httpx2.AsyncByteStream):
    def __init__(self, inner: httpx2.AsyncByteStream, path: Path) -> None:
        self._inner = inner
        self._file = path.open("wb")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._file.write(chunk)
            yield chunk

    async def aclose(self) -> None:
        self._file.close()
        await self._inner.aclose()


class RecordingTransport(httpx2.BaseTransport):
    """An httpx2 transport that saves each event-stream response body to a file as it is
    read (`stream-001.sse`, ...), for `replay_file` later. Other responses pass through."""

    def __init__(self, directory: str | Path, transport: httpx2.BaseTransport | None = None) -> None:
        self._recorder = _Recorder(directory)
        self._transport = transport or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self._transport.handle_request(request)
        if not self._recorder.wants(response):
            return response
        if not isinstance(response.stream, httpx2.SyncByteStream):
            raise TypeError(f"a sync transport returned a {type(response.stream).__name__} body")
        stream = _TeeStream(response.stream, self._recorder.next_path())
        return httpx2.Response(response.status_code, headers=response.headers, stream=stream, extensions=response.extensions)

    def close(self) -> None:
        self._transport.close()


class AsyncRecordingTransport(httpx2.AsyncBaseTransport):
    """The async twin of `RecordingTransport`."""

    def __init__(self, directory: str | Path, transport: httpx2.AsyncBaseTransport | None = None) -> None:
        self._recorder = _Recorder(directory)
        self._transport = transport or httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self._transport.handle_async_request(request)
        if not self._recorder.wants(response):
            return response
        if not isinstance(response.stream, httpx2.AsyncByteStream):
            raise TypeError(f"an async transport returned a {type(response.stream).__name__} body")
        stream = _AsyncTeeStream(response.stream, self._recorder.next_path())
        return httpx2.Response(response.status_code, headers=response.headers, stream=stream, extensions=response.extensions)

    async def aclose(self) -> None:
        await self._transport.aclose()
