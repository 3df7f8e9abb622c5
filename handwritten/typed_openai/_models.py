"""The official SDK's `_models` names: `BaseModel`, the base of every model this package
parses into, and the builders `construct_type` / `construct_type_unchecked`."""

from __future__ import annotations

from typing import TypeVar, cast

from typed_openai._core import BaseModel
from typed_openai._core._models import construct_lenient

__all__ = ["BaseModel", "construct_type", "construct_type_unchecked"]

_T = TypeVar("_T")


# The official SDK's private builders, kept under its names because its users' tests import
# them to make a model from a plain dict without a request. Here both are the runtime's
# lenient builder: what validates is validated, what does not is kept as given (an unknown
# field, a newer enum value), so that neither raises.
def construct_type(*, value: object, type_: object) -> object:
    """`value` as a `type_` (a model, a union, a `list[...]`, ...), never raising."""
    return construct_lenient(type_, value)


def construct_type_unchecked(*, value: object, type_: type[_T]) -> _T:
    """`construct_type`, typed as `type_`: the caller vouches that `value` fits it."""
    return cast(_T, construct_lenient(type_, value))
