"""`pydantic_function_tool(Model)`: a strict function tool whose calls parse into `Model`."""

from __future__ import annotations

from typing import Any, cast

import pydantic

from typed_openai.types.chat import ChatCompletionFunctionToolParam
from typed_openai.types.shared_params import FunctionDefinition

from ._schema import to_strict_json_schema

__all__ = ["PydanticFunctionTool", "model_of_tool", "pydantic_function_tool"]


class PydanticFunctionTool(dict[str, Any]):
    """A function definition (a plain dict on the wire) that remembers its model, so
    the arguments of a call to it parse into that model."""

    model: type[pydantic.BaseModel]

    def __init__(self, definition: dict[str, Any], model: type[pydantic.BaseModel]) -> None:
        super().__init__(definition)
        self.model = model


def pydantic_function_tool(
    model: type[pydantic.BaseModel], *, name: str | None = None, description: str | None = None
) -> ChatCompletionFunctionToolParam:
    """A strict function tool for chat completions built from `model`: its name is the
    class name and its description the class docstring unless given."""
    given = cast(object, model)  # untyped callers may pass anything
    if not (isinstance(given, type) and issubclass(given, pydantic.BaseModel)):
        raise TypeError(f"pydantic_function_tool() takes a pydantic model class, got {model!r}")
    if description is None:
        description = model.__doc__  # the class's own docstring, not pydantic's inherited one
    definition: dict[str, Any] = {"name": name or model.__name__, "strict": True, "parameters": to_strict_json_schema(model)}
    if description is not None:
        definition["description"] = description
    function = cast(FunctionDefinition, PydanticFunctionTool(definition, model))
    return {"type": "function", "function": function}


def model_of_tool(definition: object) -> type[pydantic.BaseModel] | None:
    """The model behind a tool definition made by `pydantic_function_tool`, if any."""
    return definition.model if isinstance(definition, PydanticFunctionTool) else None
