"""The official SDK's private `lib._pydantic` name that code written for it imports:
`to_strict_json_schema`, the strict JSON schema of a pydantic model for structured outputs."""

from __future__ import annotations

from typed_openai.lib.structured._schema import to_strict_json_schema

__all__ = ["to_strict_json_schema"]
