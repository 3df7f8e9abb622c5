"""Chat completions helpers: `parse()` for structured outputs and `stream()` for typed
stream events with an accumulated, parsed final completion.

Importing this package loads no helper and no model: each name's module loads on first
access, so that reaching `client.chat.completions` (whose resource class lives in
`completions`) costs no model. The type checkers see the imports below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._events import (
        ChatCompletionStreamEvent as ChatCompletionStreamEvent,
        ChunkEvent as ChunkEvent,
        ContentDeltaEvent as ContentDeltaEvent,
        ContentDoneEvent as ContentDoneEvent,
        FunctionToolCallArgumentsDeltaEvent as FunctionToolCallArgumentsDeltaEvent,
        FunctionToolCallArgumentsDoneEvent as FunctionToolCallArgumentsDoneEvent,
        LogprobsContentDeltaEvent as LogprobsContentDeltaEvent,
        LogprobsContentDoneEvent as LogprobsContentDoneEvent,
        LogprobsRefusalDeltaEvent as LogprobsRefusalDeltaEvent,
        LogprobsRefusalDoneEvent as LogprobsRefusalDoneEvent,
        ParsedChatCompletionSnapshot as ParsedChatCompletionSnapshot,
        RefusalDeltaEvent as RefusalDeltaEvent,
        RefusalDoneEvent as RefusalDoneEvent,
    )
    from ._state import ChatCompletionStreamState as ChatCompletionStreamState
    from ._stream import (
        AsyncChatCompletionStream as AsyncChatCompletionStream,
        AsyncChatCompletionStreamManager as AsyncChatCompletionStreamManager,
        ChatCompletionStream as ChatCompletionStream,
        ChatCompletionStreamManager as ChatCompletionStreamManager,
    )
    from ._types import (
        ParsedChatCompletion as ParsedChatCompletion,
        ParsedChatCompletionMessage as ParsedChatCompletionMessage,
        ParsedChoice as ParsedChoice,
        ParsedFunction as ParsedFunction,
        ParsedFunctionToolCall as ParsedFunctionToolCall,
        ResponseFormatT as ResponseFormatT,
    )

# Each module (relative to this package) and the names it gives this package.
_MODULES = {
    "._events": (
        "ChatCompletionStreamEvent",
        "ChunkEvent",
        "ContentDeltaEvent",
        "ContentDoneEvent",
        "FunctionToolCallArgumentsDeltaEvent",
        "FunctionToolCallArgumentsDoneEvent",
        "LogprobsContentDeltaEvent",
        "LogprobsContentDoneEvent",
        "LogprobsRefusalDeltaEvent",
        "LogprobsRefusalDoneEvent",
        "ParsedChatCompletionSnapshot",
        "RefusalDeltaEvent",
        "RefusalDoneEvent",
    ),
    "._state": ("ChatCompletionStreamState",),
    "._stream": (
        "AsyncChatCompletionStream",
        "AsyncChatCompletionStreamManager",
        "ChatCompletionStream",
        "ChatCompletionStreamManager",
    ),
    "._types": (
        "ParsedChatCompletion",
        "ParsedChatCompletionMessage",
        "ParsedChoice",
        "ParsedFunction",
        "ParsedFunctionToolCall",
        "ResponseFormatT",
    ),
}

__all__ = [
    "AsyncChatCompletionStream",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamManager",
    "ChatCompletionStreamState",
    "ChunkEvent",
    "ContentDeltaEvent",
    "ContentDoneEvent",
    "FunctionToolCallArgumentsDeltaEvent",
    "FunctionToolCallArgumentsDoneEvent",
    "LogprobsContentDeltaEvent",
    "LogprobsContentDoneEvent",
    "LogprobsRefusalDeltaEvent",
    "LogprobsRefusalDoneEvent",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChatCompletionSnapshot",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
    "ResponseFormatT",
]

# Hidden from type checkers, which see the imports above: a visible module `__getattr__`
# would type a misspelled name as its return type instead of an error.
if not TYPE_CHECKING:
    from .._lazy import lazy_getattr

    __getattr__ = lazy_getattr(__name__, _MODULES)
