"""The official SDK's private names that code and tests written for it import from the
helpers' side (`_utils.consume_sync_iterator`, `_compat.model_copy`,
`_models.construct_type_unchecked`, `lib.streaming.chat`, `lib._parsing`): each is there and
does what its name says, over this package's own helpers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Literal

import pydantic

from typed_openai import _compat, _models, _utils, omit
from typed_openai.lib import chat as lib_chat
from typed_openai.lib._parsing import _completions, _responses
from typed_openai.lib.streaming import chat as streaming_chat
from typed_openai.testing import response_object
from typed_openai.testing._chat_streams import chat_content_chunks
from typed_openai.types.chat import ChatCompletionChunk
from typed_openai.types.responses import Response


class City(pydantic.BaseModel):
    name: str
    population: int


def test_consume_iterators_read_to_the_end() -> None:
    seen: list[int] = []

    def numbers() -> Iterator[int]:
        for n in range(3):
            seen.append(n)
            yield n

    async def anumbers() -> AsyncIterator[int]:
        for n in range(3, 5):
            seen.append(n)
            yield n

    assert _utils.consume_sync_iterator(numbers()) is None
    asyncio.run(_utils.consume_async_iterator(anumbers()))
    assert seen == [0, 1, 2, 3, 4]


def test_compat_model_helpers_are_pydantic_v2_methods() -> None:
    class Box(pydantic.BaseModel):
        items: list[int]

    box = _compat.model_parse(Box, {"items": [1, 2]})
    shallow, deep = _compat.model_copy(box), _compat.model_copy(box, deep=True)
    box.items.append(3)
    assert shallow.items == [1, 2, 3] and deep.items == [1, 2]
    assert _compat.model_dump(deep) == {"items": [1, 2]}
    assert json.loads(_compat.model_json(deep, indent=2)) == {"items": [1, 2]}


def test_construct_type_keeps_what_does_not_validate() -> None:
    value = {"name": "Paris", "population": "many", "mayor": "someone"}
    city = _models.construct_type_unchecked(value=value, type_=City)
    assert isinstance(city, City)
    assert (city.name, city.population) == ("Paris", "many")  # kept as sent, not refused
    listed = _models.construct_type(value=[{"name": "Oslo", "population": 1}], type_=list[City])
    assert listed == [City(name="Oslo", population=1)]


def test_streaming_chat_names_are_the_lib_chat_objects() -> None:
    for name in streaming_chat.__all__:
        assert getattr(streaming_chat, name) is getattr(lib_chat, name), name
    state = streaming_chat.ChatCompletionStreamState[City](response_format=City)
    events = []
    for data in chat_content_chunks('{"name": "Rome", "population": 3}', chunk_size=7):
        events += state.handle_chunk(ChatCompletionChunk.model_validate(data))
    done = [event for event in events if isinstance(event, streaming_chat.ContentDoneEvent)]
    assert len(done) == 1 and done[0].parsed == City(name="Rome", population=3)
    assert state.get_final_completion().choices[0].message.parsed == City(name="Rome", population=3)


def test_completions_parsing_names() -> None:
    assert _completions.ResponseFormatT is lib_chat.ResponseFormatT
    param = _completions.type_to_response_format_param(City)
    assert param["type"] == "json_schema" and param["json_schema"]["name"] == "City"
    assert _completions.type_to_response_format_param(omit) is omit
    assert _completions.has_parseable_input(response_format=City)
    assert not _completions.has_parseable_input(response_format=omit, input_tools=[])


def test_responses_parse_response_parses_text_and_keeps_other_items() -> None:
    data = response_object('{"name": "Lima", "population": 9}')
    data["output"].append({"type": "some_future_item", "id": "x_1", "detail": 1})
    response = _models.construct_type_unchecked(value=data, type_=Response)

    parsed = _responses.parse_response(text_format=City, input_tools=omit, response=response)
    assert parsed.output_parsed == City(name="Lima", population=9)
    assert len(parsed.output) == 2 and parsed.output[1] is response.output[1]
    plain = _responses.parse_response(text_format=omit, input_tools=omit, response=response)
    assert plain.output_parsed is None

    assert _responses.parse_text('{"name": "A", "population": 1}', City) == City(name="A", population=1)
    assert _responses.parse_text("anything", omit) is None
    fmt = _responses.type_to_text_format_param(City)
    assert (fmt["type"], fmt["name"], fmt["strict"]) == ("json_schema", "City", True)


def test_alias_modules_name_the_package_objects() -> None:
    import typed_openai
    from typed_openai import _constants, _exceptions, _response, _streaming
    from typed_openai.lib.structured import LengthFinishReasonError

    for name in _exceptions.__all__:
        if hasattr(typed_openai, name):
            assert getattr(_exceptions, name) is getattr(typed_openai, name), name
    assert issubclass(_exceptions.LengthFinishReasonError, typed_openai.OpenAIError)
    assert _exceptions.LengthFinishReasonError is LengthFinishReasonError
    assert (_streaming.Stream, _streaming.AsyncStream) == (typed_openai.Stream, typed_openai.AsyncStream)
    assert (_response.APIResponse, _response.AsyncAPIResponse) == (typed_openai.APIResponse, typed_openai.AsyncAPIResponse)
    assert (_constants.DEFAULT_TIMEOUT, _constants.DEFAULT_MAX_RETRIES) == (typed_openai.DEFAULT_TIMEOUT, typed_openai.DEFAULT_MAX_RETRIES)
    assert _compat.is_literal_type(Literal["a", "b"]) and not _compat.is_literal_type(str)


def test_sse_decoder_reads_whole_streams_sync_and_async() -> None:
    from typed_openai._streaming import SSEDecoder

    body = b'event: completion\ndata: {"foo":\ndata: true}\n\n: keep-alive\n\ndata: [DONE]\n\ndata: unterminated'
    chunks = [body[i : i + 3] for i in range(0, len(body), 3)]
    events = list(SSEDecoder().iter_bytes(chunks))
    assert [(e.event, e.data) for e in events] == [("completion", '{"foo":\ntrue}'), ("message", "[DONE]")]
    assert events[0].json() == {"foo": True}

    async def collect() -> list[str]:
        async def source() -> AsyncIterator[bytes]:
            for chunk in chunks:
                yield chunk

        return [event.data async for event in SSEDecoder().aiter_bytes(source())]

    assert asyncio.run(collect()) == ['{"foo":\ntrue}', "[DONE]"]
