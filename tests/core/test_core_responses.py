"""Raw responses, binary downloads, and what `cast_to` turns a body into."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import httpx2
import pytest

from typed_openai._core import (
    APIResponse,
    AsyncAPIClient,
    AsyncAPIResponse,
    AsyncCursorPage,
    AsyncPaginator,
    AsyncStream,
    BaseModel,
    BinaryResponse,
    LegacyAPIResponse,
    NotFoundError,
    PageShape,
    RequestSpec,
    Stream,
    SyncAPIClient,
    SyncCursorPage,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)

if TYPE_CHECKING:
    from conftest import MockServer

GET = RequestSpec(method="get", path="/things/t1")


class Thing(BaseModel):
    id: str


class Things:
    """A stand-in for a generated resource."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def retrieve(self, thing_id: str) -> Thing:
        return self._client.request(
            RequestSpec(method="get", path=f"/things/{thing_id}"), cast_to=Thing
        )

    def list(self) -> SyncCursorPage[Thing]:
        return self._client.request_page(
            RequestSpec(method="get", path="/things"), page_cls=SyncCursorPage[Thing], shape=CURSOR
        )

    def stream(self) -> Stream[Thing]:
        return self._client.request_stream(
            RequestSpec(method="post", path="/s"), event_type=Thing, framing="data"
        )


CURSOR = PageShape(param="after", cursor_fields=("last_id", "next"), item_cursor="id", has_more="has_more")


class AsyncThings:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def retrieve(self, thing_id: str) -> Thing:
        return await self._client.request(
            RequestSpec(method="get", path=f"/things/{thing_id}"), cast_to=Thing
        )

    def list(self) -> AsyncPaginator[Thing, AsyncCursorPage[Thing]]:
        return self._client.request_page(
            RequestSpec(method="get", path="/things"), page_cls=AsyncCursorPage[Thing], shape=CURSOR
        )

    async def stream(self) -> AsyncStream[Thing]:
        return await self._client.request_stream(
            RequestSpec(method="post", path="/s"), event_type=Thing, framing="data"
        )


def test_raw_response_wrapper(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"id": "t1", "extra": 1}, headers={"x-request-id": "req_9"})
    raw = to_raw_response_wrapper(Things(client).retrieve)("t1")
    assert isinstance(raw, LegacyAPIResponse)
    assert raw.is_closed is True  # read whole, as the official SDK's raw responses
    assert raw.status_code == 200
    assert raw.request_id == "req_9"
    assert raw.headers["content-type"] == "application/json"
    assert raw.url == httpx2.URL(f"{server.url}/things/t1")
    assert raw.http_request.url == raw.url and raw.method == "GET"
    assert raw.text == '{"id": "t1", "extra": 1}'
    assert raw.content == b'{"id": "t1", "extra": 1}'
    assert raw.retries_taken == 0 and raw.http_version == "HTTP/1.1"
    assert raw.elapsed.total_seconds() >= 0
    thing = raw.parse()
    assert isinstance(thing, Thing) and thing.id == "t1"
    assert raw.parse() is thing  # parsed once
    assert raw.parse(to=dict) == {"id": "t1", "extra": 1}
    assert isinstance(raw.http_response, httpx2.Response)


