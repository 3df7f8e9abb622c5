# pyright: reportDeprecated=false
# (these helpers wrap the Assistants API, which the official SDK deprecates: their callers are reported)
"""`client.beta.threads`: the generated resource, `create_and_run_poll()` and `create_and_run_stream()`."""

from __future__ import annotations

from typing import TypeVar, overload

from typing_extensions import Unpack

from typed_openai.resources.beta.threads import CreateThreadAndRunKeywords

from .polling.threads import AsyncThreadsWithPolling, ThreadsWithPolling

from ._signatures import keywords_of
from .streaming import (
    AssistantEventHandler,
    AssistantStreamManager,
    AsyncAssistantEventHandler,
    AsyncAssistantStreamManager,
)

__all__ = ["AsyncThreads", "Threads"]

_H = TypeVar("_H", bound=AssistantEventHandler)
_AH = TypeVar("_AH", bound=AsyncAssistantEventHandler)


class Threads(ThreadsWithPolling):
    @overload
    def create_and_run_stream(
        self, *, event_handler: None = None, **params: Unpack[CreateThreadAndRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]: ...
    @overload
    def create_and_run_stream(
        self, *, event_handler: _H, **params: Unpack[CreateThreadAndRunKeywords]
    ) -> AssistantStreamManager[_H]: ...
    @keywords_of(ThreadsWithPolling.create_and_run)
    def create_and_run_stream(
        self, *, event_handler: AssistantEventHandler | None = None, **params: Unpack[CreateThreadAndRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]:
        """Create a thread, run it, and stream the run."""
        return AssistantStreamManager(
            lambda: self.create_and_run(stream=True, **params),
            event_handler=event_handler if event_handler is not None else AssistantEventHandler(),
        )


class AsyncThreads(AsyncThreadsWithPolling):
    @overload
    def create_and_run_stream(
        self, *, event_handler: None = None, **params: Unpack[CreateThreadAndRunKeywords]
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...
    @overload
    def create_and_run_stream(
        self, *, event_handler: _AH, **params: Unpack[CreateThreadAndRunKeywords]
    ) -> AsyncAssistantStreamManager[_AH]: ...
    @keywords_of(AsyncThreadsWithPolling.create_and_run)
    def create_and_run_stream(
        self,
        *,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Unpack[CreateThreadAndRunKeywords],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]:
        """Create a thread, run it, and stream the run."""
        return AsyncAssistantStreamManager(
            lambda: self.create_and_run(stream=True, **params),
            event_handler=event_handler if event_handler is not None else AsyncAssistantEventHandler(),
        )
