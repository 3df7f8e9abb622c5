"""Builders of realistic event streams, as lists of `SSEEvent` for `SSEResponse`.

Assistants streams name each event on an `event:` line and send the object alone as
compact JSON on the `data:` line, ending with `event: done` / `data: [DONE]`. Chat
Completions streams have `data:` lines only and end with `data: [DONE]`.
"""

from __future__ import annotations

from typing import Any

from ._objects import (
    DEFAULT_CREATED_AT,
    DEFAULT_MODEL,
    message_delta_object,
    message_object,
    run_object,
    run_step_object,
    thread_object,
    usage,
)
from ._responses import SSEEvent

__all__ = ["assistant_text_stream", "chat_completion_stream", "split_text"]


def split_text(text: str, chunk_size: int) -> list[str]:
    """`text` in pieces of `chunk_size` characters, as a model streams tokens."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")
    return [text[start : start + chunk_size] for start in range(0, len(text), chunk_size)]


def assistant_text_stream(
    text: str,
    *,
    thread_id: str = "thread_abc123",
    run_id: str = "run_abc123",
    assistant_id: str = "asst_abc123",
    message_id: str = "msg_abc123",
    step_id: str = "step_abc123",
    model: str = DEFAULT_MODEL,
    chunk_size: int = 8,
    created_at: int = DEFAULT_CREATED_AT,
    thread_created: bool = False,
) -> list[SSEEvent]:
    """The events of a run in which the assistant answers `text`, streamed in chunks.

    Order: [thread.created, when `thread_created` (as createThreadAndRun sends it)],
    thread.run.created, thread.run.queued, thread.run.in_progress,
    thread.run.step.created, thread.run.step.in_progress, thread.message.created,
    thread.message.in_progress, one thread.message.delta per chunk,
    thread.message.completed, thread.run.step.completed, thread.run.completed, done.
    """
    chunks = split_text(text, chunk_size)
    spent = usage(completion_tokens=len(chunks))

    def run(event: str, status: str, **fields: Any) -> SSEEvent:
        payload = run_object(
            id=run_id,
            thread_id=thread_id,
            assistant_id=assistant_id,
            model=model,
            created_at=created_at,
            status=status,
            **fields,
        )
        return SSEEvent.from_json(payload, event=event)

    def step(event: str, status: str, **fields: Any) -> SSEEvent:
        payload = run_step_object(
            id=step_id,
            run_id=run_id,
            thread_id=thread_id,
            assistant_id=assistant_id,
            message_id=message_id,
            created_at=created_at,
            status=status,
            **fields,
        )
        return SSEEvent.from_json(payload, event=event)

    def message(event: str, status: str, **fields: Any) -> SSEEvent:
        payload = message_object(
            id=message_id,
            thread_id=thread_id,
            run_id=run_id,
            assistant_id=assistant_id,
            created_at=created_at,
            status=status,
            **fields,
        )
        return SSEEvent.from_json(payload, event=event)

    events: list[SSEEvent] = []
    if thread_created:
        events.append(SSEEvent.from_json(thread_object(id=thread_id, created_at=created_at), event="thread.created"))
    events += [
        run("thread.run.created", "queued"),
        run("thread.run.queued", "queued"),
        run("thread.run.in_progress", "in_progress"),
        step("thread.run.step.created", "in_progress"),
        step("thread.run.step.in_progress", "in_progress"),
        message("thread.message.created", "in_progress"),
        message("thread.message.in_progress", "in_progress"),
    ]
    events += [
        SSEEvent.from_json(message_delta_object(chunk, id=message_id), event="thread.message.delta") for chunk in chunks
    ]
    events += [
        message("thread.message.completed", "completed", text=text),
        step("thread.run.step.completed", "completed", usage=spent),
        run("thread.run.completed", "completed", usage=spent),
        SSEEvent("[DONE]", event="done"),
    ]
    return events


def chat_completion_stream(
    text: str,
    *,
    id: str = "chatcmpl-abc123",
    model: str = "gpt-4o-mini-2024-07-18",
    chunk_size: int = 8,
    created: int = DEFAULT_CREATED_AT,
    include_usage: bool = False,
    system_fingerprint: str = "fp_0ba0d124f1",
) -> list[SSEEvent]:
    """A Chat Completions stream answering `text`: a role chunk, content chunks, a
    `finish_reason: "stop"` chunk, with `include_usage` a final usage chunk with no
    choices (as `stream_options={"include_usage": True}` asks), then `[DONE]`.
    """
    chunks = split_text(text, chunk_size)

    def chunk(delta: dict[str, Any], finish_reason: str | None) -> SSEEvent:
        payload: dict[str, Any] = {
            "id": id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "service_tier": "default",
            "system_fingerprint": system_fingerprint,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        }
        if include_usage:
            payload["usage"] = None
        return SSEEvent.from_json(payload)

    events = [chunk({"role": "assistant", "content": "", "refusal": None}, None)]
    events += [chunk({"content": piece}, None) for piece in chunks]
    events.append(chunk({}, "stop"))
    if include_usage:
        final: dict[str, Any] = {
            "id": id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "service_tier": "default",
            "system_fingerprint": system_fingerprint,
            "choices": [],
            "usage": usage(prompt_tokens=20, completion_tokens=len(chunks)),
        }
        events.append(SSEEvent.from_json(final))
    events.append(SSEEvent("[DONE]"))
    return events
