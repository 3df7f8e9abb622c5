"""`responses.stream(response_id=..., starting_after=...)` (resuming a background
response over `GET /responses/{id}?stream=true`), `responses.with_raw_response.parse()`,
and what `parse()` refuses; against the mock over real HTTP and SSE, sync and async."""

from __future__ import annotations

import asyncio
from typing import Any

import pydantic
import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.responses import ParsedResponse
from typed_openai.testing import JSONResponse, MockServer, SSEResponse
from typed_openai.testing._response_streams import ResponseStreamBuilder, response_object


class Weather(pydantic.BaseModel):
    city: str
    temperature: float


ANSWER = '{"city":"SF","temperature":61}'


def _background_stream(server: MockServer) -> list[dict[str, Any]]:
    builder = ResponseStreamBuilder(id="resp_bg", chunk_size=5).message(ANSWER).completed()
    server.route("GET", "/responses/{response_id}", SSEResponse(builder.events()))
    return builder.raw()


def test_resuming_shows_the_events_after_starting_after_and_a_whole_final_response(server: MockServer) -> None:
    sent = _background_stream(server)
    resume_at = next(e["sequence_number"] for e in sent if e["type"] == "response.output_text.delta") + 1
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.responses.stream(response_id="resp_bg", starting_after=resume_at, text_format=Weather) as stream:
            seen = [(event.type, event.sequence_number) for event in stream]
            final = stream.get_final_response()
    assert seen == [(e["type"], e["sequence_number"]) for e in sent if e["sequence_number"] > resume_at]
    # the snapshot was built from the whole stream, the hidden events included
    assert final.output_text == ANSWER
    assert final.output_parsed == Weather(city="SF", temperature=61)
    (request,) = server.requests
    assert request.method == "GET" and request.path == "/responses/resp_bg"
    assert request.query["stream"] == ["true"]
    assert "starting_after" not in request.query  # read from the start; the stream hides the rest
    assert request.headers["x-stainless-helper-method"] == "responses.stream"


def test_resuming_without_starting_after_shows_every_event_async(server: MockServer) -> None:
    sent = _background_stream(server)

    async def run() -> tuple[list[int], Any]:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            async with client.responses.stream(response_id="resp_bg", include=["message.output_text.logprobs"]) as stream:
                numbers = [event.sequence_number async for event in stream]
                return numbers, await stream.get_final_response()

    numbers, final = asyncio.run(run())
    assert numbers == [e["sequence_number"] for e in sent]
    assert isinstance(final, ParsedResponse) and final.id == "resp_bg" and final.output_text == ANSWER
    assert server.requests[0].query["include"] == ["message.output_text.logprobs"]


def test_resuming_refuses_arguments_of_a_new_response(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(ValueError, match="`response_id` streams an existing response.*input, model"):
            client.responses.stream(response_id="resp_bg", model="gpt-4o", input="again")
        with pytest.raises(ValueError, match="`starting_after` resumes an existing response"):
            client.responses.stream(starting_after=3, model="gpt-4o", input="x")
    assert server.requests == []


def test_with_raw_response_parse(server: MockServer) -> None:
    output = [
        {"id": "msg_0", "type": "message", "role": "assistant", "status": "completed",
         "content": [{"type": "output_text", "text": ANSWER, "annotations": []}]},
    ]  # fmt: skip
    server.route("POST", "/responses", JSONResponse(response_object(status="completed", output=output), headers={"x-request-id": "req_r"}))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        raw = client.responses.with_raw_response.parse(model="gpt-4o", input="x", text_format=Weather)

    async def run() -> Any:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            return (await client.responses.with_raw_response.parse(model="gpt-4o", input="x", text_format=Weather)).parse()

    assert raw.request_id == "req_r" and raw.http_request.headers["x-stainless-helper-method"] == "responses.parse"
    assert raw.parse().output_parsed == Weather(city="SF", temperature=61)
    assert asyncio.run(run()).output_parsed == Weather(city="SF", temperature=61)
    assert server.requests[0].json()["text"]["format"]["name"] == "Weather"


def test_parse_refuses_to_stream_and_takes_stream_false(server: MockServer) -> None:
    server.route("POST", "/responses", JSONResponse(response_object(status="completed")))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(TypeError, match=r"does not stream: use `responses.stream"):
            client.responses.parse(model="gpt-4o", input="x", stream=True)
        assert server.requests == []
        client.responses.parse(model="gpt-4o", input="x", stream=False)
    assert "stream" not in server.requests[0].json()  # a plain create()
