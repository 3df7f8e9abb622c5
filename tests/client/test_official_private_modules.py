"""The official SDK's private top-level modules that code written for it imports
(`_utils`, `_compat`, `_types`, `_models`, `_legacy_response`), `DefaultAioHttpClient`,
and `await stream.close()`, over real HTTP against the local mock."""

from __future__ import annotations

import asyncio
import socket
import warnings
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Optional, Union

import pytest
from typing_extensions import TypeAliasType

from typed_openai import APIConnectionError, AsyncOpenAI, DefaultAioHttpClient, OpenAI
from typed_openai import _compat, _legacy_response, _models, _types, _utils
from typed_openai.testing import BytesResponse, JSONResponse, MockServer, SSEResponse, chat_completion_stream, model_object


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


def test_type_predicates_read_annotations() -> None:
    assert _utils.is_list_type(list[int]) and _utils.is_list_type(list)
    assert not _utils.is_list_type(Sequence[int])
    assert _utils.is_sequence_type(Sequence[int])
    assert _utils.is_union_type(Union[int, str]) and _utils.is_union_type(int | None)
    assert not _utils.is_union_type(int)
    assert _utils.is_annotated_type(Annotated[int, "meta"]) and not _utils.is_annotated_type(int)
    assert _utils.is_type_alias_type(TypeAliasType("Alias", int)) and not _utils.is_type_alias_type(int)
    assert _utils.extract_type_arg(dict[str, int], 1) is int
    with pytest.raises(TypeError, match="no type argument at index 1"):
        _utils.extract_type_arg(list[int], 1)
    assert _utils.is_dict({}) and not _utils.is_dict([]) and _utils.is_list([]) and not _utils.is_list(())
    assert _types.NoneType is type(None) and isinstance(_types.omit, _types.Omit)
    assert _compat.PYDANTIC_V1 is False


def test_signatures_in_sync_names_what_is_missing_or_different() -> None:
    def source(a: int, *, b: str, timeout: float) -> None: ...
    def same(a: int, *, b: str, extra: bool = False) -> None: ...
    def drifted(a: str) -> None: ...

    _utils.assert_signatures_in_sync(source, same, exclude_params={"timeout"})
    with pytest.raises(AssertionError) as caught:
        _utils.assert_signatures_in_sync(source, drifted, exclude_params={"timeout"})
    assert "`b` parameter is missing" in str(caught.value)
    assert "`a` parameter is annotated" in str(caught.value)


def test_model_fields_are_resolved_even_before_first_use() -> None:
    class Later(_models.BaseModel):
        child: Optional["Child"] = None

    class Child(_models.BaseModel):
        name: str

    Later.__pydantic_parent_namespace__ = {"Child": Child}  # where pydantic looks the name up
    fields = _compat.get_model_fields(Later)
    assert _compat.field_outer_type(fields["child"]) == Optional[Child]


def test_binary_downloads_are_the_official_class(server: MockServer) -> None:
    server.route("GET", "/files/{file_id}/content", BytesResponse(b"\x00\x01", content_type="application/octet-stream"))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        content = client.files.content("file-1")
    assert isinstance(content, _legacy_response.HttpxBinaryResponseContent)
    assert type(content).__name__ == "HttpxBinaryResponseContent"
    assert content.content == b"\x00\x01"


def test_aiohttp_client_sends_and_streams(server: MockServer) -> None:
    server.route("GET", "/models/{model}", JSONResponse(model_object("gpt-4o")))
    server.route("POST", "/chat/completions", SSEResponse(chat_completion_stream("Hello there")))

    async def main() -> tuple[str, str]:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, http_client=DefaultAioHttpClient()) as client:
            model = await client.models.retrieve("gpt-4o")
            stream = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True)
            text = "".join([chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices])
            return model.id, text

    assert asyncio.run(main()) == ("gpt-4o", "Hello there")
    assert server.requests[0].headers["authorization"] == "Bearer sk-test"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_aiohttp_client_reports_a_refused_connection() -> None:
    async def main() -> None:
        base_url = f"http://127.0.0.1:{_closed_port()}/v1"
        async with AsyncOpenAI(api_key="sk-test", base_url=base_url, max_retries=0, http_client=DefaultAioHttpClient()) as client:
            await client.models.list()

    with pytest.raises(APIConnectionError):
        asyncio.run(main())


def test_an_async_stream_closes_under_the_official_name(server: MockServer) -> None:
    server.route("POST", "/chat/completions", SSEResponse(chat_completion_stream("Hello there")))

    async def main() -> bool:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            stream = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True)
            await stream.close()
            closed: Any = stream.response.is_closed
            return bool(closed)

    assert asyncio.run(main()) is True


def test_a_streamed_binary_download_parses_to_its_bytes(server: MockServer) -> None:
    server.route("POST", "/audio/speech", BytesResponse(b"ID3 audio", content_type="audio/mpeg"))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.audio.speech.with_streaming_response.create(input="hi", model="tts-1", voice="alloy") as response:
            assert not response.is_closed
            assert response.parse() == b"ID3 audio"
        assert response.is_closed
        # the plain call still gives the binary content object
        assert client.audio.speech.create(input="hi", model="tts-1", voice="alloy").content == b"ID3 audio"

    async def main() -> bytes:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            async with client.audio.speech.with_streaming_response.create(input="hi", model="tts-1", voice="alloy") as response:
                return await response.parse()

    assert asyncio.run(main()) == b"ID3 audio"


def test_urls_are_strings_and_deprecated_fields_read_without_warnings(server: MockServer) -> None:
    server.route("POST", "/images/generations", JSONResponse({"created": 1, "data": [{"url": "https://example.com/a.png"}]}))
    file = {"id": "file-1", "object": "file", "bytes": 3, "created_at": 1, "filename": "a.txt", "purpose": "assistants",
            "status": "processed"}  # fmt: skip
    server.route("GET", "/files/{file_id}", JSONResponse(file))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        images = client.images.generate(prompt="a cat")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # `status` is deprecated in the spec: reading it must not warn
            got = client.files.retrieve("file-1")
            assert (got.status, repr(got).count("processed")) == ("processed", 1)
    assert images.data is not None
    url = images.data[0].url
    assert isinstance(url, str) and url == "https://example.com/a.png"


def test_lib_pydantic_gives_the_strict_schema_of_structured_outputs() -> None:
    import pydantic

    from typed_openai.lib._pydantic import to_strict_json_schema as official_path
    from typed_openai.lib.structured._schema import to_strict_json_schema

    class Point(pydantic.BaseModel):
        x: int
        label: Optional[str] = None

    schema = official_path(Point)
    assert official_path is to_strict_json_schema
    assert schema["additionalProperties"] is False and schema["required"] == ["x", "label"]
