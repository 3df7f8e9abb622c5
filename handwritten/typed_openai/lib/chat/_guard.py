"""`create()` refuses a pydantic class as `response_format`: only `parse()` and `stream()`
turn a type into a JSON schema, and sending the class itself fails in serialisation with
an error that does not say what to do instead."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pydantic

__all__ = ["refuse_model_classes"]

_F = TypeVar("_F", bound=Callable[..., Any])


def _check(response_format: object) -> None:
    if isinstance(response_format, type) and issubclass(response_format, pydantic.BaseModel):
        raise TypeError(
            f"You tried to pass a `BaseModel` class ({response_format.__name__}) to `chat.completions.create()`: "
            "use `chat.completions.parse()` (or `.stream()`), which send its JSON schema and parse the answer"
        )


def refuse_model_classes(create: _F) -> _F:
    """`create` (sync or async), checking its `response_format` first; same signature and
    overloads for the type checkers, same `inspect.signature` at runtime."""
    if inspect.iscoroutinefunction(create):

        @functools.wraps(create)
        async def checked_async(*args: Any, **kwargs: Any) -> Any:
            _check(kwargs.get("response_format"))
            return await create(*args, **kwargs)

        return cast(_F, checked_async)

    @functools.wraps(create)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check(kwargs.get("response_format"))
        return create(*args, **kwargs)

    return cast(_F, checked)
