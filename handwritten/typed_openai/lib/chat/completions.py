"""`client.chat.completions`: the generated resource, `parse()` and `stream()`.

Both take exactly the keyword arguments of `create()` (through the generated
`CreateChatCompletionKeywords`, which leaves `response_format` to them), so a spec
update changes all three at once. `with_raw_response.parse()` and
`with_streaming_response.parse()` send the same request and parse the same way; only what
they return around the parsed completion differs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from typing_extensions import Unpack

from typed_openai._core import (
    APIResponse,
    AsyncAPIResponse,
    AsyncResponseContextManager,
    LegacyAPIResponse,
    Omit,
    ResponseContextManager,
    omit,
)
from typed_openai._core._response import map_parsed, map_parsed_manager
from typed_openai.resources.chat.completions import (
    AsyncCompletions as GeneratedAsyncCompletions,
    AsyncCompletionsWithRawResponse as GeneratedAsyncCompletionsWithRawResponse,
    AsyncCompletionsWithStreamingResponse as GeneratedAsyncCompletionsWithStreamingResponse,
    Completions as GeneratedCompletions,
    CompletionsWithRawResponse as GeneratedCompletionsWithRawResponse,
    CompletionsWithStreamingResponse as GeneratedCompletionsWithStreamingResponse,
    CreateChatCompletionKeywords,
)

from .._signatures import keywords_of
from ._guard import refuse_model_classes

# Reaching `client.chat.completions` loads only this module: `create()` needs none of the
# helpers, which (with the models they build on) load when `parse()` or `stream()` is called.
if TYPE_CHECKING:
    from typed_openai.types.chat import ChatCompletion
    from typed_openai.types.shared_params import ResponseFormatJSONObject, ResponseFormatJSONSchema, ResponseFormatText

    from ._stream import AsyncChatCompletionStreamManager, ChatCompletionStreamManager
    from ._types import ParsedChatCompletion, ResponseFormatT

    ResponseFormatParam = ResponseFormatText | ResponseFormatJSONSchema | ResponseFormatJSONObject

__all__ = [
    "AsyncCompletions",
    "AsyncCompletionsWithRawResponse",
    "AsyncCompletionsWithStreamingResponse",
    "Completions",
    "CompletionsWithRawResponse",
    "CompletionsWithStreamingResponse",
]


def _with_helper_header(params: CreateChatCompletionKeywords, helper: str) -> CreateChatCompletionKeywords:
    """The request's keyword arguments, marked with the helper that sent it."""
    options = params.copy()
    options["extra_headers"] = {"X-Stainless-Helper-Method": helper, **(params.get("extra_headers") or {})}
    return options


def _parse_request(
    response_format: type[ResponseFormatT] | Omit, params: CreateChatCompletionKeywords
) -> tuple[CreateChatCompletionKeywords, Any, Callable[[ChatCompletion], ParsedChatCompletion[ResponseFormatT]]]:
    """What `parse()` (plain, raw or streamed) sends to `create()`: its keyword arguments
    and `response_format`; and how it turns the completion into a parsed one. Refuses a
    tool it could not parse before anything is sent."""
    from ._parsing import parse_completion, response_format_param, tool_list, validate_input_tools

    validate_input_tools(params.get("tools"))
    options = _with_helper_header(params, "chat.completions.parse")
    tools = tool_list(params.get("tools"))

    def convert(completion: ChatCompletion) -> ParsedChatCompletion[ResponseFormatT]:
        return cast(
            "ParsedChatCompletion[ResponseFormatT]",
            parse_completion(
                completion.model_dump(mode="json", exclude_unset=True, warnings=False),
                response_format=response_format,
                tools=tools,
                completion=completion,
            ),
        )

    return options, response_format_param(response_format), convert


