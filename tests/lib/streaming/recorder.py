"""Handlers that record every hook call as a readable tuple, sync and async."""

from __future__ import annotations

from typing import Any

from typed_openai import AssistantEventHandler, AsyncAssistantEventHandler
from typed_openai.types.beta import AssistantStreamEvent
from typed_openai.types.beta.threads import ImageFile, Message, MessageDelta, Text, TextDelta
from typed_openai.types.beta.threads.runs import RunStep, RunStepDelta, ToolCall, ToolCallDelta


def summary(value: Any) -> Any:
    """What a hook argument says, short enough to compare whole sequences."""
    name = type(value).__name__
    if name == "Text":
        return ("text", value.value, len(value.annotations))
    if name == "TextDelta":
        return ("text_delta", value.value)
    if name == "MessageObject":
        return ("message", value.id, value.status, len(value.content))
    if name == "RunStep":
        return ("step", value.id, value.status)
    if hasattr(value, "type") and value.type in ("function", "code_interpreter", "file_search"):
        body = getattr(value, value.type)
        if value.type == "function":
            detail = None if body is None else (body.name, body.arguments, body.output)
        elif value.type == "code_interpreter":
            detail = None if body is None else (body.input, len(body.outputs or []))
        else:
            detail = None
        return (value.type, getattr(value, "index", None), value.id, detail)
    if name == "ImageFile":
        return ("image_file", value.file_id)
    if isinstance(value, Exception):
        return (type(value).__name__, str(value))
    return name


class RecordingHandler(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []
        self.events: list[str] = []

    def _record(self, hook: str, *args: Any) -> None:
        self.calls.append((hook, *(summary(a) for a in args)))

    def on_event(self, event: AssistantStreamEvent) -> None:
        self.events.append(event.event)

    def on_run_step_created(self, run_step: RunStep) -> None: self._record("run_step_created", run_step)
    def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None: self._record("run_step_delta", snapshot)
    def on_run_step_done(self, run_step: RunStep) -> None: self._record("run_step_done", run_step)
    def on_tool_call_created(self, tool_call: ToolCall) -> None: self._record("tool_call_created", tool_call)
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None: self._record("tool_call_delta", delta, snapshot)
    def on_tool_call_done(self, tool_call: ToolCall) -> None: self._record("tool_call_done", tool_call)
    def on_message_created(self, message: Message) -> None: self._record("message_created", message)
    def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None: self._record("message_delta", snapshot)
    def on_message_done(self, message: Message) -> None: self._record("message_done", message)
    def on_text_created(self, text: Text) -> None: self._record("text_created", text)
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None: self._record("text_delta", delta, snapshot)
    def on_text_done(self, text: Text) -> None: self._record("text_done", text)
    def on_image_file_done(self, image_file: ImageFile) -> None: self._record("image_file_done", image_file)
    def on_end(self) -> None: self._record("end")
    def on_timeout(self) -> None: self._record("timeout")
    def on_exception(self, exception: Exception) -> None: self._record("exception", exception)


class AsyncRecordingHandler(AsyncAssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []
        self.events: list[str] = []

    def _record(self, hook: str, *args: Any) -> None:
        self.calls.append((hook, *(summary(a) for a in args)))

    async def on_event(self, event: AssistantStreamEvent) -> None:
        self.events.append(event.event)

    async def on_run_step_created(self, run_step: RunStep) -> None: self._record("run_step_created", run_step)
    async def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None: self._record("run_step_delta", snapshot)
    async def on_run_step_done(self, run_step: RunStep) -> None: self._record("run_step_done", run_step)
    async def on_tool_call_created(self, tool_call: ToolCall) -> None: self._record("tool_call_created", tool_call)
    async def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None: self._record("tool_call_delta", delta, snapshot)
    async def on_tool_call_done(self, tool_call: ToolCall) -> None: self._record("tool_call_done", tool_call)
    async def on_message_created(self, message: Message) -> None: self._record("message_created", message)
    async def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None: self._record("message_delta", snapshot)
    async def on_message_done(self, message: Message) -> None: self._record("message_done", message)
    async def on_text_created(self, text: Text) -> None: self._record("text_created", text)
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None: self._record("text_delta", delta, snapshot)
    async def on_text_done(self, text: Text) -> None: self._record("text_done", text)
    async def on_image_file_done(self, image_file: ImageFile) -> None: self._record("image_file_done", image_file)
    async def on_end(self) -> None: self._record("end")
    async def on_timeout(self) -> None: self._record("timeout")
    async def on_exception(self, exception: Exception) -> None: self._record("exception", exception)
