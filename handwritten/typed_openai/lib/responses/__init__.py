"""Responses API helpers: `parse()` for structured outputs and `stream()` for typed
stream events with a parsed final response.

Importing this package loads no helper and no model: each name's module loads on first
access, so that reaching `client.responses` (whose resource class lives in `resource`)
costs no model. The type checkers see the imports below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..output_text import output_text as output_text
    from ._events import (
        ResponseCompletedEvent as ResponseCompletedEvent,
        ResponseFunctionCallArgumentsDeltaEvent as ResponseFunctionCallArgumentsDeltaEvent,
        ResponseStreamEvent as ResponseStreamEvent,
        ResponseTextDeltaEvent as ResponseTextDeltaEvent,
        ResponseTextDoneEvent as ResponseTextDoneEvent,
    )
    from ._state import ResponseStreamState as ResponseStreamState
    from ._stream import (
        AsyncResponseStream as AsyncResponseStream,
        AsyncResponseStreamManager as AsyncResponseStreamManager,
        ResponseStream as ResponseStream,
        ResponseStreamManager as ResponseStreamManager,
    )
    from ._types import (
        ParsedResponse as ParsedResponse,
        ParsedResponseFunctionToolCall as ParsedResponseFunctionToolCall,
        ParsedResponseOutputItem as ParsedResponseOutputItem,
        ParsedResponseOutputMessage as ParsedResponseOutputMessage,
        ParsedResponseOutputText as ParsedResponseOutputText,
        TextFormatT as TextFormatT,
    )

# Each module (relative to this package) and the names it gives this package.
_MODULES = {
    "..output_text": ("output_text",),
    "._events": (
        "ResponseCompletedEvent",
        "ResponseFunctionCallArgumentsDeltaEvent",
        "ResponseStreamEvent",
        "ResponseTextDeltaEvent",
        "ResponseTextDoneEvent",
    ),
    "._state": ("ResponseStreamState",),
    "._stream": ("AsyncResponseStream", "AsyncResponseStreamManager", "ResponseStream", "ResponseStreamManager"),
    "._types": (
        "ParsedResponse",
        "ParsedResponseFunctionToolCall",
        "ParsedResponseOutputItem",
        "ParsedResponseOutputMessage",
        "ParsedResponseOutputText",
        "TextFormatT",
    ),
}

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

# Hidden from type checkers, which see the imports above: a visible module `__getattr__`
# would type a misspelled name as its return type instead of an error.
if not TYPE_CHECKING:
    from .._lazy import lazy_getattr

    __getattr__ = lazy_getattr(__name__, _MODULES)
