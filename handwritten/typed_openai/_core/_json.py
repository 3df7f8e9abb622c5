"""Typed views of parsed JSON, so callers need no unchecked dict access."""

from __future__ import annotations

from typing import cast

__all__ = ["as_object"]


def as_object(value: object) -> dict[str, object] | None:
    """`value` as a JSON object (a dict with string keys), or None if it is not one."""
    if isinstance(value, dict):
        return cast("dict[str, object]", value)
    return None
