"""The chat completion stream's state machine: chunks in, events out. No I/O.

The sync and async streams both drive this one core (DESIGN invariant 8), as the
assistant streams drive theirs. Each choice is kept as plain data merged chunk by chunk;
typed snapshots are built from it without validation (the parts are typed already),
and each snapshot is a new object: one handed out earlier never changes.

Event rules (those of the official SDK, plus `choice_index` on every per-choice event):
- `chunk` first, for every chunk;
- then per choice in the chunk: `content.delta`, `refusal.delta`, one
  `tool_calls.function.arguments.delta` per tool call delta, `logprobs.*.delta`;
- `content.done`, `refusal.done` and `logprobs.*.done` fire once, when the choice
  finishes or its first tool call starts; a tool call's `arguments.done` fires when the
  next tool call starts or the choice finishes.
- A choice that stops at the token limit or the content filter raises
  `LengthFinishReasonError` / `ContentFilterFinishReasonError` when something was to be
  parsed (a `response_format` type, a strict tool), after the events before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, cast

import pydantic_core

from typed_openai._core import Omit, omit
from typed_openai._core._models import validate_or_construct
from typed_openai.types.chat import ChatCompletionChunk, ChatCompletionTokenLogprob
from typed_openai.types.chat.chat_completion import ChoiceLogprobs
from typed_openai.types.chat.chat_completion_chunk import Choice as ChunkChoice, ChoiceDeltaToolCall

from .._construct import build
from ._events import (
    ChatCompletionStreamEvent,
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent,
    ParsedChatCompletionSnapshot,
    RefusalDeltaEvent,
    RefusalDoneEvent,
)
from ._parsing import (
    ToolDefinitions,
    check_finish_reason,
    function_definition,
    has_parseable_input,
    is_parseable_tool,
    parse_arguments,
    parse_completion,
    parse_content,
    tool_list,
)
from ._types import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
    ResponseFormatT,
)

__all__ = ["ChatCompletionStreamState"]

# Parametrised once: subscripting a generic model looks it up in a cache each time.
_Completion = ParsedChatCompletion[object]
_Choice_ = ParsedChoice[object]
_Message = ParsedChatCompletionMessage[object]

_MESSAGE_FIELD_TYPES: dict[str, object] = {
    name: info.annotation for name, info in ParsedChatCompletionMessage.model_fields.items()
}
# Delta fields kept as they come (typed) or accumulated by hand below.
_HANDLED = frozenset({"content", "refusal", "role", "tool_calls"})


def _partial_json(text: str | None) -> object:
    """`text` so far read as JSON, the unfinished end cut off; None if it is not JSON yet."""
    if not text or not text.strip():
        return None
    try:
        return pydantic_core.from_json(text, allow_partial=True)
    except ValueError:
        return None  # not JSON (yet): the done event parses it strictly and says why


def _merge(old: object, new: object) -> object:
    """Another delta field (audio, function_call...): text concatenated, objects merged."""
    if old is None:
        return new
    if isinstance(old, str) and isinstance(new, str):
        return old + new
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(cast(dict[str, object], old))
        for key, value in cast(dict[str, object], new).items():
            if value is not None:
                merged[key] = value if key in ("id", "type", "expires_at") else _merge(merged.get(key), value)
        return merged
    if isinstance(old, list) and isinstance(new, list):
        return [*cast("list[object]", old), *cast("list[object]", new)]
    return new


@dataclass
class _ToolCall:
    index: int
    id: str | None = None
    type: str | None = None
    name: str | None = None
    arguments: str = ""
    parsed_arguments: object = None
    done: bool = False
    typed: ParsedFunctionToolCall | None = None  # the snapshot, until this call changes

    def snapshot(self) -> ParsedFunctionToolCall:
        if self.typed is None:
            function = build(
                ParsedFunction, {"name": self.name or "", "arguments": self.arguments, "parsed_arguments": self.parsed_arguments}
            )
            self.typed = build(
                ParsedFunctionToolCall,
                {"id": self.id or "", "type": self.type or "function", "function": function, "index": self.index},
            )
        return self.typed

    def as_data(self) -> dict[str, object]:
        return {
            "id": self.id or "",
            "type": self.type or "function",
            "index": self.index,
            "function": {"name": self.name or "", "arguments": self.arguments},
        }


@dataclass
class _Choice:
    index: int
    role: str | None = None
    content: str | None = None
    refusal: str | None = None
    parsed: object = None
    other: dict[str, object] = field(default_factory=dict[str, object])  # other message fields, as data
    other_typed: dict[str, object] = field(default_factory=dict[str, object])
    tool_calls: dict[int, _ToolCall] = field(default_factory=dict[int, _ToolCall])
    finish_reason: str | None = None
    logprobs: bool = False  # a chunk sent a logprobs object
    logprobs_content: list[ChatCompletionTokenLogprob] | None = None
    logprobs_refusal: list[ChatCompletionTokenLogprob] | None = None
    extra: dict[str, object] = field(default_factory=dict[str, object])  # unknown choice fields
    # Which `done` events fired.
    content_done: bool = False
    refusal_done: bool = False
    logprobs_content_done: bool = False
    logprobs_refusal_done: bool = False
    current_tool: int | None = None
    typed: ParsedChoice[object] | None = None  # the snapshot, until this choice changes

    def snapshot(self) -> ParsedChoice[object]:
        if self.typed is None:
            calls = [self.tool_calls[i].snapshot() for i in sorted(self.tool_calls)] or None
            fields: dict[str, Any] = {"role": self.role or "assistant", "content": self.content, "refusal": self.refusal}
            fields.update(self.other_typed)
            fields["tool_calls"], fields["parsed"] = calls, self.parsed
            message = build(_Message, fields)
            logprobs = (
                build(
                    ChoiceLogprobs,
                    {
                        "content": None if self.logprobs_content is None else list(self.logprobs_content),
                        "refusal": None if self.logprobs_refusal is None else list(self.logprobs_refusal),
                    },
                )
                if self.logprobs
                else None
            )
            values: dict[str, Any] = {
                **self.extra, "index": self.index, "finish_reason": self.finish_reason, "logprobs": logprobs, "message": message,
            }
            self.typed = build(_Choice_, values)
        return self.typed

    def as_data(self) -> dict[str, object]:
        message: dict[str, object] = {"role": self.role or "assistant", "content": self.content, "refusal": self.refusal}
        message.update(self.other)
        if self.tool_calls:
            message["tool_calls"] = [self.tool_calls[i].as_data() for i in sorted(self.tool_calls)]
        logprobs = (
            {
                "content": None if self.logprobs_content is None else [p.model_dump(mode="json") for p in self.logprobs_content],
                "refusal": None if self.logprobs_refusal is None else [p.model_dump(mode="json") for p in self.logprobs_refusal],
            }
            if self.logprobs
            else None
        )
        return {**self.extra, "index": self.index, "finish_reason": self.finish_reason, "logprobs": logprobs, "message": message}


class ChatCompletionStreamState(Generic[ResponseFormatT]):
    """Everything known about one chat completion stream so far.

    `handle_chunk(chunk)` takes a chunk and returns the events it causes, in order; use it
    directly to accumulate a `create(stream=True)` stream by hand.
    """

    def __init__(
        self,
        *,
        input_tools: Iterable[object] | Omit = omit,
        response_format: type[ResponseFormatT] | object | Omit = omit,
    ) -> None:
        self._tools: ToolDefinitions = tool_list(input_tools)
        self._response_format = response_format
        self._rich = isinstance(response_format, type)
        self._parseable = has_parseable_input(response_format, self._tools)
        self._top: dict[str, object] | None = None  # the completion's own fields
        self._choices: dict[int, _Choice] = {}
        self._snapshot: ParsedChatCompletionSnapshot | None = None

    # -- what users read -----------------------------------------------------------------

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion so far (a new object after each chunk)."""
        if self._top is None:
            raise RuntimeError("No chunk has arrived yet: there is no completion snapshot")
        if self._snapshot is None:
            choices = [self._choices[i].snapshot() for i in sorted(self._choices)]
            self._snapshot = build(_Completion, {**self._top, "choices": choices})
        return self._snapshot

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """The whole completion, validated, with the answer and tool arguments parsed.
        Call it once the stream has ended (the stream helpers do)."""
        if self._top is None:
            raise RuntimeError("The stream ended before its first chunk: there is no completion")
        data = {**self._top, "choices": [self._choices[i].as_data() for i in sorted(self._choices)]}
        data["usage"] = _dump(data.get("usage"))
        return cast(
            ParsedChatCompletion[ResponseFormatT],
            parse_completion(data, response_format=self._response_format, tools=self._tools, completion=self.current_completion_snapshot),
        )

    # -- chunks --------------------------------------------------------------------------

    def handle_chunk(self, chunk: ChatCompletionChunk) -> list[ChatCompletionStreamEvent[ResponseFormatT]]:
        """Take one chunk; return the events it causes, in order."""
        fields = chunk.__dict__  # read directly: `system_fingerprint` warns as deprecated on access
        if self._top is None:
            top = {k: v for k, v in fields.items() if k not in ("choices", "obfuscation")}
            top.update({k: v for k, v in (chunk.__pydantic_extra__ or {}).items() if k != "obfuscation"})
            top["object"] = "chat.completion"
            self._top = top
        else:
            self._top["usage"] = fields.get("usage")
            self._top["system_fingerprint"] = fields.get("system_fingerprint")
        self._snapshot = None
        for choice in chunk.choices:
            self._accumulate(choice)
        events: list[ChatCompletionStreamEvent[ResponseFormatT]] = []
        events.append(_event(ChunkEvent, type="chunk", chunk=chunk, snapshot=self.current_completion_snapshot))
        for choice in chunk.choices:
            self._choice_events(choice, events)
        return events

    def _accumulate(self, chunk_choice: ChunkChoice) -> None:
        state = self._choices.get(chunk_choice.index)
        if state is None:
            state = self._choices[chunk_choice.index] = _Choice(chunk_choice.index)
            state.extra = dict(chunk_choice.__pydantic_extra__ or {})
        state.typed = None
        delta = chunk_choice.delta
        values = delta.__dict__
        if delta.content is not None:
            state.content = delta.content if state.content is None else state.content + delta.content
            if self._rich and not state.refusal:
                state.parsed = _partial_json(state.content)
        if delta.refusal is not None:
            state.refusal = delta.refusal if state.refusal is None else state.refusal + delta.refusal
        if delta.role is not None:
            state.role = delta.role
        for name in delta.__pydantic_fields_set__ - _HANDLED:
            value = values.get(name)
            if value is not None:
                raw = value.model_dump(mode="json", exclude_unset=True, warnings=False) if hasattr(value, "model_dump") else value
                state.other[name] = _merge(state.other.get(name), raw)
                state.other_typed[name] = validate_or_construct(_MESSAGE_FIELD_TYPES.get(name, object), state.other[name])[0]
        for extra, value in (delta.__pydantic_extra__ or {}).items():
            state.other[extra] = state.other_typed[extra] = _merge(state.other.get(extra), value)
        for call_delta in delta.tool_calls or ():
            self._accumulate_tool_call(state, call_delta)
        if chunk_choice.logprobs is not None:
            state.logprobs = True
            if chunk_choice.logprobs.content:
                state.logprobs_content = [*(state.logprobs_content or []), *chunk_choice.logprobs.content]
            elif state.logprobs_content is None and chunk_choice.logprobs.content is not None:
                state.logprobs_content = []
            if chunk_choice.logprobs.refusal:
                state.logprobs_refusal = [*(state.logprobs_refusal or []), *chunk_choice.logprobs.refusal]
            elif state.logprobs_refusal is None and chunk_choice.logprobs.refusal is not None:
                state.logprobs_refusal = []
        if chunk_choice.finish_reason is not None:
            state.finish_reason = chunk_choice.finish_reason
            if self._parseable:
                check_finish_reason(chunk_choice.finish_reason, self.current_completion_snapshot)

    def _accumulate_tool_call(self, state: _Choice, call_delta: ChoiceDeltaToolCall) -> None:
        call = state.tool_calls.get(call_delta.index)
        if call is None:
            call = state.tool_calls[call_delta.index] = _ToolCall(call_delta.index)
        call.typed = None
        if call_delta.id:
            call.id = call_delta.id
        if call_delta.type:
            call.type = call_delta.type
        function = call_delta.function
        if function is not None:
            if function.name:
                call.name = function.name if call.name is None else call.name + function.name
            if function.arguments:
                call.arguments += function.arguments
                if is_parseable_tool(function_definition(self._tools, call.name)):
                    call.parsed_arguments = _partial_json(call.arguments)

    def _choice_events(
        self, chunk_choice: ChunkChoice, events: list[ChatCompletionStreamEvent[ResponseFormatT]]
    ) -> None:
        state = self._choices[chunk_choice.index]
        at = state.index
        delta = chunk_choice.delta
        if delta.content is not None and state.content is not None:
            events.append(
                _event(
                    ContentDeltaEvent,
                    type="content.delta",
                    delta=delta.content,
                    snapshot=state.content,
                    parsed=state.parsed,
                    choice_index=at,
                )
            )
        if delta.refusal is not None and state.refusal is not None:
            events.append(
                _event(
                    RefusalDeltaEvent,
                    type="refusal.delta",
                    delta=delta.refusal,
                    snapshot=state.refusal,
                    choice_index=at),
                )
        for call_delta in delta.tool_calls or ():
            call = state.tool_calls[call_delta.index]
            events.append(
                _event(
                    FunctionToolCallArgumentsDeltaEvent,
                    type="tool_calls.function.arguments.delta",
                    name=call.name or "",
                    index=call.index,
                    arguments=call.arguments,
                    parsed_arguments=call.parsed_arguments,
                    arguments_delta=(call_delta.function.arguments if call_delta.function else None) or "",
                    choice_index=at,
                )
            )
        logprobs = chunk_choice.logprobs
        if logprobs is not None:
            if logprobs.content and state.logprobs_content:
                events.append(
                    _event(
                        LogprobsContentDeltaEvent,
                        type="logprobs.content.delta",
                        content=logprobs.content,
                        snapshot=list(state.logprobs_content),
                        choice_index=at,
                    )
                )
            if logprobs.refusal and state.logprobs_refusal:
                events.append(
                    _event(
                        LogprobsRefusalDeltaEvent,
                        type="logprobs.refusal.delta",
                        refusal=logprobs.refusal,
                        snapshot=list(state.logprobs_refusal),
                        choice_index=at,
                    )
                )
        if state.finish_reason is not None:
            self._content_done(state, events)
            if state.current_tool is not None:
                self._tool_done(state, state.current_tool, events)
        for call_delta in delta.tool_calls or ():
            if state.current_tool != call_delta.index:
                self._content_done(state, events)
                if state.current_tool is not None:
                    self._tool_done(state, state.current_tool, events)
            state.current_tool = call_delta.index

    def _content_done(self, state: _Choice, events: list[ChatCompletionStreamEvent[ResponseFormatT]]) -> None:
        at = state.index
        if state.content and not state.content_done:
            state.content_done = True
            parsed = parse_content(self._response_format, state.content, state.refusal)
            state.parsed, state.typed, self._snapshot = parsed, None, None  # now the real type
            # Parametrised at run time with the format type, so the event's repr names it.
            done: Any = ContentDoneEvent[self._response_format] if self._rich else ContentDoneEvent  # type: ignore[name-defined]  # a runtime type argument
            event = _event(done, type="content.done", content=state.content, parsed=parsed, choice_index=at)
            events.append(cast("ContentDoneEvent[ResponseFormatT]", event))
        if state.refusal is not None and not state.refusal_done:
            state.refusal_done = True
            events.append(_event(RefusalDoneEvent, type="refusal.done", refusal=state.refusal, choice_index=at))
        if state.logprobs_content is not None and not state.logprobs_content_done:
            state.logprobs_content_done = True
            events.append(
                _event(
                    LogprobsContentDoneEvent,
                    type="logprobs.content.done",
                    content=list(state.logprobs_content),
                    choice_index=at,
                )
            )
        if state.logprobs_refusal is not None and not state.logprobs_refusal_done:
            state.logprobs_refusal_done = True
            events.append(
                _event(
                    LogprobsRefusalDoneEvent,
                    type="logprobs.refusal.done",
                    refusal=list(state.logprobs_refusal),
                    choice_index=at,
                )
            )

    def _tool_done(self, state: _Choice, index: int, events: list[ChatCompletionStreamEvent[ResponseFormatT]]) -> None:
        call = state.tool_calls.get(index)
        if call is None or call.done:
            return
        call.done = True
        call.parsed_arguments = parse_arguments(self._tools, call.name, call.arguments)
        call.typed, state.typed, self._snapshot = None, None, None
        events.append(
            _event(
                FunctionToolCallArgumentsDoneEvent,
                type="tool_calls.function.arguments.done",
                name=call.name or "",
                index=index,
                arguments=call.arguments,
                parsed_arguments=call.parsed_arguments,
                choice_index=state.index,
            )
        )


def _event(cls: type[Any], **fields: Any) -> Any:
    return build(cls, fields)


def _dump(value: object) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(mode="json", exclude_unset=True, warnings=False) if callable(dump) else value
