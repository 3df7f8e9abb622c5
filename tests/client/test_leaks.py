"""No leaks on real sockets: after many iterations of each fault, the client's connection
pool holds no more connections than it started with and no file descriptor is left
open; cancelling an async task mid-stream closes its socket promptly."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator

import pytest

from typed_openai import APIError, AsyncOpenAI, OpenAI
from typed_openai.testing import CloseConnection, MockServer, SSEEvent, SSEResponse, assistant_text_stream

RUNS = "/threads/thread_abc123/runs"
ITERATIONS = 1000


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _fds_settle_at_most(limit: int, within: float = 10.0) -> int:
    """The open descriptors once they are at most `limit`, or after `within` seconds.

    The mock server runs in this process: after the client leaves a stream early, the
    server's end of that socket closes only when its handler thread next writes, which on a
    loaded machine can come after the client's last iteration. A leak stays above `limit`."""
    give_up = time.monotonic() + within
    while (count := _open_fds()) > limit and time.monotonic() < give_up:
        time.sleep(0.05)
    return count


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


def _stream_all(client: OpenAI) -> None:
    for _ in client.beta.threads.runs.create("thread_abc123", assistant_id="a", stream=True):
        pass


def _break_early(client: OpenAI) -> None:
    with client.beta.threads.runs.create("thread_abc123", assistant_id="a", stream=True) as stream:
        for _ in stream:
            break


FAULTS: dict[str, tuple[Callable[[], object], Callable[[OpenAI], None]]] = {
    "complete stream": (lambda: SSEResponse(assistant_text_stream("Hi", chunk_size=1)), _stream_all),
    "cut mid-event": (lambda: SSEResponse(assistant_text_stream("Hi"), drop_after=3, cut_mid_event=True), _stream_all),
    "error event": (lambda: SSEResponse([SSEEvent('{"message": "boom"}', event="error")]), _stream_all),
    "no done": (lambda: SSEResponse(assistant_text_stream("Hi")[:4]), _stream_all),
    "reset": (lambda: CloseConnection(reset=True), _stream_all),
    "left early": (lambda: SSEResponse(assistant_text_stream("Hello there", chunk_size=1)), _break_early),
}


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors through /proc")
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_no_connection_or_descriptor_leaks(server: MockServer, fault: str) -> None:
    make, use = FAULTS[fault]
    server.route("POST", RUNS, [make() for _ in range(ITERATIONS + 1)])  # type: ignore[misc]  # each call answered by the next response
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        try:
            use(client)  # warm up: the pool's first connection, lazy imports
        except APIError:
            pass
        pool = client._http._transport._pool  # type: ignore[attr-defined]  # httpcore's pool: the only way to count its connections
        fds, connections = _open_fds(), len(pool.connections)
        for _ in range(ITERATIONS):
            try:
                use(client)
            except APIError:
                pass
        assert len(pool.connections) <= max(connections, 1)
        assert _fds_settle_at_most(fds + 1) <= fds + 1  # at most the one kept-alive connection's socket


def test_cancelling_an_async_task_mid_stream_closes_its_socket(server: MockServer) -> None:
    events = assistant_text_stream("Hello", chunk_size=1)
    server.route("POST", RUNS, SSEResponse(events[:4] + events[4:], delay=5.0))

    async def main() -> float:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            got_one = asyncio.Event()

            async def consume() -> None:
                stream = await client.beta.threads.runs.create("thread_abc123", assistant_id="a", stream=True)
                async for _ in stream:
                    got_one.set()

            task = asyncio.create_task(consume())
            await got_one.wait()
            cancelled_at = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            # (The in-process server's end of the socket lingers until its next write;
            # what matters is the client's side, which its pool shows.)
            pool = client._http._transport._pool  # type: ignore[attr-defined]  # as above
            while any(not c.is_closed() for c in pool.connections):
                if time.monotonic() - cancelled_at > 1:
                    break
                await asyncio.sleep(0.005)
            return time.monotonic() - cancelled_at

    assert asyncio.run(main()) < 0.5  # closed as the cancellation unwinds; 0.5 s holds on a loaded machine (a leak waits the full 1 s)


def test_cancelling_an_async_task_mid_poll_closes_its_connection(server: MockServer) -> None:
    from typed_openai.testing import JSONResponse, Stall, run_object

    server.route("POST", RUNS, JSONResponse(run_object(id="run_1", thread_id="thread_abc123", status="queued")))
    server.route("GET", f"{RUNS}/run_1", Stall(5.0))  # the poll's retrieve hangs

    async def main() -> float:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            task = asyncio.create_task(
                client.beta.threads.runs.create_and_poll(thread_id="thread_abc123", assistant_id="a", poll_interval_ms=10)
            )
            while not any(r.method == "GET" for r in server.requests):  # the retrieve is in flight
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.05)
            cancelled_at = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            pool = client._http._transport._pool  # type: ignore[attr-defined]  # httpcore's pool: the only way to see its connections
            while any(not c.is_closed() for c in pool.connections):
                if time.monotonic() - cancelled_at > 1:
                    break
                await asyncio.sleep(0.005)
            return time.monotonic() - cancelled_at

    assert asyncio.run(main()) < 0.5  # closed as the cancellation unwinds; 0.5 s holds on a loaded machine (a leak waits the full 1 s)
