"""`client.responses`: the generated resource, `parse()` and `stream()`.

Both take the keyword arguments of `create()` (through the generated
`CreateResponseKeywords`, which leaves `tools` to them: they also take the chat-style
tools `pydantic_function_tool()` makes), plus `text_format`, a type the output text is
parsed into (sent as `text.format`, its strict JSON schema).

`stream(response_id=...)` streams a response created earlier (`background=True`) through
`retrieve(..., stream=True)`; with `starting_after`, the events up to that sequence number
are read but not shown, so the final response is still whole.
`with_raw_response.parse()` sends what `parse()` sends and returns the HTTP response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from typing_extensions import Unpack

from typed_openai._core import LegacyAPIResponse, Omit, omit
from typed_openai._core._response import map_parsed
from typed_openai.resources.responses import (
    AsyncResponses as GeneratedAsyncResponses,
    AsyncResponsesWithRawResponse as GeneratedAsyncResponsesWithRawResponse,
    CreateResponseKeywords,
    Responses as GeneratedResponses,
    ResponsesWithRawResponse as GeneratedResponsesWithRawResponse,
)

from .._signatures import keywords_of

# Reaching `client.responses` loads only this module: `create()` needs none of the
# helpers, which (with the models they build on) load when `parse()` or `stream()` is called.
if TYPE_CHECKING:
    from typed_openai.types import ToolsArrayParam
    from typed_openai.types.chat import ChatCompletionFunctionToolParam
    from typed_openai.types.responses import Response, ResponseTextConfigParam, ToolParam

    from ._stream import AsyncResponseStreamManager, ResponseStreamManager
    from ._types import ParsedResponse, TextFormatT

    ParseableToolParam = ToolParam | ChatCompletionFunctionToolParam

__all__ = ["AsyncResponses", "AsyncResponsesWithRawResponse", "Responses", "ResponsesWithRawResponse"]

# What may go with `response_id` (the rest of `create()`'s arguments make a new response).
_RESUME_KEYWORDS = frozenset({"include", "extra_headers", "extra_query", "extra_body", "timeout"})


def _options(
    params: CreateResponseKeywords, text_format: type[Any] | Omit, tools: Iterable[ParseableToolParam] | Omit, helper: str
) -> tuple[CreateResponseKeywords, ToolsArrayParam | Omit]:
    """The `create()` arguments: `text.format` from `text_format`, the helper named in a
    header; and the tools in the Responses shape."""
    from ._parsing import responses_tools, text_format_param

    options = params.copy()
    if isinstance(text_format, type):
        text = dict(params.get("text") or {})
        if "format" in text:
            raise TypeError("Give either `text_format` or `text={'format': ...}`, not both")
        text["format"] = text_format_param(text_format)
        options["text"] = cast("ResponseTextConfigParam", text)
    options["extra_headers"] = {"X-Stainless-Helper-Method": helper, **(params.get("extra_headers") or {})}
    converted = responses_tools(tools)
    return options, omit if converted is None else cast("ToolsArrayParam | Omit", converted)


def _parse_request(
    params: CreateResponseKeywords, text_format: type[TextFormatT] | Omit, tools: Iterable[ParseableToolParam] | Omit, stream: object
) -> tuple[CreateResponseKeywords, ToolsArrayParam | Omit, Callable[[Response], ParsedResponse[TextFormatT]]]:
    """What `parse()` (plain or raw) sends to `create()`, and how it parses the response."""
    if stream is True:
        raise TypeError("`responses.parse()` does not stream: use `responses.stream(...)` for a streamed, parsed response")
    from ._parsing import parse_response, tool_list

    options, converted = _options(params, text_format, tools, "responses.parse")

    def convert(response: Response) -> ParsedResponse[TextFormatT]:
        return cast("ParsedResponse[TextFormatT]", parse_response(response, text_format=text_format, tools=tool_list(converted)))

    return options, converted, convert


def _resume_options(
    response_id: str | Omit, starting_after: int | Omit, params: CreateResponseKeywords
) -> tuple[str, CreateResponseKeywords] | None:
    """For `stream(response_id=...)`: the id and the `retrieve()` arguments; None for a new
    response. Refuses arguments that belong to a new response, or `starting_after` alone."""
    if isinstance(response_id, Omit):
        if not isinstance(starting_after, Omit):
            raise ValueError("`starting_after` resumes an existing response: give its `response_id` too")
        return None
    creating = sorted(set(params) - _RESUME_KEYWORDS)
    if creating:
        raise ValueError(
            "`response_id` streams an existing response; these arguments only make a new one: " + ", ".join(creating)
        )
    options = params.copy()
    options["extra_headers"] = {"X-Stainless-Helper-Method": "responses.stream", **(params.get("extra_headers") or {})}
    return response_id, options


def _include(options: CreateResponseKeywords) -> Any:
    include = options.get("include")
    return omit if include is None else include


class Responses(GeneratedResponses):
    @cached_property
    def with_raw_response(self) -> ResponsesWithRawResponse:
        return ResponsesWithRawResponse(self)

    @keywords_of(GeneratedResponses.create)
    def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        stream: bool | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> ParsedResponse[TextFormatT]:
        """Create a response whose output text is parsed as `text_format` (a pydantic
        model) into `response.output_parsed`, and whose strict function calls' arguments
        are parsed into `parsed_arguments`. (`stream=True` is refused: see `stream()`.)"""
        options, converted, convert = _parse_request(params, text_format, tools, stream)
        return convert(self.create(**options, tools=converted))

    @keywords_of(GeneratedResponses.create)
    def stream(
        self,
        *,
        response_id: str | Omit = omit,
        starting_after: int | Omit = omit,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> ResponseStreamManager[TextFormatT]:
        """Stream a response as typed events:
        `with client.responses.stream(...) as stream: for event in stream: ...`, then
        `stream.get_final_response()`. With `response_id` (and optionally
        `starting_after`, a sequence number), stream a response created before."""
        from ._parsing import responses_tools, tool_list
        from ._stream import ResponseStreamManager

        resume = _resume_options(response_id, starting_after, params)
        if resume is not None:
            found, retrieve = resume
            return ResponseStreamManager(
                lambda: self.retrieve(
                    found,
                    stream=True,
                    include=_include(retrieve),
                    extra_headers=retrieve.get("extra_headers"),
                    extra_query=retrieve.get("extra_query"),
                    extra_body=retrieve.get("extra_body"),
                    timeout=retrieve.get("timeout", omit),
                ),
                text_format=text_format,
                input_tools=tool_list(responses_tools(tools)),
                starting_after=None if isinstance(starting_after, Omit) else starting_after,
            )
        options, converted = _options(params, text_format, tools, "responses.stream")
        return ResponseStreamManager(
            lambda: self.create(**options, tools=converted, stream=True),
            text_format=text_format,
            input_tools=tool_list(converted),
        )


class ResponsesWithRawResponse(GeneratedResponsesWithRawResponse):
    @keywords_of(GeneratedResponses.create)  # the resource's create(): the same keywords
    def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        stream: bool | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> LegacyAPIResponse[ParsedResponse[TextFormatT]]:
        """`parse()`, returning the HTTP response; its `parse()` gives the parsed response."""
        options, converted, convert = _parse_request(params, text_format, tools, stream)
        return map_parsed(self.create(**options, tools=converted), convert)


class AsyncResponses(GeneratedAsyncResponses):
    @cached_property
    def with_raw_response(self) -> AsyncResponsesWithRawResponse:
        return AsyncResponsesWithRawResponse(self)

    @keywords_of(GeneratedAsyncResponses.create)
    async def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        stream: bool | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> ParsedResponse[TextFormatT]:
        """The async twin of `Responses.parse`."""
        options, converted, convert = _parse_request(params, text_format, tools, stream)
        return convert(await self.create(**options, tools=converted))

    @keywords_of(GeneratedAsyncResponses.create)
    def stream(
        self,
        *,
        response_id: str | Omit = omit,
        starting_after: int | Omit = omit,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> AsyncResponseStreamManager[TextFormatT]:
        """`async with client.responses.stream(...) as stream: async for event in stream: ...`"""
        from ._parsing import responses_tools, tool_list
        from ._stream import AsyncResponseStreamManager

        resume = _resume_options(response_id, starting_after, params)
        if resume is not None:
            found, retrieve = resume
            return AsyncResponseStreamManager(
                lambda: self.retrieve(
                    found,
                    stream=True,
                    include=_include(retrieve),
                    extra_headers=retrieve.get("extra_headers"),
                    extra_query=retrieve.get("extra_query"),
                    extra_body=retrieve.get("extra_body"),
                    timeout=retrieve.get("timeout", omit),
                ),
                text_format=text_format,
                input_tools=tool_list(responses_tools(tools)),
                starting_after=None if isinstance(starting_after, Omit) else starting_after,
            )
        options, converted = _options(params, text_format, tools, "responses.stream")
        return AsyncResponseStreamManager(
            lambda: self.create(**options, tools=converted, stream=True),
            text_format=text_format,
            input_tools=tool_list(converted),
        )


class AsyncResponsesWithRawResponse(GeneratedAsyncResponsesWithRawResponse):
    @keywords_of(GeneratedAsyncResponses.create)  # the resource's create(): the same keywords
    async def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        stream: bool | Omit = omit,
        **params: Unpack[CreateResponseKeywords],
    ) -> LegacyAPIResponse[ParsedResponse[TextFormatT]]:
        """The async twin of `ResponsesWithRawResponse.parse`."""
        options, converted, convert = _parse_request(params, text_format, tools, stream)
        return map_parsed(await self.create(**options, tools=converted), convert)
