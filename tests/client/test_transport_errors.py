"""Every failure below HTTP reaches the caller as the package's error, the raw httpx2
one kept as `__cause__`: a corrupt gzip body (plain and streamed) and a redirect loop,
served by a hostile server on raw sockets."""

from __future__ import annotations

import asyncio

import httpx2
import pytest

from tests.hostile import HostileConnection, HostileServer, http_response
from typed_openai import APIConnectionError, AsyncOpenAI, OpenAI

_NOT_GZIP = b"this is not gzip data at all"


def _corrupt_gzip(conn: HostileConnection) -> None:
    while conn.read_request():
        if not conn.send(http_response(200, _NOT_GZIP, {"content-encoding": "gzip"})):
            return


def _corrupt_gzip_stream(conn: HostileConnection) -> None:
    if conn.read_request():
        conn.send(http_response(200, _NOT_GZIP, {"content-encoding": "gzip", "content-type": "text/event-stream"}))


def _redirect_loop(conn: HostileConnection) -> None:
    while conn.read_request():
        if not conn.send(http_response(302, b"", {"location": "/v1/models"})):
            return


def _call(mode: str, base_url: str, *, stream: bool) -> None:
    messages = [{"role": "user", "content": "hi"}]
    if mode == "sync":
        with OpenAI(api_key="sk-test", base_url=base_url, max_retries=0) as client:
            if stream:
                list(client.chat.completions.create(model="m", messages=messages, stream=True))  # type: ignore[arg-type] # a plain dict message is what users pass
            else:
                client.models.list()
        return

    async def main() -> None:
        async with AsyncOpenAI(api_key="sk-test", base_url=base_url, max_retries=0) as client:
            if stream:
                chunks = await client.chat.completions.create(model="m", messages=messages, stream=True)  # type: ignore[arg-type] # as above
                async for _chunk in chunks:
                    pass
            else:
                await client.models.list()

    asyncio.run(main())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_a_corrupt_gzip_body_is_an_api_connection_error(mode: str, stream: bool) -> None:
    with HostileServer(_corrupt_gzip_stream if stream else _corrupt_gzip) as server:
        with pytest.raises(APIConnectionError, match="could not be decoded") as caught:
            _call(mode, server.base_url, stream=stream)
    assert isinstance(caught.value.__cause__, httpx2.DecodingError)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_redirect_loop_is_an_api_connection_error(mode: str) -> None:
    with HostileServer(_redirect_loop) as server:
        with pytest.raises(APIConnectionError, match="Too many redirects") as caught:
            _call(mode, server.base_url, stream=False)
    assert isinstance(caught.value.__cause__, httpx2.TooManyRedirects)


def test_an_undecodable_body_is_not_retried() -> None:
    # Sending again would only fetch the same corrupt body.
    with HostileServer(_corrupt_gzip) as server:
        with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=3) as client:
            with pytest.raises(APIConnectionError):
                client.models.list()
        assert server.connections == 1
