"""The response wrappers under the official SDK's `_response` path, which code written for it
imports to annotate `with_raw_response` / `with_streaming_response` results."""

from __future__ import annotations

from typed_openai._core import APIResponse, AsyncAPIResponse

__all__ = ["APIResponse", "AsyncAPIResponse"]
