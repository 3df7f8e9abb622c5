"""The parse helpers' raw and streamed variants, and resuming a background response:
what each gives is typed with the format it parses into."""

from __future__ import annotations

import pydantic
from typing_extensions import assert_type

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.chat import ParsedChatCompletion
from typed_openai.lib.responses import ParsedResponse
from typed_openai.types.chat import ParsedChatCompletion as TypesParsedChatCompletion
from typed_openai.types.chat.parsed_function_tool_call import ParsedFunctionToolCall
from typed_openai.types.responses import ParsedResponse as TypesParsedResponse


class Location(pydantic.BaseModel):
    city: str
    temperature: float


def chat(client: OpenAI) -> None:
    raw = client.chat.completions.with_raw_response.parse(
        model="gpt-4o", messages=[{"role": "user", "content": "Weather in SF?"}], response_format=Location
    )
    print(raw.headers.get("x-request-id"), raw.status_code)
    completion = raw.parse()
    assert_type(completion, ParsedChatCompletion[Location])
    parsed = completion.choices[0].message.parsed
    if parsed is not None:
        assert_type(parsed.city, str)
    with client.chat.completions.with_streaming_response.parse(
        model="gpt-4o", messages=[], response_format=Location
    ) as response:
        assert_type(response.parse(), ParsedChatCompletion[Location])


def official_type_paths(client: OpenAI) -> None:
    # The annotations users write from the official SDK's docs: the same generic types.
    completion: TypesParsedChatCompletion[Location] = client.chat.completions.parse(
        model="gpt-4o", messages=[], response_format=Location
    )
    calls: list[ParsedFunctionToolCall] = []
    for call in completion.choices[0].message.tool_calls or []:
        if isinstance(call, ParsedFunctionToolCall):
            calls.append(call)
    response: TypesParsedResponse[Location] = client.responses.parse(model="gpt-4o", input="hi", text_format=Location)
    print(len(calls), response.output_parsed)


def responses(client: OpenAI) -> None:
    raw = client.responses.with_raw_response.parse(model="gpt-4o", input="Weather in SF?", text_format=Location)
    assert_type(raw.parse(), ParsedResponse[Location])
    background = client.responses.create(model="gpt-4o", input="Write a long story", background=True)
    with client.responses.stream(response_id=background.id, starting_after=10) as stream:
        for event in stream:
            print(event.type)
        print(stream.get_final_response().output_text)


async def asynchronous(client: AsyncOpenAI) -> None:
    raw = await client.chat.completions.with_raw_response.parse(model="gpt-4o", messages=[], response_format=Location)
    assert_type(raw.parse(), ParsedChatCompletion[Location])
    async with client.chat.completions.with_streaming_response.parse(model="gpt-4o", messages=[], response_format=Location) as response:
        assert_type(await response.parse(), ParsedChatCompletion[Location])
    async with client.responses.stream(response_id="resp_1") as stream:
        async for event in stream:
            print(event.type)
