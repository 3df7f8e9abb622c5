"""The official SDK's `_legacy_response` names: the binary body type and the raw response."""

from __future__ import annotations

from typed_openai._core import BinaryResponse, LegacyAPIResponse

__all__ = ["HttpxBinaryResponseContent", "LegacyAPIResponse"]

HttpxBinaryResponseContent = BinaryResponse
