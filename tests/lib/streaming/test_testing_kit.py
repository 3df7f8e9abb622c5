"""The testing kit users get: record a real stream once, replay it offline; build a
stream from typed events. Exercised through the event handler, as users would."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx2

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import (
    AsyncRecordingTransport,
    MockServer,
    RecordingTransport,
    SSEResponse,
    replay_file,
    sse_events,
)
from typed_openai.types import ThreadMessageDelta

from . import scenarios
from .recorder import RecordingHandler

RUNS = f"/threads/{scenarios.THREAD}/runs"


def _hooks_of(server: MockServer) -> RecordingHandler:
    handler = RecordingHandler()
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler) as s:
            s.until_done()
    return handler


def test_record_once_then_replay_gives_the_same_hooks(tmp_path: Path) -> None:
    with MockServer() as live:  # stands in for the real API
        live.route("POST", RUNS, SSEResponse(scenarios.code_interpreter()))
        recording = RecordingHandler()
        http = httpx2.Client(transport=RecordingTransport(tmp_path))
        with OpenAI(api_key="sk-test", base_url=live.base_url, http_client=http) as client:
            client.models  # a non-stream resource is untouched by the recorder
            with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=recording) as s:
                s.until_done()
    assert [p.name for p in tmp_path.iterdir()] == ["stream-001.sse"]

    with MockServer() as offline:
        offline.route("POST", RUNS, replay_file(tmp_path / "stream-001.sse"))
        replayed = _hooks_of(offline)
    assert replayed.calls == recording.calls and replayed.events == recording.events


def test_async_recording(tmp_path: Path) -> None:
    with MockServer() as live:
        live.route("POST", RUNS, SSEResponse(scenarios.text_with_annotations()))

        async def main() -> None:
            http = httpx2.AsyncClient(transport=AsyncRecordingTransport(tmp_path))
            async with AsyncOpenAI(api_key="sk-test", base_url=live.base_url, http_client=http) as client:
                async with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a") as s:
                    await s.until_done()

        asyncio.run(main())
    recorded = (tmp_path / "stream-001.sse").read_bytes()
    assert recorded.startswith(b"event: thread.run.created\n") and recorded.endswith(b"data: [DONE]\n\n")


def test_a_replay_can_carry_faults(tmp_path: Path) -> None:
    path = tmp_path / "run.sse"
    path.write_bytes(b"".join(event.encode() for event in scenarios.text_with_annotations()))
    with MockServer() as offline:
        offline.route("POST", RUNS, replay_file(path, drop_after=5))
        handler = RecordingHandler()
        with OpenAI(api_key="sk-test", base_url=offline.base_url, max_retries=0) as client:
            try:
                with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler) as s:
                    s.until_done()
            except Exception as exc:  # noqa: BLE001 -- the kind is checked below
                error: Exception | None = exc
            else:
                error = None
    assert error is not None and handler.calls[-1] == ("end",)


def test_typed_events_become_the_stream_the_api_would_send() -> None:
    # Parse the scenario's events into typed models, then send those models back.
    with MockServer() as source:
        source.route("POST", RUNS, SSEResponse(scenarios.two_messages_one_with_image()))
        with OpenAI(api_key="sk-test", base_url=source.base_url) as client:
            with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a") as s:
                typed = list(s)
    assert any(isinstance(e, ThreadMessageDelta) for e in typed)
    with MockServer() as built:
        built.route("POST", RUNS, SSEResponse(sse_events(typed)))
        from_typed = _hooks_of(built)
    with MockServer() as original:
        original.route("POST", RUNS, SSEResponse(scenarios.two_messages_one_with_image()))
        from_original = _hooks_of(original)
    assert from_typed.calls == from_original.calls
