"""What surrounds `chat.completions.parse()`: its `with_raw_response` and
`with_streaming_response` variants (same request, same parsing, the HTTP response around
it), and `create()` refusing the pydantic class only `parse()` understands."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pydantic
import pytest

from typed_openai import AsyncOpenAI, LengthFinishReasonError, OpenAI
from typed_openai.lib.chat import ParsedChatCompletion
from typed_openai.testing import JSONResponse, MockServer

from .test_chat_parse import MESSAGES, Location, completion

ANSWER = '{"city":"SF","temperature":61,"units":"f"}'


def _answer(server: MockServer, **message: Any) -> None:
    server.route(
        "POST",
        "/chat/completions",
        JSONResponse(completion({"content": ANSWER, **message}), headers={"x-request-id": "req_parse"}),
    )


def _sent_as_parse(server: MockServer) -> None:
    (request,) = server.requests
    assert request.headers["x-stainless-helper-method"] == "chat.completions.parse"
    assert request.json()["response_format"]["json_schema"]["name"] == "Location"


def test_with_raw_response_parse_gives_the_response_and_the_parsed_completion(server: MockServer) -> None:
    _answer(server)
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        raw = client.chat.completions.with_raw_response.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)
    assert raw.status_code == 200
    assert raw.request_id == "req_parse"
    assert raw.http_request.headers["x-stainless-helper-method"] == "chat.completions.parse"
    parsed = raw.parse()
    assert isinstance(parsed, ParsedChatCompletion)
    assert parsed.choices[0].message.parsed == Location(city="SF", temperature=61, units="f")
    assert raw.parse() is parsed  # parsed once
    _sent_as_parse(server)


def test_with_streaming_response_parse_reads_the_body_when_asked(server: MockServer) -> None:
    _answer(server)
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.chat.completions.with_streaming_response.parse(
            model="gpt-4o", messages=MESSAGES, response_format=Location
        ) as response:
            assert response.headers["x-request-id"] == "req_parse"
            assert not response.is_closed
            parsed = response.parse()
        assert response.is_closed
    assert parsed.choices[0].message.parsed == Location(city="SF", temperature=61, units="f")
    _sent_as_parse(server)


def test_the_async_variants(server: MockServer) -> None:
    _answer(server)

    async def run() -> tuple[Any, Any]:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            raw = await client.chat.completions.with_raw_response.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)
            async with client.chat.completions.with_streaming_response.parse(
                model="gpt-4o", messages=MESSAGES, response_format=Location
            ) as streamed:
                return raw.parse(), await streamed.parse()

    from_raw, from_stream = asyncio.run(run())
    assert from_raw.choices[0].message.parsed == from_stream.choices[0].message.parsed == Location(city="SF", temperature=61, units="f")
    assert [r.headers["x-stainless-helper-method"] for r in server.requests] == ["chat.completions.parse"] * 2


def test_the_raw_variant_raises_what_parse_raises(server: MockServer) -> None:
    server.route("POST", "/chat/completions", JSONResponse(completion({"content": '{"city": "S'}, "length")))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        # before sending: a tool `parse()` could not parse
        with pytest.raises(ValueError, match="is not strict"):
            client.chat.completions.with_raw_response.parse(
                model="gpt-4o", messages=MESSAGES, tools=[{"type": "function", "function": {"name": "f"}}]
            )
        assert server.requests == []
        # after: the answer was cut short; the response itself is still there to look at
        raw = client.chat.completions.with_raw_response.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)
        assert raw.status_code == 200
        with pytest.raises(LengthFinishReasonError):
            raw.parse()


class Plain(pydantic.BaseModel):
    a: str


def test_create_refuses_a_pydantic_class_before_sending(server: MockServer) -> None:
    format_given = cast(Any, Plain)  # what an untyped caller can do
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(TypeError, match=r"You tried to pass a `BaseModel` class \(Plain\).*chat\.completions\.parse\(\)"):
            client.chat.completions.create(model="gpt-4o", messages=MESSAGES, response_format=format_given)
        with pytest.raises(TypeError, match="BaseModel"):
            client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES, response_format=format_given)

    async def run() -> None:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            with pytest.raises(TypeError, match="BaseModel"):
                await client.chat.completions.create(model="gpt-4o", messages=MESSAGES, response_format=format_given)

    asyncio.run(run())
    assert server.requests == []


def test_create_still_sends_a_format_written_as_a_dict(server: MockServer) -> None:
    _answer(server)
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        result = client.chat.completions.create(model="gpt-4o", messages=MESSAGES, response_format={"type": "json_object"})
    assert result.choices[0].message.content == ANSWER
    assert server.requests[0].json()["response_format"] == {"type": "json_object"}
