"""Typed SSE streams over real HTTP: named and data framing, errors, unknown events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Union, cast

import pytest
from pydantic import Field
from typing_extensions import TypeAliasType

from typed_openai._core import (
    APIConnectionError,
    APIError,
    AsyncAPIClient,
    BaseModel,
    RequestSpec,
    Stream,
    SyncAPIClient,
    UnknownStreamEvent,
)

if TYPE_CHECKING:
    from conftest import MockServer

SPEC = RequestSpec(method="post", path="/threads/runs", json_body={"stream": True})


class Run(BaseModel):
    id: str
    status: str


class RunCreated(BaseModel):
    event: Literal["thread.run.created"]
    data: Run


class RunCompleted(BaseModel):
    event: Literal["thread.run.completed"]
    data: Run


class Done(BaseModel):
    event: Literal["done"]
    data: Literal["[DONE]"]


AssistantEvent = TypeAliasType(
    "AssistantEvent",
    Annotated[Union[RunCreated, RunCompleted, Done], Field(discriminator="event")],
)


class Chunk(BaseModel):
    id: str
    delta: str


class TextDelta(BaseModel):
    type: Literal["response.output_text.delta"]
    delta: str


class Completed(BaseModel):
    type: Literal["response.completed"]


ResponseEvent = TypeAliasType(
    "ResponseEvent", Annotated[Union[TextDelta, Completed], Field(discriminator="type")]
)


# Generated code passes union aliases like this: a TypeAliasType is not a `type` to checkers.
ASSISTANT_EVENTS = cast("type[RunCreated | RunCompleted | Done]", AssistantEvent)
RESPONSE_EVENTS = cast("type[TextDelta | Completed]", ResponseEvent)


def named(event: str, data: str) -> bytes:
    return f"event: {event}\ndata: {data}\n\n".encode()


RUN = '{"id": "run_1", "status": "queued"}'


def test_named_framing(server: MockServer, client: SyncAPIClient) -> None:
    server.sse(
        [
            named("thread.run.created", RUN),
            b": keep-alive\n\n",
            named("thread.run.completed", '{"id": "run_1", "status": "completed"}'),
            named("done", "[DONE]"),
            named("thread.run.created", RUN),  # after done: never read
        ]
    )
    stream = client.request_stream(SPEC, event_type=ASSISTANT_EVENTS, framing="named")
    assert isinstance(stream, Stream)
    events = list(stream)
    assert [type(e) for e in events] == [RunCreated, RunCompleted, Done]
    assert isinstance(events[1], RunCompleted) and events[1].data.status == "completed"
    assert stream.response.is_closed
    assert server.requests[0].json() == {"stream": True}


def test_named_unknown_event_is_kept(server: MockServer, client: SyncAPIClient) -> None:
    server.sse(
        named("thread.run.created", RUN)
        + named("thread.run.teleported", '{"id": "run_1", "where": "mars"}')
        + named("thread.run.mood", "not json")
        + named("done", "[DONE]")
    )
    events: list[object] = list(
        client.request_stream(SPEC, event_type=ASSISTANT_EVENTS, framing="named")
    )
    assert isinstance(events[0], RunCreated)
    assert events[1] == UnknownStreamEvent(
        event="thread.run.teleported", data={"id": "run_1", "where": "mars"}
    )
    assert events[2] == UnknownStreamEvent(event="thread.run.mood", data="not json")
    assert isinstance(events[3], Done)


def test_named_known_event_with_new_fields_and_values(
    server: MockServer, client: SyncAPIClient
) -> None:
    # A known event whose data breaks today's schema is still delivered, typed, not dropped.
    server.sse(
        named("thread.run.created", '{"id": "r", "status": 7, "new_field": [1]}')
        + named("done", "[DONE]")
    )
    (event, _done) = list(
        client.request_stream(SPEC, event_type=ASSISTANT_EVENTS, framing="named")
    )
    assert isinstance(event, RunCreated)
    assert event.data.status == 7  # type: ignore[comparison-overlap]  # lenient: not a str
    assert event.data.model_extra == {"new_field": [1]}


def test_named_error_event_raises_after_earlier_events(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.sse(
        [
            named("thread.run.created", RUN),
            named(
                "error",
                '{"error": {"message": "The server had an error", "code": "server_error"}}',
            )
            + named("thread.run.created", RUN),
        ]
    )
    stream = client.request_stream(SPEC, event_type=ASSISTANT_EVENTS, framing="named")
    received: list[object] = []
    with pytest.raises(APIError) as info:
        for event in stream:
            received.append(event)
    assert len(received) == 1 and isinstance(received[0], RunCreated)
    assert info.value.message == "The server had an error"
    assert info.value.code == "server_error"
    assert stream.response.is_closed


def test_named_error_event_with_bare_error_object(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.sse(named("error", '{"message": "bad thing", "type": "server_error"}'))
    with pytest.raises(APIError, match="bad thing") as info:
        list(client.request_stream(SPEC, event_type=ASSISTANT_EVENTS, framing="named"))
    assert info.value.type == "server_error"


def test_data_framing_with_done(server: MockServer, client: SyncAPIClient) -> None:
    server.sse(
        [
            b'data: {"id": "c1", "delta": "Hel"}\n\n',
            b'data: {"id": "c1", ',
            b'"delta": "lo"}\r\n\r\n',
            b"data: [DONE]\n\n",
            b'data: {"id": "c1", "delta": "never"}\n\n',
        ]
    )
    with client.request_stream(SPEC, event_type=Chunk, framing="data") as stream:
        deltas = [chunk.delta for chunk in stream]
    assert deltas == ["Hel", "lo"]
    assert stream.response.is_closed


def test_data_framing_union_with_event_lines_and_unknown_type(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.sse(
        named(
            "response.output_text.delta",
            '{"type": "response.output_text.delta", "delta": "a"}',
        )
        + named("response.reasoning.new", '{"type": "response.reasoning.new", "x": 1}')
        + named("response.completed", '{"type": "response.completed"}')
    )
    events: list[object] = list(
        client.request_stream(SPEC, event_type=RESPONSE_EVENTS, framing="data")
    )
    assert isinstance(events[0], TextDelta)
    assert events[1] == UnknownStreamEvent(
        event="response.reasoning.new", data={"type": "response.reasoning.new", "x": 1}
    )
    assert isinstance(events[2], Completed)


def test_data_framing_error_key_raises(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.sse(
        b'data: {"id": "c1", "delta": "x"}\n\ndata: {"error": {"message": "rate limited mid-stream"}}\n\n'
    )
    stream = client.request_stream(SPEC, event_type=Chunk, framing="data")
    assert next(stream).delta == "x"
    with pytest.raises(APIError, match="rate limited mid-stream"):
        next(stream)


def test_data_framing_error_event_raises(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.sse(named("error", '{"type": "error", "message": "boom"}'))
    with pytest.raises(APIError, match="boom"):
        list(client.request_stream(SPEC, event_type=Chunk, framing="data"))


def test_dropped_connection_mid_stream(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(
        200,
        body=b'data: {"id": "c", "delta": "a"}\n\n',
        headers={"Content-Type": "text/event-stream"},
        truncate=True,
    )
    stream = client.request_stream(SPEC, event_type=Chunk, framing="data")
    assert next(stream).delta == "a"
    with pytest.raises(APIConnectionError):
        next(stream)
    assert stream.response.is_closed


def test_stream_ending_without_done_just_stops(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.sse(
        b'data: {"id": "c", "delta": "a"}\n\ndata: {"id": "c", "delta": "unterminated"}'
    )
    assert [
        c.delta for c in client.request_stream(SPEC, event_type=Chunk, framing="data")
    ] == ["a"]


def test_close_early_closes_response(server: MockServer, client: SyncAPIClient) -> None:
    server.sse(
        [b'data: {"id": "c", "delta": "a"}\n\n', b'data: {"id": "c", "delta": "b"}\n\n']
    )
    stream = client.request_stream(SPEC, event_type=Chunk, framing="data")
    assert next(stream).delta == "a"
    stream.close()
    assert stream.response.is_closed
    assert list(stream) == []


def test_http_error_before_stream_raises_status_error(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(400, {"error": {"message": "bad stream request"}})
    with pytest.raises(APIError, match="bad stream request"):
        client.request_stream(SPEC, event_type=Chunk, framing="data")


def test_stream_retried_on_503(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(503)
    server.sse(b'data: {"id": "c", "delta": "a"}\n\ndata: [DONE]\n\n')
    assert [
        c.delta for c in client.request_stream(SPEC, event_type=Chunk, framing="data")
    ] == ["a"]


@pytest.mark.anyio
async def test_async_named_stream(server: MockServer, aclient: AsyncAPIClient) -> None:
    server.sse(
        [
            named("thread.run.created", RUN),
            named("thread.run.unknown", "{}"),
            named("done", "[DONE]"),
        ]
    )
    stream = await aclient.request_stream(
        SPEC, event_type=ASSISTANT_EVENTS, framing="named"
    )
    async with stream:
        events: list[object] = [event async for event in stream]
    assert isinstance(events[0], RunCreated)
    assert events[1] == UnknownStreamEvent(event="thread.run.unknown", data={})
    assert isinstance(events[2], Done)
    assert stream.response.is_closed


@pytest.mark.anyio
async def test_async_data_stream_error(
    server: MockServer, aclient: AsyncAPIClient
) -> None:
    server.sse(
        [
            b'data: {"id": "c", "delta": "a"}\n\n',
            b'event: error\ndata: {"error": {"message": "late failure"}}\n\n',
        ]
    )
    stream = await aclient.request_stream(SPEC, event_type=Chunk, framing="data")
    received: list[str] = []
    with pytest.raises(APIError, match="late failure"):
        async for chunk in stream:
            received.append(chunk.delta)
    assert received == ["a"]
    assert stream.response.is_closed


@pytest.mark.anyio
async def test_async_stream_aclose(server: MockServer, aclient: AsyncAPIClient) -> None:
    server.sse(
        [b'data: {"id": "c", "delta": "a"}\n\n', b'data: {"id": "c", "delta": "b"}\n\n']
    )
    stream = await aclient.request_stream(SPEC, event_type=Chunk, framing="data")
    assert (await stream.__anext__()).delta == "a"
    await stream.aclose()
    assert stream.response.is_closed
