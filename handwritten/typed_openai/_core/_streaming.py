"""Typed SSE streams: one I/O-free event decoder, driven by thin sync and async streams."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from types import TracebackType
from typing import Generic, TypeVar, cast

import httpx2
import pydantic

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    StreamEventTooLargeError,
    connection_error,
)
from ._deadline import call_deadline, passed
from ._json import as_object
from ._models import BaseModel, adapter, event_data_adapters, validate_or_construct
from ._sse import DEFAULT_MAX_EVENT_BYTES, EventTooLarge, ServerSentEvent, SSEDecoder
from ._types import StreamFraming

__all__ = ["AsyncStream", "EventDecoder", "Stream", "UnknownStreamEvent"]

_E = TypeVar("_E")
_E_co = TypeVar("_E_co", covariant=True)

_DONE = "[DONE]"
# pydantic error types that mean a payload's structure is wrong, not merely a newer value.
_WRONG_SHAPE = frozenset(
    {"missing", "model_type", "model_attributes_type", "dict_type", "list_type", "tuple_type", "dataclass_type"}
)
_SKIP = object()


class UnknownStreamEvent(BaseModel):
    """An event this client's types do not know (a newer API): kept, not dropped."""

    event: str
    data: object


def _loads(data: str) -> object:
    try:
        parsed: object = json.loads(data)
    except ValueError:
        return data
    return parsed


def _stream_error(payload: object, request: httpx2.Request) -> APIError:
    # `{"error": {...}}`, the error object itself, or a bare string.
    obj = as_object(payload)
    error: object = obj.get("error", obj) if obj is not None else payload
    error_obj = as_object(error)
    found = error_obj.get("message") if error_obj is not None else error
    message = (
        found
        if isinstance(found, str) and found
        else "An error occurred during streaming"
    )
    return APIError(message, request, payload)


def _is_event_stream(response: httpx2.Response) -> bool:
    # No content type at all is let through: only a declared other kind is refused.
    content_type: str = response.headers.get("content-type", "text/event-stream")
    return content_type.split(";", 1)[0].strip().lower() == "text/event-stream"


def _not_an_event_stream(response: httpx2.Response) -> APIResponseValidationError:
    """A 2xx answer to a streaming request that is not a stream (a proxy's page, JSON)."""
    content_type = response.headers.get("content-type", "")
    text = response.text
    return APIResponseValidationError(
        response, text, f"Expected a text/event-stream response, got {content_type!r}: {text[:200]!r}"
    )


