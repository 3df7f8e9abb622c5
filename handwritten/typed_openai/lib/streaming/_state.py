"""The assistant stream's state machine: typed events in, hook calls out. No I/O.

The sync and async event handlers both drive this one core (DESIGN invariant 8). It keeps
each message and run step as JSON merged delta by delta (`_accumulate`) and builds typed
snapshots only when something asks for one, so a hook nobody overrides costs nothing.

Hook rules (where the official SDK differs, this is deliberate):
- `on_event` first, for every event, unknown ones included; then the specific hooks.
- Within one delta event, the hooks of its parts (`on_text_created`, `on_text_delta`,
  `on_tool_call_*`) come before `on_message_delta` / `on_run_step_delta`, as in the
  official SDK.
- A content part or tool call is "created" on its first delta and "done" exactly once:
  when the next part of the same message or step starts, or when the message or step
  reaches a terminal state (then with the server's final version of it). Indexes are
  per message and per step.
- Parts present only in the final object (never streamed) get their created and done
  hooks when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import pydantic
from typed_openai._core import BaseModel
from typed_openai._core._models import parse_data
from typed_openai.types import (
    AssistantStreamEvent,
    DoneEvent,
    ImageFile,
    Text,
    TextDeltaBlock,
    TextDelta,
    MessageDelta,
    MessageObject,
    Run,
    ToolCallDeltaObject,
    ToolCall,
    RunStep,
    ThreadMessageCompleted,
    ThreadMessageCreated,
    ThreadMessageDelta,
    ThreadMessageIncomplete,
    ThreadMessageInProgress,
    ThreadRunCancelled,
    ThreadRunCancelling,
    ThreadRunCompleted,
    ThreadRunCreated,
    ThreadRunExpired,
    ThreadRunFailed,
    ThreadRunIncomplete,
    ThreadRunInProgress,
    ThreadRunQueued,
    ThreadRunRequiresAction,
    ThreadRunStepCancelled,
    ThreadRunStepCompleted,
    ThreadRunStepCreated,
    ThreadRunStepDelta,
    ThreadRunStepExpired,
    ThreadRunStepFailed,
    ThreadRunStepInProgress,
)

from ._accumulate import JSONObject, full_form, indexed_snapshot, merge_delta_into

__all__ = ["AssistantStreamState", "HookCall"]

HookCall = tuple[str, tuple[object, ...]]
"""A hook to call: its name on the handler and its arguments."""

_RUN_EVENTS = (
    ThreadRunCreated, ThreadRunQueued, ThreadRunInProgress, ThreadRunRequiresAction, ThreadRunCompleted,
    ThreadRunIncomplete, ThreadRunFailed, ThreadRunCancelling, ThreadRunCancelled, ThreadRunExpired,
)
# The model has finished its tool calls once the run waits for their outputs or ends.
_RUN_PAUSES_OR_ENDS = frozenset({"requires_action", "completed", "failed", "cancelled", "expired", "incomplete"})
_STEP_ENDS = (ThreadRunStepCompleted, ThreadRunStepFailed, ThreadRunStepCancelled, ThreadRunStepExpired)
_MESSAGE_ENDS = (ThreadMessageCompleted, ThreadMessageIncomplete)


@dataclass
class _Tracked:
    """A message or run step being streamed: its JSON so far and the state of its parts."""

    raw: JSONObject
    seen: set[int] = field(default_factory=set[int])  # parts whose `created` hook fired
    done: set[int] = field(default_factory=set[int])  # parts whose `done` hook fired
    open: int | None = None  # the part streaming now
    final: MessageObject | RunStep | None = None  # the server's terminal version
    cached: MessageObject | RunStep | None = None  # snapshot of `raw`, until it changes
    # The last text snapshot of each text part, while `raw` only grew by deltas since.
    texts: dict[int, Text] = field(default_factory=dict[int, Text])

    def replace(self, raw: JSONObject, cached: MessageObject | RunStep | None = None) -> None:
        """`raw` replaced by another version: every snapshot of the old one is stale."""
        self.raw, self.cached = raw, cached
        self.texts.clear()


def _parts(raw: JSONObject, kind: str) -> dict[int, JSONObject]:
    """The indexed content parts (`kind="message"`) or tool calls (`"step"`) of `raw`."""
    if kind == "message":
        items = raw.get("content")
    else:
        details = raw.get("step_details")
        items = cast(JSONObject, details).get("tool_calls") if isinstance(details, dict) else None
    out: dict[int, JSONObject] = {}
    if isinstance(items, list):
        for item in cast("list[object]", items):
            if isinstance(item, dict):
                index = cast(JSONObject, item).get("index")
                if isinstance(index, int):
                    out[index] = cast(JSONObject, item)
    return out


def _streamed(raw: JSONObject) -> JSONObject:
    """The parts of a message or run step that arrive as deltas: content, tool calls."""
    return {k: v for k, v in raw.items() if k in ("content", "step_details")}


def _delta_index(part: object) -> int | None:
    """A delta part's `index`: an attribute of a typed part, a key of one kept as a dict."""
    if isinstance(part, TextDeltaBlock):
        return part.index
    index = cast(JSONObject, part).get("index") if isinstance(part, dict) else getattr(part, "index", None)
    return index if isinstance(index, int) else None


