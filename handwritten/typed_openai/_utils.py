"""Small typing and value predicates under the official SDK's `_utils` names.

Code written against the official package (its test helpers among it) imports these to
walk annotations and check values; each is a thin wrapper over `typing` introspection.
"""

from __future__ import annotations

import collections.abc
import inspect
import types
import typing
from collections.abc import AsyncIterator, Iterator
from typing import Any, Callable, TypeGuard

import typing_extensions

__all__ = [
    "assert_signatures_in_sync",
    "consume_async_iterator",
    "consume_sync_iterator",
    "extract_type_arg",
    "is_annotated_type",
    "is_dict",
    "is_list",
    "is_list_type",
    "is_mapping",
    "is_sequence_type",
    "is_type_alias_type",
    "is_union_type",
]


def is_dict(obj: object) -> TypeGuard[dict[object, object]]:
    return isinstance(obj, dict)


def is_list(obj: object) -> TypeGuard[list[object]]:
    return isinstance(obj, list)


def is_mapping(obj: object) -> TypeGuard[collections.abc.Mapping[str, object]]:
    return isinstance(obj, collections.abc.Mapping)


def _origin(tp: object) -> object:
    return typing_extensions.get_origin(tp) or tp


def is_list_type(tp: object) -> bool:
    """`list` or `list[X]`."""
    return _origin(tp) is list


def is_sequence_type(tp: object) -> bool:
    """`Sequence[X]`, from `typing` or `collections.abc`."""
    origin = _origin(tp)
    return origin is typing.Sequence or origin is collections.abc.Sequence


def is_union_type(tp: object) -> bool:
    """`Union[A, B]`, `Optional[A]` or `A | B`."""
    origin = _origin(tp)
    return origin is typing.Union or origin is types.UnionType


def is_annotated_type(tp: object) -> bool:
    """`Annotated[X, ...]`."""
    return typing_extensions.get_origin(tp) is typing_extensions.Annotated


# `typing.TypeAliasType` exists from Python 3.12; typing_extensions backports it.
_ALIAS_TYPES: tuple[type, ...] = tuple(
    {t for t in (getattr(typing, "TypeAliasType", None), typing_extensions.TypeAliasType) if isinstance(t, type)}
)


def is_type_alias_type(tp: object) -> bool:
    """A `type X = ...` alias (`TypeAliasType`), whose target is `tp.__value__`."""
    return isinstance(tp, _ALIAS_TYPES)


def extract_type_arg(tp: object, index: int) -> Any:
    """The `index`-th argument of a generic alias: `extract_type_arg(list[int], 0)` is `int`."""
    args = typing_extensions.get_args(tp)
    if index >= len(args):
        raise TypeError(f"{tp!r} has no type argument at index {index} (it has {len(args)})")
    return args[index]


def assert_signatures_in_sync(
    source_func: Callable[..., object],
    check_func: Callable[..., object],
    *,
    exclude_params: collections.abc.Set[str] = frozenset(),
) -> None:
    """Assert that `check_func` takes every parameter of `source_func`, annotated alike.

    Helpers that wrap an API method (`create_and_poll` around `create`) use this to prove
    they forward every keyword. Parameters in `exclude_params` are not compared.
    """
    source = inspect.signature(source_func).parameters
    check = inspect.signature(check_func).parameters
    problems: list[str] = []
    for name, param in source.items():
        if name in exclude_params:
            continue
        other = check.get(name)
        if other is None:
            problems.append(f"the `{name}` parameter is missing")
        elif other.annotation != param.annotation:
            problems.append(f"the `{name}` parameter is annotated {other.annotation!r}, not {param.annotation!r}")
    if problems:
        where = getattr(check_func, "__qualname__", repr(check_func))
        raise AssertionError(f"{where} is out of sync with its source:\n" + "\n".join(f"  - {p}" for p in problems))


# The official SDK's private `_utils.consume_*_iterator`: its users' tests import them to
# drain a stream for its side effects (the stream's final snapshot, its event callbacks).
def consume_sync_iterator(iterator: Iterator[object]) -> None:
    """Read `iterator` to its end, dropping what it yields."""
    collections.deque(iterator, maxlen=0)


async def consume_async_iterator(iterator: AsyncIterator[object]) -> None:
    """Read `iterator` to its end, dropping what it yields."""
    async for _ in iterator:
        pass
