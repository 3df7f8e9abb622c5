"""SSE on the wire (chunks, delays, gates, keep-alives), faults, and stop()."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx2
import pytest

from typed_openai.testing import (
    CloseConnection,
    Gate,
    JSONResponse,
    MockServer,
    SSEComment,
    SSEEvent,
    SSEResponse,
    Stall,
)

EVENTS = [SSEEvent.from_json({"n": n}, event="tick") for n in range(4)]


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture
def client(server: MockServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.base_url, timeout=5) as client:
        yield client


def raw_exchange(server: MockServer, request: bytes) -> bytes:
    """Send `request` on a plain socket and return every byte until the server closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def split_chunks(body: bytes) -> tuple[list[bytes], bool]:
    """Decode a chunked body by hand: the chunks, and whether the 0-chunk ended it."""
    chunks: list[bytes] = []
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            return chunks, body == b"\r\n"
        chunks.append(body[:size])
        assert body[size : size + 2] == b"\r\n"
        body = body[size + 2 :]
    return chunks, False


def test_sse_wire_format_is_one_chunk_per_event(server: MockServer) -> None:
    server.route("GET", "/stream", SSEResponse([*EVENTS[:2], SSEComment("ping"), b"data: raw\n\n"]))
    received = raw_exchange(server, b"GET /v1/stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    head_lines = head.decode().lower().split("\r\n")
    assert "content-type: text/event-stream; charset=utf-8" in head_lines
    assert "transfer-encoding: chunked" in head_lines
    assert "cache-control: no-cache" in head_lines
    chunks, terminated = split_chunks(body)
    assert chunks == [
        b'event: tick\ndata: {"n":0}\n\n',
        b'event: tick\ndata: {"n":1}\n\n',
        b": ping\n\n",
        b"data: raw\n\n",
    ]
    assert terminated


def test_sse_event_encoding() -> None:
    event = SSEEvent("line 1\nline 2\r\nline 3", event="message", id="7", retry=1500)
    assert event.encode() == b"event: message\nid: 7\nretry: 1500\ndata: line 1\ndata: line 2\ndata: line 3\n\n"
    assert SSEEvent.from_json({"a": "é"}).encode() == 'data: {"a":"é"}\n\n'.encode()


def test_events_arrive_while_the_stream_is_still_open(server: MockServer, client: httpx2.Client) -> None:
    gate = Gate()
    server.route("POST", "/stream", SSEResponse([EVENTS[0], gate, EVENTS[1]]))
    with client.stream("POST", "/stream") as response:
        lines = response.iter_lines()
        assert next(lines) == "event: tick"
        assert next(lines) == 'data: {"n":0}'
        assert next(lines) == ""
        # The server is parked at the gate: the first event got here before the end.
        assert not gate.is_open
        gate.open()
        assert list(lines) == ["event: tick", 'data: {"n":1}', ""]


def test_delay_spreads_events_over_separate_reads(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/stream", SSEResponse(EVENTS[:3], delay=0.2))
    arrivals: list[float] = []
    pieces: list[bytes] = []
    with client.stream("GET", "/stream") as response:
        for piece in response.iter_raw():
            arrivals.append(time.monotonic())
            pieces.append(piece)
    assert b"".join(pieces) == b"".join(event.encode() for event in EVENTS[:3])
    assert len(pieces) == 3  # each event was flushed on its own
    assert arrivals[-1] - arrivals[0] >= 0.3  # two delays of 0.2 s separate first and last


def test_keepalive_comments_fill_long_delays(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/stream", SSEResponse(EVENTS[:2], delay=0.5, keepalive=0.1))
    with client.stream("GET", "/stream") as response:
        body = response.read()
    first, second = EVENTS[0].encode(), EVENTS[1].encode()
    assert body.startswith(first) and body.endswith(second)
    between = body[len(first) : -len(second)]
    assert between.count(b": keep-alive\n\n") >= 1
    assert between.replace(b": keep-alive\n\n", b"") == b""


def test_drop_after_cuts_the_stream_without_terminating_chunk(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/stream", SSEResponse(EVENTS, drop_after=2))
    received: list[str] = []
    with client.stream("GET", "/stream") as response:
        with pytest.raises(httpx2.RemoteProtocolError, match="incomplete chunked read"):
            for line in response.iter_lines():
                received.append(line)
    assert received == ["event: tick", 'data: {"n":0}', "", "event: tick", 'data: {"n":1}', ""]

    raw = raw_exchange(server, b"GET /v1/stream HTTP/1.1\r\nHost: x\r\n\r\n")
    chunks, terminated = split_chunks(raw.partition(b"\r\n\r\n")[2])
    assert chunks == [EVENTS[0].encode(), EVENTS[1].encode()]
    assert not terminated


def test_cut_mid_event_sends_half_an_event_then_drops(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/stream", SSEResponse(EVENTS, drop_after=1, cut_mid_event=True))
    pieces: list[bytes] = []
    with client.stream("GET", "/stream") as response:
        with pytest.raises(httpx2.RemoteProtocolError):
            for piece in response.iter_raw():
                pieces.append(piece)
    second = EVENTS[1].encode()
    assert b"".join(pieces) == EVENTS[0].encode() + second[: len(second) // 2]


def test_drop_after_every_event_still_omits_the_end(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/stream", SSEResponse(EVENTS[:2], drop_after=2))
    with client.stream("GET", "/stream") as response:
        with pytest.raises(httpx2.RemoteProtocolError):
            response.read()


def test_stall_triggers_a_read_timeout(server: MockServer) -> None:
    server.route("POST", "/slow", Stall(30))
    with httpx2.Client(base_url=server.base_url, timeout=httpx2.Timeout(5, read=0.2)) as client:
        with pytest.raises(httpx2.ReadTimeout):
            client.post("/slow", json={"a": 1})
    assert server.requests[0].json() == {"a": 1}  # recorded before the stall


def test_stall_then_answers_late(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/late", Stall(0.1, then=JSONResponse({"late": True})))
    assert client.get("/late").json() == {"late": True}


def test_close_connection_without_answer(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/gone", [CloseConnection(), JSONResponse({"second": "try"})])
    with pytest.raises(httpx2.RemoteProtocolError, match="without sending"):
        client.get("/gone")
    # The same client recovers on a fresh connection.
    assert client.get("/gone").json() == {"second": "try"}


def test_close_connection_with_reset(server: MockServer, client: httpx2.Client) -> None:
    server.route("GET", "/reset", CloseConnection(reset=True))
    with pytest.raises(httpx2.ReadError):
        client.get("/reset")
    assert server.errors == []


def test_stop_closes_an_open_stream_promptly() -> None:
    server = MockServer().start()
    gate = Gate()  # never opened: without stop() the stream would stay open forever
    server.route("GET", "/stream", SSEResponse([EVENTS[0], gate, EVENTS[1]]))
    with httpx2.Client(base_url=server.base_url, timeout=5) as client:
        with client.stream("GET", "/stream") as response:
            lines = response.iter_lines()
            assert next(lines) == "event: tick"
            started = time.monotonic()
            server.stop()
            assert time.monotonic() - started < 2
            with pytest.raises(httpx2.RemoteProtocolError):
                list(lines)


def test_stop_wakes_a_stall_and_joins_idle_keepalive_connections() -> None:
    server = MockServer().start()
    server.route("GET", "/ok", JSONResponse({}))
    server.route("GET", "/stall", Stall(60))
    outcome: list[BaseException] = []

    def stalled_call() -> None:
        try:
            httpx2.get(server.base_url + "/stall", timeout=30)
        except httpx2.HTTPError as exc:
            outcome.append(exc)

    with httpx2.Client(base_url=server.base_url, timeout=5) as idle_client:
        idle_client.get("/ok")  # leaves a pooled keep-alive connection open
        stalled = threading.Thread(target=stalled_call)
        stalled.start()
        while len(server.requests) < 2:
            time.sleep(0.01)
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 2
        stalled.join(5)
    assert [type(exc) for exc in outcome] == [httpx2.RemoteProtocolError]
    handler_threads = [t for t in threading.enumerate() if t.name == f"MockServer:{server.port} connection"]
    assert handler_threads == []
    with pytest.raises(httpx2.ConnectError):
        httpx2.get(server.base_url + "/ok")


def test_malformed_request_line_gets_json_400(server: MockServer) -> None:
    received = raw_exchange(server, b"NONSENSE\r\n\r\n")
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") or head.startswith(b"HTTP/1.0 400")
    assert b'"type": "invalid_request_error"' in body


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_async_client_reads_the_stream_event_by_event(server: MockServer) -> None:
    gate = Gate()
    server.route("GET", "/stream", SSEResponse([EVENTS[0], gate, EVENTS[1]]))
    async with httpx2.AsyncClient(base_url=server.base_url, timeout=5) as client:
        async with client.stream("GET", "/stream") as response:
            lines = response.aiter_lines()
            assert [await anext(lines) for _ in range(3)] == ["event: tick", 'data: {"n":0}', ""]
            gate.open()
            assert [line async for line in lines] == ["event: tick", 'data: {"n":1}', ""]
