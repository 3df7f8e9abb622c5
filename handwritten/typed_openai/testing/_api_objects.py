"""Realistic objects of the non-Assistants endpoints, with every field the spec marks required.

Shapes follow `ChatCompletion`, `Response` (and its stream events),
`CreateEmbeddingResponse`, `Model`, `CreateModerationResponse` and `VectorStoreObject`
of the pinned OpenAPI spec (`tests/testing/test_mock_api.py` validates each one against
the generated models). As in `_objects.py`, any field can be overridden by keyword.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from collections.abc import Sequence
from typing import Any

from ._objects import DEFAULT_CREATED_AT, usage
from ._responses import SSEEvent
from ._streams import split_text

__all__ = [
    "chat_completion_object",
    "deleted_object",
    "embedding_list_object",
    "model_object",
    "moderation_object",
    "response_object",
    "response_stream",
    "vector_store_object",
]

# The category names a moderation result reports, each as the API spells it.
_MODERATION_CATEGORIES = (
    "hate", "hate/threatening", "harassment", "harassment/threatening", "illicit", "illicit/violent",
    "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
    "violence/graphic",
)  # fmt: skip


def chat_completion_object(
    text: str,
    *,
    id: str = "chatcmpl-abc123",
    model: str = "gpt-4o-mini-2024-07-18",
    created: int = DEFAULT_CREATED_AT,
    prompt_tokens: int = 20,
    **overrides: object,
) -> dict[str, Any]:
    """A chat completion whose one choice answers `text` and stopped normally."""
    completion: dict[str, Any] = {
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None, "annotations": []},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": usage(prompt_tokens=prompt_tokens, completion_tokens=max(1, len(text.split()))),
        "service_tier": "default",
        "system_fingerprint": "fp_0ba0d124f1",
    }
    return {**completion, **overrides}


def _output_message(text: str, *, id: str, status: str) -> dict[str, Any]:
    content: list[dict[str, Any]] = (
        [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}] if text or status == "completed" else []
    )
    return {"id": id, "type": "message", "role": "assistant", "status": status, "content": content}


def response_object(
    text: str,
    *,
    id: str = "resp_abc123",
    model: str = "gpt-4o-2024-08-06",
    created_at: int = DEFAULT_CREATED_AT,
    status: str = "completed",
    instructions: str | None = None,
    message_id: str = "msg_abc123",
    input_tokens: int = 20,
    **overrides: object,
) -> dict[str, Any]:
    """A Responses API response; once `completed` its output is one message saying `text`."""
    done = status == "completed"
    output_tokens = max(1, len(text.split()))
    response: dict[str, Any] = {
        "id": id,
        "object": "response",
        "created_at": created_at,
        "status": status,
        "completed_at": created_at + 1 if done else None,
        "error": None,
        "incomplete_details": None,
        "instructions": instructions,
        "max_output_tokens": None,
        "model": model,
        "output": [_output_message(text, id=message_id, status="completed")] if done else [],
        "parallel_tool_calls": True,
        "previous_response_id": None,
        "reasoning": {"effort": None, "summary": None},
        "store": True,
        "temperature": 1.0,
        "text": {"format": {"type": "text"}},
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": (
            {
                "input_tokens": input_tokens,
                "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                "output_tokens": output_tokens,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": input_tokens + output_tokens,
            }
            if done
            else None
        ),
        "user": None,
        "metadata": {},
    }
    return {**response, **overrides}


def response_stream(
    text: str,
    *,
    id: str = "resp_abc123",
    model: str = "gpt-4o-2024-08-06",
    message_id: str = "msg_abc123",
    chunk_size: int = 8,
    created_at: int = DEFAULT_CREATED_AT,
    instructions: str | None = None,
) -> list[SSEEvent]:
    """A Responses API stream answering `text`, as `stream=True` gets it: created,
    in_progress, the message and its text part added, text deltas, each part done,
    completed. Every event names its own `type` (and an SSE `event:` line as the API sends)."""
    chunks = split_text(text, chunk_size)
    sequence = iter(range(10_000))

    def event(type: str, **fields: Any) -> SSEEvent:
        return SSEEvent.from_json({"type": type, "sequence_number": next(sequence), **fields}, event=type)

    def snapshot(status: str) -> dict[str, Any]:
        return response_object(
            text, id=id, model=model, created_at=created_at, status=status,
            instructions=instructions, message_id=message_id,
        )  # fmt: skip

    where = {"item_id": message_id, "output_index": 0, "content_index": 0}
    empty_part: dict[str, Any] = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    full_part: dict[str, Any] = {**empty_part, "text": text}
    events = [
        event("response.created", response=snapshot("in_progress")),
        event("response.in_progress", response=snapshot("in_progress")),
        event("response.output_item.added", output_index=0, item=_output_message("", id=message_id, status="in_progress")),
        event("response.content_part.added", **where, part=empty_part),
    ]
    events += [event("response.output_text.delta", **where, delta=piece, logprobs=[]) for piece in chunks]
    events += [
        event("response.output_text.done", **where, text=text, logprobs=[]),
        event("response.content_part.done", **where, part=full_part),
        event("response.output_item.done", output_index=0, item=_output_message(text, id=message_id, status="completed")),
        event("response.completed", response=snapshot("completed")),
    ]
    return events


def _vector(text: str, dimensions: int) -> list[float]:
    """A deterministic unit-length vector for `text` (same text, same vector)."""
    values: list[float] = []
    counter = 0
    while len(values) < dimensions:
        digest = hashlib.sha256(f"{counter}:{text}".encode()).digest()
        values += [(byte - 127.5) / 127.5 for byte in digest]
        counter += 1
    values = values[:dimensions]
    norm = sum(v * v for v in values) ** 0.5 or 1.0
    return [round(v / norm, 6) for v in values]


def embedding_list_object(
    inputs: Sequence[str],
    *,
    model: str = "text-embedding-3-small",
    dimensions: int = 1536,
    encoding_format: str = "float",
) -> dict[str, Any]:
    """One embedding per input, in order; `base64` packs each as little-endian float32."""
    data: list[dict[str, Any]] = []
    for index, text in enumerate(inputs):
        vector = _vector(text, dimensions)
        embedding: object = vector
        if encoding_format == "base64":
            embedding = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    tokens = sum(max(1, len(text.split())) for text in inputs)
    return {"object": "list", "data": data, "model": model, "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}


def model_object(id: str = "gpt-4o", *, owned_by: str = "system", created: int = DEFAULT_CREATED_AT) -> dict[str, Any]:
    return {"id": id, "object": "model", "created": created, "owned_by": owned_by}


def moderation_object(
    inputs: Sequence[str],
    *,
    id: str = "modr-abc123",
    model: str = "omni-moderation-latest",
    flagged_words: Sequence[str] = ("kill",),
) -> dict[str, Any]:
    """One result per input; an input containing one of `flagged_words` is flagged for violence."""
    results: list[dict[str, Any]] = []
    for text in inputs:
        violent = any(word in text.lower() for word in flagged_words)
        categories = {name: violent and name == "violence" for name in _MODERATION_CATEGORIES}
        scores = {name: (0.97 if categories[name] else 0.0001) for name in _MODERATION_CATEGORIES}
        results.append(
            {
                "flagged": violent,
                "categories": categories,
                "category_scores": scores,
                "category_applied_input_types": {name: ["text"] for name in _MODERATION_CATEGORIES},
            }
        )
    return {"id": id, "model": model, "results": results}


def vector_store_object(
    *,
    id: str = "vs_abc123",
    name: str = "Support FAQ",
    created_at: int = DEFAULT_CREATED_AT,
    completed: int = 0,
    usage_bytes: int = 0,
    metadata: dict[str, str] | None = None,
    **overrides: object,
) -> dict[str, Any]:
    """A vector store whose `completed` files are all processed."""
    store: dict[str, Any] = {
        "id": id,
        "object": "vector_store",
        "created_at": created_at,
        "name": name,
        "usage_bytes": usage_bytes,
        "file_counts": {"in_progress": 0, "completed": completed, "failed": 0, "cancelled": 0, "total": completed},
        "status": "completed",
        "last_active_at": created_at,
        "expires_after": None,
        "expires_at": None,
        "metadata": metadata or {},
    }
    return {**store, **overrides}


def deleted_object(id: str, object: str) -> dict[str, Any]:
    return {"id": id, "object": object, "deleted": True}