def test_raw_response_counts_retries(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(500, {"error": {"message": "boom"}})
    server.reply(200, {"id": "t1"})
    raw = to_raw_response_wrapper(Things(client).retrieve)("t1")
    assert raw.retries_taken == 1 and raw.parse().id == "t1"


def test_raw_mode_is_scoped_to_the_wrapped_call(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(200, {"id": "a"})
    server.reply(200, {"id": "b"})
    to_raw_response_wrapper(Things(client).retrieve)("a")
    assert isinstance(Things(client).retrieve("b"), Thing)


def test_raw_page_fetches_next_pages_parsed(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(200, {"data": [{"id": "a"}], "has_more": True, "last_id": "a"})
    server.reply(200, {"data": [{"id": "b"}], "has_more": False})
    raw = to_raw_response_wrapper(Things(client).list)()
    page = raw.parse()
    assert [t.id for t in page] == ["a", "b"]


def test_raw_stream(server: MockServer, client: SyncAPIClient) -> None:
    server.sse(b'data: {"id": "s1"}\n\ndata: [DONE]\n\n')
    raw = to_raw_response_wrapper(Things(client).stream)()
    assert raw.headers["content-type"] == "text/event-stream"
    assert not raw.is_closed  # the stream reads it
    assert [t.id for t in raw.parse()] == ["s1"]


def test_streamed_response_reads_the_body_on_demand(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"id": "t1"}, headers={"x-request-id": "req_s"})
    with to_streamed_response_wrapper(Things(client).retrieve)("t1") as response:
        assert isinstance(response, APIResponse)
        assert not response.is_closed
        assert response.request_id == "req_s" and response.status_code == 200
        thing = response.parse()
        assert isinstance(thing, Thing) and thing.id == "t1"
        assert response.json() == {"id": "t1"} and response.text() == '{"id": "t1"}'
    assert response.is_closed


def test_streamed_response_closed_unread(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"id": "t1"})
    with to_streamed_response_wrapper(Things(client).retrieve)("t1") as response:
        pass
    assert response.is_closed
    server.reply(200, body=b"line one\nline two\n", headers={"Content-Type": "text/plain"})
    with to_streamed_response_wrapper(Things(client).retrieve)("t1") as response:
        assert list(response.iter_lines()) == ["line one", "line two"]


def test_streamed_response_of_a_stream(server: MockServer, client: SyncAPIClient) -> None:
    server.sse(b'data: {"id": "s1"}\n\ndata: {"id": "s2"}\n\ndata: [DONE]\n\n')
    with to_streamed_response_wrapper(Things(client).stream)() as response:
        assert [t.id for t in response.parse()] == ["s1", "s2"]
    assert response.is_closed


def test_streamed_response_error_raises_on_entering(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(404, {"error": {"message": "no such thing"}})
    manager = to_streamed_response_wrapper(Things(client).retrieve)("t1")
    with pytest.raises(NotFoundError):
        with manager:
            raise AssertionError("not reached")


@pytest.mark.anyio
async def test_async_raw_response_wrapper(
    server: MockServer, aclient: AsyncAPIClient
) -> None:
    server.reply(200, {"id": "t1"}, headers={"x-request-id": "req_1"})
    raw = await async_to_raw_response_wrapper(AsyncThings(aclient).retrieve)("t1")
    assert isinstance(raw, LegacyAPIResponse)
    assert raw.is_closed is True
    assert raw.request_id == "req_1"
    assert raw.text == '{"id": "t1"}'
    assert raw.parse().id == "t1"  # not awaited, as the official SDK's


@pytest.mark.anyio
async def test_async_raw_page_and_stream(
    server: MockServer, aclient: AsyncAPIClient
) -> None:
    server.reply(
        200,
        {"data": [{"id": "a"}], "has_more": False},
        headers={"x-request-id": "req_p"},
    )
    raw = await async_to_raw_response_wrapper(AsyncThings(aclient).list)()
    assert raw.request_id == "req_p"
    page = raw.parse()
    assert [t.id async for t in page] == ["a"]

    server.sse(b'data: {"id": "s1"}\n\n')
    raw_stream = await async_to_raw_response_wrapper(AsyncThings(aclient).stream)()
    stream = raw_stream.parse()
    assert [t.id async for t in stream] == ["s1"]


@pytest.mark.anyio
async def test_async_streamed_response(server: MockServer, aclient: AsyncAPIClient) -> None:
    server.reply(200, {"id": "t1"}, headers={"x-request-id": "req_a"})
    async with async_to_streamed_response_wrapper(AsyncThings(aclient).retrieve)("t1") as response:
        assert isinstance(response, AsyncAPIResponse)
        assert not response.is_closed
        assert (await response.parse()).id == "t1"
        assert await response.json() == {"id": "t1"}
    assert response.is_closed

    server.reply(200, {"data": [{"id": "a"}], "has_more": False})
    async with async_to_streamed_response_wrapper(AsyncThings(aclient).list)() as page_response:
        page = await page_response.parse()
        assert [t.id async for t in page] == ["a"]

    server.sse(b'data: {"id": "s1"}\n\n')
    async with async_to_streamed_response_wrapper(AsyncThings(aclient).stream)() as stream_response:
        assert [t.id async for t in await stream_response.parse()] == ["s1"]
    assert stream_response.is_closed

    server.reply(200, body=b"abc", headers={"Content-Type": "text/plain"})
    async with async_to_streamed_response_wrapper(AsyncThings(aclient).retrieve)("t1") as raw_bytes:
        assert b"".join([chunk async for chunk in raw_bytes.iter_bytes()]) == b"abc"


def test_binary_response(
    server: MockServer, client: SyncAPIClient, tmp_path: Path
) -> None:
    audio = bytes(range(256)) * 10
    server.reply(200, body=audio, headers={"Content-Type": "audio/mpeg"})
    result = client.request(
        RequestSpec(method="post", path="/audio/speech"), cast_to=BinaryResponse
    )
    assert isinstance(result, BinaryResponse)
    assert result.content == audio
    assert result.read() == audio
    assert b"".join(result.iter_bytes(chunk_size=100)) == audio
    target = tmp_path / "out.mp3"
    result.write_to_file(target)
    assert target.read_bytes() == audio
    assert "audio/mpeg" in repr(result)


def test_cast_to_str_object_and_response(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(200, body=b"WEBVTT\n", headers={"Content-Type": "text/vtt"})
    assert client.request(GET, cast_to=str) == "WEBVTT\n"
    server.reply(200, {"any": ["json"]})
    assert client.request(GET, cast_to=object) == {"any": ["json"]}
    server.reply(204)
    assert client.request(GET, cast_to=object) is None
    server.reply(200, {"id": "x"})
    response = client.request(GET, cast_to=httpx2.Response)
    assert isinstance(response, httpx2.Response) and response.json() == {"id": "x"}
    server.reply(200, [1, 2])
    assert client.request(GET, cast_to=list[int]) == [1, 2]


def test_a_parsed_model_carries_its_request_id(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"id": "t1"}, headers={"x-request-id": "req_abc"})
    thing = Things(client).retrieve("t1")
    assert thing._request_id == "req_abc"  # the official SDK's name for it
    server.reply(200, {"data": [{"id": "a"}], "has_more": False}, headers={"x-request-id": "req_page"})
    assert Things(client).list()._request_id == "req_page"
    assert Thing(id="built")._request_id is None


def test_streamed_response_to_a_file(server: MockServer, client: SyncAPIClient, tmp_path: Path) -> None:
    audio = bytes(range(256)) * 40
    server.reply(200, body=audio, headers={"Content-Type": "audio/mpeg"})
    with to_streamed_response_wrapper(Things(client).retrieve)("t1") as response:
        response.stream_to_file(tmp_path / "out.mp3", chunk_size=1000)
    assert (tmp_path / "out.mp3").read_bytes() == audio


@pytest.mark.anyio
async def test_async_streamed_response_to_a_file(server: MockServer, aclient: AsyncAPIClient, tmp_path: Path) -> None:
    audio = bytes(range(256)) * 40
    server.reply(200, body=audio, headers={"Content-Type": "audio/mpeg"})
    async with async_to_streamed_response_wrapper(AsyncThings(aclient).retrieve)("t1") as response:
        await response.stream_to_file(tmp_path / "out.mp3")
    assert (tmp_path / "out.mp3").read_bytes() == audio
