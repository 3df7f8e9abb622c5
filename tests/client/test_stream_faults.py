"""Faults in a stream, over real sockets: what the user sees for each. Always a documented
exception from the package (the raw httpx2/json error kept as `__cause__`), never a silent
truncation, and every event that arrived before the fault is delivered first."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest

from typed_openai import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncOpenAI,
    OpenAI,
    StreamEventTooLargeError,
)
from typed_openai.testing import MockServer, SSEEvent, SSEResponse, assistant_text_stream, chat_completion_stream

CHAT = "/chat/completions"
RUNS = "/threads/thread_abc123/runs"
MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


@pytest.fixture
def client(server: MockServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as c:
        yield c


def _chat_events(client: OpenAI, seen: list[object]) -> None:
    for chunk in client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True):  # type: ignore[list-item]  # plain dicts as users write them
        seen.append(chunk)


def test_invalid_json_in_a_data_line(server: MockServer, client: OpenAI) -> None:
    good = chat_completion_stream("Hello there", chunk_size=5)[:2]
    server.route("POST", CHAT, SSEResponse([*good, SSEEvent('{"id": "chatcmpl-1", "choices": [')]))
    seen: list[object] = []
    with pytest.raises(APIResponseValidationError, match="not JSON") as caught:
        _chat_events(client, seen)
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)
    assert len(seen) == 2  # what arrived before the fault was delivered


def test_invalid_json_for_a_known_assistant_event(server: MockServer, client: OpenAI) -> None:
    server.route("POST", RUNS, SSEResponse([SSEEvent("{oops", event="thread.run.created")]))
    with pytest.raises(APIResponseValidationError, match="not JSON"):
        list(client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True))


def test_a_json_body_instead_of_a_stream(server: MockServer, client: OpenAI) -> None:
    from typed_openai.testing import JSONResponse

    server.route("POST", CHAT, JSONResponse({"id": "chatcmpl-1", "object": "chat.completion"}))
    with pytest.raises(APIResponseValidationError, match="Expected a text/event-stream response, got 'application/json'"):
        _chat_events(client, [])


def test_an_oversized_event_is_refused_with_a_typed_error(server: MockServer) -> None:
    huge = SSEEvent(json.dumps({"id": "c", "object": "chat.completion.chunk", "x": "y" * 5000}))
    split = huge.encode()
    chunks = [split[i : i + 700] for i in range(0, len(split), 700)]  # arrives in pieces
    server.route("POST", CHAT, SSEResponse([*chat_completion_stream("Hi", chunk_size=1)[:1], *chunks]))
    seen: list[object] = []
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, max_stream_event_bytes=4096) as small:
        with pytest.raises(StreamEventTooLargeError, match="4,096 bytes"):
            _chat_events(small, seen)
    assert len(seen) == 1


def test_max_stream_event_bytes_is_checked_and_kept_by_copies() -> None:
    with pytest.raises(ValueError, match="max_stream_event_bytes"):
        OpenAI(api_key="sk-test", max_stream_event_bytes=0)
    with OpenAI(api_key="sk-test", max_stream_event_bytes=10_000) as client:
        assert client.with_options(max_retries=1).max_stream_event_bytes == 10_000


def test_an_assistant_stream_that_ends_cleanly_without_done(server: MockServer, client: OpenAI) -> None:
    events = assistant_text_stream("Hello", chunk_size=2)[:-2]  # no run completion, no done
    server.route("POST", RUNS, SSEResponse(events))
    seen: list[object] = []
    with pytest.raises(APIConnectionError, match="before its `done` event"):
        for event in client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True):
            seen.append(event)
    assert len(seen) == len(events)


def test_a_bom_at_the_start_loses_nothing(server: MockServer, client: OpenAI) -> None:
    events = assistant_text_stream("Hello", chunk_size=2)
    first = b"\xef\xbb\xbf" + events[0].encode()
    server.route("POST", RUNS, SSEResponse([first, *events[1:]]))
    got = list(client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True))
    assert len(got) == len(events) and got[0].event == "thread.run.created"


def test_invalid_utf8_is_replaced_not_fatal(server: MockServer, client: OpenAI) -> None:
    chunk = json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []})
    broken = ("data: " + chunk.replace('"m"', '"m\\u0000"')).encode().replace(b"\\u0000", b"\xff") + b"\n\n"
    server.route("POST", CHAT, SSEResponse([broken, SSEEvent("[DONE]")]))
    seen: list[object] = []
    _chat_events(client, seen)
    assert len(seen) == 1 and getattr(seen[0], "model") == "m\ufffd"


def test_a_cut_mid_event_raises_with_the_transport_error_as_cause(server: MockServer, client: OpenAI) -> None:
    events = assistant_text_stream("Hello world", chunk_size=2)
    server.route("POST", RUNS, SSEResponse(events, drop_after=4, cut_mid_event=True))
    seen: list[object] = []
    with pytest.raises(APIConnectionError) as caught:
        for event in client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True):
            seen.append(event)
    assert caught.value.__cause__ is not None and len(seen) == 4


def test_async_wrong_content_type_and_missing_done(server: MockServer) -> None:
    from typed_openai.testing import BytesResponse

    server.route("POST", CHAT, BytesResponse(b"<html>proxy error</html>", headers={"content-type": "text/html"}))
    server.route("POST", RUNS, SSEResponse(assistant_text_stream("Hi")[:3]))

    async def main() -> None:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)  # type: ignore[list-item]  # plain dicts
            with pytest.raises(APIResponseValidationError, match="proxy error"):
                async for _ in stream:
                    pass
            runs = await client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True)
            with pytest.raises(APIConnectionError, match="before its `done` event"):
                async for _ in runs:
                    pass

    asyncio.run(main())


def test_a_5xx_burst_and_a_429_then_the_stream(server: MockServer) -> None:
    from typed_openai.testing import error_response

    server.route("POST", RUNS, [
        error_response(503, "busy"),
        error_response(502, "bad gateway"),
        error_response(429, "slow down", headers={"retry-after": "2"}),
        SSEResponse(assistant_text_stream("Hello", chunk_size=2)),
    ])
    slept: list[float] = []
    client = OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=3)
    client._sleep = slept.append
    with client:
        events = list(client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True))
    assert events[-1].event == "done"
    assert len(slept) == 3 and slept[2] == 2.0  # backoff twice, then the server's retry-after
    assert len(server.requests) == 4
