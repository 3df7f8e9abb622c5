"""`responses.stream()` and `responses.parse()` over real SSE from the mock: the exact
events, the final response, and the fault rules, sync and async."""

from __future__ import annotations

import asyncio
from typing import Any

import pydantic
import pytest

from typed_openai import APIConnectionError, APIError, AsyncOpenAI, OpenAI, pydantic_function_tool
from typed_openai.lib.responses import ParsedResponseFunctionToolCall, ParsedResponseOutputMessage
from typed_openai.testing import JSONResponse, MockServer, SSEEvent, SSEResponse
from typed_openai.testing._response_streams import ResponseStreamBuilder, response_object


class Weather(pydantic.BaseModel):
    city: str
    temperature: float


class GetWeather(pydantic.BaseModel):
    city: str


def _summary(event: Any) -> tuple[Any, ...]:
    if event.type == "response.output_text.delta":
        return (event.type, event.delta, event.snapshot)
    if event.type == "response.output_text.done":
        return (event.type, event.text, event.parsed)
    if event.type == "response.function_call_arguments.delta":
        return (event.type, event.delta, event.snapshot)
    return (event.type,)


def play(server: MockServer, events: list[SSEEvent], **params: Any) -> tuple[list[Any], Any, BaseException | None]:
    server.route("POST", "/responses", SSEResponse(events))
    seen: list[Any] = []
    final: Any = None
    error: BaseException | None = None
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        try:
            with client.responses.stream(model="gpt-4o", input="Weather in SF?", **params) as stream:
                for event in stream:
                    seen.append(event)
                final = stream.get_final_response()
        except Exception as exc:
            error = exc

    async def run_async() -> tuple[list[Any], Any, BaseException | None]:
        async_seen: list[Any] = []
        async_final: Any = None
        async_error: BaseException | None = None
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            try:
                async with client.responses.stream(model="gpt-4o", input="Weather in SF?", **params) as stream:
                    async for event in stream:
                        async_seen.append(event)
                    async_final = await stream.get_final_response()
            except Exception as exc:
                async_error = exc
        return async_seen, async_final, async_error

    async_seen, async_final, async_error = asyncio.run(run_async())
    assert [_summary(e) for e in async_seen] == [_summary(e) for e in seen]
    assert type(async_error) is type(error)
    if final is not None:
        assert async_final.model_dump() == final.model_dump()
    return seen, final, error


def test_text_events_and_final(server: MockServer) -> None:
    events, final, error = play(server, ResponseStreamBuilder(chunk_size=5).message("Sunny and 61F").completed().events())
    assert error is None
    assert [_summary(e) for e in events] == [
        ("response.created",),
        ("response.in_progress",),
        ("response.output_item.added",),
        ("response.content_part.added",),
        ("response.output_text.delta", "Sunny", "Sunny"),
        ("response.output_text.delta", " and ", "Sunny and "),
        ("response.output_text.delta", "61F", "Sunny and 61F"),
        ("response.output_text.done", "Sunny and 61F", None),
        ("response.content_part.done",),
        ("response.output_item.done",),
        ("response.completed",),
    ]
    assert final.status == "completed" and final.output_text == "Sunny and 61F"
    assert final.output_parsed is None
    assert events[-1].response.output_text == "Sunny and 61F"
    request = server.requests[0]
    assert request.json()["stream"] is True and request.json()["input"] == "Weather in SF?"
    assert request.headers["x-stainless-helper-method"] == "responses.stream"


def test_text_format_parses_the_output(server: MockServer) -> None:
    answer = '{"city":"SF","temperature":61.5}'
    events, final, _error = play(server, ResponseStreamBuilder().message(answer).completed().events(), text_format=Weather)
    done = [e for e in events if e.type == "response.output_text.done"]
    assert done[0].parsed == Weather(city="SF", temperature=61.5)
    assert final.output_parsed == Weather(city="SF", temperature=61.5)
    message = final.output[0]
    assert isinstance(message, ParsedResponseOutputMessage)
    assert message.content[0].parsed == Weather(city="SF", temperature=61.5)  # type: ignore[union-attr]  # an output text, checked above
    text = server.requests[0].json()["text"]
    assert text["format"]["type"] == "json_schema" and text["format"]["name"] == "Weather"
    assert text["format"]["strict"] is True and text["format"]["schema"]["additionalProperties"] is False


def test_function_call_arguments_in_deltas(server: MockServer) -> None:
    builder = ResponseStreamBuilder(chunk_size=6).function_call("GetWeather", '{"city":"Paris"}').completed()
    events, final, _error = play(server, builder.events(), tools=[pydantic_function_tool(GetWeather)])
    deltas = [_summary(e) for e in events if e.type == "response.function_call_arguments.delta"]
    assert deltas == [
        ("response.function_call_arguments.delta", '{"city', '{"city'),
        ("response.function_call_arguments.delta", '":"Par', '{"city":"Par'),
        ("response.function_call_arguments.delta", 'is"}', '{"city":"Paris"}'),
    ]
    assert "response.function_call_arguments.done" in [e.type for e in events]
    call = final.output[0]
    assert isinstance(call, ParsedResponseFunctionToolCall)
    assert call.parsed_arguments == GetWeather(city="Paris") and call.call_id == "call_0"
    sent = server.requests[0].json()["tools"][0]
    assert sent["type"] == "function" and sent["name"] == "GetWeather" and sent["strict"] is True
    assert "function" not in sent  # converted to the Responses shape


