"""MockServer routing: placeholders, specificity, sequences, functions, 404 and 500."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx2
import pytest

import typed_openai.testing as testing
from typed_openai.testing import (
    BytesResponse,
    JSONResponse,
    MockServer,
    RecordedRequest,
    Response,
    SSEResponse,
    error_response,
)


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture
def client(server: MockServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.base_url, timeout=5) as client:
        yield client


def test_public_api_is_pinned() -> None:
    assert sorted(testing.__all__) == sorted([
        "AsyncRecordingTransport", "BytesResponse", "CloseConnection", "DEFAULT_CREATED_AT", "DEMO_ANSWER", "Gate", "Headers",
        "JSONResponse", "MockServer", "RecordedError", "RecordedRequest", "RecordingTransport", "RequestBodyError",
        "Responder", "ResponderFunc", "Response", "Route", "SSEComment", "SSEEvent", "SSEResponse",
        "Stall", "UploadedFile", "assistant_object", "assistant_text_stream", "chat_completion_stream",
        "error_response", "file_object", "install_assistants_demo", "list_object", "message_delta_object",
        "message_object", "replay_file", "run_object", "run_step_object", "sse_events", "thread_object",
        "vector_store_file_batch_object", "vector_store_file_object",
        "DEMO_CHAT_ANSWER", "DEMO_MODELS", "chat_completion_object", "embedding_list_object", "install_api_demo",
        "model_object", "moderation_object", "response_object", "response_stream", "vector_store_object",
    ])  # fmt: skip
    assert all(hasattr(testing, name) for name in testing.__all__)


def test_base_url_is_loopback_with_v1_prefix(server: MockServer) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
    assert server.port > 0


def test_placeholders_match_one_segment_and_are_decoded(server: MockServer, client: httpx2.Client) -> None:
    route = server.route("POST", "/threads/{thread_id}/runs/{run_id}/cancel", JSONResponse({"ok": True}))

    response = client.post("/threads/thread%20A/runs/run_1/cancel")
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert route.requests[0].path_params == {"thread_id": "thread A", "run_id": "run_1"}
    assert server.requests[0].path_params == {"thread_id": "thread A", "run_id": "run_1"}

    # A placeholder never spans a '/', and the match is exact (no prefix, no suffix).
    assert client.post("/threads/a/b/runs/run_1/cancel").status_code == 404
    assert client.post("/threads/a/runs/run_1/cancel/extra").status_code == 404
    assert client.get("/threads/a/runs/run_1/cancel").status_code == 404  # method matters
    assert route.call_count == 1


def test_v1_prefix_is_optional_in_patterns_and_requests(server: MockServer) -> None:
    server.route("GET", "/v1/models", JSONResponse({"from": "pattern with /v1"}))
    with httpx2.Client(base_url=server.url) as root_client:
        assert root_client.get("/v1/models").json() == {"from": "pattern with /v1"}
        assert root_client.get("/models").json() == {"from": "pattern with /v1"}
    assert [request.path for request in server.requests] == ["/models", "/models"]
    assert [request.target for request in server.requests] == ["/v1/models", "/models"]


def test_literal_segments_beat_placeholders_and_newest_route_wins(server: MockServer, client: httpx2.Client) -> None:
    server.route("POST", "/threads/runs", JSONResponse({"route": "create_and_run"}))
    server.route("POST", "/threads/{thread_id}", JSONResponse({"route": "modify"}))
    assert client.post("/threads/runs").json() == {"route": "create_and_run"}
    assert client.post("/threads/thread_1").json() == {"route": "modify"}

    server.route("POST", "/threads/{thread_id}", JSONResponse({"route": "replaced"}))
    assert client.post("/threads/thread_1").json() == {"route": "replaced"}


def test_unmatched_request_gets_openai_shaped_404(client: httpx2.Client, server: MockServer) -> None:
    response = client.post("/no/such/thing?x=1", json={"a": 1})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error"
    assert error["param"] is None
    assert error["code"] == "not_found"
    assert "POST /v1/no/such/thing?x=1" in error["message"]
    assert server.requests[0].json() == {"a": 1}  # unmatched requests are recorded too


def test_sequence_answers_in_order_then_repeats_the_last(server: MockServer, client: httpx2.Client) -> None:
    server.route(
        "GET",
        "/models",
        [error_response(503, "overloaded"), error_response(429, "slow down"), JSONResponse({"data": []})],
    )
    statuses = [client.get("/models").status_code for _ in range(5)]
    assert statuses == [503, 429, 200, 200, 200]


def test_sequence_under_concurrent_calls_gives_each_response_once(server: MockServer) -> None:
    server.route("GET", "/n", [JSONResponse({"n": n}) for n in range(20)] + [JSONResponse({"n": "spare"})])
    results: list[object] = []
    lock = threading.Lock()

    def call() -> None:
        with httpx2.Client(base_url=server.base_url, timeout=5) as own_client:
            value = own_client.get("/n").json()["n"]
        with lock:
            results.append(value)

    threads = [threading.Thread(target=call) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=str) == sorted(range(20), key=str)
    assert len(server.requests) == 20


def test_function_responder_sees_the_request(server: MockServer, client: httpx2.Client) -> None:
    def echo(request: RecordedRequest) -> Response:
        return JSONResponse(
            {"thread": request.path_params["thread_id"], "body": request.json(), "limit": request.query["limit"]},
            status=201,
            headers={"x-custom": "yes"},
        )

    server.route("POST", "/threads/{thread_id}/messages", echo)
    response = client.post("/threads/thread_9/messages", params={"limit": 3}, json={"role": "user"})
    assert response.status_code == 201
    assert response.headers["x-custom"] == "yes"
    assert response.json() == {"thread": "thread_9", "body": {"role": "user"}, "limit": ["3"]}


def test_sequence_may_mix_functions_and_responses(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/x", [JSONResponse({"step": 1}), lambda request: JSONResponse({"step": request.query["s"]})])
    assert client.get("/x").json() == {"step": 1}
    assert client.get("/x", params={"s": "two"}).json() == {"step": ["two"]}


def test_bytes_response_and_custom_headers(server: MockServer, client: httpx2.Client) -> None:
    audio = bytes(range(256))
    server.route("POST", "/audio/speech", BytesResponse(audio, "audio/mpeg", headers={"x-request-id": "req_fixed"}))
    response = client.post("/audio/speech", json={"input": "hi"})
    assert response.content == audio
    assert response.headers["content-type"] == "audio/mpeg"
    assert response.headers["x-request-id"] == "req_fixed"  # overrides the generated one


def test_every_response_gets_a_request_id(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/models", JSONResponse({}))
    ids = {client.get("/models").headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3
    assert all(request_id.startswith("req_") for request_id in ids)


def test_responder_exception_becomes_500_and_is_recorded(server: MockServer, client: httpx2.Client) -> None:
    def broken(request: RecordedRequest) -> Response:
        raise ValueError("boom in responder")

    server.route("GET", "/broken", broken)
    response = client.get("/broken")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["type"] == "server_error"
    assert "ValueError: boom in responder" in error["message"]
    assert "Traceback (most recent call last)" in error["message"]

    [recorded] = server.errors
    assert isinstance(recorded.exception, ValueError)
    assert recorded.request is not None and recorded.request.path == "/broken"
    assert "boom in responder" in recorded.traceback
    # The server is still healthy afterwards.
    assert client.get("/broken").status_code == 500
    assert len(server.errors) == 2


def test_function_returning_a_non_response_is_a_500_naming_it(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/wrong", lambda request: {"not": "a response"})  # type: ignore[arg-type, return-value]
    response = client.get("/wrong")
    assert response.status_code == 500
    assert "must return a response" in response.json()["error"]["message"]
    assert isinstance(server.errors[0].exception, TypeError)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [("threads", "must start with '/'"), ("/threads/{id", "placeholder"), ("/a/{x}/{x}", "repeated")],
)
def test_bad_patterns_are_rejected_at_route_time(server: MockServer, pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        server.route("GET", pattern, JSONResponse({}))


def test_bad_responders_are_rejected_at_route_time(server: MockServer) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        server.route("GET", "/x", [])
    with pytest.raises(TypeError, match="not a response"):
        server.route("GET", "/x", {"a": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a response"):
        server.route("GET", "/x", JSONResponse)  # a class is callable, but not a responder


def test_responses_validate_when_built() -> None:
    with pytest.raises(ValueError, match="final HTTP status"):
        JSONResponse({}, status=100)
    with pytest.raises(TypeError):
        JSONResponse({"not serialisable": object()})
    with pytest.raises(ValueError, match="cut_mid_event=True needs drop_after"):
        SSEResponse([testing.SSEEvent("a"), testing.SSEEvent("b")], cut_mid_event=True)
    with pytest.raises(ValueError, match="drop_after must be between 0 and 1"):
        SSEResponse([testing.SSEEvent("a")], drop_after=2)
    with pytest.raises(ValueError, match="empty bytes"):
        SSEResponse([b""])
    with pytest.raises(ValueError, match="single line"):
        testing.SSEEvent("data", event="two\nlines")


def test_error_response_shape_and_default_types() -> None:
    rate_limited = error_response(429, "Rate limit reached", code="rate_limit_exceeded", headers={"retry-after": "1"})
    assert rate_limited.status == 429
    assert rate_limited.headers == {"retry-after": "1"}
    assert rate_limited.body == {
        "error": {
            "message": "Rate limit reached",
            "type": "invalid_request_error",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    }
    assert error_response(502, "bad gateway").body == {
        "error": {"message": "bad gateway", "type": "server_error", "param": None, "code": None}
    }


def test_lifecycle_errors_are_clear() -> None:
    server = MockServer()
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.base_url
    server.start()
    try:
        with pytest.raises(RuntimeError, match="already started"):
            server.start()
    finally:
        server.stop()
    server.stop()  # idempotent
