"""Responses parsing under the official SDK's private path (`lib._parsing._responses`),
which its users' tests import (`parse_response` above all); the work is `lib.responses`'s."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from typed_openai._core import Omit
from typed_openai.lib.responses._parsing import parse_text as _parse_text
from typed_openai.lib.responses._parsing import parse_response as _parse_response
from typed_openai.lib.responses._parsing import text_format_param, tool_list
from typed_openai.lib.responses._types import ParsedResponse, TextFormatT
from typed_openai.types.responses import Response

__all__ = ["TextFormatT", "parse_response", "parse_text", "type_to_text_format_param"]


def parse_response(
    *, text_format: object, input_tools: Iterable[object] | Omit | None, response: Response
) -> ParsedResponse[Any]:
    """`response` as a `ParsedResponse`: output text parsed as `text_format` (a type, else
    not parsed) and function calls' arguments as their tools' models. `response` is left as
    it was; output items of other kinds are kept as they are."""
    return _parse_response(response, text_format=text_format, tools=tool_list(input_tools))


def parse_text(text: str, text_format: object) -> object:
    """`text` parsed as `text_format` when it is a type, else None."""
    return _parse_text(text_format, text)


def type_to_text_format_param(type_: type[Any]) -> dict[str, Any]:
    """The `text.format` a request sends for a type: its strict JSON schema."""
    return text_format_param(type_)