def test_reasoning_and_search_items_pass_through(server: MockServer) -> None:
    builder = ResponseStreamBuilder().reasoning("Think first.").web_search("sf weather").file_search("climate").message("Done.")
    events, final, _error = play(server, builder.completed().events())
    kinds = [e.type for e in events]
    for kind in (
        "response.reasoning_summary_part.added",
        "response.reasoning_summary_text.delta",
        "response.reasoning_summary_text.done",
        "response.web_search_call.searching",
        "response.web_search_call.completed",
        "response.file_search_call.searching",
        "response.file_search_call.completed",
    ):
        assert kind in kinds
    assert [item.type for item in final.output] == ["reasoning", "web_search_call", "file_search_call", "message"]
    assert final.output_text == "Done."
    summary = [e.delta for e in events if e.type == "response.reasoning_summary_text.delta"]
    assert "".join(summary) == "Think first."


def test_current_snapshot_mid_stream(server: MockServer) -> None:
    server.route("POST", "/responses", SSEResponse(ResponseStreamBuilder(chunk_size=3).message("abcdef").completed().events()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.responses.stream(model="gpt-4o", input="x") as stream:
            texts = []
            for event in stream:
                if event.type == "response.output_text.delta":
                    texts.append(stream.current_snapshot.output_text)
            assert texts == ["abc", "abcdef"]
            assert stream.get_final_response().output_text == "abcdef"


def test_an_error_event_raises_after_the_events_before_it(server: MockServer) -> None:
    builder = ResponseStreamBuilder(chunk_size=5).message("Hello world")
    events_in = builder.events()[:5] + ResponseStreamBuilder().error("Rate limit reached", "rate_limit_exceeded").events()[2:]
    events, final, error = play(server, events_in)
    assert isinstance(error, APIError) and "Rate limit reached" in str(error) and error.code == "rate_limit_exceeded"
    assert final is None
    assert [e.type for e in events][-1] == "response.output_text.delta"


def test_a_failed_response_delivers_its_event_then_raises(server: MockServer) -> None:
    events, _final, error = play(server, ResponseStreamBuilder().message("Hi").failed("The model broke").events())
    assert events[-1].type == "response.failed"
    assert isinstance(error, APIError) and "The model broke" in str(error)


def test_an_incomplete_response_is_final_with_its_reason(server: MockServer) -> None:
    events, final, error = play(server, ResponseStreamBuilder().message("Partial").incomplete().events())
    assert error is None and events[-1].type == "response.incomplete"
    assert final.status == "incomplete" and final.incomplete_details.reason == "max_output_tokens"
    assert final.output_text == "Partial"


def test_a_stream_cut_before_its_end_raises(server: MockServer) -> None:
    events, final, error = play(server, ResponseStreamBuilder().message("cut short").events())
    assert isinstance(error, APIConnectionError) and "response.completed" in str(error)
    assert final is None and events[-1].type == "response.output_item.done"


def test_text_deltas(server: MockServer) -> None:
    server.route("POST", "/responses", SSEResponse(ResponseStreamBuilder().message("one two three").completed().events()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.responses.stream(model="gpt-4o", input="x") as stream:
            assert "".join(stream.text_deltas) == "one two three"


def test_parse_non_streamed(server: MockServer) -> None:
    output = [
        {"id": "msg_0", "type": "message", "role": "assistant", "status": "completed",
         "content": [{"type": "output_text", "text": '{"city":"SF","temperature":60}', "annotations": []}]},
        {"id": "fc_1", "type": "function_call", "call_id": "call_1", "name": "GetWeather", "arguments": '{"city":"Rome"}', "status": "completed"},
    ]
    server.route("POST", "/responses", JSONResponse(response_object(status="completed", output=output)))

    async def main() -> Any:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            return await client.responses.parse(
                model="gpt-4o", input="x", text_format=Weather, tools=[pydantic_function_tool(GetWeather)]
            )

    parsed = asyncio.run(main())
    assert parsed.output_parsed == Weather(city="SF", temperature=60)
    call = parsed.output[1]
    assert isinstance(call, ParsedResponseFunctionToolCall) and call.parsed_arguments == GetWeather(city="Rome")
    assert server.requests[0].headers["x-stainless-helper-method"] == "responses.parse"
    assert "stream" not in server.requests[0].json()


def test_text_format_and_text_format_param_together_is_an_error(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(TypeError, match="text_format"):
            client.responses.parse(model="gpt-4o", input="x", text_format=Weather, text={"format": {"type": "text"}})
        with pytest.raises(ValueError, match="pydantic_function_tool"):
            client.responses.parse(
                model="gpt-4o", input="x", tools=[{"type": "function", "function": {"name": "f"}}]  # type: ignore[list-item]  # the misuse under test
            )
    assert server.requests == []
