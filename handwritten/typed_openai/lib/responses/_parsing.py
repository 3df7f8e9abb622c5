"""From a response to a parsed one: output text as the `text_format` type, function call
arguments as their tools' models. Shared by `parse()` and the stream's final response."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

from typed_openai._core import Omit
from typed_openai.types.responses import Response, ResponseFunctionToolCall, ResponseOutputMessage, ResponseOutputText

from .._construct import build
from ..structured import PydanticFunctionTool, json_schema_format, model_of_tool, parse_as
from ._types import (
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
)

__all__ = ["ToolDefinitions", "parse_arguments", "parse_response", "parse_text", "responses_tools", "text_format_param", "tool_list"]

ToolDefinitions = list[Mapping[str, Any]]


def tool_list(tools: Iterable[object] | Omit | None) -> ToolDefinitions:
    if tools is None or isinstance(tools, Omit):
        return []
    return [cast(Mapping[str, Any], tool) for tool in tools if isinstance(tool, Mapping)]


def text_format_param(text_format: type[Any]) -> dict[str, Any]:
    """`text.format` for a type: its strict JSON schema."""
    name, schema = json_schema_format(text_format)
    return {"type": "json_schema", "strict": True, "name": name, "schema": schema}


def parse_text(text_format: object, text: str) -> object:
    return cast(object, parse_as(text_format, text)) if isinstance(text_format, type) else None


def _function_tool(tools: ToolDefinitions, name: str) -> Mapping[str, Any] | None:
    """The request's function tool called `name`: a Responses tool (`{"type": "function",
    "name": ...}`) or a chat-style one from `pydantic_function_tool` (`{"function": {...}}`)."""
    for tool in tools:
        if tool.get("type") != "function":
            continue
        if tool.get("name") == name:
            return tool
        function = tool.get("function")
        if isinstance(function, Mapping) and cast(Mapping[str, Any], function).get("name") == name:
            return cast(Mapping[str, Any], function)
    return None


def parse_arguments(tools: ToolDefinitions, name: str, arguments: str) -> object:
    tool = _function_tool(tools, name)
    if tool is None:
        return None
    model = model_of_tool(tool)
    if model is not None:
        return model.model_validate_json(arguments)
    if tool.get("strict") is not True:
        return None
    return cast(object, json.loads(arguments))


def _construct(cls: type[Any], source: Any, **changes: object) -> Any:
    """`source`'s fields (and extras) as a `cls`, some replaced: no revalidation of what
    was validated already."""
    values: dict[str, Any] = {**source.__dict__, **(source.__pydantic_extra__ or {}), **changes}
    return build(cls, values, set(source.model_fields_set) | set(changes))


def parse_response(response: Response, *, text_format: object, tools: ToolDefinitions) -> ParsedResponse[Any]:
    """`response` as a `ParsedResponse` (new objects; `response` is left as it was)."""
    rich = isinstance(text_format, type)
    text_cls = ParsedResponseOutputText[text_format] if rich else ParsedResponseOutputText  # type: ignore[valid-type]  # a runtime type argument, for the repr
    message_cls = ParsedResponseOutputMessage[text_format] if rich else ParsedResponseOutputMessage  # type: ignore[valid-type]  # as above
    output: list[object] = []
    for item in response.output:
        if isinstance(item, ResponseOutputMessage):
            content = [
                _construct(text_cls, part, parsed=parse_text(text_format, part.text)) if isinstance(part, ResponseOutputText) else part
                for part in item.content
            ]
            output.append(_construct(message_cls, item, content=content))
        elif isinstance(item, ResponseFunctionToolCall):
            output.append(
                _construct(ParsedResponseFunctionToolCall, item, parsed_arguments=parse_arguments(tools, item.name, item.arguments))
            )
        else:
            output.append(item)
    response_cls = ParsedResponse[text_format] if rich else ParsedResponse  # type: ignore[valid-type]  # as above
    return cast(ParsedResponse[Any], _construct(response_cls, response, output=output))


def _chat_function(tool: object) -> object | None:
    """The `function` of a chat-style tool (`{"type": "function", "function": {...}}`)."""
    return cast(Mapping[str, Any], tool).get("function") if isinstance(tool, Mapping) else None


def responses_tools(tools: Iterable[object] | Omit | None) -> list[object] | Omit | None:
    """The request's tools in the Responses shape: a chat-style tool made by
    `pydantic_function_tool` becomes the flat `{"type": "function", "name": ...}` tool,
    keeping its model so calls to it parse."""
    if tools is None or isinstance(tools, Omit):
        return tools
    converted: list[object] = []
    for tool in tools:
        function = _chat_function(tool)
        if function is None:
            converted.append(tool)
            continue
        model = model_of_tool(function)
        if model is None:
            raise ValueError(
                "A chat-style function tool (`{'type': 'function', 'function': {...}}`) can only be given to the "
                "Responses API when made by `pydantic_function_tool()`; otherwise write it as "
                "`{'type': 'function', 'name': ..., 'parameters': ...}`"
            )
        definition = cast(Mapping[str, Any], function)
        flat = {
            "type": "function",
            "name": definition["name"],
            "description": definition.get("description"),
            "parameters": definition.get("parameters"),
            "strict": bool(definition.get("strict")),
        }
        converted.append(PydanticFunctionTool(flat, model))
    return converted
