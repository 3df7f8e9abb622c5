"""Chat Completions streams as the API sends them, for `SSEResponse`: content, tool calls
whose arguments arrive in pieces, refusals, logprobs, several choices, usage.

`chat_chunk(...)` builds one chunk; `chat_stream(chunks)` frames chunks as `data:` events
and ends with `data: [DONE]` (leave it out with `done=False` for a cut stream). The
scenario builders below give the chunks of common answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._objects import DEFAULT_CREATED_AT, usage
from ._responses import SSEEvent
from ._streams import split_text

__all__ = [
    "CHAT_MODEL",
    "chat_chunk",
    "chat_content_chunks",
    "chat_choice",
    "chat_logprob",
    "chat_refusal_chunks",
    "chat_stream",
    "chat_tool_call_chunks",
    "chat_usage_chunk",
]

CHAT_MODEL = "gpt-4o-2024-08-06"
CHAT_ID = "chatcmpl-mock123"


def chat_chunk(
    *choices: dict[str, Any], id: str = CHAT_ID, model: str = CHAT_MODEL, created: int = DEFAULT_CREATED_AT, **fields: object
) -> dict[str, Any]:
    """One `chat.completion.chunk`; each choice is `{"index", "delta", "finish_reason", "logprobs"}`
    (see `chat_choice`)."""
    return {
        "id": id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "service_tier": "default",
        "system_fingerprint": "fp_mock",
        "choices": list(choices),
        **fields,
    }


def chat_choice(index: int = 0, *, finish_reason: str | None = None, logprobs: dict[str, Any] | None = None, **delta: object) -> dict[str, Any]:
    return {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": finish_reason}


def chat_logprob(token: str, logprob: float = -0.01) -> dict[str, Any]:
    return {"token": token, "logprob": logprob, "bytes": list(token.encode()), "top_logprobs": []}


def chat_content_chunks(
    text: str, *, index: int = 0, chunk_size: int = 4, finish_reason: str = "stop", logprobs: bool = False
) -> list[dict[str, Any]]:
    """A role chunk, the content in pieces (each with its token's logprobs if asked),
    then the finish reason."""
    chunks = [chat_chunk(chat_choice(index, role="assistant", content="", refusal=None))]
    for piece in split_text(text, chunk_size):
        lp = {"content": [chat_logprob(piece)], "refusal": None} if logprobs else None
        chunks.append(chat_chunk(chat_choice(index, logprobs=lp, content=piece)))
    chunks.append(chat_chunk(chat_choice(index, finish_reason=finish_reason)))
    return chunks


def chat_refusal_chunks(text: str, *, chunk_size: int = 6, logprobs: bool = False) -> list[dict[str, Any]]:
    chunks = [chat_chunk(chat_choice(0, role="assistant", content=None, refusal=""))]
    for piece in split_text(text, chunk_size):
        lp = {"content": None, "refusal": [chat_logprob(piece)]} if logprobs else None
        chunks.append(chat_chunk(chat_choice(0, logprobs=lp, refusal=piece)))
    chunks.append(chat_chunk(chat_choice(0, finish_reason="stop")))
    return chunks


def chat_tool_call_chunks(calls: Sequence[tuple[str, str]], *, chunk_size: int = 5) -> list[dict[str, Any]]:
    """The model calls each `(name, arguments JSON)` in turn, arguments in pieces."""
    chunks = [chat_chunk(chat_choice(0, role="assistant", content=None, refusal=None))]
    for index, (name, arguments) in enumerate(calls):
        opening = {"index": index, "id": f"call_{index}", "type": "function", "function": {"name": name, "arguments": ""}}
        chunks.append(chat_chunk(chat_choice(0, tool_calls=[opening])))
        for piece in split_text(arguments, chunk_size):
            chunks.append(chat_chunk(chat_choice(0, tool_calls=[{"index": index, "function": {"arguments": piece}}])))
    chunks.append(chat_chunk(chat_choice(0, finish_reason="tool_calls")))
    return chunks


def chat_usage_chunk(prompt_tokens: int = 20, completion_tokens: int = 10) -> dict[str, Any]:
    """The last chunk of a stream with `stream_options={"include_usage": True}`."""
    return chat_chunk(usage=usage(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens))


def chat_stream(chunks: Sequence[dict[str, Any]], *, done: bool = True) -> list[SSEEvent]:
    events = [SSEEvent.from_json(chunk) for chunk in chunks]
    if done:
        events.append(SSEEvent("[DONE]"))
    return events
