"""Chat completions parsing under the official SDK's private path (`lib._parsing._completions`),
which its users' tests import (`ResponseFormatT` above all); the work is `lib.chat`'s."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from typed_openai._core import Omit
from typed_openai.lib.chat._parsing import has_parseable_input as _has_parseable_input
from typed_openai.lib.chat._parsing import response_format_param, tool_list, validate_input_tools
from typed_openai.lib.chat._types import ResponseFormatT

__all__ = ["ResponseFormatT", "has_parseable_input", "type_to_response_format_param", "validate_input_tools"]


def type_to_response_format_param(response_format: object) -> Any:
    """The `response_format` a request sends for `response_format`: a type becomes its
    strict JSON schema format; a dict and `omit` are sent as they are."""
    return response_format_param(response_format)


def has_parseable_input(*, response_format: object, input_tools: Iterable[object] | Omit | None = None) -> bool:
    """Whether a completion for this request has anything to parse: a response format type
    or a strict (or `pydantic_function_tool`) function tool."""
    return _has_parseable_input(response_format, tool_list(input_tools))