def _without_index(part: JSONObject) -> JSONObject:
    return {k: v for k, v in part.items() if k != "index"}


def _text(part: JSONObject) -> Text | None:
    if part.get("type") != "text" or not isinstance(part.get("text"), dict):
        return None
    full = cast(JSONObject, full_form(_without_index(part)))
    return parse_data(Text, full["text"])


_TEXT_DELTA_FIELDS = frozenset({"value", "annotations"})


def _next_text(
    previous: Text | None, part: JSONObject, delta: TextDelta
) -> Text | None:
    """The text snapshot after `delta`, `part` being the merged part.

    A delta that only adds text (the usual one) gives a new snapshot made of the merged
    value and the previous snapshot's (already typed) annotations and extra fields,
    instead of rebuilding the whole text from JSON: each delta then costs its own size
    plus one copy of the text, not a walk of everything so far. The previous snapshot is
    left as it was.
    """
    if (
        previous is not None
        and not delta.annotations
        and delta.__pydantic_fields_set__ <= _TEXT_DELTA_FIELDS
        and not delta.__pydantic_extra__
        and part.get("type") == "text"
    ):
        body = part.get("text")
        value = cast(JSONObject, body).get("value") if isinstance(body, dict) else None
        if isinstance(value, str):
            data: JSONObject = {"value": value, "annotations": previous.annotations}
            extra = previous.__pydantic_extra__
            if extra:
                data = {**extra, **data}
            try:
                # Looked up each time: pydantic replaces a class's validator once it is built.
                validator = Text.__pydantic_validator__
                return cast(Text, validator.validate_python(data))
            except pydantic.ValidationError:
                pass  # the general path below
    return _text(part)


_PART_DELTA_FIELDS = frozenset({"index", "type", "text"})


def _text_appends(delta: MessageDelta, parts: dict[int, JSONObject]) -> list[tuple[JSONObject, str]] | None:
    """For the usual delta, which only adds text to text parts already streaming: each
    part's `text` object and the text to append. None for any other delta: it is merged
    by the general rules instead (with the same result for the usual one, only slower:
    dumping the delta and walking it)."""
    fields = delta.__pydantic_fields_set__
    if len(fields) != 1 or "content" not in fields or delta.__pydantic_extra__ or not delta.content:
        return None
    out: list[tuple[JSONObject, str]] = []
    for part_delta in delta.content:
        if (
            not isinstance(part_delta, TextDeltaBlock)
            or part_delta.__pydantic_extra__
            or not part_delta.__pydantic_fields_set__ <= _PART_DELTA_FIELDS
        ):
            return None
        text = part_delta.text
        if (
            text is None
            or text.annotations
            or text.__pydantic_extra__
            or not text.__pydantic_fields_set__ <= _TEXT_DELTA_FIELDS
            or not isinstance(text.value, str)
        ):
            return None
        part = parts.get(part_delta.index)
        body = part.get("text") if part is not None and part.get("type") == "text" else None
        if not isinstance(body, dict) or not isinstance(cast(JSONObject, body).get("value"), str):
            return None
        out.append((cast(JSONObject, body), text.value))
    return out


