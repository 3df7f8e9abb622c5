"""`AssistantEventHandler` and `AsyncAssistantEventHandler`: subclass one, override hooks.

Both are thin drivers of `AssistantStreamState`: they pull events from the HTTP stream,
feed them to the state, and call the hooks it returns. Everything else (what a snapshot
is, when a part is done) lives in the state, once for both.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator

from typed_openai._core import APITimeoutError, AsyncStream, Stream
from typed_openai.types.beta import AssistantStreamEvent
from typed_openai.types.beta.threads import ImageFile, Message, MessageDelta, Run, Text, TextDelta
from typed_openai.types.beta.threads.runs import RunStep, RunStepDelta, ToolCall, ToolCallDelta

from ._errors import StreamNotFinishedError
from ._reader import snapshot_reader
from ._state import AssistantStreamState

__all__ = ["AssistantEventHandler", "AsyncAssistantEventHandler"]

_HOOKS = (
    "on_event", "on_run_step_created", "on_run_step_delta", "on_run_step_done", "on_tool_call_created",
    "on_tool_call_delta", "on_tool_call_done", "on_message_created", "on_message_delta", "on_message_done",
    "on_text_created", "on_text_delta", "on_text_done", "on_image_file_done",
)


def _overridden(handler: object, base: type) -> frozenset[str]:
    """The hooks a subclass overrides: only their arguments are ever built."""
    cls = type(handler)
    return frozenset(name for name in _HOOKS if getattr(cls, name) is not getattr(base, name))


class _HandlerState:
    """What the sync and async handlers share: the state, the readers, binding once."""

    _state: AssistantStreamState
    _error: BaseException | None
    _bound: bool
    _finished: bool  # the stream was read to its end (or failed: then `_error` says how)

    def _bind_once(self) -> None:
        if self._bound:
            raise RuntimeError(
                f"This {type(self).__name__} was already used for a stream; create a new instance for each stream"
            )
        self._bound = True

    def _reraise(self) -> None:
        # A stream that failed, or did not reach its end, must not pass what it had off as final.
        if self._error is not None:
            raise self._error
        if not self._finished:
            raise StreamNotFinishedError(
                "The stream did not finish: it was left early (break, close(), the end of its "
                "`with` block) or interrupted (KeyboardInterrupt, cancellation) before its end, "
                "so what arrived is incomplete (current_run() and the other current_* readers show it)."
            )

    @snapshot_reader
    def current_event(self) -> AssistantStreamEvent | None:
        """The last event received."""
        return self._state.current_event

    @snapshot_reader
    def current_run(self) -> Run | None:
        """The run as of its last `thread.run.*` event."""
        return self._state.current_run

    @snapshot_reader
    def current_message_snapshot(self) -> Message | None:
        """The message streaming now, with every delta so far merged in."""
        return self._state.message_snapshot()

    @snapshot_reader
    def current_run_step_snapshot(self) -> RunStep | None:
        """The run step streaming now, with every delta so far merged in."""
        return self._state.run_step_snapshot()


class AssistantEventHandler(_HandlerState):
    """Subclass and override the `on_*` hooks; pass an instance to a stream helper.

    Iterating the handler (`for event in handler`) yields each event after its hooks ran.
    `until_done()` consumes the stream; `get_final_*()` wait for the end and return the
    run, run steps and messages, raising the stream's error if it failed.
    """

    def __init__(self) -> None:
        self._state = AssistantStreamState(_overridden(self, AssistantEventHandler).__contains__)
        self._error = None
        self._bound = False
        self._finished = False
        self._events: Generator[AssistantStreamEvent, None, None] | None = None
        self._stream: Stream[AssistantStreamEvent] | None = None
        self._ended = False

    # -- driving -------------------------------------------------------------------------

    def _start(self, stream: Stream[AssistantStreamEvent]) -> None:
        self._stream = stream
        self._events = self._drive(stream)

    def _fail_before_stream(self, error: Exception) -> None:
        """The request itself failed (a timeout, a refused connection, an error status)."""
        self._error = error
        self._report(error)
        self._end()

    def _report(self, error: Exception) -> None:
        if isinstance(error, APITimeoutError):
            self.on_timeout()
        self.on_exception(error)

    def _drive(self, stream: Stream[AssistantStreamEvent]) -> Generator[AssistantStreamEvent, None, None]:
        try:
            try:
                for event in stream:
                    for hook, args in self._state.handle(event):
                        getattr(self, hook)(*args)
                    yield event
                self._finished = True
            except Exception as exc:
                self._error = exc
                self._report(exc)
                raise
        finally:
            self._end()

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        try:
            if self._stream is not None:
                self._stream.close()
        finally:
            self.on_end()

    def close(self) -> None:
        """Stop reading: close the HTTP response; `on_end` fires if it has not."""
        if self._events is not None:
            self._events.close()
        self._end()

    def __iter__(self) -> Iterator[AssistantStreamEvent]:
        if self._events is None:
            raise RuntimeError("This handler has no stream yet: use it through a stream helper's `with` block")
        return self._events

    def until_done(self) -> None:
        """Read the stream to its end, calling the hooks; raise its error if it failed."""
        for _ in self:
            pass
        self._reraise()

    @property
    def text_deltas(self) -> Iterator[str]:
        """The text of each message delta, as it arrives (the hooks still fire)."""
        for event in self:
            if event.event == "thread.message.delta":
                for part in event.data.delta.content or ():
                    if part.type == "text" and part.text is not None and part.text.value:
                        yield part.text.value

    def get_final_run(self) -> Run:
        self.until_done()
        run = self._state.current_run
        if run is None:
            raise RuntimeError("The stream ended without sending a run")
        return run

    def get_final_run_steps(self) -> list[RunStep]:
        self.until_done()
        return self._state.run_steps()

    def get_final_messages(self) -> list[Message]:
        self.until_done()
        return self._state.messages()

    # -- hooks: override the ones you need ----------------------------------------------

    def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before its specific hooks. One from a newer API arrives as
        `typed_openai.UnknownStreamEvent`, with its name and raw data."""

    def on_run_step_created(self, run_step: RunStep) -> None: ...
    def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None: ...
    def on_run_step_done(self, run_step: RunStep) -> None: ...
    def on_tool_call_created(self, tool_call: ToolCall) -> None: ...
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None: ...
    def on_tool_call_done(self, tool_call: ToolCall) -> None: ...
    def on_message_created(self, message: Message) -> None: ...
    def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None: ...
    def on_message_done(self, message: Message) -> None: ...
    def on_text_created(self, text: Text) -> None: ...
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None: ...
    def on_text_done(self, text: Text) -> None: ...
    def on_image_file_done(self, image_file: ImageFile) -> None: ...

    def on_end(self) -> None:
        """Once, when the stream ends however it ends: exhausted, failed, left early."""

    def on_timeout(self) -> None:
        """The request or the stream timed out (`on_exception` follows)."""

    def on_exception(self, exception: Exception) -> None:
        """The stream failed; the exception is raised to the caller after this."""


