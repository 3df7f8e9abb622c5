"""Chat completions whose answer and tool arguments are parsed: `message.parsed` holds the
`response_format` model, `function.parsed_arguments` the tool's model (or its JSON)."""

from __future__ import annotations

import sys
from typing import Generic

from typing_extensions import TypeVar

from typed_openai.types.chat import (
    ChatCompletion,
    ChatCompletionMessage,
    ChatCompletionMessageCustomToolCall,
    ChatCompletionMessageFunctionToolCall,
)
from typed_openai.types.chat.chat_completion import Choice
from typed_openai.types.chat.chat_completion_message_function_tool_call import Function

from .._rebuild import complete_subclasses

__all__ = [
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
    "ResponseFormatT",
]

# `None` when no response format type was given: `parsed` is then always None.
ResponseFormatT = TypeVar("ResponseFormatT", default=None)


class ParsedFunction(Function):
    parsed_arguments: object = None
    """The arguments parsed: the tool's model for a `pydantic_function_tool`, the JSON
    value for another strict function tool, else None (only `arguments` then)."""


class ParsedFunctionToolCall(ChatCompletionMessageFunctionToolCall):
    # A narrower field type than the base's: pydantic validates it; the checkers see an
    # override of a mutable attribute, which is what a parsed subclass is.
    function: ParsedFunction  # pyright: ignore[reportIncompatibleVariableOverride]


class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[ResponseFormatT]):
    parsed: ResponseFormatT | None = None
    """The content parsed as the `response_format` type (None for a refusal)."""

    # As above: the tool calls, with their arguments parsed.
    tool_calls: list[ParsedFunctionToolCall | ChatCompletionMessageCustomToolCall] | None = None  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]


class ParsedChoice(Choice, Generic[ResponseFormatT]):
    message: ParsedChatCompletionMessage[ResponseFormatT]  # pyright: ignore[reportIncompatibleVariableOverride]  -- the parsed message


class ParsedChatCompletion(ChatCompletion, Generic[ResponseFormatT]):
    choices: list[ParsedChoice[ResponseFormatT]]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]  -- the parsed choices


# The generated bases name types of their own module, which these subclasses' module
# does not import: built here once, so that parametrising them (`ParsedChoice[MyModel]`) works.
complete_subclasses(
    sys.modules[__name__], ParsedFunction, ParsedFunctionToolCall, ParsedChatCompletionMessage, ParsedChoice, ParsedChatCompletion
)
