"""Overlay packages whose names load on first access (PEP 562), as `typed_openai.types` does.

A package such as `lib.chat` holds the resource class the client attaches
(`lib.chat.completions`) beside stream managers and parsed types that need the models; an
eager `__init__` would load all of them when `client.chat.completions` is first reached.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, modules: Mapping[str, tuple[str, ...]]) -> Callable[[str], object]:
    """A module `__getattr__` for `package`: each name in `modules` (a module relative to
    the package, `._events` or `..output_text` -> its names) is imported from that module
    when first asked for, then kept in the package."""
    where = {name: submodule for submodule, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        submodule = where.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(submodule, package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