class EventDecoder(Generic[_E]):
    """Bytes in, typed events out; `done` turns true once the stream's end marker is seen.

    "named" framing: the SSE `event:` line names the event, `data:` is its payload; they are
    validated together as `{"event": ..., "data": ...}`. "data" framing: the `data:` JSON is
    the whole event. An error event raises `APIError`, after every earlier event was yielded.
    """

    def __init__(
        self,
        event_type: type[_E],
        framing: StreamFraming,
        response: httpx2.Response,
        *,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        if framing not in ("named", "data"):
            raise ValueError(
                f"Unknown stream framing {framing!r}; expected 'named' or 'data'"
            )
        self._event_type = event_type
        self._framing: StreamFraming = framing
        self._response = response
        self._request = response.request
        self._sse = SSEDecoder(max_event_bytes)
        self.done = False
        self._adapter = adapter(event_type)
        self._data_adapters = event_data_adapters(event_type) if framing == "named" else {}

    def feed(self, chunk: bytes) -> Iterator[_E]:
        try:
            events = self._sse.feed(chunk)
        except EventTooLarge as exc:
            raise StreamEventTooLargeError(self._response, None, str(exc)) from exc
        return self._events(events)

    def check_ended(self) -> None:
        """At the end of the body: a named-event stream must have sent its `done` event
        (the Assistants streams always do); anything less is a cut stream, not a result."""
        if self._framing == "named" and not self.done:
            raise APIConnectionError(
                self._request, "The stream ended before its `done` event: what arrived so far is incomplete."
            )

    def _json(self, data: str) -> object:
        try:
            parsed: object = json.loads(data)
        except ValueError as exc:
            error = APIResponseValidationError(
                self._response, data, f"A stream event's data is not JSON: {data[:200]!r}"
            )
            raise error from exc
        return parsed

    def _check_shape(self, exc: pydantic.ValidationError, name: str, data: str) -> None:
        """Raise if `exc` says the payload has the wrong shape: a missing field, or an
        object, list or model where another kind is due. A value that a newer API may
        send (a new enum member, a new union variant, a scalar of another type) is not
        a wrong shape: the lenient parse keeps it."""
        wrong = [error for error in exc.errors(include_url=False) if error["type"] in _WRONG_SHAPE]
        if not wrong:
            return
        where = ".".join(str(part) for part in wrong[0]["loc"]) or "the payload"
        error = APIResponseValidationError(
            self._response,
            data,
            f"A stream event ({name!r}) does not have the shape its type has: {where}: {wrong[0]['msg']} "
            f"({len(wrong)} such error(s)); data: {data[:200]!r}",
        )
        raise error from exc

    def end(self) -> Iterator[_E]:
        return self._events(self._sse.end())

    def _events(self, events: list[ServerSentEvent]) -> Iterator[_E]:
        for sse in events:
            if self.done:
                return
            event = self._event(sse)
            if event is not _SKIP:
                yield cast(_E, event)

    def _event(self, sse: ServerSentEvent) -> object:
        """The typed event for `sse`, or `_SKIP` (the end marker of "data" framing)."""
        if sse.event == "error":
            raise _stream_error(_loads(sse.data), self._request)
        payload: object
        if self._framing == "data":
            if sse.data.startswith(_DONE):
                self.done = True
                return _SKIP
            payload = data = self._json(sse.data)
            obj = as_object(payload)
            if obj is not None and obj.get("error"):
                raise _stream_error(payload, self._request)
            kind = obj.get("type") if obj is not None else None
            name = kind if isinstance(kind, str) else sse.event
            try:
                return self._adapter.validate_python(payload)
            except pydantic.ValidationError as exc:
                self._check_shape(exc, name or "message", sse.data)
        else:
            name = sse.event
            if name == "message" and sse.data == _DONE:
                # `data: [DONE]` with no `event:` line ends the stream explicitly too.
                self.done = True
                return _SKIP
            data_adapter = self._data_adapters.get(name)
            if data_adapter is not None:
                # Fast path: the data validated straight from its JSON text, then wrapped.
                try:
                    value = data_adapter.validate_json(sse.data)
                except pydantic.ValidationError as exc:
                    # Not JSON (raised below), or a value a newer API may send (let
                    # through leniently); a payload of the wrong shape is refused here.
                    self._check_shape(exc, name, sse.data)
                else:
                    return self._adapter.validate_python({"event": name, "data": value})
            if sse.data == _DONE:
                data = sse.data
            elif name in self._data_adapters:  # a known event must carry JSON
                data = self._json(sse.data)
            else:  # an event of a newer API is kept as sent, JSON or not
                data = _loads(sse.data)
            self.done = name == "done"
            payload = {"event": name, "data": data}
        parsed, valid = validate_or_construct(self._event_type, payload)
        if valid or isinstance(parsed, pydantic.BaseModel):
            return parsed
        # Lenient parsing could not place it in any known event type.
        return UnknownStreamEvent(event=name, data=data)


def _read_failed(exc: httpx2.RequestError, response: httpx2.Response, deadline: float | None) -> APIError:
    """The package's error for a failed body read; the caller raises it `from exc`."""
    if isinstance(exc, httpx2.TimeoutException) and passed(deadline):
        return APITimeoutError(
            response.request,
            "The call's deadline (total_timeout) passed while reading the stream (keep-alives do not extend it).",
        )
    return connection_error(exc, response.request)


class Stream(Generic[_E_co]):
    """Iterate to get typed events; the HTTP response is closed when the stream ends,
    fails, or is closed."""

    response: httpx2.Response

    def __init__(
        self,
        response: httpx2.Response,
        *,
        event_type: type[_E_co],
        framing: StreamFraming,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        deadline: float | None = None,
    ) -> None:
        self.response = response
        self._deadline = deadline  # on time.monotonic(): the whole call ends by then
        self._decoder = EventDecoder(event_type, framing, response, max_event_bytes=max_event_bytes)
        self._iterator = self._iterate()

    @property
    def done(self) -> bool:
        """Whether the stream's end marker (`[DONE]`, the `done` event) has arrived: a
        body that ended without it was cut."""
        return self._decoder.done

    def __iter__(self) -> Iterator[_E_co]:
        return self._iterator

    def __next__(self) -> _E_co:
        return next(self._iterator)

    def _chunks(self) -> Generator[bytes, None, None]:
        """The body's chunks, each read held to the call's deadline (see `_deadline`)."""
        chunks = self.response.iter_bytes()
        try:
            while True:
                with call_deadline(self._deadline):
                    chunk = next(chunks, None)
                if chunk is None:
                    return
                yield chunk
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    def _iterate(self) -> Generator[_E_co, None, None]:
        chunks = self._chunks()
        try:
            if not _is_event_stream(self.response):
                try:
                    with call_deadline(self._deadline):
                        self.response.read()
                except httpx2.RequestError as exc:
                    raise _read_failed(exc, self.response, self._deadline) from exc
                raise _not_an_event_stream(self.response)
            try:
                for chunk in chunks:
                    yield from self._decoder.feed(chunk)
                    if self._decoder.done:
                        return
            except httpx2.RequestError as exc:
                raise _read_failed(exc, self.response, self._deadline) from exc
            yield from self._decoder.end()
            self._decoder.check_ended()
        finally:
            chunks.close()
            self.response.close()

    def close(self) -> None:
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Stream[_E_co]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStream(Generic[_E_co]):
    """Async twin of `Stream`: `async for`, `async with`, `aclose()`."""

    response: httpx2.Response

    def __init__(
        self,
        response: httpx2.Response,
        *,
        event_type: type[_E_co],
        framing: StreamFraming,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        deadline: float | None = None,
    ) -> None:
        self.response = response
        self._deadline = deadline  # on time.monotonic(): the whole call ends by then
        self._decoder = EventDecoder(event_type, framing, response, max_event_bytes=max_event_bytes)
        self._iterator = self._iterate()

    @property
    def done(self) -> bool:
        """Whether the stream's end marker has arrived (see `Stream.done`)."""
        return self._decoder.done

    def __aiter__(self) -> AsyncIterator[_E_co]:
        return self._iterator

    async def __anext__(self) -> _E_co:
        return await self._iterator.__anext__()

    async def _chunks(self) -> AsyncIterator[bytes]:
        """The body's chunks, each read held to the call's deadline (see `_deadline`)."""
        chunks = self.response.aiter_bytes()
        while True:
            with call_deadline(self._deadline):
                try:
                    chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    return
            yield chunk

    async def _iterate(self) -> AsyncGenerator[_E_co, None]:
        try:
            if not _is_event_stream(self.response):
                try:
                    with call_deadline(self._deadline):
                        await self.response.aread()
                except httpx2.RequestError as exc:
                    raise _read_failed(exc, self.response, self._deadline) from exc
                raise _not_an_event_stream(self.response)
            try:
                async for chunk in self._chunks():
                    for event in self._decoder.feed(chunk):
                        yield event
                    if self._decoder.done:
                        return
            except httpx2.RequestError as exc:
                raise _read_failed(exc, self.response, self._deadline) from exc
            for event in self._decoder.end():
                yield event
            self._decoder.check_ended()
        finally:
            await self.response.aclose()

    async def aclose(self) -> None:
        await self._iterator.aclose()
        await self.response.aclose()

    async def close(self) -> None:
        """The official SDK's name for `aclose()`: `await stream.close()`."""
        await self.aclose()

    async def __aenter__(self) -> AsyncStream[_E_co]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
