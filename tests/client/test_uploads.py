"""Uploads stream from the file: read in chunks, never whole, sync and async, for a path
and for an open file; a retry sends the same bytes again; a path's descriptor is closed
once the call is over. (Peak memory of a 200 MB upload is measured by `python -m bench`.)"""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import JSONResponse, MockServer, error_response, file_object

SIZE = 3 * 1024 * 1024 + 17  # several chunks, and not a multiple of one
CHUNK_LIMIT = 64 * 1024


class SpyFile(io.FileIO):
    """A real file that records the size of every read."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self.reads: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.reads.append(len(data))
        return data


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    path = tmp_path / "notes.bin"
    path.write_bytes(os.urandom(SIZE))
    return path


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        s.route("POST", "/files", [error_response(503, "busy"), JSONResponse(file_object())])
        yield s


def _upload(mode: str, server: MockServer, file: Any) -> None:
    if mode == "sync":
        client = OpenAI(api_key="sk-test", base_url=server.base_url)
        client._sleep = lambda seconds: None
        with client:
            client.files.create(file=file, purpose="assistants")
        return

    async def main() -> None:
        client = AsyncOpenAI(api_key="sk-test", base_url=server.base_url)

        async def no_sleep(seconds: float) -> None:
            return None

        client._sleep = no_sleep
        async with client:
            await client.files.create(file=file, purpose="assistants")

    asyncio.run(main())


def _open_descriptors() -> set[str]:
    """What this process's descriptors point to. The mock server's threads open and close
    sockets meanwhile: a descriptor gone between the listing and the read is skipped."""
    targets = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.add(os.readlink(f"/proc/self/fd/{fd}"))
        except FileNotFoundError:
            continue
    return targets


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_open_file_is_sent_in_chunks_and_resent_whole_on_a_retry(mode: str, server: MockServer, payload: Path) -> None:
    with SpyFile(payload) as spy:
        _upload(mode, server, spy)
    first, second = server.requests
    for request in (first, second):  # the 503, then the retry
        (uploaded,) = request.files()["file"]
        assert uploaded.content == payload.read_bytes()
        assert uploaded.filename == "notes.bin"
    assert spy.reads and max(spy.reads) <= CHUNK_LIMIT  # never read whole


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_path_is_streamed_from_disk_and_closed_after_the_call(mode: str, server: MockServer, payload: Path) -> None:
    _upload(mode, server, payload)
    for request in server.requests:
        (uploaded,) = request.files()["file"]
        assert uploaded.content == payload.read_bytes()
    assert str(payload) not in _open_descriptors()


def test_a_path_that_is_not_a_file_fails_before_any_request(server: MockServer, tmp_path: Path) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(FileNotFoundError, match="missing.bin"):
            client.files.create(file=tmp_path / "missing.bin", purpose="assistants")
    assert server.requests == []


def test_a_text_mode_file_is_refused_with_a_clear_error(server: MockServer, payload: Path) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client, open(payload, encoding="latin-1") as text:
        with pytest.raises(TypeError, match="binary mode"):
            client.files.create(file=text, purpose="assistants")  # type: ignore[arg-type] # the mistake under test
    assert server.requests == []


def test_a_pipe_is_read_once_so_a_retry_can_resend_it(server: MockServer) -> None:
    read_end, write_end = os.pipe()
    data = os.urandom(50_000)  # under the pipe buffer: written before anyone reads
    with os.fdopen(write_end, "wb") as writer:
        writer.write(data)
    with os.fdopen(read_end, "rb") as pipe:
        _upload("sync", server, ("data.bin", pipe))
    for request in server.requests:
        assert request.files()["file"][0].content == data
