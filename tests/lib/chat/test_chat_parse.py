"""`chat.completions.parse()`, `pydantic_function_tool` and the strict schemas they send."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Literal

import pydantic
import pytest

from typed_openai import AsyncOpenAI, ContentFilterFinishReasonError, LengthFinishReasonError, OpenAI, pydantic_function_tool
from typed_openai.lib.chat import ParsedChatCompletion
from typed_openai.lib.structured import to_strict_json_schema
from typed_openai.testing import JSONResponse, MockServer

MESSAGES: list[Any] = [{"role": "user", "content": "What's the weather like in SF?"}]


class Location(pydantic.BaseModel):
    city: str
    temperature: float
    units: Literal["c", "f"]


class Query(pydantic.BaseModel):
    """Search the orders table."""

    table: str
    limit: int | None = None


def completion(message: dict[str, Any], finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1_735_689_600,
        "model": "gpt-4o-2024-08-06",
        "choices": [{"index": 0, "finish_reason": finish_reason, "logprobs": None, "message": {"role": "assistant", "refusal": None, **message}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def test_parse_content_into_the_model(server: MockServer) -> None:
    server.route("POST", "/chat/completions", JSONResponse(completion({"content": '{"city":"SF","temperature":61,"units":"f"}'})))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        result = client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)
    assert isinstance(result, ParsedChatCompletion)
    assert result.choices[0].message.parsed == Location(city="SF", temperature=61, units="f")
    assert result.choices[0].message.content == '{"city":"SF","temperature":61,"units":"f"}'
    assert result.usage is not None and result.usage.total_tokens == 15
    body = server.requests[0].json()
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Location", "strict": True, "schema": to_strict_json_schema(Location)},
    }
    assert "stream" not in body
    assert server.requests[0].headers["x-stainless-helper-method"] == "chat.completions.parse"


def test_parse_without_a_format_and_a_refusal(server: MockServer) -> None:
    server.route("POST", "/chat/completions", JSONResponse(completion({"content": None, "refusal": "I can't."})))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        result = client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)
        assert result.choices[0].message.parsed is None and result.choices[0].message.refusal == "I can't."
        plain = client.chat.completions.parse(model="gpt-4o", messages=MESSAGES)
    assert plain.choices[0].message.parsed is None
    assert "response_format" not in server.requests[1].json()


def test_parse_tool_arguments_into_their_models(server: MockServer) -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "Query", "arguments": '{"table":"orders","limit":null}'}}
    server.route("POST", "/chat/completions", JSONResponse(completion({"content": None, "tool_calls": [call]}, "tool_calls")))

    async def main() -> Any:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            return await client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, tools=[pydantic_function_tool(Query)])

    result = asyncio.run(main())
    calls = result.choices[0].message.tool_calls
    assert calls is not None and calls[0].function.parsed_arguments == Query(table="orders", limit=None)
    tool = server.requests[0].json()["tools"][0]
    assert tool == {
        "type": "function",
        "function": {
            "name": "Query",
            "description": "Search the orders table.",
            "strict": True,
            "parameters": {
                "description": "Search the orders table.",
                "properties": {
                    "table": {"title": "Table", "type": "string"},
                    "limit": {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "Limit"},
                },
                "required": ["table", "limit"],
                "title": "Query",
                "type": "object",
                "additionalProperties": False,
            },
        },
    }


@pytest.mark.parametrize(
    ("finish_reason", "error"), [("length", LengthFinishReasonError), ("content_filter", ContentFilterFinishReasonError)]
)
def test_a_cut_short_answer_raises(server: MockServer, finish_reason: str, error: type[Exception]) -> None:
    server.route("POST", "/chat/completions", JSONResponse(completion({"content": '{"city": "S'}, finish_reason)))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(error) as raised:
            client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)
    if isinstance(raised.value, LengthFinishReasonError):
        assert raised.value.usage is not None


def test_parse_rejects_tools_it_cannot_parse(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(ValueError, match="`f` is not strict. Only `strict` function tools can be auto-parsed"):
            client.chat.completions.parse(
                model="gpt-4o", messages=MESSAGES, tools=[{"type": "function", "function": {"name": "f"}}]
            )
    assert server.requests == []


def test_an_answer_that_does_not_fit_the_model_raises_a_validation_error(server: MockServer) -> None:
    server.route("POST", "/chat/completions", JSONResponse(completion({"content": '{"city": "SF"}'})))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(pydantic.ValidationError, match="temperature"):
            client.chat.completions.parse(model="gpt-4o", messages=MESSAGES, response_format=Location)


class Inner(pydantic.BaseModel):
    name: str


class Outer(pydantic.BaseModel):
    described: Inner = pydantic.Field(description="a described reference")
    plain: Inner
    many: list[Inner] = []


def test_strict_schema_rules() -> None:
    schema = to_strict_json_schema(Outer)
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["described", "plain", "many"]
    # a `$ref` with a sibling keyword is inlined; a bare one is kept
    assert schema["properties"]["described"]["description"] == "a described reference"
    assert schema["properties"]["described"]["additionalProperties"] is False
    assert "$ref" not in schema["properties"]["described"]
    assert schema["properties"]["plain"] == {"$ref": "#/$defs/Inner"}
    assert schema["$defs"]["Inner"]["additionalProperties"] is False
    assert json.dumps(schema)  # plain JSON data
    with pytest.raises(TypeError, match="pydantic model"):
        to_strict_json_schema(dict)  # type: ignore[arg-type]  # the misuse under test
    with pytest.raises(TypeError, match="pydantic model"):
        pydantic_function_tool(dict)  # type: ignore[arg-type]  # the misuse under test
