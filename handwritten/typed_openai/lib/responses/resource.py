"""`client.responses`: the generated resource, `parse()` and `stream()`.

Both take the keyword arguments of `create()` (through the generated
`CreateResponseKeywords`, which leaves `tools` to them: they also take the chat-style
tools `pydantic_function_tool()` makes), plus `text_format`, a type the output text is
parsed into (sent as `text.format`, its strict JSON schema).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from typing_extensions import Unpack

from typed_openai._core import Omit, omit
from typed_openai.resources.responses import (
    AsyncResponses as GeneratedAsyncResponses,
    CreateResponseKeywords,
    Responses as GeneratedResponses,
)
from typed_openai.types import ToolsArrayParam
from typed_openai.types.chat import ChatCompletionFunctionToolParam
from typed_openai.types.responses import ResponseTextConfigParam, ToolParam

from ._parsing import parse_response, responses_tools, text_format_param, tool_list
from ._stream import AsyncResponseStreamManager, ResponseStreamManager
from ._types import ParsedResponse, TextFormatT

__all__ = ["AsyncResponses", "Responses"]

ParseableToolParam = ToolParam | ChatCompletionFunctionToolParam


def _options(
    params: CreateResponseKeywords, text_format: type[Any] | Omit, tools: Iterable[ParseableToolParam] | Omit, helper: str
) -> tuple[CreateResponseKeywords, ToolsArrayParam | Omit]:
    """The `create()` arguments: `text.format` from `text_format`, the helper named in a
    header; and the tools in the Responses shape."""
    options = params.copy()
    if isinstance(text_format, type):
        text = dict(params.get("text") or {})
        if "format" in text:
            raise TypeError("Give either `text_format` or `text={'format': ...}`, not both")
        text["format"] = text_format_param(text_format)
        options["text"] = cast(ResponseTextConfigParam, text)
    options["extra_headers"] = {"X-Stainless-Helper-Method": helper, **(params.get("extra_headers") or {})}
    converted = responses_tools(tools)
    return options, omit if converted is None else cast("ToolsArrayParam | Omit", converted)


class Responses(GeneratedResponses):
    def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> ParsedResponse[TextFormatT]:
        """Create a response whose output text is parsed as `text_format` (a pydantic
        model) into `response.output_parsed`, and whose strict function calls' arguments
        are parsed into `parsed_arguments`."""
        options, converted = _options(params, text_format, tools, "responses.parse")
        response = self.create(**options, tools=converted)
        return cast(ParsedResponse[TextFormatT], parse_response(response, text_format=text_format, tools=tool_list(converted)))

    def stream(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> ResponseStreamManager[TextFormatT]:
        """Stream a response as typed events:
        `with client.responses.stream(...) as stream: for event in stream: ...`, then
        `stream.get_final_response()`."""
        options, converted = _options(params, text_format, tools, "responses.stream")
        return ResponseStreamManager(
            lambda: self.create(**options, tools=converted, stream=True),
            text_format=text_format,
            input_tools=tool_list(converted),
        )


class AsyncResponses(GeneratedAsyncResponses):
    async def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> ParsedResponse[TextFormatT]:
        """The async twin of `Responses.parse`."""
        options, converted = _options(params, text_format, tools, "responses.parse")
        response = await self.create(**options, tools=converted)
        return cast(ParsedResponse[TextFormatT], parse_response(response, text_format=text_format, tools=tool_list(converted)))

    def stream(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> AsyncResponseStreamManager[TextFormatT]:
        """`async with client.responses.stream(...) as stream: async for event in stream: ...`"""
        options, converted = _options(params, text_format, tools, "responses.stream")
        return AsyncResponseStreamManager(
            lambda: self.create(**options, tools=converted, stream=True),
            text_format=text_format,
            input_tools=tool_list(converted),
        )
