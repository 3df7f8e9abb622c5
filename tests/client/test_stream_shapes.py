"""A stream event whose JSON is valid but of the wrong shape for its name raises
`APIResponseValidationError` after the events before it (a newer value, such as an
unknown status, is still let through); and a final result asked of a stream that was
left early or interrupted raises `StreamNotFinishedError` instead of passing the
incomplete run off as final. Over real sockets, sync and async."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest

from typed_openai import (
    APIResponseValidationError,
    AssistantEventHandler,
    AsyncAssistantEventHandler,
    AsyncOpenAI,
    OpenAI,
    StreamNotFinishedError,
)
from typed_openai.testing import MockServer, SSEEvent, SSEResponse, assistant_text_stream, chat_completion_stream

RUNS = "/threads/thread_abc123/runs"
CHAT = "/chat/completions"
MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


def _wrong_delta() -> SSEEvent:
    return SSEEvent(json.dumps({"id": "msg_abc123", "object": "thread.message.delta", "delta": "oops"}), event="thread.message.delta")


class Recorder(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.errors: list[Exception] = []

    def on_event(self, event: object) -> None:
        self.names.append(getattr(event, "event", "?"))

    def on_exception(self, exception: Exception) -> None:
        self.errors.append(exception)


def test_a_wrong_shape_assistant_event_raises_after_the_events_before_it(server: MockServer) -> None:
    events = assistant_text_stream("Hello there", chunk_size=4)
    before = events[:7]  # up to thread.message.in_progress
    server.route("POST", RUNS, SSEResponse([*before, _wrong_delta(), *events[7:]]))
    handler = Recorder()
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match="thread.message.delta.*delta") as caught:
            with client.beta.threads.runs.stream(thread_id="thread_abc123", assistant_id="a", event_handler=handler) as stream:
                stream.until_done()
    assert len(handler.names) == len(before)
    assert handler.errors == [caught.value]
    assert caught.value.body == json.dumps({"id": "msg_abc123", "object": "thread.message.delta", "delta": "oops"})


def test_a_newer_value_is_not_a_wrong_shape(server: MockServer) -> None:
    events = assistant_text_stream("Hi", chunk_size=4)
    created = json.loads(events[0].data)
    created["status"] = "a_status_from_a_newer_api"
    server.route("POST", RUNS, SSEResponse([SSEEvent(json.dumps(created), event="thread.run.created"), *events[1:]]))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        received = list(client.beta.threads.runs.create("thread_abc123", assistant_id="a", stream=True))
    assert len(received) == len(events)
    assert getattr(received[0].data, "status", None) == "a_status_from_a_newer_api"


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("chunk", [{"id": "c", "object": "chat.completion.chunk"}, {"id": "c", "choices": "no"}], ids=["no choices", "choices not a list"])
def test_a_wrong_shape_chat_chunk_raises_after_the_chunks_before_it(server: MockServer, mode: str, chunk: dict[str, str]) -> None:
    good = chat_completion_stream("Hello there", chunk_size=5)[:2]
    server.route("POST", CHAT, SSEResponse([*good, SSEEvent(json.dumps(chunk))]))
    seen: list[object] = []
    with pytest.raises(APIResponseValidationError, match="shape"):
        if mode == "sync":
            with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
                for item in client.chat.completions.create(model="m", messages=MESSAGES, stream=True):  # type: ignore[arg-type] # plain dicts, as users pass them
                    seen.append(item.choices)
        else:

            async def main() -> None:
                async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
                    stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)  # type: ignore[arg-type] # as above
                    async for item in stream:
                        seen.append(item.choices)

            asyncio.run(main())
    assert len(seen) == 2


def test_finals_after_a_break_raise(server: MockServer) -> None:
    server.route("POST", RUNS, SSEResponse(assistant_text_stream("Hello there", chunk_size=4)))
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with client.beta.threads.runs.stream(thread_id="thread_abc123", assistant_id="a") as stream:
            for event in stream:
                if event.event == "thread.run.in_progress":
                    break
        with pytest.raises(StreamNotFinishedError, match="did not finish"):
            stream.get_final_run()
        with pytest.raises(StreamNotFinishedError):
            stream.get_final_messages()
    run = stream.current_run()  # what arrived is still shown
    assert run is not None and run.status == "in_progress"


def test_finals_after_a_keyboard_interrupt_in_a_hook_raise(server: MockServer) -> None:
    server.route("POST", RUNS, SSEResponse(assistant_text_stream("Hello there", chunk_size=4)))

    class Interrupted(AssistantEventHandler):
        def on_text_delta(self, delta: object, snapshot: object) -> None:
            raise KeyboardInterrupt

    handler = Interrupted()
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(KeyboardInterrupt):
            with client.beta.threads.runs.stream(thread_id="thread_abc123", assistant_id="a", event_handler=handler) as stream:
                stream.until_done()
    with pytest.raises(StreamNotFinishedError):
        handler.get_final_run()


def test_async_finals_after_a_cancellation_in_a_hook_raise(server: MockServer) -> None:
    server.route("POST", RUNS, SSEResponse(assistant_text_stream("Hello there", chunk_size=4)))

    class Cancelled(AsyncAssistantEventHandler):
        async def on_text_delta(self, delta: object, snapshot: object) -> None:
            raise asyncio.CancelledError

    handler = Cancelled()

    async def main() -> None:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url) as client:
            with pytest.raises(asyncio.CancelledError):
                async with client.beta.threads.runs.stream(thread_id="thread_abc123", assistant_id="a", event_handler=handler) as stream:
                    await stream.until_done()
            with pytest.raises(StreamNotFinishedError):
                await handler.get_final_run()

    asyncio.run(main())


def test_a_complete_stream_still_gives_its_finals(server: MockServer) -> None:
    server.route("POST", RUNS, SSEResponse(assistant_text_stream("Hello there", chunk_size=4)))
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with client.beta.threads.runs.stream(thread_id="thread_abc123", assistant_id="a") as stream:
            for _event in stream:
                pass
        assert stream.get_final_run().status == "completed"
