# pyright: reportDeprecated=false
# (these helpers wrap the Assistants API, which the official SDK deprecates: their callers are reported)
"""`client.beta.threads.runs`: the generated resource, the polling helpers, and the stream helpers.

`stream()`, `submit_tool_outputs_stream()` (and the deprecated `create_and_stream()`)
take exactly the keyword arguments of the method they wrap, through the generated
`...Keywords` TypedDicts, so a spec update changes both at once.
"""

from __future__ import annotations

import warnings
from typing import TypeVar, overload

from typing_extensions import Unpack

from typed_openai.resources.beta.threads.runs import CreateRunKeywords, SubmitToolOuputsToRunKeywords

from .polling.runs import AsyncRunsWithPolling, RunsWithPolling

from ._signatures import keywords_of
from .streaming import (
    AssistantEventHandler,
    AssistantStreamManager,
    AsyncAssistantEventHandler,
    AsyncAssistantStreamManager,
)

__all__ = ["AsyncRuns", "Runs"]

_H = TypeVar("_H", bound=AssistantEventHandler)
_AH = TypeVar("_AH", bound=AsyncAssistantEventHandler)


class Runs(RunsWithPolling):
    @overload
    def stream(
        self, thread_id: str, *, event_handler: None = None, **params: Unpack[CreateRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]: ...
    @overload
    def stream(
        self, thread_id: str, *, event_handler: _H, **params: Unpack[CreateRunKeywords]
    ) -> AssistantStreamManager[_H]: ...
    @keywords_of(RunsWithPolling.create)
    def stream(
        self, thread_id: str, *, event_handler: AssistantEventHandler | None = None, **params: Unpack[CreateRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]:
        """Create a run and stream it: `with runs.stream(...) as handler: handler.until_done()`."""
        return AssistantStreamManager(
            lambda: self.create(thread_id, stream=True, **params),
            event_handler=event_handler if event_handler is not None else AssistantEventHandler(),
        )

    @overload
    def create_and_stream(
        self, thread_id: str, *, event_handler: None = None, **params: Unpack[CreateRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]: ...
    @overload
    def create_and_stream(
        self, thread_id: str, *, event_handler: _H, **params: Unpack[CreateRunKeywords]
    ) -> AssistantStreamManager[_H]: ...
    @keywords_of(RunsWithPolling.create)
    def create_and_stream(
        self, thread_id: str, *, event_handler: AssistantEventHandler | None = None, **params: Unpack[CreateRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]:
        """Deprecated: the same as `stream()`."""
        warnings.warn("`runs.create_and_stream()` is deprecated: use `runs.stream()`", DeprecationWarning, stacklevel=2)
        return self.stream(thread_id, event_handler=event_handler, **params)

    @overload
    def submit_tool_outputs_stream(
        self, run_id: str, *, event_handler: None = None, **params: Unpack[SubmitToolOuputsToRunKeywords]
    ) -> AssistantStreamManager[AssistantEventHandler]: ...
    @overload
    def submit_tool_outputs_stream(
        self, run_id: str, *, event_handler: _H, **params: Unpack[SubmitToolOuputsToRunKeywords]
    ) -> AssistantStreamManager[_H]: ...
    @keywords_of(RunsWithPolling.submit_tool_outputs)
    def submit_tool_outputs_stream(
        self,
        run_id: str,
        *,
        event_handler: AssistantEventHandler | None = None,
        **params: Unpack[SubmitToolOuputsToRunKeywords],
    ) -> AssistantStreamManager[AssistantEventHandler]:
        """Submit tool outputs to a run that `requires_action` and stream the rest of it."""
        return AssistantStreamManager(
            lambda: self.submit_tool_outputs(run_id, stream=True, **params),
            event_handler=event_handler if event_handler is not None else AssistantEventHandler(),
        )


class AsyncRuns(AsyncRunsWithPolling):
    @overload
    def stream(
        self, thread_id: str, *, event_handler: None = None, **params: Unpack[CreateRunKeywords]
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...
    @overload
    def stream(
        self, thread_id: str, *, event_handler: _AH, **params: Unpack[CreateRunKeywords]
    ) -> AsyncAssistantStreamManager[_AH]: ...
    @keywords_of(AsyncRunsWithPolling.create)
    def stream(
        self,
        thread_id: str,
        *,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Unpack[CreateRunKeywords],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]:
        """Create a run and stream it: `async with runs.stream(...) as handler: await handler.until_done()`."""
        return AsyncAssistantStreamManager(
            lambda: self.create(thread_id, stream=True, **params),
            event_handler=event_handler if event_handler is not None else AsyncAssistantEventHandler(),
        )

    @overload
    def create_and_stream(
        self, thread_id: str, *, event_handler: None = None, **params: Unpack[CreateRunKeywords]
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...
    @overload
    def create_and_stream(
        self, thread_id: str, *, event_handler: _AH, **params: Unpack[CreateRunKeywords]
    ) -> AsyncAssistantStreamManager[_AH]: ...
    @keywords_of(AsyncRunsWithPolling.create)
    def create_and_stream(
        self,
        thread_id: str,
        *,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Unpack[CreateRunKeywords],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]:
        """Deprecated: the same as `stream()`."""
        warnings.warn("`runs.create_and_stream()` is deprecated: use `runs.stream()`", DeprecationWarning, stacklevel=2)
        return self.stream(thread_id, event_handler=event_handler, **params)

    @overload
    def submit_tool_outputs_stream(
        self, run_id: str, *, event_handler: None = None, **params: Unpack[SubmitToolOuputsToRunKeywords]
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...
    @overload
    def submit_tool_outputs_stream(
        self, run_id: str, *, event_handler: _AH, **params: Unpack[SubmitToolOuputsToRunKeywords]
    ) -> AsyncAssistantStreamManager[_AH]: ...
    @keywords_of(AsyncRunsWithPolling.submit_tool_outputs)
    def submit_tool_outputs_stream(
        self,
        run_id: str,
        *,
        event_handler: AsyncAssistantEventHandler | None = None,
        **params: Unpack[SubmitToolOuputsToRunKeywords],
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]:
        """Submit tool outputs to a run that `requires_action` and stream the rest of it."""
        return AsyncAssistantStreamManager(
            lambda: self.submit_tool_outputs(run_id, stream=True, **params),
            event_handler=event_handler if event_handler is not None else AsyncAssistantEventHandler(),
        )
