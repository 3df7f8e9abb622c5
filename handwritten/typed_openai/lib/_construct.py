"""Building model instances from values that are already typed, without validation.

`model_construct` does the same but looks at every field's default on each call, which
costs more than the rest of a stream event's handling; the stream helpers build several
objects per event (the event, the snapshot's completion, choice and message), so each
class's defaults are read once here and copied.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pydantic
from pydantic_core import PydanticUndefined

__all__ = ["build"]

_M = TypeVar("_M", bound=pydantic.BaseModel)


_REQUIRED = object()


@functools.cache
def _layout(
    cls: type[pydantic.BaseModel],
) -> tuple[tuple[tuple[str, Any, Callable[[], Any] | None], ...], frozenset[str], bool]:
    """The class's fields in order, each with its default (or `_REQUIRED`) or its factory;
    their names; whether it keeps extra keys."""
    fields: list[tuple[str, Any, Callable[[], Any] | None]] = []
    for name, info in cls.model_fields.items():
        factory: Callable[[], Any] | None = info.default_factory  # type: ignore[assignment]  # pydantic's factories take no argument here
        default = _REQUIRED if info.default is PydanticUndefined else info.default
        fields.append((name, default, factory))
    return tuple(fields), frozenset(cls.model_fields), cls.model_config.get("extra") == "allow"


def build(cls: type[_M], values: Mapping[str, Any], fields_set: set[str] | None = None) -> _M:
    """A `cls` holding `values` (unknown keys become extras), the other fields at their
    defaults; `fields_set` (default: the keys of `values`) says which were "sent"."""
    fields, names, allow_extra = _layout(cls)
    data: dict[str, Any] = {}
    for name, default, factory in fields:
        if name in values:
            data[name] = values[name]
        elif factory is not None:
            data[name] = factory()
        elif default is not _REQUIRED:
            data[name] = default
    extra = {} if names.issuperset(values) else {key: value for key, value in values.items() if key not in names}
    instance = cls.__new__(cls)
    set_attribute = object.__setattr__
    set_attribute(instance, "__dict__", data)
    set_attribute(instance, "__pydantic_fields_set__", set(values) if fields_set is None else fields_set)
    set_attribute(instance, "__pydantic_extra__", extra if allow_extra else None)
    set_attribute(instance, "__pydantic_private__", None)
    return instance
