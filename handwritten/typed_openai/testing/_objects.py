"""Realistic Assistants API objects, with every field the spec marks required.

Each factory gives plausible defaults consistent with `status` (a completed run has
`completed_at` and `usage`, a queued one has `expires_at`), and takes any field as a
keyword override, including fields the spec does not know yet (to test forward
compatibility). Timestamps default to a fixed instant so output is deterministic.
Shapes follow `Run`, `MessageObject`, `RunStep`, `Thread`,
`Assistant` and `MessageDeltaEvent` of the pinned OpenAPI spec.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "DEFAULT_CREATED_AT",
    "DEFAULT_MODEL",
    "assistant_object",
    "list_object",
    "message_delta_object",
    "message_object",
    "run_object",
    "run_step_object",
    "thread_object",
]

DEFAULT_CREATED_AT = 1_735_689_600  # 2025-01-01T00:00:00Z
DEFAULT_MODEL = "gpt-4o"
_RUN_LIFETIME = 600  # seconds from creation until the API expires an unfinished run
_TERMINAL_RUN_STATUSES = {"completed", "cancelled", "failed", "incomplete", "expired"}


def usage(prompt_tokens: int = 64, completion_tokens: int = 32) -> dict[str, int]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def text_content(text: str) -> dict[str, Any]:
    return {"type": "text", "text": {"value": text, "annotations": []}}


def thread_object(
    *, id: str = "thread_abc123", created_at: int = DEFAULT_CREATED_AT, **overrides: object
) -> dict[str, Any]:
    thread: dict[str, Any] = {
        "id": id,
        "object": "thread",
        "created_at": created_at,
        "metadata": {},
        "tool_resources": {},
    }
    return {**thread, **overrides}


def assistant_object(
    *,
    id: str = "asst_abc123",
    created_at: int = DEFAULT_CREATED_AT,
    model: str = DEFAULT_MODEL,
    **overrides: object,
) -> dict[str, Any]:
    assistant: dict[str, Any] = {
        "id": id,
        "object": "assistant",
        "created_at": created_at,
        "name": "Math Tutor",
        "description": None,
        "model": model,
        "instructions": "You are a personal math tutor. Answer questions briefly.",
        "tools": [],
        "tool_resources": {},
        "metadata": {},
        "temperature": 1.0,
        "top_p": 1.0,
        "response_format": "auto",
    }
    return {**assistant, **overrides}


def run_object(
    *,
    id: str = "run_abc123",
    thread_id: str = "thread_abc123",
    assistant_id: str = "asst_abc123",
    status: str = "queued",
    created_at: int = DEFAULT_CREATED_AT,
    model: str = DEFAULT_MODEL,
    **overrides: object,
) -> dict[str, Any]:
    started = status not in ("queued", "expired")
    run: dict[str, Any] = {
        "id": id,
        "object": "thread.run",
        "created_at": created_at,
        "assistant_id": assistant_id,
        "thread_id": thread_id,
        "status": status,
        "started_at": created_at + 1 if started else None,
        "expires_at": None if status in _TERMINAL_RUN_STATUSES - {"expired"} else created_at + _RUN_LIFETIME,
        "cancelled_at": created_at + 2 if status == "cancelled" else None,
        "failed_at": created_at + 2 if status == "failed" else None,
        "completed_at": created_at + 2 if status == "completed" else None,
        "required_action": None,
        "last_error": (
            {"code": "server_error", "message": "Sorry, something went wrong."} if status == "failed" else None
        ),
        "model": model,
        "instructions": "You are a personal math tutor. Answer questions briefly.",
        "tools": [],
        "metadata": {},
        "incomplete_details": {"reason": "max_completion_tokens"} if status == "incomplete" else None,
        "usage": usage() if status in _TERMINAL_RUN_STATUSES - {"expired"} else None,
        "temperature": 1.0,
        "top_p": 1.0,
        "max_prompt_tokens": None,
        "max_completion_tokens": None,
        "truncation_strategy": {"type": "auto", "last_messages": None},
        "response_format": "auto",
        "tool_choice": "auto",
        "parallel_tool_calls": True,
    }
    return {**run, **overrides}


def message_object(
    *,
    id: str = "msg_abc123",
    thread_id: str = "thread_abc123",
    role: str = "assistant",
    text: str | None = None,
    status: str = "completed",
    assistant_id: str | None = None,
    run_id: str | None = None,
    created_at: int = DEFAULT_CREATED_AT,
    **overrides: object,
) -> dict[str, Any]:
    """`text=None` gives empty content (a message the assistant has only begun)."""
    message: dict[str, Any] = {
        "id": id,
        "object": "thread.message",
        "created_at": created_at,
        "assistant_id": assistant_id,
        "thread_id": thread_id,
        "run_id": run_id,
        "status": status,
        "incomplete_details": {"reason": "max_tokens"} if status == "incomplete" else None,
        "incomplete_at": created_at + 1 if status == "incomplete" else None,
        "completed_at": created_at + 1 if status == "completed" else None,
        "role": role,
        "content": [] if text is None else [text_content(text)],
        "attachments": [],
        "metadata": {},
    }
    return {**message, **overrides}


def run_step_object(
    *,
    id: str = "step_abc123",
    run_id: str = "run_abc123",
    thread_id: str = "thread_abc123",
    assistant_id: str = "asst_abc123",
    message_id: str = "msg_abc123",
    status: str = "completed",
    created_at: int = DEFAULT_CREATED_AT,
    **overrides: object,
) -> dict[str, Any]:
    """A `message_creation` step: the assistant wrote message `message_id`."""
    step: dict[str, Any] = {
        "id": id,
        "object": "thread.run.step",
        "created_at": created_at,
        "run_id": run_id,
        "assistant_id": assistant_id,
        "thread_id": thread_id,
        "type": "message_creation",
        "status": status,
        "cancelled_at": created_at + 1 if status == "cancelled" else None,
        "completed_at": created_at + 1 if status == "completed" else None,
        "expired_at": created_at + _RUN_LIFETIME if status == "expired" else None,
        "failed_at": created_at + 1 if status == "failed" else None,
        "last_error": (
            {"code": "server_error", "message": "Sorry, something went wrong."} if status == "failed" else None
        ),
        "step_details": {"type": "message_creation", "message_creation": {"message_id": message_id}},
        "usage": usage() if status == "completed" else None,
        "metadata": {},
    }
    return {**step, **overrides}


def message_delta_object(text: str, *, id: str = "msg_abc123", index: int = 0) -> dict[str, Any]:
    """A `thread.message.delta` payload adding `text` to content part `index`."""
    return {
        "id": id,
        "object": "thread.message.delta",
        "delta": {"content": [{"index": index, "type": "text", "text": {"value": text, "annotations": []}}]},
    }


def list_object(data: Sequence[dict[str, Any]], *, has_more: bool = False) -> dict[str, Any]:
    """A cursor page as the Assistants list endpoints return it."""
    return {
        "object": "list",
        "data": list(data),
        "first_id": data[0]["id"] if data else None,
        "last_id": data[-1]["id"] if data else None,
        "has_more": has_more,
    }
