"""The official SDK's `_compat` helpers over pydantic, for code written against them.

This package needs pydantic v2, so there is no v1 branch: `PYDANTIC_V1` is always false.
"""

from __future__ import annotations

from typing import Final

import pydantic
from pydantic.fields import FieldInfo

__all__ = ["PYDANTIC_V1", "field_outer_type", "get_model_fields"]

PYDANTIC_V1: Final = False


def get_model_fields(model: type[pydantic.BaseModel]) -> dict[str, FieldInfo]:
    """The model's fields by attribute name, their annotations resolved.

    Models here are built on first use, so a model not used yet still holds its
    annotations as forward references: building it first resolves them."""
    if not model.__pydantic_complete__:
        model.model_rebuild()
    return dict(model.model_fields)


def field_outer_type(field: FieldInfo) -> object:
    """The annotation a field was declared with (`Optional[...]` and all)."""
    return field.annotation
