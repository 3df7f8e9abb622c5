"""`with client.chat.completions.stream(...) as stream:` the thin sync and async drivers
of `ChatCompletionStreamState`, and the managers that open and close them.

Fault rules, as for the assistant streams: an `error` event raises `APIError`; a stream
that ends before `[DONE]` raises `APIConnectionError` (the official SDK reports a cut
stream as a normal end); in both cases every event before the fault was delivered, the
snapshot so far stays readable, and `get_final_completion()` raises the same error
instead of passing a partial completion off as final.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator
from types import TracebackType
from typing import Generic

from typing_extensions import Self

from typed_openai._core import APIConnectionError, AsyncStream, Omit, Stream
from typed_openai.types.chat import ChatCompletionChunk

from ._events import ChatCompletionStreamEvent, ParsedChatCompletionSnapshot
from ._state import ChatCompletionStreamState
from ._types import ParsedChatCompletion, ResponseFormatT

__all__ = [
    "AsyncChatCompletionStream",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStream",
    "ChatCompletionStreamManager",
]


def _is_chunk(chunk: ChatCompletionChunk) -> bool:
    # Azure's asynchronous content filter interleaves objects that are not chunks
    # (`object: ""`): they carry no delta.
    return getattr(chunk, "object", None) == "chat.completion.chunk"


def _cut(stream: Stream[ChatCompletionChunk] | AsyncStream[ChatCompletionChunk]) -> APIConnectionError:
    return APIConnectionError(
        stream.response.request,
        "The chat completion stream ended before `[DONE]`: what arrived so far is incomplete.",
    )


class _Reader(Generic[ResponseFormatT]):
    _state: ChatCompletionStreamState[ResponseFormatT]
    _error: BaseException | None

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion so far."""
        return self._state.current_completion_snapshot

    def _final(self) -> ParsedChatCompletion[ResponseFormatT]:
        if self._error is not None:  # a failed stream's partial completion is not final
            raise self._error
        return self._state.get_final_completion()


class ChatCompletionStream(_Reader[ResponseFormatT]):
    """Iterate for typed events; `get_final_completion()` reads to the end and returns
    the accumulated, parsed completion."""

    def __init__(
        self,
        *,
        raw_stream: Stream[ChatCompletionChunk],
        response_format: type[ResponseFormatT] | object | Omit,
        input_tools: Iterable[object] | Omit,
    ) -> None:
        self._raw_stream = raw_stream
        self.response = raw_stream.response
        self._state = ChatCompletionStreamState(response_format=response_format, input_tools=input_tools)
        self._error = None
        self._iterator = self._drive()

    def _drive(self) -> Generator[ChatCompletionStreamEvent[ResponseFormatT], None, None]:
        try:
            for chunk in self._raw_stream:
                if _is_chunk(chunk):
                    yield from self._state.handle_chunk(chunk)
            if not self._raw_stream.done:
                raise _cut(self._raw_stream)
        except Exception as exc:
            self._error = exc
            raise
        finally:
            self._raw_stream.close()

    def __iter__(self) -> Iterator[ChatCompletionStreamEvent[ResponseFormatT]]:
        return self._iterator

    def __next__(self) -> ChatCompletionStreamEvent[ResponseFormatT]:
        return next(self._iterator)

    @property
    def text_deltas(self) -> Iterator[str]:
        """The content of each `content.delta` event of the first choice, as it arrives."""
        for event in self:
            if event.type == "content.delta" and event.choice_index == 0:
                yield event.delta

    def until_done(self) -> Self:
        """Read the stream to its end; raise its error if it failed."""
        for _ in self:
            pass
        if self._error is not None:
            raise self._error
        return self

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        self.until_done()
        return self._final()

    def close(self) -> None:
        """Stop reading and release the connection."""
        self._iterator.close()
        self._raw_stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class AsyncChatCompletionStream(_Reader[ResponseFormatT]):
    """The async twin of `ChatCompletionStream`: `async for`, awaitables."""

    def __init__(
        self,
        *,
        raw_stream: AsyncStream[ChatCompletionChunk],
        response_format: type[ResponseFormatT] | object | Omit,
        input_tools: Iterable[object] | Omit,
    ) -> None:
        self._raw_stream = raw_stream
        self.response = raw_stream.response
        self._state = ChatCompletionStreamState(response_format=response_format, input_tools=input_tools)
        self._error = None
        self._iterator = self._drive()

    async def _drive(self) -> AsyncGenerator[ChatCompletionStreamEvent[ResponseFormatT], None]:
        try:
            async for chunk in self._raw_stream:
                if _is_chunk(chunk):
                    for event in self._state.handle_chunk(chunk):
                        yield event
            if not self._raw_stream.done:
                raise _cut(self._raw_stream)
        except Exception as exc:
            self._error = exc
            raise
        finally:
            await self._raw_stream.aclose()

    def __aiter__(self) -> AsyncIterator[ChatCompletionStreamEvent[ResponseFormatT]]:
        return self._iterator

    async def __anext__(self) -> ChatCompletionStreamEvent[ResponseFormatT]:
        return await self._iterator.__anext__()

    @property
    async def text_deltas(self) -> AsyncIterator[str]:
        async for event in self:
            if event.type == "content.delta" and event.choice_index == 0:
                yield event.delta

    async def until_done(self) -> Self:
        async for _ in self:
            pass
        if self._error is not None:
            raise self._error
        return self

    async def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        await self.until_done()
        return self._final()

    async def close(self) -> None:
        await self._iterator.aclose()
        await self._raw_stream.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()


class ChatCompletionStreamManager(Generic[ResponseFormatT]):
    """`with` it: entering sends the request and gives the stream; leaving closes it."""

    def __init__(
        self,
        api_request: Callable[[], Stream[ChatCompletionChunk]],
        *,
        response_format: type[ResponseFormatT] | object | Omit,
        input_tools: Iterable[object] | Omit,
    ) -> None:
        self._api_request = api_request
        self._response_format = response_format
        self._input_tools = input_tools
        self._stream: ChatCompletionStream[ResponseFormatT] | None = None

    def __enter__(self) -> ChatCompletionStream[ResponseFormatT]:
        if self._stream is not None:
            raise RuntimeError("This stream manager was already entered: call `.stream(...)` again for a new stream")
        self._stream = ChatCompletionStream(
            raw_stream=self._api_request(), response_format=self._response_format, input_tools=self._input_tools
        )
        return self._stream

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncChatCompletionStreamManager(Generic[ResponseFormatT]):
    """`async with` it: entering sends the request and gives the stream; leaving closes it."""

    def __init__(
        self,
        api_request: Callable[[], Awaitable[AsyncStream[ChatCompletionChunk]]],
        *,
        response_format: type[ResponseFormatT] | object | Omit,
        input_tools: Iterable[object] | Omit,
    ) -> None:
        self._api_request = api_request
        self._response_format = response_format
        self._input_tools = input_tools
        self._stream: AsyncChatCompletionStream[ResponseFormatT] | None = None

    async def __aenter__(self) -> AsyncChatCompletionStream[ResponseFormatT]:
        if self._stream is not None:
            raise RuntimeError("This stream manager was already entered: call `.stream(...)` again for a new stream")
        self._stream = AsyncChatCompletionStream(
            raw_stream=await self._api_request(), response_format=self._response_format, input_tools=self._input_tools
        )
        return self._stream

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._stream is not None:
            await self._stream.close()
