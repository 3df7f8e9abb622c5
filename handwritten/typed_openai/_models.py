"""The official SDK's `_models.BaseModel`: the base of every model this package parses into."""

from __future__ import annotations

from typed_openai._core import BaseModel

__all__ = ["BaseModel"]
