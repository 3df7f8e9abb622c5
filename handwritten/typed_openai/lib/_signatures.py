"""Runtime signatures for helpers that take another method's keyword arguments.

A helper such as `runs.stream(thread_id, *, event_handler=None, **params:
Unpack[CreateRunKeywords])` is checked keyword by keyword by mypy and pyright, but
`inspect.signature` (IPython and Jupyter completion, `help()`, tools that introspect) would
show only `**params`. `keywords_of(method)` gives the helper the signature it really has:
its own parameters, then the wrapped method's keyword-only ones (annotations and defaults
included), read from the generated method at import time, so the two cannot drift apart.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TypeVar

__all__ = ["keywords_of"]

_F = TypeVar("_F", bound=Callable[..., object])


def keywords_of(wrapped: Callable[..., object], *, but: tuple[str, ...] = ("stream",)) -> Callable[[_F], _F]:
    """Decorate a helper whose `**params` are `wrapped`'s keyword arguments (less `but`)."""

    def apply(helper: _F) -> _F:
        own = inspect.signature(helper)
        kept = [p for p in own.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        if len(kept) == len(own.parameters):
            raise TypeError(f"{helper.__qualname__} takes no **params to spell out")
        names = {p.name for p in kept} | set(but)
        taken = [
            p for p in inspect.signature(wrapped).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY and p.name not in names
        ]  # fmt: skip
        setattr(helper, "__signature__", own.replace(parameters=[*kept, *taken]))
        setattr(helper, "__keywords_of__", wrapped)
        return helper

    return apply
