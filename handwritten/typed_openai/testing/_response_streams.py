"""Responses API streams as the API sends them, for `SSEResponse`: `data:` lines whose
JSON names its `type`, numbered by `sequence_number`, ending with `response.completed`
(or `response.incomplete` / `response.failed`); the Responses API sends no `[DONE]`.

`ResponseStreamBuilder` collects the events of one response: add output items with
`message(...)`, `function_call(...)`, `reasoning(...)`, `web_search(...)`,
`file_search(...)`, then end it with `completed()`, `incomplete(...)` or `failed(...)`,
and serve `builder.events()`.
"""

from __future__ import annotations

from typing import Any

from ._objects import DEFAULT_CREATED_AT
from ._responses import SSEEvent
from ._streams import split_text

__all__ = ["ResponseStreamBuilder", "response_object"]

RESPONSE_MODEL = "gpt-4o-2024-08-06"


def response_object(
    *, id: str = "resp_mock123", status: str = "in_progress", output: list[dict[str, Any]] | None = None, **overrides: object
) -> dict[str, Any]:
    """A `response` object with every field the pinned spec requires."""
    response: dict[str, Any] = {
        "id": id,
        "object": "response",
        "created_at": DEFAULT_CREATED_AT,
        "status": status,
        "model": RESPONSE_MODEL,
        "output": output or [],
        "parallel_tool_calls": True,
        "tools": [],
        "tool_choice": "auto",
        "metadata": {},
        "temperature": 1.0,
        "top_p": 1.0,
        "instructions": None,
        "error": None,
        "incomplete_details": None,
        "text": {"format": {"type": "text"}},
        "usage": None,
    }
    return {**response, **overrides}


