"""`with client.responses.stream(...) as stream:` the thin sync and async drivers of
`ResponseStreamState`, and the managers that open and close them.

Fault rules, as for the chat and assistant streams: an `error` event or a
`response.failed` event raises `APIError` (after every event before it, the failed event
included, was delivered); a stream that ends before `response.completed`,
`response.incomplete` or `response.failed` raises `APIConnectionError`;
`get_final_response()` then raises the same error, never a partial response.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator
from types import TracebackType
from typing import Generic, cast

import httpx2
import pydantic
from typing_extensions import Self

from typed_openai._core import APIConnectionError, APIError, AsyncStream, Omit, Stream
from typed_openai.types import ResponseStreamEvent as RawResponseStreamEvent

from ._events import ResponseStreamEvent
from ._state import ResponseStreamState
from ._types import ParsedResponse, TextFormatT

__all__ = ["AsyncResponseStream", "AsyncResponseStreamManager", "ResponseStream", "ResponseStreamManager"]


def _failure(state: ResponseStreamState[TextFormatT], request: httpx2.Request) -> APIError | None:
    failed = state.failed
    if failed is None:
        return None
    body = _as_data(failed)
    return APIError(_message_of(body) or "The response failed", request, body)


def _message_of(body: object) -> str | None:
    message = cast("dict[str, object]", body).get("message") if isinstance(body, dict) else None
    return message if isinstance(message, str) and message else None


def _as_data(value: object) -> object:
    """An error event or object as JSON data, for `APIError.body`."""
    if isinstance(value, pydantic.BaseModel):
        return cast(object, value.model_dump(mode="json", warnings=False))
    return value


def _cut(request: httpx2.Request) -> APIConnectionError:
    return APIConnectionError(
        request, "The response stream ended before `response.completed`: what arrived so far is incomplete."
    )


class _Reader(Generic[TextFormatT]):
    _state: ResponseStreamState[TextFormatT]
    _starting_after: int | None
    _error: BaseException | None

    def _shows(self, event: ResponseStreamEvent[TextFormatT]) -> bool:
        """Whether the caller sees `event`: a resumed stream is read from its start (so that
        the snapshot is whole) but hides what came up to `starting_after`."""
        if self._starting_after is None:
            return True
        number = getattr(event, "sequence_number", None)
        return not isinstance(number, int) or number > self._starting_after

    @property
    def current_snapshot(self) -> ParsedResponse[TextFormatT]:
        """The response so far."""
        return self._state.current_snapshot

    def _final(self) -> ParsedResponse[TextFormatT]:
        if self._error is not None:
            raise self._error
        if self._state.final is None:
            raise RuntimeError("The stream ended without `response.completed` or `response.incomplete`")
        return self._state.final


class ResponseStream(_Reader[TextFormatT]):
    """Iterate for typed events; `get_final_response()` reads to the end and returns the
    parsed response."""

    def __init__(
        self,
        *,
        raw_stream: Stream[RawResponseStreamEvent],
        text_format: type[TextFormatT] | Omit,
        input_tools: Iterable[object] | Omit,
        starting_after: int | None = None,
    ) -> None:
        self._raw_stream = raw_stream
        self.response = raw_stream.response
        self._state = ResponseStreamState(text_format=text_format, input_tools=input_tools)
        self._starting_after = starting_after
        self._error = None
        self._iterator = self._drive()

    def _drive(self) -> Generator[ResponseStreamEvent[TextFormatT], None, None]:
        state, request = self._state, self.response.request
        try:
            for raw in self._raw_stream:
                for event in state.handle_event(raw):
                    if self._shows(event):
                        yield event
                failure = _failure(state, request)
                if failure is not None:
                    raise failure
                if state.terminal is not None:
                    return
            raise _cut(request)
        except Exception as exc:
            self._error = exc
            raise
        finally:
            self._raw_stream.close()

    def __iter__(self) -> Iterator[ResponseStreamEvent[TextFormatT]]:
        return self._iterator

    def __next__(self) -> ResponseStreamEvent[TextFormatT]:
        return next(self._iterator)

    @property
    def text_deltas(self) -> Iterator[str]:
        """The text of each `response.output_text.delta` event, as it arrives."""
        for event in self:
            if event.type == "response.output_text.delta":
                yield event.delta

    def until_done(self) -> Self:
        for _ in self:
            pass
        if self._error is not None:
            raise self._error
        return self

    def get_final_response(self) -> ParsedResponse[TextFormatT]:
        self.until_done()
        return self._final()

    def close(self) -> None:
        self._iterator.close()
        self._raw_stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class AsyncResponseStream(_Reader[TextFormatT]):
    """The async twin of `ResponseStream`."""

    def __init__(
        self,
        *,
        raw_stream: AsyncStream[RawResponseStreamEvent],
        text_format: type[TextFormatT] | Omit,
        input_tools: Iterable[object] | Omit,
        starting_after: int | None = None,
    ) -> None:
        self._raw_stream = raw_stream
        self.response = raw_stream.response
        self._state = ResponseStreamState(text_format=text_format, input_tools=input_tools)
        self._starting_after = starting_after
        self._error = None
        self._iterator = self._drive()

    async def _drive(self) -> AsyncGenerator[ResponseStreamEvent[TextFormatT], None]:
        state, request = self._state, self.response.request
        try:
            async for raw in self._raw_stream:
                for event in state.handle_event(raw):
                    if self._shows(event):
                        yield event
                failure = _failure(state, request)
                if failure is not None:
                    raise failure
                if state.terminal is not None:
                    return
            raise _cut(request)
        except Exception as exc:
            self._error = exc
            raise
        finally:
            await self._raw_stream.aclose()

    def __aiter__(self) -> AsyncIterator[ResponseStreamEvent[TextFormatT]]:
        return self._iterator

    async def __anext__(self) -> ResponseStreamEvent[TextFormatT]:
        return await self._iterator.__anext__()

    @property
    async def text_deltas(self) -> AsyncIterator[str]:
        async for event in self:
            if event.type == "response.output_text.delta":
                yield event.delta

    async def until_done(self) -> Self:
        async for _ in self:
            pass
        if self._error is not None:
            raise self._error
        return self

    async def get_final_response(self) -> ParsedResponse[TextFormatT]:
        await self.until_done()
        return self._final()

    async def close(self) -> None:
        await self._iterator.aclose()
        await self._raw_stream.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()


class ResponseStreamManager(Generic[TextFormatT]):
    """`with` it: entering sends the request and gives the stream; leaving closes it."""

    def __init__(
        self,
        api_request: Callable[[], Stream[RawResponseStreamEvent]],
        *,
        text_format: type[TextFormatT] | Omit,
        input_tools: Iterable[object] | Omit,
        starting_after: int | None = None,
    ) -> None:
        self._api_request = api_request
        self._text_format = text_format
        self._input_tools = input_tools
        self._starting_after = starting_after
        self._stream: ResponseStream[TextFormatT] | None = None

    def __enter__(self) -> ResponseStream[TextFormatT]:
        if self._stream is not None:
            raise RuntimeError("This stream manager was already entered: call `.stream(...)` again for a new stream")
        self._stream = ResponseStream(
            raw_stream=self._api_request(),
            text_format=self._text_format,
            input_tools=self._input_tools,
            starting_after=self._starting_after,
        )
        return self._stream

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncResponseStreamManager(Generic[TextFormatT]):
    """`async with` it: entering sends the request and gives the stream; leaving closes it."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[AsyncStream[RawResponseStreamEvent]]],
        *,
        text_format: type[TextFormatT] | Omit,
        input_tools: Iterable[object] | Omit,
        starting_after: int | None = None,
    ) -> None:
        self._api_request = api_request
        self._text_format = text_format
        self._input_tools = input_tools
        self._starting_after = starting_after
        self._stream: AsyncResponseStream[TextFormatT] | None = None

    async def __aenter__(self) -> AsyncResponseStream[TextFormatT]:
        if self._stream is not None:
            raise RuntimeError("This stream manager was already entered: call `.stream(...)` again for a new stream")
        self._stream = AsyncResponseStream(
            raw_stream=await self._api_request(),
            text_format=self._text_format,
            input_tools=self._input_tools,
            starting_after=self._starting_after,
        )
        return self._stream

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._stream is not None:
            await self._stream.close()
