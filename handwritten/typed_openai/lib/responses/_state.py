"""The Responses API stream's state machine: raw events in, events out. No I/O.

The sync and async streams drive this one core, as the chat and assistant streams drive
theirs. Text and arguments are appended to plain strings as deltas arrive; the response snapshot
is built only when asked for (`current_snapshot`), from the last full response and the
output items so far, as new objects.

Event rules (the official SDK's): every event passes through as the API sent it, but
`response.output_text.delta` and `response.function_call_arguments.delta` gain the text
so far (`snapshot`), `response.output_text.done` the parsed text (`parsed`), and
`response.completed` the parsed response.
Fault rules: an `error` event and a `response.failed` event end the stream with
`failed` set (the driver raises `APIError` after delivering what came before, the failed
event included); `response.completed` and `response.incomplete` end it normally.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, cast

from typed_openai._core import Omit, omit
from typed_openai.types.responses import (
    Response,
    ResponseCompletedEvent as RawResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseCreatedEvent,
    ResponseErrorEvent,
    ResponseFailedEvent,
    ResponseFunctionCallArgumentsDeltaEvent as RawResponseFunctionCallArgumentsDeltaEvent,
    ResponseFunctionToolCall,
    ResponseIncompleteEvent,
    ResponseInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseOutputMessage,
    ResponseOutputText,
    ResponseQueuedEvent,
    ResponseStreamEvent as RawResponseStreamEvent,
    ResponseTextDeltaEvent as RawResponseTextDeltaEvent,
    ResponseTextDoneEvent as RawResponseTextDoneEvent,
)

from .._construct import build
from ._events import (
    ResponseCompletedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from ._parsing import ToolDefinitions, parse_response, parse_text, tool_list
from ._types import ParsedResponse, TextFormatT

__all__ = ["ResponseStreamState"]

_FULL_RESPONSE_EVENTS = (ResponseCreatedEvent, ResponseInProgressEvent, ResponseQueuedEvent)


@dataclass
class _Item:
    """An output item streaming: the item as added, its parts as added, or its final form."""

    index: int
    item: object
    parts: dict[int, object] = field(default_factory=dict[int, object])  # content index -> part as added
    final: object | None = None

    def snapshot(self, texts: dict[tuple[int, int], str], arguments: dict[int, str]) -> object:
        """The item so far, with the text and arguments streamed since it was added."""
        if self.final is not None:
            return self.final
        item = self.item
        if isinstance(item, ResponseOutputMessage):
            parts: list[object] = list(item.content)
            for index in sorted(self.parts):
                part = self.parts[index]
                text = texts.get((self.index, index))
                if isinstance(part, ResponseOutputText) and text is not None:
                    part = part.model_copy(update={"text": part.text + text})
                while len(parts) <= index:
                    parts.append(part)
                parts[index] = part
            return item.model_copy(update={"content": parts})
        if isinstance(item, ResponseFunctionToolCall) and self.index in arguments:
            return item.model_copy(update={"arguments": item.arguments + arguments[self.index]})
        return item


class ResponseStreamState(Generic[TextFormatT]):
    """Everything known about one Responses stream so far. `handle_event(event)` takes a
    raw event and returns the events to deliver, in order."""

    def __init__(
        self, *, input_tools: Iterable[object] | Omit = omit, text_format: type[TextFormatT] | Omit = omit
    ) -> None:
        self._tools: ToolDefinitions = tool_list(input_tools)
        self._text_format = text_format
        self._response: Response | None = None
        self._items: dict[int, _Item] = {}
        self._text: dict[tuple[int, int], str] = {}  # (output, content) -> the text so far
        self._arguments: dict[int, str] = {}  # output index -> the arguments so far
        self.final: ParsedResponse[TextFormatT] | None = None
        self.terminal: Response | None = None  # the response of the event that ended the stream
        self.failed: object | None = None  # the error of an `error` or `response.failed` event

    @property
    def current_snapshot(self) -> ParsedResponse[TextFormatT]:
        """The response so far: its last full version with the output items streamed since."""
        if self.final is not None:
            return self.final
        if self._response is None:
            raise RuntimeError("No `response.created` event has arrived yet: there is no response snapshot")
        output = [self._items[i].snapshot(self._text, self._arguments) for i in sorted(self._items)]
        return cast(
            ParsedResponse[TextFormatT],
            build(ParsedResponse, self._fields(self._response, output), set(self._response.model_fields_set)),
        )

    @staticmethod
    def _fields(response: Response, output: list[object]) -> dict[str, Any]:
        return {**response.__dict__, **(response.__pydantic_extra__ or {}), "output": output}

    def handle_event(self, event: RawResponseStreamEvent) -> list[ResponseStreamEvent[TextFormatT]]:
        if isinstance(event, RawResponseTextDeltaEvent):  # by far the most frequent: first
            key = (event.output_index, event.content_index)
            text = self._text[key] = self._text.get(key, "") + event.delta
            return [_extend(ResponseTextDeltaEvent, event, snapshot=text)]
        if isinstance(event, RawResponseFunctionCallArgumentsDeltaEvent):
            arguments = self._arguments[event.output_index] = self._arguments.get(event.output_index, "") + event.delta
            return [_extend(ResponseFunctionCallArgumentsDeltaEvent, event, snapshot=arguments)]
        if isinstance(event, RawResponseTextDoneEvent):
            done = ResponseTextDoneEvent[self._text_format] if isinstance(self._text_format, type) else ResponseTextDoneEvent  # type: ignore[name-defined]  # a runtime type argument, for the repr
            return [_extend(done, event, parsed=parse_text(self._text_format, event.text))]
        if isinstance(event, ResponseOutputItemAddedEvent):
            self._items[event.output_index] = _Item(event.output_index, event.item)
        elif isinstance(event, ResponseContentPartAddedEvent):
            item = self._items.get(event.output_index)
            if item is not None:
                item.parts[event.content_index] = event.part
        elif isinstance(event, ResponseOutputItemDoneEvent):
            self._items.setdefault(event.output_index, _Item(event.output_index, event.item)).final = event.item
        elif isinstance(event, _FULL_RESPONSE_EVENTS):
            self._response = event.response
        elif isinstance(event, RawResponseCompletedEvent):
            self._end(event.response)
            response_cls = ResponseCompletedEvent[self._text_format] if isinstance(self._text_format, type) else ResponseCompletedEvent  # type: ignore[name-defined]  # as above
            return [_extend(response_cls, event, response=self.final)]
        elif isinstance(event, ResponseIncompleteEvent):
            self._end(event.response)
        elif isinstance(event, ResponseFailedEvent):
            self._response = self.terminal = event.response
            self.failed = event.response.error or {"message": "The response failed"}
        elif isinstance(event, ResponseErrorEvent):
            self.failed = event
            return []
        return [cast("ResponseStreamEvent[TextFormatT]", event)]

    def _end(self, response: Response) -> None:
        self._response = self.terminal = response
        self.final = cast(ParsedResponse[TextFormatT], parse_response(response, text_format=self._text_format, tools=self._tools))


def _extend(cls: type[Any], event: Any, **added: object) -> Any:
    """`event` as its richer subclass `cls`, with `added` fields (no revalidation)."""
    values: dict[str, Any] = {**event.__dict__, **(event.__pydantic_extra__ or {}), **added}
    return build(cls, values, set(event.model_fields_set) | set(added))
