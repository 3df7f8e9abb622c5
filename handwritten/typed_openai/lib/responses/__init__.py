"""Responses API helpers: `parse()` for structured outputs and `stream()` for typed
stream events with a parsed final response."""

from ._events import (
    ResponseCompletedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from ..output_text import output_text
from ._state import ResponseStreamState
from ._stream import AsyncResponseStream, AsyncResponseStreamManager, ResponseStream, ResponseStreamManager
from ._types import (
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputItem,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
    TextFormatT,
)

__all__ = [
    "AsyncResponseStream",
    "AsyncResponseStreamManager",
    "ParsedResponse",
    "ParsedResponseFunctionToolCall",
    "ParsedResponseOutputItem",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
    "ResponseCompletedEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseStream",
    "ResponseStreamEvent",
    "ResponseStreamManager",
    "ResponseStreamState",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "TextFormatT",
    "output_text",
]
