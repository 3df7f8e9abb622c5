"""The generated client against the local mock server over real HTTP: the exact request
that arrives (path, query, headers, body), and the typed object that comes back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from typed_openai import AsyncOpenAI, NotFoundError, OpenAI, APIError, UnknownStreamEvent
from typed_openai.testing import (
    BytesResponse,
    JSONResponse,
    MockServer,
    SSEEvent,
    SSEResponse,
    assistant_text_stream,
    error_response,
    list_object,
    run_object,
    thread_object,
)
from typed_openai.types import Run, Thread


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


@pytest.fixture
def client(server: MockServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test-e2e", base_url=server.base_url, max_retries=0) as c:
        yield c


def test_post_json_with_omitted_and_null_fields(server: MockServer, client: OpenAI) -> None:
    server.route("POST", "/threads/{thread_id}/runs", JSONResponse(run_object(id="run_1", thread_id="thread_1")))
    run = client.beta.threads.runs.create("thread_1", assistant_id="asst_1", instructions=None, include=["step_details.tool_calls[*].file_search.results[*].content"])
    assert isinstance(run, Run)
    assert run.id == "run_1" and run.thread_id == "thread_1"
    request = server.requests[-1]
    assert request.method == "POST" and request.path == "/threads/thread_1/runs"
    assert request.headers["OpenAI-Beta"] == "assistants=v2"
    assert request.headers["Authorization"] == "Bearer sk-test-e2e"
    assert request.query == {"include[]": ["step_details.tool_calls[*].file_search.results[*].content"]}
    # omitted arguments are not sent; an explicit None is sent as null
    assert request.json() == {"assistant_id": "asst_1", "instructions": None}


def test_get_and_delete(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/threads/{thread_id}", JSONResponse(thread_object(id="thread_9")))
    server.route("DELETE", "/threads/{thread_id}", JSONResponse({"id": "thread_9", "object": "thread.deleted", "deleted": True}))
    thread = client.beta.threads.retrieve("thread_9")
    assert isinstance(thread, Thread) and thread.id == "thread_9"
    deleted = client.beta.threads.delete("thread_9")
    assert deleted.deleted is True
    assert [(r.method, r.path) for r in server.requests] == [("GET", "/threads/thread_9"), ("DELETE", "/threads/thread_9")]
    assert "OpenAI-Beta" in server.requests[0].headers


def test_list_walks_three_pages(server: MockServer, client: OpenAI) -> None:
    pages = [
        list_object([run_object(id=f"run_{i}") for i in (1, 2)], has_more=True),
        list_object([run_object(id=f"run_{i}") for i in (3, 4)], has_more=True),
        list_object([run_object(id="run_5")], has_more=False),
    ]
    server.route("GET", "/threads/{thread_id}/runs", [JSONResponse(p) for p in pages])
    ids = [run.id for run in client.beta.threads.runs.list("thread_1", limit=2)]
    assert ids == ["run_1", "run_2", "run_3", "run_4", "run_5"]
    assert [r.query.get("after") for r in server.requests] == [None, ["run_2"], ["run_4"]]
    assert all(r.query["limit"] == ["2"] for r in server.requests)


def test_multipart_upload(server: MockServer, client: OpenAI, tmp_path: Path) -> None:
    server.route("POST", "/files", JSONResponse({
        "id": "file_1", "object": "file", "bytes": 5, "created_at": 1, "filename": "notes.jsonl",
        "purpose": "assistants", "status": "processed",
    }))
    path = tmp_path / "notes.jsonl"
    path.write_bytes(b"hello")
    uploaded = client.files.create(file=path, purpose="assistants")
    assert uploaded.id == "file_1"
    request = server.requests[-1]
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert request.form()["purpose"] == ["assistants"]
    (upload,) = request.files()["file"]
    assert upload.filename == "notes.jsonl" and upload.content == b"hello"


def test_binary_download(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/files/{file_id}/content", BytesResponse(b"\x00\x01binary", "application/octet-stream"))
    content = client.files.content("file_1")
    assert content.content == b"\x00\x01binary"


def test_status_errors_carry_the_api_message(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/threads/{thread_id}", error_response(404, "No thread found with id 'nope'.", code="not_found"))
    with pytest.raises(NotFoundError) as caught:
        client.beta.threads.retrieve("nope")
    assert caught.value.status_code == 404
    assert "No thread found" in caught.value.message
    assert "sk-test-e2e" not in str(caught.value)


def test_5xx_then_success_is_retried(server: MockServer) -> None:
    server.route("GET", "/threads/{thread_id}", [error_response(503, "overloaded"), JSONResponse(thread_object(id="t"))])
    with OpenAI(api_key="k", base_url=server.base_url, max_retries=2) as client:
        client._sleep = lambda seconds: None  # type: ignore[method-assign]  # no real backoff in tests
        assert client.beta.threads.retrieve("t").id == "t"
    assert len(server.requests) == 2


def test_assistant_stream_is_typed_by_event_name(server: MockServer, client: OpenAI) -> None:
    server.route("POST", "/threads/{thread_id}/runs", SSEResponse(assistant_text_stream("Hello there", chunk_size=4)))
    with client.beta.threads.runs.create("thread_1", assistant_id="asst_1", stream=True) as stream:
        events = list(stream)
    names = [e.event for e in events]
    assert names[0] == "thread.run.created" and names[-1] == "done"
    text = "".join(
        part.text.value
        for e in events if e.event == "thread.message.delta"
        for part in (e.data.delta.content or []) if part.type == "text" and part.text and part.text.value
    )
    assert text == "Hello there"
    assert server.requests[-1].json()["stream"] is True


def test_stream_error_event_raises_with_the_api_message(server: MockServer, client: OpenAI) -> None:
    events = assistant_text_stream("partial", chunk_size=3)[:4] + [
        SSEEvent(event="error", data='{"error": {"message": "The server had an error", "type": "server_error"}}')
    ]
    server.route("POST", "/threads/{thread_id}/runs", SSEResponse(events))
    received = []
    with pytest.raises(APIError, match="The server had an error"):
        for event in client.beta.threads.runs.create("thread_1", assistant_id="asst_1", stream=True):
            received.append(event.event)
    assert received == ["thread.run.created", "thread.run.queued", "thread.run.in_progress", "thread.run.step.created"]


def test_unknown_stream_event_is_kept(server: MockServer, client: OpenAI) -> None:
    events = [SSEEvent(event="thread.future.thing", data='{"x": 1}'), SSEEvent(event="done", data="[DONE]")]
    server.route("POST", "/threads/{thread_id}/runs", SSEResponse(events))
    got = list(client.beta.threads.runs.create("thread_1", assistant_id="asst_1", stream=True))
    assert isinstance(got[0], UnknownStreamEvent) and got[0].event == "thread.future.thing" and got[0].data == {"x": 1}


def test_async_client_create_and_paginate(server: MockServer) -> None:
    server.route("POST", "/threads/{thread_id}/runs", JSONResponse(run_object(id="run_a")))
    server.route("GET", "/threads/{thread_id}/runs", [
        JSONResponse(list_object([run_object(id="r1")], has_more=True)),
        JSONResponse(list_object([run_object(id="r2")], has_more=False)),
    ])

    async def main() -> tuple[str, list[str]]:
        async with AsyncOpenAI(api_key="k", base_url=server.base_url) as client:
            run = await client.beta.threads.runs.create("thread_1", assistant_id="asst_1")
            ids = [r.id async for r in client.beta.threads.runs.list("thread_1")]
            return run.id, ids

    assert asyncio.run(main()) == ("run_a", ["r1", "r2"])


def test_raw_response(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/threads/{thread_id}", JSONResponse(thread_object(id="t"), headers={"x-request-id": "req_1"}))
    raw = client.beta.threads.with_raw_response.retrieve("t")
    assert raw.status_code == 200 and raw.headers["x-request-id"] == "req_1"
    assert raw.parse().id == "t"


def test_empty_path_id_is_rejected_before_sending(server: MockServer, client: OpenAI) -> None:
    with pytest.raises(ValueError, match="thread_id"):
        client.beta.threads.retrieve("")
    assert server.requests == []
