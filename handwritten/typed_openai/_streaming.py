"""The streams under the official SDK's `_streaming` path, which code written for it imports
to annotate what `create(stream=True)` returns (`Stream[ChatCompletionChunk]`), and the
Server-Sent Events decoder and event they are read with."""

from __future__ import annotations

from typed_openai._core import AsyncStream, ServerSentEvent, SSEDecoder, Stream

__all__ = ["AsyncStream", "SSEDecoder", "ServerSentEvent", "Stream"]
