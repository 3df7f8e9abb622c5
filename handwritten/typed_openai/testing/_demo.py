"""A small stateful Assistants API, enough for the official quickstart to run.

Routes: create an assistant, a thread, a message; list a thread's messages; create a
run (streamed with `"stream": true`, else a queued run that the next retrievals report
in progress, then completed); create a thread and run in one call. Every run answers
with the same text. Like the real API, it insists on `OpenAI-Beta: assistants=v2`.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any, Protocol, cast

from ._objects import DEFAULT_MODEL, assistant_object, list_object, message_object, run_object, thread_object
from ._recording import RecordedRequest, RequestBodyError
from ._responses import JSONResponse, Responder, ResponderFunc, Response, SSEResponse, error_response
from ._streams import assistant_text_stream

__all__ = ["DEMO_ANSWER", "install_assistants_demo"]

DEMO_ANSWER = (
    "To solve 3x + 11 = 14, subtract 11 from both sides to get 3x = 3, "
    "then divide both sides by 3: x = 1. Check: 3 * 1 + 11 = 14."
)
_BETA_HEADER = "assistants=v2"


class _Routable(Protocol):
    def route(self, method: str, path: str, responder: Responder) -> object: ...


def install_assistants_demo(
    server: _Routable, *, answer: str = DEMO_ANSWER, chunk_size: int = 8, require_beta_header: bool = True
) -> None:
    """Add the demo Assistants routes to `server` (a `MockServer`)."""
    demo = _AssistantsDemo(answer, chunk_size, require_beta_header)
    handlers = {
        ("POST", "/assistants"): demo.create_assistant,
        ("POST", "/threads"): demo.create_thread,
        ("POST", "/threads/runs"): demo.create_thread_and_run,
        ("POST", "/threads/{thread_id}/messages"): demo.create_message,
        ("GET", "/threads/{thread_id}/messages"): demo.list_messages,
        ("POST", "/threads/{thread_id}/runs"): demo.create_run,
        ("GET", "/threads/{thread_id}/runs/{run_id}"): demo.retrieve_run,
    }
    for (method, path), handler in handlers.items():
        server.route(method, path, demo.guarded(handler))


class _BadRequest(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


class _AssistantsDemo:
    def __init__(self, answer: str, chunk_size: int, require_beta_header: bool) -> None:
        self._answer = answer
        self._chunk_size = chunk_size
        self._require_beta_header = require_beta_header
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self._messages: dict[str, list[dict[str, Any]]] = {}  # thread id -> messages
        self._runs: dict[str, dict[str, Any]] = {}  # run id -> run (as created)
        self._retrievals: dict[str, int] = {}  # run id -> times retrieved

    def guarded(self, handler: ResponderFunc) -> ResponderFunc:
        """`handler` with the beta-header check, turning `_BadRequest` into its 400."""

        def respond(request: RecordedRequest) -> Response:
            if self._require_beta_header and _BETA_HEADER not in request.headers.get("openai-beta", ""):
                return error_response(
                    400,
                    "You must send the header 'OpenAI-Beta: assistants=v2' to use the Assistants API "
                    "(this mock checks it as the API does).",
                )
            try:
                return handler(request)
            except _BadRequest as bad:
                return bad.response

        return respond

    # -- handlers --------------------------------------------------------------------

    def create_assistant(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        model = _required(body, "model")
        fields = {key: body[key] for key in ("name", "description", "instructions", "tools", "metadata") if key in body}
        return JSONResponse(assistant_object(id=self._new_id("asst"), created_at=_now(), model=model, **fields))

    def create_thread(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        return JSONResponse(self._start_thread(body))

    def create_message(self, request: RecordedRequest) -> Response:
        thread_id = self._known_thread(request)
        body = _json_object(request)
        message = self._add_message(thread_id, _required(body, "role"), _text_of(_required(body, "content")))
        return JSONResponse(message)

    def list_messages(self, request: RecordedRequest) -> Response:
        thread_id = self._known_thread(request)
        with self._lock:
            messages = list(self._messages[thread_id])
        if request.query.get("order", ["desc"])[-1] == "desc":
            messages.reverse()
        return JSONResponse(list_object(messages))

    def create_run(self, request: RecordedRequest) -> Response:
        return self._run(self._known_thread(request), _json_object(request), thread_created=False)

    def create_thread_and_run(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        _required(body, "assistant_id")  # before any state changes
        thread = self._start_thread(body.get("thread") or {})
        return self._run(thread["id"], body, thread_created=True)

    def retrieve_run(self, request: RecordedRequest) -> Response:
        run_id = request.path_params["run_id"]
        with self._lock:
            run = self._runs.get(run_id)
            if run is None or run["thread_id"] != request.path_params["thread_id"]:
                return error_response(404, f"No run found with id '{run_id}'.")
            seen = self._retrievals[run_id] = self._retrievals.get(run_id, 0) + 1
        # Retrieved once it is still working, then done: a poller goes round its loop once.
        status = "in_progress" if seen == 1 else "completed"
        return JSONResponse(run_object(**_run_ids(run), status=status))

    # -- state -------------------------------------------------------------------------

    def _run(self, thread_id: str, body: dict[str, Any], *, thread_created: bool) -> Response:
        assistant_id = _required(body, "assistant_id")
        model = body.get("model") or DEFAULT_MODEL
        run = run_object(
            id=self._new_id("run"),
            thread_id=thread_id,
            assistant_id=assistant_id,
            model=model,
            created_at=_now(),
            status="queued",
        )
        message_id, step_id = self._new_id("msg"), self._new_id("step")
        with self._lock:
            self._runs[run["id"]] = run
        self._add_message(
            thread_id, "assistant", self._answer, id=message_id, assistant_id=assistant_id, run_id=run["id"]
        )
        if not body.get("stream"):
            return JSONResponse(run)
        events = assistant_text_stream(
            self._answer,
            thread_id=thread_id,
            run_id=run["id"],
            assistant_id=assistant_id,
            message_id=message_id,
            step_id=step_id,
            model=model,
            chunk_size=self._chunk_size,
            created_at=run["created_at"],
            thread_created=thread_created,
        )
        return SSEResponse(events)

    def _start_thread(self, body: dict[str, Any]) -> dict[str, Any]:
        thread = thread_object(id=self._new_id("thread"), created_at=_now(), metadata=body.get("metadata") or {})
        with self._lock:
            self._messages[thread["id"]] = []
        messages: Any = body.get("messages") or []
        for message in messages:
            if not isinstance(message, dict):
                raise _BadRequest(error_response(400, "Invalid 'messages': expected objects.", param="messages"))
            fields = cast(dict[str, Any], message)
            self._add_message(thread["id"], fields.get("role", "user"), _text_of(fields.get("content", "")))
        return thread

    def _add_message(self, thread_id: str, role: str, text: str, **fields: Any) -> dict[str, Any]:
        fields.setdefault("id", self._new_id("msg"))
        message = message_object(thread_id=thread_id, role=role, text=text, created_at=_now(), **fields)
        with self._lock:
            self._messages[thread_id].append(message)
        return message

    def _known_thread(self, request: RecordedRequest) -> str:
        thread_id = request.path_params["thread_id"]
        with self._lock:
            known = thread_id in self._messages
        if not known:
            raise _BadRequest(error_response(404, f"No thread found with id '{thread_id}'."))
        return thread_id

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_demo{next(self._counter):06d}"


def _run_ids(run: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "thread_id", "assistant_id", "model", "created_at")
    return {key: run[key] for key in keys}


def _json_object(request: RecordedRequest) -> dict[str, Any]:
    if not request.body:
        return {}
    try:
        body = request.json()
    except RequestBodyError as exc:
        raise _BadRequest(error_response(400, str(exc))) from exc
    if not isinstance(body, dict):
        raise _BadRequest(error_response(400, "The request body must be a JSON object."))
    return cast(dict[str, Any], body)


def _required(body: dict[str, Any], name: str) -> Any:
    if body.get(name) is None:
        raise _BadRequest(
            error_response(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")
        )
    return body[name]


def _text_of(content: Any) -> str:
    """Message content as text: a string, or the text of its text parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [cast(dict[str, Any], part) for part in cast(list[object], content) if isinstance(part, dict)]
        return "".join(str(part.get("text", "")) for part in parts if part.get("type") == "text")
    raise _BadRequest(
        error_response(400, "Invalid 'content': expected a string or a list of content parts.", param="content")
    )


def _now() -> int:
    return int(time.time())