class Completions(GeneratedCompletions):
    create = refuse_model_classes(GeneratedCompletions.create)

    @cached_property
    def with_raw_response(self) -> CompletionsWithRawResponse:
        return CompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> CompletionsWithStreamingResponse:
        return CompletionsWithStreamingResponse(self)

    @keywords_of(GeneratedCompletions.create)
    def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """Create a chat completion whose answer is parsed as `response_format` (a
        pydantic model, sent as its strict JSON schema) into `message.parsed`, and whose
        strict tools' arguments are parsed into `function.parsed_arguments`.

        Raises `LengthFinishReasonError` or `ContentFilterFinishReasonError` when a choice
        stopped before its answer was whole.
        """
        options, sent_format, convert = _parse_request(response_format, params)
        return convert(self.create(**options, response_format=sent_format))

    @keywords_of(GeneratedCompletions.create)
    def stream(
        self,
        *,
        response_format: type[ResponseFormatT] | ResponseFormatParam | Omit = omit,
        **params: Unpack[CreateChatCompletionKeywords],
    ) -> ChatCompletionStreamManager[ResponseFormatT]:
        """Stream a chat completion as typed events:
        `with client.chat.completions.stream(...) as stream: for event in stream: ...`,
        then `stream.get_final_completion()`."""
        from ._parsing import response_format_param, tool_list
        from ._stream import ChatCompletionStreamManager

        options = _with_helper_header(params, "chat.completions.stream")
        return ChatCompletionStreamManager(
            lambda: self.create(**options, stream=True, response_format=response_format_param(response_format)),
            response_format=response_format,
            input_tools=tool_list(params.get("tools")),
        )


class CompletionsWithRawResponse(GeneratedCompletionsWithRawResponse):
    @keywords_of(GeneratedCompletions.create)  # the resource's create(): the same keywords
    def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> LegacyAPIResponse[ParsedChatCompletion[ResponseFormatT]]:
        """`parse()`, returning the HTTP response; its `parse()` gives the parsed completion."""
        options, sent_format, convert = _parse_request(response_format, params)
        return map_parsed(self.create(**options, response_format=sent_format), convert)


class CompletionsWithStreamingResponse(GeneratedCompletionsWithStreamingResponse):
    @keywords_of(GeneratedCompletions.create)  # the resource's create(): the same keywords
    def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> ResponseContextManager[APIResponse[ParsedChatCompletion[ResponseFormatT]]]:
        """`with ....parse(...) as response:`, the body read when `response.parse()` is called."""
        options, sent_format, convert = _parse_request(response_format, params)
        return map_parsed_manager(self.create(**options, response_format=sent_format), convert)


class AsyncCompletions(GeneratedAsyncCompletions):
    create = refuse_model_classes(GeneratedAsyncCompletions.create)

    @cached_property
    def with_raw_response(self) -> AsyncCompletionsWithRawResponse:
        return AsyncCompletionsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncCompletionsWithStreamingResponse:
        return AsyncCompletionsWithStreamingResponse(self)

    @keywords_of(GeneratedAsyncCompletions.create)
    async def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """The async twin of `Completions.parse`."""
        options, sent_format, convert = _parse_request(response_format, params)
        return convert(await self.create(**options, response_format=sent_format))

    @keywords_of(GeneratedAsyncCompletions.create)
    def stream(
        self,
        *,
        response_format: type[ResponseFormatT] | ResponseFormatParam | Omit = omit,
        **params: Unpack[CreateChatCompletionKeywords],
    ) -> AsyncChatCompletionStreamManager[ResponseFormatT]:
        """`async with client.chat.completions.stream(...) as stream: async for event in stream: ...`"""
        from ._parsing import response_format_param, tool_list
        from ._stream import AsyncChatCompletionStreamManager

        options = _with_helper_header(params, "chat.completions.stream")
        return AsyncChatCompletionStreamManager(
            lambda: self.create(**options, stream=True, response_format=response_format_param(response_format)),
            response_format=response_format,
            input_tools=tool_list(params.get("tools")),
        )


class AsyncCompletionsWithRawResponse(GeneratedAsyncCompletionsWithRawResponse):
    @keywords_of(GeneratedAsyncCompletions.create)  # the resource's create(): the same keywords
    async def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> LegacyAPIResponse[ParsedChatCompletion[ResponseFormatT]]:
        """The async twin of `CompletionsWithRawResponse.parse`."""
        options, sent_format, convert = _parse_request(response_format, params)
        return map_parsed(await self.create(**options, response_format=sent_format), convert)


class AsyncCompletionsWithStreamingResponse(GeneratedAsyncCompletionsWithStreamingResponse):
    @keywords_of(GeneratedAsyncCompletions.create)  # the resource's create(): the same keywords
    def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> AsyncResponseContextManager[AsyncAPIResponse[ParsedChatCompletion[ResponseFormatT]]]:
        """`async with ....parse(...) as response:`, then `await response.parse()`."""
        options, sent_format, convert = _parse_request(response_format, params)
        return map_parsed_manager(self.create(**options, response_format=sent_format), convert)
