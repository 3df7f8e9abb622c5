"""From a chat completion to a parsed one: the answer as the `response_format` type,
tool arguments as their models. Shared by `parse()` and the stream's final completion."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, cast

from typed_openai._core import Omit, omit
from typed_openai._core._models import parse_data

from ..structured import ContentFilterFinishReasonError, LengthFinishReasonError, json_schema_format, model_of_tool, parse_as
from ._types import ParsedChatCompletion

__all__ = [
    "ToolDefinitions",
    "function_definition",
    "has_parseable_input",
    "parse_arguments",
    "parse_completion",
    "response_format_param",
    "validate_input_tools",
]

_T = TypeVar("_T")
ToolDefinitions = list[Mapping[str, Any]]
"""The request's tools as given: dicts, some of them made by `pydantic_function_tool`."""


def response_format_param(response_format: object) -> Any:
    """What the request sends for `response_format`: a type becomes its strict JSON schema;
    a dict (a format the caller wrote) and `omit` go as they are."""
    if isinstance(response_format, type):
        name, schema = json_schema_format(response_format)
        return {"type": "json_schema", "json_schema": {"schema": schema, "name": name, "strict": True}}
    return response_format


def tool_list(tools: Iterable[object] | Omit | None) -> ToolDefinitions:
    if tools is None or isinstance(tools, Omit):
        return []
    return [cast(Mapping[str, Any], tool) for tool in tools if isinstance(tool, Mapping)]


def validate_input_tools(tools: Iterable[object] | Omit | None) -> None:
    """`parse()` parses every tool call: each tool must be a strict function tool."""
    for tool in tool_list(tools):
        if tool.get("type") != "function":
            raise ValueError(f"Only `function` tools can be parsed automatically; got a {tool.get('type')!r} tool")
        function = cast(Mapping[str, Any], tool.get("function") or {})
        if function.get("strict") is not True:
            raise ValueError(
                f"`{function.get('name')}` is not strict. Only `strict` function tools can be auto-parsed: "
                "give it `strict: True`, or build it with `pydantic_function_tool(...)`"
            )


def function_definition(tools: ToolDefinitions, name: str | None) -> Mapping[str, Any] | None:
    """The request's definition of the function tool called `name`."""
    for tool in tools:
        if tool.get("type") == "function":
            function = tool.get("function")
            if isinstance(function, Mapping) and cast(Mapping[str, Any], function).get("name") == name:
                return cast(Mapping[str, Any], function)
    return None


def is_parseable_tool(definition: Mapping[str, Any] | None) -> bool:
    return definition is not None and (model_of_tool(definition) is not None or definition.get("strict") is True)


def has_parseable_input(response_format: object, tools: ToolDefinitions) -> bool:
    """Whether anything gets parsed: then a cut-off answer is an error, not a result."""
    return isinstance(response_format, type) or any(
        is_parseable_tool(cast(Mapping[str, Any], t.get("function") or {})) for t in tools if t.get("type") == "function"
    )


def parse_arguments(tools: ToolDefinitions, name: str | None, arguments: str) -> object:
    """A function call's arguments as its tool's model, as JSON for another strict tool,
    else None."""
    definition = function_definition(tools, name)
    if definition is None:
        return None
    model = model_of_tool(definition)
    if model is not None:
        return model.model_validate_json(arguments)
    if definition.get("strict") is not True:
        return None
    return cast(object, json.loads(arguments))


def parse_content(response_format: type[_T] | object, content: str | None, refusal: str | None) -> _T | None:
    if isinstance(response_format, type) and content and not refusal:
        return parse_as(cast(type[_T], response_format), content)
    return None


def check_finish_reason(finish_reason: object, completion: object) -> None:
    if finish_reason == "length":
        raise LengthFinishReasonError(completion=completion)
    if finish_reason == "content_filter":
        raise ContentFilterFinishReasonError()


def _function_call(call: object) -> dict[str, Any] | None:
    """A function tool call (as JSON data), or None for another kind of call."""
    if isinstance(call, dict) and cast("dict[str, Any]", call).get("type") == "function":
        return cast("dict[str, Any]", call)
    return None


def parse_completion(
    data: dict[str, Any], *, response_format: object = omit, tools: ToolDefinitions, completion: object = None
) -> ParsedChatCompletion[Any]:
    """`data`, a chat completion as JSON data, as a `ParsedChatCompletion`: raises
    `LengthFinishReasonError` / `ContentFilterFinishReasonError` for a choice cut short."""
    for choice in cast("list[dict[str, Any]]", data.get("choices") or []):
        check_finish_reason(choice.get("finish_reason"), completion if completion is not None else data)
    choices: list[dict[str, Any]] = []
    for choice in cast("list[dict[str, Any]]", data.get("choices") or []):
        message = dict(cast("dict[str, Any]", choice.get("message") or {}))
        message["parsed"] = parse_content(response_format, message.get("content"), message.get("refusal"))
        calls = message.get("tool_calls")
        if isinstance(calls, list):
            parsed_calls: list[object] = []
            for raw_call in cast("list[object]", calls):
                call = _function_call(raw_call)
                if call is None:  # a tool call of another kind, as it came
                    parsed_calls.append(raw_call)
                    continue
                function: dict[str, Any] = dict(call.get("function") or {})
                name, arguments = function.get("name"), function.get("arguments") or ""
                function["parsed_arguments"] = parse_arguments(tools, name, arguments)
                parsed_calls.append({**call, "function": function})
            message["tool_calls"] = parsed_calls or None
        choices.append({**choice, "message": message})
    # Parametrised at run time with the format type, so the result's repr names it.
    kind: type[ParsedChatCompletion[Any]] = ParsedChatCompletion[response_format] if isinstance(response_format, type) else ParsedChatCompletion[None]  # type: ignore[valid-type]  # a runtime type argument
    return parse_data(kind, {**data, "choices": choices})
