"""`handler.current_run()` is a method; `handler.current_run.status` gets an error that says so.

The official SDK makes the `current_*` readers properties while its docs call them; here
they are methods (a call reads as "the value now"), and the property spelling fails with
a message naming the fix instead of "'method' object has no attribute 'status'".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, NoReturn, TypeVar, cast

__all__ = ["snapshot_reader"]

_F = TypeVar("_F", bound=Callable[..., object])
_T = TypeVar("_T")


class _BoundReader(Generic[_T]):
    __slots__ = ("_read", "_name")

    def __init__(self, read: Callable[[], _T], name: str) -> None:
        self._read = read
        self._name = name

    def __call__(self) -> _T:
        return self._read()

    def __getattr__(self, attribute: str) -> NoReturn:
        raise AttributeError(
            f"`{self._name}` is a method here: call `handler.{self._name}()` and read `.{attribute}` on the result"
        )

    def __bool__(self) -> NoReturn:
        raise TypeError(f"`{self._name}` is a method here: test `handler.{self._name}()` instead")

    def __repr__(self) -> str:
        return f"<reader {self._name}(): call it for the current value>"


class _Reader:
    def __init__(self, func: Callable[[Any], object]) -> None:
        self._func = func
        self.__doc__ = func.__doc__
        self.__name__ = func.__name__

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return self
        func = self._func
        return _BoundReader(lambda: func(instance), self.__name__)


def snapshot_reader(func: _F) -> _F:
    """Mark a no-argument method as a `current_*` reader (typed as the method it wraps)."""
    return cast(_F, _Reader(func))
