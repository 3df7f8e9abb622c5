"""The events of a chat completion stream, as the official SDK names them.

`chunk` comes first for every chunk, with the completion so far; then, per choice, the
deltas it carried and the `*.done` events of the parts it finished. Every event but
`chunk` names its `choice_index` (the official events leave it out, so with `n > 1` the
choices' deltas cannot be told apart there).
"""

from __future__ import annotations

from typing import Generic, Literal, TypeAlias

from typed_openai._core import BaseModel
from typed_openai.types.chat import ChatCompletionChunk, ChatCompletionTokenLogprob

from ._types import ParsedChatCompletion, ResponseFormatT

__all__ = [
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
]

ParsedChatCompletionSnapshot: TypeAlias = ParsedChatCompletion[object]
"""The completion so far: `message.parsed` is the partial JSON until the content is done."""


class ChunkEvent(BaseModel):
    type: Literal["chunk"]
    chunk: ChatCompletionChunk
    snapshot: ParsedChatCompletionSnapshot


class ContentDeltaEvent(BaseModel):
    type: Literal["content.delta"]
    delta: str
    snapshot: str
    """The content so far."""
    parsed: object | None = None
    """The content so far parsed as partial JSON (with a `response_format` type)."""
    choice_index: int = 0


class ContentDoneEvent(BaseModel, Generic[ResponseFormatT]):
    type: Literal["content.done"]
    content: str
    parsed: ResponseFormatT | None = None
    choice_index: int = 0


class RefusalDeltaEvent(BaseModel):
    type: Literal["refusal.delta"]
    delta: str
    snapshot: str
    choice_index: int = 0


class RefusalDoneEvent(BaseModel):
    type: Literal["refusal.done"]
    refusal: str
    choice_index: int = 0


class FunctionToolCallArgumentsDeltaEvent(BaseModel):
    type: Literal["tool_calls.function.arguments.delta"]
    name: str
    index: int
    arguments: str
    """The arguments so far (JSON text)."""
    parsed_arguments: object
    """The arguments so far as partial JSON (for a strict tool), else None."""
    arguments_delta: str
    choice_index: int = 0


class FunctionToolCallArgumentsDoneEvent(BaseModel):
    type: Literal["tool_calls.function.arguments.done"]
    name: str
    index: int
    arguments: str
    parsed_arguments: object
    """The tool's model for a `pydantic_function_tool`, the JSON for another strict tool."""
    choice_index: int = 0


class LogprobsContentDeltaEvent(BaseModel):
    type: Literal["logprobs.content.delta"]
    content: list[ChatCompletionTokenLogprob]
    snapshot: list[ChatCompletionTokenLogprob]
    choice_index: int = 0


class LogprobsContentDoneEvent(BaseModel):
    type: Literal["logprobs.content.done"]
    content: list[ChatCompletionTokenLogprob]
    choice_index: int = 0


class LogprobsRefusalDeltaEvent(BaseModel):
    type: Literal["logprobs.refusal.delta"]
    refusal: list[ChatCompletionTokenLogprob]
    snapshot: list[ChatCompletionTokenLogprob]
    choice_index: int = 0


class LogprobsRefusalDoneEvent(BaseModel):
    type: Literal["logprobs.refusal.done"]
    refusal: list[ChatCompletionTokenLogprob]
    choice_index: int = 0


ChatCompletionStreamEvent: TypeAlias = (
    ChunkEvent
    | ContentDeltaEvent
    | ContentDoneEvent[ResponseFormatT]
    | RefusalDeltaEvent
    | RefusalDoneEvent
    | FunctionToolCallArgumentsDeltaEvent
    | FunctionToolCallArgumentsDoneEvent
    | LogprobsContentDeltaEvent
    | LogprobsContentDoneEvent
    | LogprobsRefusalDeltaEvent
    | LogprobsRefusalDoneEvent
)