class AsyncAssistantEventHandler(_HandlerState):
    """The async twin of `AssistantEventHandler`: `async def` hooks, `async for`, awaitables."""

    def __init__(self) -> None:
        self._state = AssistantStreamState(_overridden(self, AsyncAssistantEventHandler).__contains__)
        self._error = None
        self._bound = False
        self._finished = False
        self._events: AsyncGenerator[AssistantStreamEvent, None] | None = None
        self._stream: AsyncStream[AssistantStreamEvent] | None = None
        self._ended = False

    def _start(self, stream: AsyncStream[AssistantStreamEvent]) -> None:
        self._stream = stream
        self._events = self._drive(stream)

    async def _fail_before_stream(self, error: Exception) -> None:
        self._error = error
        await self._report(error)
        await self._end()

    async def _report(self, error: Exception) -> None:
        if isinstance(error, APITimeoutError):
            await self.on_timeout()
        await self.on_exception(error)

    async def _drive(self, stream: AsyncStream[AssistantStreamEvent]) -> AsyncGenerator[AssistantStreamEvent, None]:
        try:
            try:
                async for event in stream:
                    for hook, args in self._state.handle(event):
                        await getattr(self, hook)(*args)
                    yield event
                self._finished = True
            except Exception as exc:
                self._error = exc
                await self._report(exc)
                raise
        finally:
            await self._end()

    async def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        try:
            if self._stream is not None:
                await self._stream.aclose()
        finally:
            await self.on_end()

    async def close(self) -> None:
        if self._events is not None:
            await self._events.aclose()
        await self._end()

    def __aiter__(self) -> AsyncIterator[AssistantStreamEvent]:
        if self._events is None:
            raise RuntimeError("This handler has no stream yet: use it through a stream helper's `async with` block")
        return self._events

    async def until_done(self) -> None:
        async for _ in self:
            pass
        self._reraise()

    @property
    async def text_deltas(self) -> AsyncIterator[str]:
        async for event in self:
            if event.event == "thread.message.delta":
                for part in event.data.delta.content or ():
                    if part.type == "text" and part.text is not None and part.text.value:
                        yield part.text.value

    async def get_final_run(self) -> Run:
        await self.until_done()
        run = self._state.current_run
        if run is None:
            raise RuntimeError("The stream ended without sending a run")
        return run

    async def get_final_run_steps(self) -> list[RunStep]:
        await self.until_done()
        return self._state.run_steps()

    async def get_final_messages(self) -> list[Message]:
        await self.until_done()
        return self._state.messages()

    async def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before its specific hooks (see `AssistantEventHandler.on_event`)."""

    async def on_run_step_created(self, run_step: RunStep) -> None: ...
    async def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None: ...
    async def on_run_step_done(self, run_step: RunStep) -> None: ...
    async def on_tool_call_created(self, tool_call: ToolCall) -> None: ...
    async def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None: ...
    async def on_tool_call_done(self, tool_call: ToolCall) -> None: ...
    async def on_message_created(self, message: Message) -> None: ...
    async def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None: ...
    async def on_message_done(self, message: Message) -> None: ...
    async def on_text_created(self, text: Text) -> None: ...
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None: ...
    async def on_text_done(self, text: Text) -> None: ...
    async def on_image_file_done(self, image_file: ImageFile) -> None: ...

    async def on_end(self) -> None:
        """Once, when the stream ends however it ends."""

    async def on_timeout(self) -> None:
        """The request or the stream timed out (`on_exception` follows)."""

    async def on_exception(self, exception: Exception) -> None:
        """The stream failed; the exception is raised to the caller after this."""