def _tool_call(part: JSONObject) -> ToolCall:
    # The snapshot keeps the deltas' `index` (an extra field), as the official SDK's does:
    # handlers match a tool call's deltas to its snapshot by it.
    tool_call = cast("type[ToolCall]", ToolCall)
    return parse_data(tool_call, full_form(part))


class AssistantStreamState:
    """Everything known about one assistant stream so far.

    `handle(event)` updates it and returns the hooks to call, in order. `wants(name)` says
    whether the handler overrides a hook; arguments are only built for hooks it does.
    """

    def __init__(self, wants: Callable[[str], bool]) -> None:
        self._wants = wants
        # Asked for every delta: looked up once.
        self._wants_event = wants("on_event")
        self._wants_message_delta = wants("on_message_delta")
        self._wants_text_delta = wants("on_text_delta")
        self.current_event: AssistantStreamEvent | None = None
        self.current_run: Run | None = None
        self.done = False  # the stream's `done` event arrived
        self._messages: dict[str, _Tracked] = {}
        self._steps: dict[str, _Tracked] = {}
        self._current_message: str | None = None
        self._current_step: str | None = None

    # -- what users read -----------------------------------------------------------------

    def message_snapshot(self, message_id: str | None = None) -> MessageObject | None:
        tracked = self._messages.get(message_id or self._current_message or "")
        return None if tracked is None else cast(MessageObject, self._snapshot(tracked, MessageObject))

    def run_step_snapshot(self, step_id: str | None = None) -> RunStep | None:
        tracked = self._steps.get(step_id or self._current_step or "")
        return None if tracked is None else cast(RunStep, self._snapshot(tracked, RunStep))

    def messages(self) -> list[MessageObject]:
        """Every message seen, in order: the server's final version where it sent one."""
        return [cast(MessageObject, t.final or self._snapshot(t, MessageObject)) for t in self._messages.values()]

    def run_steps(self) -> list[RunStep]:
        """Every run step seen, in order: the server's final version where it sent one."""
        return [cast(RunStep, t.final or self._snapshot(t, RunStep)) for t in self._steps.values()]

    @staticmethod
    def _snapshot(tracked: _Tracked, model: type[MessageObject] | type[RunStep]) -> MessageObject | RunStep:
        if tracked.cached is None:
            tracked.cached = parse_data(model, full_form(tracked.raw))
        return tracked.cached

    # -- events --------------------------------------------------------------------------

    def handle(self, event: AssistantStreamEvent) -> list[HookCall]:
        """Take one event. An event from a newer API (an `UnknownStreamEvent` at run time,
        though typed as the known union, as the official SDK types it, so that narrowing on
        `event.event` works in mypy) only reaches `on_event`."""
        self.current_event = event
        calls: list[HookCall] = [("on_event", (event,))] if self._wants_event else []
        if isinstance(event, ThreadMessageDelta):  # by far the most frequent: first
            self._message_delta(event, calls)
        elif isinstance(event, _RUN_EVENTS):
            self.current_run = event.data
            if event.data.status in _RUN_PAUSES_OR_ENDS:
                self._close_tool_calls(calls)
        elif isinstance(event, ThreadRunStepDelta):
            self._step_delta(event, calls)
        elif isinstance(event, ThreadMessageCreated):
            tracked = self._track(self._messages, event.data)
            self._current_message = event.data.id
            self._call(calls, "on_message_created", lambda: (self._snapshot(tracked, MessageObject),))
        elif isinstance(event, ThreadRunStepCreated):
            tracked = self._track(self._steps, event.data)
            self._current_step = event.data.id
            self._call(calls, "on_run_step_created", lambda: (self._snapshot(tracked, RunStep),))
        elif isinstance(event, (ThreadMessageInProgress, ThreadRunStepInProgress)):
            self._refresh(event.data)
        elif isinstance(event, _MESSAGE_ENDS):
            self._finish(self._messages, event.data, "message", calls)
            self._call(calls, "on_message_done", lambda: (event.data,))
        elif isinstance(event, _STEP_ENDS):
            self._finish(self._steps, event.data, "step", calls)
            self._call(calls, "on_run_step_done", lambda: (event.data,))
        elif isinstance(event, DoneEvent):
            self.done = True
        return calls

    def _call(self, calls: list[HookCall], hook: str, args: Callable[[], tuple[object, ...]]) -> None:
        if self._wants(hook):
            calls.append((hook, args()))

    def _track(self, table: dict[str, _Tracked], obj: MessageObject | RunStep) -> _Tracked:
        tracked = table.get(obj.id)
        if tracked is None:
            tracked = table[obj.id] = _Tracked(indexed_snapshot(obj))
        else:  # created after deltas for it arrived: keep what streamed
            raw = indexed_snapshot(obj)
            merge_delta_into(raw, _streamed(tracked.raw))  # the old JSON is dropped: its parts move
            tracked.replace(raw)
        return tracked

    def _refresh(self, obj: MessageObject | RunStep) -> None:
        """A newer full version: take its fields, keep the parts streamed so far."""
        table = self._messages if isinstance(obj, MessageObject) else self._steps
        tracked = table.get(obj.id)
        if tracked is None:
            self._track(table, obj)
            return
        streamed = {k: v for k, v in _streamed(tracked.raw).items() if v}
        tracked.replace({**indexed_snapshot(obj), **streamed})

    def _tracked_for_delta(self, table: dict[str, _Tracked], obj_id: str, kind: str) -> _Tracked:
        tracked = table.get(obj_id)
        if tracked is None:  # a delta for something never announced: keep it anyway
            placeholder: JSONObject = {"id": obj_id, "object": "thread.message" if kind == "message" else "thread.run.step"}
            tracked = table[obj_id] = _Tracked(placeholder)
        return tracked

    def _message_delta(self, event: ThreadMessageDelta, calls: list[HookCall]) -> None:
        delta = event.data.delta
        tracked = self._tracked_for_delta(self._messages, event.data.id, "message")
        self._current_message = event.data.id
        parts = _parts(tracked.raw, "message")
        appended = _text_appends(delta, parts)
        if appended is not None:  # only text added to known text parts: append it
            for body, piece in appended:
                body["value"] = cast(str, body["value"]) + piece
        else:
            merge_delta_into(tracked.raw, delta.model_dump(mode="json", exclude_unset=True, warnings=False))
            parts = _parts(tracked.raw, "message")
        tracked.cached = None
        # A part of a type from a newer API is a plain dict here: it is accumulated, only
        # the typed hooks skip it. The parts' hooks come first, then `on_message_delta`
        # (the official SDK's order).
        for part_delta in cast("list[object]", delta.content or []):
            index = _delta_index(part_delta)
            if index is None:
                continue
            if tracked.open != index or index not in tracked.seen:
                self._open(tracked, index, "message", parts, calls)
            if isinstance(part_delta, TextDeltaBlock) and part_delta.text is not None:
                text_delta = part_delta.text
                if self._wants_text_delta:
                    text = _next_text(tracked.texts.get(index), parts.get(index, {}), text_delta)
                    if text is None:
                        tracked.texts.pop(index, None)
                    else:
                        tracked.texts[index] = text
                    calls.append(("on_text_delta", (text_delta, text)))
                    continue
            tracked.texts.pop(index, None)
        if self._wants_message_delta:
            calls.append(("on_message_delta", (delta, self._snapshot(tracked, MessageObject))))

    def _step_delta(self, event: ThreadRunStepDelta, calls: list[HookCall]) -> None:
        delta = event.data.delta
        tracked = self._tracked_for_delta(self._steps, event.data.id, "step")
        self._current_step = event.data.id
        merge_delta_into(tracked.raw, delta.model_dump(mode="json", exclude_unset=True, warnings=False))
        tracked.cached = None
        details = delta.step_details
        if isinstance(details, ToolCallDeltaObject):
            parts = _parts(tracked.raw, "step")
            # Lenient parsing keeps a tool call of a type from a newer API as a dict.
            for call_delta in cast("list[object]", details.tool_calls or []):
                index = _delta_index(call_delta)
                if index is None:
                    continue
                part = parts.get(index, {})
                self._open(tracked, index, "step", parts, calls)
                if isinstance(call_delta, BaseModel):
                    self._call(calls, "on_tool_call_delta", lambda: (call_delta, _tool_call(part)))
        # After the tool calls' hooks, as `on_message_delta` after the parts' (the official SDK's order).
        self._call(calls, "on_run_step_delta", lambda: (delta, self._snapshot(tracked, RunStep)))

    def _open(self, tracked: _Tracked, index: int, kind: str, parts: dict[int, JSONObject], calls: list[HookCall]) -> None:
        """Part `index` is streaming: close the one before it, announce it if new."""
        if tracked.open is not None and tracked.open != index:
            self._close(tracked, tracked.open, parts.get(tracked.open, {}), kind, calls)
        tracked.open = index
        if index not in tracked.seen:
            tracked.seen.add(index)
            self._created(parts.get(index, {}), kind, calls)

    def _created(self, part: JSONObject, kind: str, calls: list[HookCall]) -> None:
        if kind == "step":
            self._call(calls, "on_tool_call_created", lambda: (_tool_call(part),))
        elif part.get("type") == "text":
            self._call(calls, "on_text_created", lambda: (_text(part),))

    def _close(self, tracked: _Tracked, index: int, part: JSONObject, kind: str, calls: list[HookCall]) -> None:
        if index in tracked.done:
            return
        tracked.done.add(index)
        if tracked.open == index:
            tracked.open = None
        if kind == "step":
            self._call(calls, "on_tool_call_done", lambda: (_tool_call(part),))
        elif part.get("type") == "text":
            self._call(calls, "on_text_done", lambda: (_text(part),))
        elif part.get("type") == "image_file":
            image = part.get("image_file")
            self._call(calls, "on_image_file_done", lambda: (parse_data(ImageFile, image),))

    def _close_tool_calls(self, calls: list[HookCall]) -> None:
        for tracked in self._steps.values():
            if tracked.open is not None and tracked.final is None:
                index = tracked.open
                self._close(tracked, index, _parts(tracked.raw, "step").get(index, {}), "step", calls)

    def _finish(self, table: dict[str, _Tracked], final: MessageObject | RunStep, kind: str, calls: list[HookCall]) -> None:
        """The terminal version arrived: close every open or unseen part with its final form."""
        tracked = table.get(final.id) or self._track(table, final)
        final_raw = indexed_snapshot(final)
        final_parts = _parts(final_raw, kind)
        streamed_parts = _parts(tracked.raw, kind)
        for index in sorted(set(final_parts) | set(streamed_parts)):
            if index in tracked.done:
                continue
            part = final_parts.get(index) or streamed_parts[index]
            if index not in tracked.seen:
                tracked.seen.add(index)
                self._created(part, kind, calls)
            self._close(tracked, index, part, kind, calls)
        tracked.replace(final_raw, final)
        tracked.final = final
