"""What a handler sees when a stream goes wrong: the error reaches `on_exception` (and
`on_timeout`), `on_end` fires once, what arrived before the fault stays readable, and
nothing partial is passed off as final."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from typed_openai import APIConnectionError, APIError, APITimeoutError, AssistantEventHandler, OpenAI, UnknownStreamEvent
from typed_openai.testing import Gate, MockServer, SSEEvent, SSEResponse, Stall

from . import scenarios
from .conftest import Player
from .recorder import AsyncRecordingHandler, RecordingHandler

ERROR_EVENT = SSEEvent.from_json(
    {"code": "server_error", "message": "The model is overloaded, try again."}, event="error"
)


def _upto_first_delta() -> list[SSEEvent]:
    events = scenarios.text_with_annotations()
    first_delta = next(i for i, e in enumerate(events) if e.event == "thread.message.delta")
    return events[: first_delta + 1]


def test_an_error_event_raises_with_the_api_message_and_reaches_on_exception(play: Player) -> None:
    played = play([*_upto_first_delta(), ERROR_EVENT])
    assert isinstance(played.error, APIError)
    assert "The model is overloaded, try again." in str(played.error)
    assert played.calls[-2:] == [("exception", ("APIError", str(played.error))), ("end",)]
    # everything before the error was delivered
    assert ("text_delta", ("text_delta", "See the notes"), ("text", "See the notes", 0)) in played.calls


def test_an_unknown_event_reaches_on_event_and_iteration_as_unknown(server: MockServer) -> None:
    events = scenarios.text_with_annotations()
    events.insert(3, SSEEvent.from_json({"id": "x_1", "novel": True}, event="thread.run.novelty"))
    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(events))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        handler = RecordingHandler()
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler) as stream:
            iterated = list(stream)
    unknown = [e for e in iterated if isinstance(e, UnknownStreamEvent)]
    assert len(unknown) == 1
    assert unknown[0].event == "thread.run.novelty" and unknown[0].data == {"id": "x_1", "novel": True}
    assert "thread.run.novelty" in handler.events
    assert ("text_done", ("text", "See the notes for x. 【4:0†notes.txt】", 1)) in handler.calls


def test_an_unknown_content_type_is_kept_not_crashed_on(play: Player) -> None:
    events = scenarios.text_with_annotations()
    at = next(i for i, e in enumerate(events) if e.event == "thread.message.delta")
    events.insert(at, scenarios.message_delta("msg_1", [{"index": 1, "type": "hologram", "hologram": {"id": "h"}}]))
    played = play(events)
    assert played.error is None
    (message,) = played.messages  # the final message from the server is authoritative
    assert message.status == "completed"


def test_a_dropped_connection_raises_and_keeps_what_arrived(play: Player) -> None:
    events = scenarios.text_with_annotations()
    cut = next(i for i, e in enumerate(events) if e.event == "thread.message.delta") + 2
    played = play(SSEResponse(events, drop_after=cut, cut_mid_event=True))
    assert isinstance(played.error, APIConnectionError)
    assert played.calls[-2][0] == "exception" and played.calls[-1] == ("end",)
    assert played.calls.count(("end",)) == 1
    # the text so far reached the hooks; `text_done` never pretended it was finished
    assert ("text_delta", ("text_delta", " for x. "), ("text", "See the notes for x. ", 0)) in played.calls
    assert not any(call[0] == "text_done" for call in played.calls)


def test_a_stream_that_ends_without_done_is_an_error_not_a_result(play: Player) -> None:
    events = scenarios.text_with_annotations()
    played = play(events[:-3])  # no step completion, run completion or `done`
    assert isinstance(played.error, APIConnectionError)
    assert "before its `done` event" in str(played.error)
    assert played.run is None  # get_final_run() raised instead of returning the in-progress run


def test_a_bare_done_line_ends_the_stream_as_its_done_event_does(play: Player) -> None:
    events = scenarios.text_with_annotations()
    assert events[-1] == scenarios.DONE
    played = play([*events[:-1], SSEEvent("[DONE]")])  # `data: [DONE]` with no `event:` line
    assert played.error is None
    assert played.run is not None and played.run.status == "completed"
    assert played.calls[-1] == ("end",) and played.calls.count(("end",)) == 1


def test_a_read_timeout_reaches_on_timeout_then_on_exception(play: Player) -> None:
    events = _upto_first_delta()
    played = play(_stalling(events), timeout=0.5)
    assert isinstance(played.error, APITimeoutError)
    assert [c[0] for c in played.calls[-3:]] == ["timeout", "exception", "end"]


def _stalling(events: list[SSEEvent]) -> SSEResponse:
    """The events, then silence: the gate is never opened (the server drops it at shutdown)."""
    return SSEResponse([*events, Gate(), scenarios.DONE])


def test_a_timeout_before_the_stream_reaches_on_timeout(play: Player, server: MockServer) -> None:
    played = play(Stall(5.0), timeout=0.3)
    assert isinstance(played.error, APITimeoutError)
    assert played.calls == [("timeout",), ("exception", ("APITimeoutError", str(played.error))), ("end",)]


def test_on_end_fires_once_when_leaving_the_block_early(server: MockServer) -> None:
    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(scenarios.text_with_annotations()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        handler = RecordingHandler()
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler) as stream:
            for event in stream:
                if event.event == "thread.message.delta":
                    break
            snapshot = stream.current_message_snapshot()
        assert handler.calls[-1] == ("end",) and handler.calls.count(("end",)) == 1
        assert snapshot is not None and snapshot.content[0].text.value == "See the notes"  # type: ignore[union-attr]


def test_reusing_a_handler_says_what_to_do(server: MockServer) -> None:
    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(scenarios.text_with_annotations()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        handler = AssistantEventHandler()
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler) as stream:
            stream.until_done()
        with pytest.raises(RuntimeError, match="create a new instance for each stream"):
            with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler):
                pass
    assert len(server.requests) == 1  # the second request was never sent


def test_snapshots_handed_to_hooks_are_not_changed_afterwards(server: MockServer) -> None:
    kept: list[tuple[Any, str]] = []

    class Keeper(AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            kept.append((snapshot, snapshot.value))

        def on_message_delta(self, delta: Any, snapshot: Any) -> None:
            kept.append((snapshot, snapshot.content[0].text.value))

    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(scenarios.text_with_annotations()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=Keeper()) as stream:
            stream.until_done()
    assert len(kept) == 6
    for snapshot, value_then in kept:
        now = snapshot.value if hasattr(snapshot, "value") else snapshot.content[0].text.value
        assert now == value_then


def test_current_readers_are_methods_and_the_property_spelling_explains(server: MockServer) -> None:
    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(scenarios.text_with_annotations()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a") as stream:
            stream.until_done()
            run = stream.current_run()
            assert run is not None and run.status == "completed"
            event = stream.current_event()
            assert event is not None and event.event == "done"
            step = stream.current_run_step_snapshot()
            assert step is not None and step.status == "completed"
            with pytest.raises(AttributeError, match=r"call `handler.current_run\(\)`"):
                stream.current_run.status  # type: ignore[attr-defined]  # the misuse under test


def test_async_error_event(server: MockServer) -> None:
    from typed_openai import AsyncOpenAI

    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse([*_upto_first_delta(), ERROR_EVENT]))

    async def main() -> list[tuple[Any, ...]]:
        handler = AsyncRecordingHandler()
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            with pytest.raises(APIError, match="overloaded"):
                async with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=handler) as stream:
                    async for _text in stream.text_deltas:
                        pass
            with pytest.raises(APIError, match="overloaded"):
                await stream.get_final_messages()  # the failure is remembered, not replaced by partial output
        return handler.calls

    calls = asyncio.run(main())
    assert [c[0] for c in calls[-2:]] == ["exception", "end"]
