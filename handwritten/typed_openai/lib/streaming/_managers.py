"""Stream managers: `with runs.stream(...) as handler:` opens the request on entry and
closes the stream on exit, whatever happens in the block."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Generic, TypeVar

from typed_openai._core import AsyncStream, Stream
from typed_openai.types.beta import AssistantStreamEvent

from ._handler import AssistantEventHandler, AsyncAssistantEventHandler

__all__ = ["AssistantStreamManager", "AsyncAssistantStreamManager"]

# Covariant: a manager of your handler subclass is a manager of the base handler.
_H = TypeVar("_H", bound=AssistantEventHandler, covariant=True)
_AH = TypeVar("_AH", bound=AsyncAssistantEventHandler, covariant=True)


class AssistantStreamManager(Generic[_H]):
    """Use in a `with` block: entering sends the request and gives back your handler."""

    def __init__(self, open_stream: Callable[[], Stream[AssistantStreamEvent]], *, event_handler: _H) -> None:
        self._open_stream = open_stream
        self._handler = event_handler

    def __enter__(self) -> _H:
        handler = self._handler
        handler._bind_once()  # pyright: ignore[reportPrivateUsage] -- the manager and handler are one unit
        try:
            stream = self._open_stream()
        except Exception as exc:
            handler._fail_before_stream(exc)  # pyright: ignore[reportPrivateUsage] -- as above
            raise
        handler._start(stream)  # pyright: ignore[reportPrivateUsage] -- as above
        return handler

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._handler.close()


class AsyncAssistantStreamManager(Generic[_AH]):
    """Use in an `async with` block: entering sends the request and gives back your handler."""

    def __init__(
        self, open_stream: Callable[[], Awaitable[AsyncStream[AssistantStreamEvent]]], *, event_handler: _AH
    ) -> None:
        self._open_stream = open_stream
        self._handler = event_handler

    async def __aenter__(self) -> _AH:
        handler = self._handler
        handler._bind_once()  # pyright: ignore[reportPrivateUsage] -- the manager and handler are one unit
        try:
            stream = await self._open_stream()
        except Exception as exc:
            await handler._fail_before_stream(exc)  # pyright: ignore[reportPrivateUsage] -- as above
            raise
        handler._start(stream)  # pyright: ignore[reportPrivateUsage] -- as above
        return handler

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._handler.close()
