"""A minimal asyncio HTTP/1.1 server for the benchmarks, run in its own process.

It answers each request from a table of pre-encoded responses keyed by (method, path),
so serving costs almost nothing and both clients get byte-identical answers. An SSE body
goes out with chunked transfer encoding, one chunk per event, as the OpenAI API sends it.
Connections are kept alive. `typed_openai.testing.MockServer` is the realistic mock for
tests; this one exists because a threaded server in the benchmark's own process would
compete with the client it measures (200 concurrent streams, one GIL).

    with LoopbackServer({("POST", "/v1/threads/t/runs"): sse_response(events)}) as server:
        server.base_url  # "http://127.0.0.1:PORT/v1"
"""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Self

__all__ = ["LoopbackServer", "Served", "json_response", "sse_response"]

# A route answers with its bytes, or (seconds, bytes): the same after a delay (a slow server).
Routes = Mapping[tuple[str, str], "bytes | tuple[float, bytes]"]


def sse_response(events: Iterable[bytes]) -> bytes:
    """A whole 200 `text/event-stream` response: one HTTP chunk per encoded event."""
    parts = [
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
        b"transfer-encoding: chunked\r\ncache-control: no-cache\r\n\r\n"
    ]
    for event in events:
        parts.append(b"%x\r\n%s\r\n" % (len(event), event))
    parts.append(b"0\r\n\r\n")
    return b"".join(parts)


def json_response(body: object) -> bytes:
    """A whole 200 JSON response."""
    content = json.dumps(body, separators=(",", ":")).encode()
    return b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (
        len(content),
        content,
    )


_NOT_FOUND = b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"


async def _serve_connection(routes: Routes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target, _version = lines[0].split(" ", 2)
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            while length:  # read and drop the body: a 200 MB upload costs the server nothing
                length -= len(await reader.read(min(length, 1 << 20)) or b"")
                if reader.at_eof():
                    return
            answer = routes.get((method, target.partition("?")[0]), _NOT_FOUND)
            if isinstance(answer, tuple):
                delay, answer = answer
                await asyncio.sleep(delay)
            writer.write(answer)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def _main(routes: Routes) -> None:
    server = await asyncio.start_server(
        lambda r, w: _serve_connection(routes, r, w), "127.0.0.1", 0, backlog=1024
    )
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        # Serve until the parent closes our stdin.
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.buffer.read)
    os._exit(0)  # without waiting for (or reporting) connections still open


class LoopbackServer:
    """The server in a child process, for a `with` block."""

    def __init__(self, routes: Routes) -> None:
        self._routes = dict(routes)
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0

    def __enter__(self) -> Self:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench._loopback"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        payload = pickle.dumps(self._routes)
        self._process.stdin.write(len(payload).to_bytes(8, "big") + payload)
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the loopback server did not start")
        self.port = int(line)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Served:
    """Base of a benchmark answered by one loopback server (`self._server`, set up by the
    subclass): the server runs while the benchmark is entered."""

    _server: LoopbackServer

    def __enter__(self) -> Self:
        self._server.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.__exit__(exc_type, exc, tb)


def _child() -> None:
    size = int.from_bytes(sys.stdin.buffer.read(8), "big")
    routes: Routes = pickle.loads(sys.stdin.buffer.read(size))
    asyncio.run(_main(routes))


if __name__ == "__main__":
    _child()
