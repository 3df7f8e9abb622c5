"""Turning the model's JSON text into the caller's type, shared by chat and responses."""

from __future__ import annotations

from typing import Any, TypeVar, cast

import pydantic


from ._schema import is_model_type, is_pydantic_dataclass, to_strict_json_schema

__all__ = ["is_given_type", "json_schema_format", "parse_as"]

_T = TypeVar("_T")


def is_given_type(value: object) -> bool:
    """A type to parse into (not a dict format, not omitted)."""
    return isinstance(value, type)


def _adapter_of(kind: type[Any]) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(kind)


def json_schema_format(kind: type[Any]) -> tuple[str, dict[str, Any]]:
    """The name and strict schema of a type given as the answer's format."""
    if is_model_type(kind):
        return kind.__name__, to_strict_json_schema(kind)
    if is_pydantic_dataclass(kind):
        return kind.__name__, to_strict_json_schema(_adapter_of(kind))
    raise TypeError(
        f"A structured output format must be a pydantic model class or a pydantic dataclass, got {kind!r}"
    )


def parse_as(kind: type[_T], text: str) -> _T:
    """`text` (JSON) validated as `kind`; a pydantic ValidationError says what did not fit."""
    if is_model_type(kind):
        return cast(_T, kind.model_validate_json(text))
    if is_pydantic_dataclass(kind):
        return cast(_T, _adapter_of(kind).validate_json(text))
    raise TypeError(f"Cannot parse into {kind!r}: expected a pydantic model class or a pydantic dataclass")