class ResponseStreamBuilder:
    """The events of one streamed response, in the order the API sends them."""

    def __init__(self, *, id: str = "resp_mock123", chunk_size: int = 4) -> None:
        self.id = id
        self.chunk_size = chunk_size
        self._events: list[dict[str, Any]] = []
        self._output: list[dict[str, Any]] = []
        self._emit("response.created", response=response_object(id=id))
        self._emit("response.in_progress", response=response_object(id=id))

    def _emit(self, kind: str, **fields: Any) -> None:
        self._events.append({"type": kind, "sequence_number": len(self._events), **fields})

    def _added(self, item: dict[str, Any]) -> int:
        index = len(self._output)
        self._emit("response.output_item.added", output_index=index, item={**item, "status": "in_progress"})
        return index

    def _done(self, index: int, item: dict[str, Any]) -> None:
        self._output.append(item)
        self._emit("response.output_item.done", output_index=index, item=item)

    def message(self, text: str, *, refusal: str | None = None) -> ResponseStreamBuilder:
        """An assistant message streaming `text` (or a refusal)."""
        item_id = f"msg_{len(self._output)}"
        index = self._added({"id": item_id, "type": "message", "role": "assistant", "content": []})
        if refusal is not None:
            part: dict[str, Any] = {"type": "refusal", "refusal": ""}
            self._emit("response.content_part.added", item_id=item_id, output_index=index, content_index=0, part=part)
            for piece in split_text(refusal, self.chunk_size):
                self._emit("response.refusal.delta", item_id=item_id, output_index=index, content_index=0, delta=piece)
            self._emit("response.refusal.done", item_id=item_id, output_index=index, content_index=0, refusal=refusal)
            final_part: dict[str, Any] = {"type": "refusal", "refusal": refusal}
        else:
            part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            self._emit("response.content_part.added", item_id=item_id, output_index=index, content_index=0, part=part)
            for piece in split_text(text, self.chunk_size):
                self._emit(
                    "response.output_text.delta", item_id=item_id, output_index=index, content_index=0, delta=piece, logprobs=[]
                )
            self._emit("response.output_text.done", item_id=item_id, output_index=index, content_index=0, text=text, logprobs=[])
            final_part = {"type": "output_text", "text": text, "annotations": [], "logprobs": []}
        self._emit("response.content_part.done", item_id=item_id, output_index=index, content_index=0, part=final_part)
        self._done(index, {"id": item_id, "type": "message", "role": "assistant", "status": "completed", "content": [final_part]})
        return self

    def function_call(self, name: str, arguments: str, *, call_id: str | None = None) -> ResponseStreamBuilder:
        item_id = f"fc_{len(self._output)}"
        call_id = call_id or f"call_{len(self._output)}"
        base = {"id": item_id, "type": "function_call", "call_id": call_id, "name": name}
        index = self._added({**base, "arguments": ""})
        for piece in split_text(arguments, self.chunk_size):
            self._emit("response.function_call_arguments.delta", item_id=item_id, output_index=index, delta=piece)
        self._emit("response.function_call_arguments.done", item_id=item_id, output_index=index, name=name, arguments=arguments)
        self._done(index, {**base, "arguments": arguments, "status": "completed"})
        return self

    def reasoning(self, summary: str) -> ResponseStreamBuilder:
        item_id = f"rs_{len(self._output)}"
        index = len(self._output)
        self._emit("response.output_item.added", output_index=index, item={"id": item_id, "type": "reasoning", "summary": []})
        part = {"type": "summary_text", "text": ""}
        self._emit("response.reasoning_summary_part.added", item_id=item_id, output_index=index, summary_index=0, part=part)
        for piece in split_text(summary, self.chunk_size):
            self._emit("response.reasoning_summary_text.delta", item_id=item_id, output_index=index, summary_index=0, delta=piece)
        self._emit("response.reasoning_summary_text.done", item_id=item_id, output_index=index, summary_index=0, text=summary)
        done_part = {"type": "summary_text", "text": summary}
        self._emit("response.reasoning_summary_part.done", item_id=item_id, output_index=index, summary_index=0, part=done_part)
        self._done(index, {"id": item_id, "type": "reasoning", "summary": [done_part]})
        return self

    def web_search(self, query: str) -> ResponseStreamBuilder:
        item_id = f"ws_{len(self._output)}"
        index = self._added({"id": item_id, "type": "web_search_call", "action": {"type": "search", "query": query}})
        for phase in ("in_progress", "searching", "completed"):
            self._emit(f"response.web_search_call.{phase}", item_id=item_id, output_index=index)
        self._done(index, {"id": item_id, "type": "web_search_call", "status": "completed", "action": {"type": "search", "query": query}})
        return self

    def file_search(self, query: str) -> ResponseStreamBuilder:
        item_id = f"fs_{len(self._output)}"
        index = self._added({"id": item_id, "type": "file_search_call", "queries": [query], "results": None})
        for phase in ("in_progress", "searching", "completed"):
            self._emit(f"response.file_search_call.{phase}", item_id=item_id, output_index=index)
        self._done(index, {"id": item_id, "type": "file_search_call", "status": "completed", "queries": [query], "results": None})
        return self

    def completed(self, **usage: int) -> ResponseStreamBuilder:
        spent = {
            "input_tokens": 20,
            "output_tokens": 10,
            "total_tokens": 30,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 0},
            **usage,
        }
        self._emit("response.completed", response=response_object(id=self.id, status="completed", output=self._output, usage=spent))
        return self

    def incomplete(self, reason: str = "max_output_tokens") -> ResponseStreamBuilder:
        self._emit(
            "response.incomplete",
            response=response_object(id=self.id, status="incomplete", output=self._output, incomplete_details={"reason": reason}),
        )
        return self

    def failed(self, message: str = "The model failed to respond", code: str = "server_error") -> ResponseStreamBuilder:
        error = {"code": code, "message": message}
        self._emit("response.failed", response=response_object(id=self.id, status="failed", output=self._output, error=error))
        return self

    def error(self, message: str = "The server had an error", code: str = "server_error") -> ResponseStreamBuilder:
        self._emit("error", code=code, message=message, param=None)
        return self

    def raw(self) -> list[dict[str, Any]]:
        return list(self._events)

    def events(self) -> list[SSEEvent]:
        return [SSEEvent.from_json(event) for event in self._events]
