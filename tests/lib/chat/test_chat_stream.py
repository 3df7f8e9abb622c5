"""`chat.completions.stream()` over real SSE from the mock: the exact events, the final
completion, and the fault rules, sync and async."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pydantic
import pytest

from typed_openai import APIConnectionError, APIError, AsyncOpenAI, LengthFinishReasonError, OpenAI, pydantic_function_tool
from typed_openai.lib.chat import ChatCompletionStreamState, ParsedFunctionToolCall
from typed_openai.testing import MockServer, SSEEvent, SSEResponse
from typed_openai.testing._chat_streams import (
    chat_chunk,
    chat_choice,
    chat_content_chunks,
    chat_refusal_chunks,
    chat_stream,
    chat_tool_call_chunks,
    chat_usage_chunk,
)

MESSAGES: list[Any] = [{"role": "user", "content": "What's the weather like in SF?"}]


class Location(pydantic.BaseModel):
    city: str
    temperature: float
    units: str


class GetWeather(pydantic.BaseModel):
    """Get the weather in a city."""

    city: str
    country: str


def _summary(event: Any) -> tuple[Any, ...]:
    """An event as a comparable tuple of what it says."""
    if event.type == "chunk":
        return ("chunk",)
    if event.type == "content.delta":
        return (event.type, event.choice_index, event.delta, event.snapshot)
    if event.type == "content.done":
        return (event.type, event.choice_index, event.content, event.parsed)
    if event.type == "refusal.delta":
        return (event.type, event.delta, event.snapshot)
    if event.type == "refusal.done":
        return (event.type, event.refusal)
    if event.type == "tool_calls.function.arguments.delta":
        return (event.type, event.index, event.name, event.arguments_delta, event.arguments)
    if event.type == "tool_calls.function.arguments.done":
        return (event.type, event.index, event.name, event.arguments, event.parsed_arguments)
    if event.type.startswith("logprobs."):
        tokens = event.content if event.type.startswith("logprobs.content") else event.refusal
        return (event.type, [t.token for t in tokens])
    raise AssertionError(event)


def play(server: MockServer, events: list[SSEEvent], **params: Any) -> tuple[list[Any], Any, BaseException | None]:
    """Stream with the sync client and the async one: both must see the same thing."""
    server.route("POST", "/chat/completions", SSEResponse(events))
    seen: list[Any] = []
    final: Any = None
    error: BaseException | None = None
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        try:
            with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES, **params) as stream:
                for event in stream:
                    seen.append(event)
                final = stream.get_final_completion()
        except Exception as exc:
            error = exc

    async def run_async() -> tuple[list[Any], Any, BaseException | None]:
        async_seen: list[Any] = []
        async_final: Any = None
        async_error: BaseException | None = None
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            try:
                async with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES, **params) as stream:
                    async for event in stream:
                        async_seen.append(event)
                    async_final = await stream.get_final_completion()
            except Exception as exc:
                async_error = exc
        return async_seen, async_final, async_error

    async_seen, async_final, async_error = asyncio.run(run_async())
    assert [_summary(e) for e in async_seen] == [_summary(e) for e in seen]
    assert type(async_error) is type(error)
    if final is not None:
        assert async_final.model_dump() == final.model_dump()
    return seen, final, error


def test_content_events_and_final(server: MockServer) -> None:
    chunks = chat_content_chunks("Sunny, 61F.", chunk_size=4) + [chat_usage_chunk(20, 3)]
    events, final, error = play(server, chat_stream(chunks), stream_options={"include_usage": True})
    assert error is None
    assert [_summary(e) for e in events] == [
        ("chunk",),
        ("content.delta", 0, "", ""),
        ("chunk",),
        ("content.delta", 0, "Sunn", "Sunn"),
        ("chunk",),
        ("content.delta", 0, "y, 6", "Sunny, 6"),
        ("chunk",),
        ("content.delta", 0, "1F.", "Sunny, 61F."),
        ("chunk",),
        ("content.done", 0, "Sunny, 61F.", None),
        ("chunk",),
    ]
    message = final.choices[0].message
    assert (message.content, message.role, message.refusal, message.parsed, message.tool_calls) == (
        "Sunny, 61F.", "assistant", None, None, None,
    )
    assert final.choices[0].finish_reason == "stop"
    assert final.object == "chat.completion" and final.id == "chatcmpl-mock123"
    assert final.usage is not None and final.usage.total_tokens == 23
    request = server.requests[0]
    assert request.json()["stream"] is True and request.json()["stream_options"] == {"include_usage": True}
    assert request.headers["x-stainless-helper-method"] == "chat.completions.stream"


def test_snapshots_are_new_objects_that_never_change(server: MockServer) -> None:
    events, _final, _error = play(server, chat_stream(chat_content_chunks("abcdefgh", chunk_size=4)))
    snapshots = [e.snapshot for e in events if e.type == "chunk"]
    assert [s.choices[0].message.content for s in snapshots] == ["", "abcd", "abcdefgh", "abcdefgh"]
    assert snapshots[-1].choices[0].finish_reason == "stop"
    assert snapshots[1].choices[0].finish_reason is None


def test_structured_content_is_parsed_partially_then_into_the_model(server: MockServer) -> None:
    answer = '{"city":"San Francisco","temperature":61,"units":"f"}'
    events, final, error = play(server, chat_stream(chat_content_chunks(answer, chunk_size=12)), response_format=Location)
    assert error is None
    partial = [e.parsed for e in events if e.type == "content.delta"]
    assert partial[0] is None  # the empty first piece
    assert partial[1] == {}  # `{"city":"San Franc`: an unfinished string is left out, as the official SDK does
    assert partial[4] == {"city": "San Francisco", "temperature": 61}
    assert partial[-1] == {"city": "San Francisco", "temperature": 61, "units": "f"}
    done = [e for e in events if e.type == "content.done"]
    assert len(done) == 1 and done[0].parsed == Location(city="San Francisco", temperature=61, units="f")
    assert final.choices[0].message.parsed == Location(city="San Francisco", temperature=61, units="f")
    sent = server.requests[0].json()["response_format"]
    assert sent["type"] == "json_schema" and sent["json_schema"]["name"] == "Location"
    assert sent["json_schema"]["strict"] is True
    assert sent["json_schema"]["schema"]["additionalProperties"] is False
    assert sent["json_schema"]["schema"]["required"] == ["city", "temperature", "units"]


def test_tool_calls_with_arguments_in_deltas(server: MockServer) -> None:
    first, second = '{"city":"Edinburgh","country":"UK"}', '{"city":"Paris","country":"FR"}'
    chunks = chat_tool_call_chunks([("GetWeather", first), ("GetWeather", second)], chunk_size=20)
    events, final, error = play(server, chat_stream(chunks), tools=[pydantic_function_tool(GetWeather)])
    assert error is None
    assert [_summary(e) for e in events if e.type != "chunk"] == [
        ("tool_calls.function.arguments.delta", 0, "GetWeather", "", ""),
        ("tool_calls.function.arguments.delta", 0, "GetWeather", first[:20], first[:20]),
        ("tool_calls.function.arguments.delta", 0, "GetWeather", first[20:], first),
        # The first delta of the next call comes before the done event of this one (as in
        # the official SDK: a chunk's deltas first, then what it finished).
        ("tool_calls.function.arguments.delta", 1, "GetWeather", "", ""),
        ("tool_calls.function.arguments.done", 0, "GetWeather", first, GetWeather(city="Edinburgh", country="UK")),
        ("tool_calls.function.arguments.delta", 1, "GetWeather", second[:20], second[:20]),
        ("tool_calls.function.arguments.delta", 1, "GetWeather", second[20:], second),
        ("tool_calls.function.arguments.done", 1, "GetWeather", second, GetWeather(city="Paris", country="FR")),
    ]
    partial = [e.parsed_arguments for e in events if e.type == "tool_calls.function.arguments.delta"]
    assert partial[1] == {"city": "Edinburgh"}
    calls = final.choices[0].message.tool_calls
    assert calls is not None and [c.id for c in calls] == ["call_0", "call_1"]
    assert all(isinstance(c, ParsedFunctionToolCall) for c in calls)
    assert [c.function.parsed_arguments for c in calls] == [
        GetWeather(city="Edinburgh", country="UK"), GetWeather(city="Paris", country="FR"),
    ]
    assert final.choices[0].finish_reason == "tool_calls"
    sent = server.requests[0].json()["tools"][0]
    assert sent["function"]["name"] == "GetWeather" and sent["function"]["strict"] is True
    assert sent["function"]["description"] == "Get the weather in a city."


def test_a_non_strict_tool_keeps_its_arguments_as_text(server: MockServer) -> None:
    tool = {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}
    events, final, _error = play(server, chat_stream(chat_tool_call_chunks([("lookup", '{"q":"x"}')])), tools=[tool])
    done = [e for e in events if e.type == "tool_calls.function.arguments.done"]
    assert done[0].parsed_arguments is None and done[0].arguments == '{"q":"x"}'
    assert final.choices[0].message.tool_calls[0].function.parsed_arguments is None


def test_refusal_with_logprobs(server: MockServer) -> None:
    text = "I'm sorry, I can't help with that."
    events, final, error = play(server, chat_stream(chat_refusal_chunks(text, logprobs=True)), logprobs=True)
    assert error is None
    kinds = [_summary(e) for e in events if e.type != "chunk"]
    assert kinds[0] == ("refusal.delta", "", "")
    assert kinds[1] == ("refusal.delta", "I'm so", "I'm so")
    assert kinds[2] == ("logprobs.refusal.delta", ["I'm so"])
    assert kinds[-2:] == [("refusal.done", text), ("logprobs.refusal.done", ["I'm so", "rry, I", " can't", " help ", "with t", "hat."])]
    message = final.choices[0].message
    assert message.refusal == text and message.content is None and message.parsed is None
    assert final.choices[0].logprobs is not None and final.choices[0].logprobs.content is None
    assert [t.token for t in final.choices[0].logprobs.refusal or []][-1] == "hat."


def test_content_logprobs(server: MockServer) -> None:
    events, final, _error = play(server, chat_stream(chat_content_chunks("Hello there", chunk_size=6, logprobs=True)))
    deltas = [_summary(e) for e in events if e.type == "logprobs.content.delta"]
    assert deltas == [("logprobs.content.delta", ["Hello "]), ("logprobs.content.delta", ["there"])]
    snapshots = [[t.token for t in e.snapshot] for e in events if e.type == "logprobs.content.delta"]
    assert snapshots == [["Hello "], ["Hello ", "there"]]
    assert [_summary(e) for e in events if e.type == "logprobs.content.done"] == [("logprobs.content.done", ["Hello ", "there"])]
    assert [t.token for t in final.choices[0].logprobs.content] == ["Hello ", "there"]


def test_several_choices_interleaved(server: MockServer) -> None:
    a = chat_content_chunks("first answer", index=0, chunk_size=6)
    b = chat_content_chunks("second", index=1, chunk_size=3)
    interleaved = [chat_chunk(*(x["choices"] + y["choices"])) for x, y in zip(a, b)]
    events, final, _error = play(server, chat_stream(interleaved), n=2)
    done = [(e.choice_index, e.content) for e in events if e.type == "content.done"]
    assert done == [(0, "first answer"), (1, "second")]
    assert [c.message.content for c in final.choices] == ["first answer", "second"]
    assert [c.index for c in final.choices] == [0, 1]
    per_choice = [(e.choice_index, e.delta) for e in events if e.type == "content.delta" and e.delta]
    assert per_choice == [(0, "first "), (1, "sec"), (0, "answer"), (1, "ond")]


def test_content_then_a_tool_call_closes_the_content_first(server: MockServer) -> None:
    chunks = chat_content_chunks("Let me check.", finish_reason="tool_calls")[:-1]
    chunks += chat_tool_call_chunks([("lookup", "{}")])[1:]
    events, final, _error = play(server, chat_stream(chunks))
    kinds = [e.type for e in events if e.type != "chunk"]
    assert kinds.index("content.done") < kinds.index("tool_calls.function.arguments.delta") + 2
    assert kinds[-1] == "tool_calls.function.arguments.done"
    assert final.choices[0].message.content == "Let me check."


def test_a_stream_cut_before_done_raises_after_delivering_everything(server: MockServer) -> None:
    events, final, error = play(server, chat_stream(chat_content_chunks("partial answer"), done=False))
    assert isinstance(error, APIConnectionError) and "[DONE]" in str(error)
    assert final is None
    assert "".join(e.delta for e in events if e.type == "content.delta") == "partial answer"


def test_an_error_event_raises_api_error_after_the_events_before_it(server: MockServer) -> None:
    chunks = chat_stream(chat_content_chunks("Hello world")[:2], done=False)
    chunks.append(SSEEvent(json.dumps({"error": {"message": "The server had an error", "type": "server_error"}})))
    events, _final, error = play(server, chunks)
    assert isinstance(error, APIError) and "The server had an error" in str(error)
    assert [e.delta for e in events if e.type == "content.delta"] == ["", "Hell"]


def test_length_stop_with_a_response_format_raises(server: MockServer) -> None:
    chunks = chat_content_chunks('{"city": "San', finish_reason="length")
    events, _final, error = play(server, chat_stream(chunks), response_format=Location)
    assert isinstance(error, LengthFinishReasonError)
    assert "length limit" in str(error)
    assert [e.type for e in events if e.type == "content.done"] == []


def test_get_final_completion_after_a_failure_raises_the_same_error(server: MockServer) -> None:
    server.route("POST", "/chat/completions", SSEResponse(chat_stream(chat_content_chunks("cut"), done=False)))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
            with pytest.raises(APIConnectionError):
                stream.until_done()
            with pytest.raises(APIConnectionError):
                stream.get_final_completion()
            assert stream.current_completion_snapshot.choices[0].message.content == "cut"


def test_text_deltas_and_leaving_early_closes_the_connection(server: MockServer) -> None:
    server.route("POST", "/chat/completions", SSEResponse(chat_stream(chat_content_chunks("one two three", chunk_size=4))))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
            assert "".join(stream.text_deltas) == "one two three"
        with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
            first = next(iter(stream))
            assert first.type == "chunk"
        assert stream.response.is_closed


def test_an_error_status_before_the_stream_raises_on_entering(server: MockServer) -> None:
    from typed_openai.testing import error_response

    server.route("POST", "/chat/completions", error_response(400, "Invalid 'messages'"))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(APIError, match="Invalid 'messages'"):
            with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES):
                pass


def test_the_state_accumulates_a_create_stream_by_hand(server: MockServer) -> None:
    server.route("POST", "/chat/completions", SSEResponse(chat_stream(chat_content_chunks("by hand"))))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        state: ChatCompletionStreamState[None] = ChatCompletionStreamState()
        for chunk in client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True):
            state.handle_chunk(chunk)
        assert state.get_final_completion().choices[0].message.content == "by hand"


def test_a_non_chunk_object_in_the_stream_is_skipped(server: MockServer) -> None:
    chunks = chat_content_chunks("ok")
    filtered = {"id": "", "object": "", "created": 0, "model": "", "choices": [], "prompt_filter_results": []}
    events, final, _error = play(server, chat_stream([chunks[0], filtered, *chunks[1:]]))
    assert final.choices[0].message.content == "ok"
    assert sum(1 for e in events if e.type == "chunk") == len(chunks)


def test_unknown_fields_are_kept(server: MockServer) -> None:
    chunks = [chat_chunk(chat_choice(0, role="assistant", content="hi", reasoning_text="thought")), chat_chunk(chat_choice(0, finish_reason="stop"))]
    _events, final, _error = play(server, chat_stream(chunks))
    assert final.choices[0].message.content == "hi"
    assert final.choices[0].message.model_extra == {"reasoning_text": "thought"}
