"""The official SDK's `_compat` helpers over pydantic, for code written against them.

This package needs pydantic v2, so there is no v1 branch: `PYDANTIC_V1` is always false.
"""

from __future__ import annotations

import typing
from typing import Any, Final, Literal, TypeVar

import pydantic
import typing_extensions
from pydantic.fields import FieldInfo

__all__ = [
    "PYDANTIC_V1",
    "field_outer_type",
    "get_model_fields",
    "is_literal_type",
    "model_copy",
    "model_dump",
    "model_json",
    "model_parse",
    "parse_obj",
]

PYDANTIC_V1: Final = False

_ModelT = TypeVar("_ModelT", bound=pydantic.BaseModel)


def get_model_fields(model: type[pydantic.BaseModel]) -> dict[str, FieldInfo]:
    """The model's fields by attribute name, their annotations resolved.

    Models here are built on first use, so a model not used yet still holds its
    annotations as forward references: building it first resolves them."""
    if not model.__pydantic_complete__:
        model.model_rebuild()
    return dict(model.model_fields)


def is_literal_type(tp: object) -> bool:
    """`Literal[...]` (from `typing` or `typing_extensions`)."""
    return typing_extensions.get_origin(tp) in (typing.Literal, typing_extensions.Literal)


def field_outer_type(field: FieldInfo) -> object:
    """The annotation a field was declared with (`Optional[...]` and all)."""
    return field.annotation


# The official SDK's private pydantic-v1/v2 bridges, under its names because its users'
# tests import them (`model_copy(snapshot, deep=True)`, `model_parse(Chunk, data)`). With
# pydantic v2 only, each is the model method of the same name.
def model_copy(model: _ModelT, *, deep: bool = False) -> _ModelT:
    """A copy of `model`; with `deep`, nested models and lists are copied too."""
    return model.model_copy(deep=deep)


def model_parse(model: type[_ModelT], data: Any) -> _ModelT:
    """`data` (a dict or a model) validated as `model`."""
    return model.model_validate(data)


def parse_obj(model: type[_ModelT], value: object) -> _ModelT:
    """`value` validated as `model` (pydantic v1's name for `model_validate`)."""
    return model.model_validate(value)


def model_dump(
    model: pydantic.BaseModel,
    *,
    exclude: set[str] | None = None,
    exclude_unset: bool = False,
    exclude_defaults: bool = False,
    warnings: bool = True,
    mode: Literal["json", "python"] = "python",
    by_alias: bool | None = None,
) -> dict[str, Any]:
    """`model` as a dict (`model.model_dump(...)`)."""
    return model.model_dump(
        mode=mode,
        exclude=exclude,
        exclude_unset=exclude_unset,
        exclude_defaults=exclude_defaults,
        warnings=warnings,
        by_alias=by_alias,
    )


def model_json(model: pydantic.BaseModel, *, indent: int | None = None) -> str:
    """`model` as a JSON string (`model.model_dump_json(indent=...)`)."""
    return model.model_dump_json(indent=indent)
