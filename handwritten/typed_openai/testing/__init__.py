"""A local mock of the OpenAI API for tests: real HTTP/1.1 and real SSE on 127.0.0.1.

    from typed_openai.testing import MockServer, JSONResponse, SSEResponse, assistant_text_stream

    with MockServer() as server:
        server.route("POST", "/threads/{thread_id}/runs", SSEResponse(assistant_text_stream("Hi!")))
        client = OpenAI(base_url=server.base_url, api_key="test")
        ...
        assert server.requests[0].json()["stream"] is True

Responses are plain values (`JSONResponse`, `BytesResponse`, `SSEResponse`), faults
(`Stall`, `CloseConnection`, `SSEResponse(drop_after=..., cut_mid_event=...)`), a list
of them (successive calls), or a function of the `RecordedRequest`.
Faults, each a response value for `route(...)`:
- reset before headers: `CloseConnection(reset=True)`; orderly close: `CloseConnection()`
- a stall past the read timeout: `Stall(seconds)`; keep-alives only: `SSEResponse([...],
  delay=60, keepalive=0.05)` (comments every 50 ms, no data)
- a stream cut after N events, or mid-event and mid-line: `SSEResponse(events,
  drop_after=N, cut_mid_event=True)`
- a 5xx burst then success, `429` with `retry-after`: a list, `[error_response(503, ...),
  error_response(429, "...", headers={"retry-after": "1"}), JSONResponse(...)]`
- invalid JSON, invalid UTF-8, a BOM, an oversized event: raw `bytes` items in an
  `SSEResponse`, or a `BytesResponse` body
- a wrong content type: `SSEResponse(..., content_type="application/json")`
- an `error` event: `SSEEvent('{"message": "..."}', event="error")`; a clean end without
  `done`: leave the `done` event out
- connection refused: a `base_url` whose port nothing listens on (no server needed)

`sse_events(typed_events)` turns events you build into a stream; `RecordingTransport`
saves a real stream once and `replay_file` serves it back (see `_replay`).
`MockServer.with_api_demo()` also answers chat completions and responses (plain and
streamed), embeddings, files, vector stores, models, moderations and text to speech, statefully
(`install_api_demo`); `python -m typed_openai.testing` serves it for humans.
"""

from ._api_demo import DEMO_CHAT_ANSWER, DEMO_MODELS, install_api_demo
from ._api_objects import (
    chat_completion_object,
    embedding_list_object,
    model_object,
    moderation_object,
    response_object,
    response_stream,
    vector_store_object,
)
from ._demo import DEMO_ANSWER, install_assistants_demo
from ._file_objects import file_object, vector_store_file_batch_object, vector_store_file_object
from ._objects import (
    DEFAULT_CREATED_AT,
    assistant_object,
    list_object,
    message_delta_object,
    message_object,
    run_object,
    run_step_object,
    thread_object,
)
from ._replay import AsyncRecordingTransport, RecordingTransport, replay_file, sse_events
from ._recording import Headers, RecordedError, RecordedRequest, RequestBodyError, UploadedFile
from ._responses import (
    BytesResponse,
    CloseConnection,
    Gate,
    JSONResponse,
    Responder,
    ResponderFunc,
    Response,
    SSEComment,
    SSEEvent,
    SSEResponse,
    Stall,
    error_response,
)
from ._routing import Route
from ._server import MockServer
from ._streams import assistant_text_stream, chat_completion_stream

__all__ = [
    "DEFAULT_CREATED_AT",
    "DEMO_ANSWER",
    "DEMO_CHAT_ANSWER",
    "DEMO_MODELS",
    "AsyncRecordingTransport",
    "BytesResponse",
    "CloseConnection",
    "Gate",
    "Headers",
    "JSONResponse",
    "MockServer",
    "RecordedError",
    "RecordedRequest",
    "RecordingTransport",
    "RequestBodyError",
    "Responder",
    "ResponderFunc",
    "Response",
    "Route",
    "SSEComment",
    "SSEEvent",
    "SSEResponse",
    "Stall",
    "UploadedFile",
    "assistant_object",
    "assistant_text_stream",
    "chat_completion_object",
    "chat_completion_stream",
    "embedding_list_object",
    "error_response",
    "file_object",
    "install_api_demo",
    "install_assistants_demo",
    "list_object",
    "message_delta_object",
    "message_object",
    "model_object",
    "moderation_object",
    "response_object",
    "response_stream",
    "run_object",
    "replay_file",
    "run_step_object",
    "sse_events",
    "thread_object",
    "vector_store_file_batch_object",
    "vector_store_file_object",
    "vector_store_object",
]
