"""Responses whose text and function call arguments are parsed: `output_parsed` is the
`text_format` model; `parsed_arguments` a `pydantic_function_tool` call's model."""

from __future__ import annotations

import sys
from typing import Generic, cast

from typing_extensions import TypeAliasType, TypeVar

from typed_openai.types.responses import (
    Response,
    ResponseFunctionToolCall,
    ResponseOutputItem,
    ResponseOutputMessage,
    ResponseOutputRefusal,
    ResponseOutputText,
)

from .._rebuild import complete_subclasses

__all__ = [
    "ParsedContent",
    "ParsedResponse",
    "ParsedResponseFunctionToolCall",
    "ParsedResponseOutputItem",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
    "TextFormatT",
]

# `None` when no text format type was given: `parsed` is then always None.
TextFormatT = TypeVar("TextFormatT", default=None)


class ParsedResponseOutputText(ResponseOutputText, Generic[TextFormatT]):
    parsed: TextFormatT | None = None
    """The text parsed as the `text_format` type."""


class ParsedResponseOutputMessage(ResponseOutputMessage, Generic[TextFormatT]):
    # The parsed parts: a narrower type than the base's, which is what a parsed subclass is.
    content: list[ParsedResponseOutputText[TextFormatT] | ResponseOutputRefusal]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]


# One part of a parsed message's content (the official SDK's name for it).
ParsedContent = TypeAliasType(
    "ParsedContent", ParsedResponseOutputText[TextFormatT] | ResponseOutputRefusal, type_params=(TextFormatT,)
)


class ParsedResponseFunctionToolCall(ResponseFunctionToolCall):
    parsed_arguments: object = None
    """The arguments as the tool's model (a `pydantic_function_tool`), as JSON for another
    strict function tool, else None."""


ParsedResponseOutputItem = TypeAliasType(
    "ParsedResponseOutputItem",
    ParsedResponseOutputMessage[TextFormatT] | ParsedResponseFunctionToolCall | ResponseOutputItem,
    type_params=(TextFormatT,),
)


class ParsedResponse(Response, Generic[TextFormatT]):
    output: list[ParsedResponseOutputItem[TextFormatT]]  # pyright: ignore[reportIncompatibleVariableOverride]  -- the parsed items

    @property
    def output_parsed(self) -> TextFormatT | None:
        """The first output text parsed as the `text_format` type."""
        for item in self.output:
            if isinstance(item, ParsedResponseOutputMessage):
                message = cast("ParsedResponseOutputMessage[TextFormatT]", item)  # isinstance cannot say the type argument
                for part in message.content:
                    if isinstance(part, ParsedResponseOutputText) and part.parsed is not None:
                        return part.parsed
        return None


complete_subclasses(
    sys.modules[__name__], ParsedResponseOutputText, ParsedResponseOutputMessage, ParsedResponseFunctionToolCall, ParsedResponse
)
