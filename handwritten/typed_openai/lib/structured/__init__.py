"""Structured outputs: pydantic models as strict JSON schemas, and answers parsed back."""

from ._errors import ContentFilterFinishReasonError, LengthFinishReasonError
from ._parse import json_schema_format, parse_as
from ._schema import to_strict_json_schema
from ._tools import PydanticFunctionTool, model_of_tool, pydantic_function_tool

__all__ = [
    "ContentFilterFinishReasonError",
    "LengthFinishReasonError",
    "PydanticFunctionTool",
    "json_schema_format",
    "model_of_tool",
    "parse_as",
    "pydantic_function_tool",
    "to_strict_json_schema",
]
