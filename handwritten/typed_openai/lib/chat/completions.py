"""`client.chat.completions`: the generated resource, `parse()` and `stream()`.

Both take exactly the keyword arguments of `create()` (through the generated
`CreateChatCompletionKeywords`, which leaves `response_format` to them), so a spec
update changes all three at once.
"""

from __future__ import annotations

from typing import cast

from typing_extensions import Unpack

from typed_openai._core import Omit, omit
from typed_openai.resources.chat.completions import (
    AsyncCompletions as GeneratedAsyncCompletions,
    Completions as GeneratedCompletions,
    CreateChatCompletionKeywords,
)
from typed_openai.types.shared_params import ResponseFormatJSONObject, ResponseFormatJSONSchema, ResponseFormatText

from ._parsing import parse_completion, response_format_param, tool_list, validate_input_tools
from ._stream import AsyncChatCompletionStreamManager, ChatCompletionStreamManager
from ._types import ParsedChatCompletion, ResponseFormatT

__all__ = ["AsyncCompletions", "Completions"]

ResponseFormatParam = ResponseFormatText | ResponseFormatJSONSchema | ResponseFormatJSONObject


def _with_helper_header(params: CreateChatCompletionKeywords, helper: str) -> CreateChatCompletionKeywords:
    """The request's keyword arguments, marked with the helper that sent it."""
    options = params.copy()
    options["extra_headers"] = {"X-Stainless-Helper-Method": helper, **(params.get("extra_headers") or {})}
    return options


class Completions(GeneratedCompletions):
    def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """Create a chat completion whose answer is parsed as `response_format` (a
        pydantic model, sent as its strict JSON schema) into `message.parsed`, and whose
        strict tools' arguments are parsed into `function.parsed_arguments`.

        Raises `LengthFinishReasonError` or `ContentFilterFinishReasonError` when a choice
        stopped before its answer was whole.
        """
        validate_input_tools(params.get("tools"))
        options = _with_helper_header(params, "chat.completions.parse")
        completion = self.create(**options, response_format=response_format_param(response_format))
        return cast(
            ParsedChatCompletion[ResponseFormatT],
            parse_completion(
                completion.model_dump(mode="json", exclude_unset=True, warnings=False),
                response_format=response_format,
                tools=tool_list(params.get("tools")),
                completion=completion,
            ),
        )

    def stream(
        self,
        *,
        response_format: type[ResponseFormatT] | ResponseFormatParam | Omit = omit,
        **params: Unpack[CreateChatCompletionKeywords],
    ) -> ChatCompletionStreamManager[ResponseFormatT]:
        """Stream a chat completion as typed events:
        `with client.chat.completions.stream(...) as stream: for event in stream: ...`,
        then `stream.get_final_completion()`."""
        options = _with_helper_header(params, "chat.completions.stream")
        return ChatCompletionStreamManager(
            lambda: self.create(**options, stream=True, response_format=response_format_param(response_format)),
            response_format=response_format,
            input_tools=tool_list(params.get("tools")),
        )


class AsyncCompletions(GeneratedAsyncCompletions):
    async def parse(
        self, *, response_format: type[ResponseFormatT] | Omit = omit, **params: Unpack[CreateChatCompletionKeywords]
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """The async twin of `Completions.parse`."""
        validate_input_tools(params.get("tools"))
        options = _with_helper_header(params, "chat.completions.parse")
        completion = await self.create(**options, response_format=response_format_param(response_format))
        return cast(
            ParsedChatCompletion[ResponseFormatT],
            parse_completion(
                completion.model_dump(mode="json", exclude_unset=True, warnings=False),
                response_format=response_format,
                tools=tool_list(params.get("tools")),
                completion=completion,
            ),
        )

    def stream(
        self,
        *,
        response_format: type[ResponseFormatT] | ResponseFormatParam | Omit = omit,
        **params: Unpack[CreateChatCompletionKeywords],
    ) -> AsyncChatCompletionStreamManager[ResponseFormatT]:
        """`async with client.chat.completions.stream(...) as stream: async for event in stream: ...`"""
        options = _with_helper_header(params, "chat.completions.stream")
        return AsyncChatCompletionStreamManager(
            lambda: self.create(**options, stream=True, response_format=response_format_param(response_format)),
            response_format=response_format,
            input_tools=tool_list(params.get("tools")),
        )
