"""One deadline bounds everything a call does, against a hostile server on raw sockets:
trickled headers, a trickled body, a stream's trickled error body, a poll whose fetch
trickles; and a retry that cannot fit in the deadline raises the server's own error.

Each trickle would take at least 20 s to finish; the bound checked is the deadline plus
one second, which holds on a loaded 2-core machine (the precision on a quiet machine,
deadline + 100 ms, is measured by `python -m bench`)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from tests.hostile import HostileConnection, HostileServer, http_response
from typed_openai import APITimeoutError, AsyncOpenAI, OpenAI, RateLimitError

DEADLINE = 0.5
BOUND = DEADLINE + 1.0
TRICKLE_EVERY = 0.2

_BODY = json.dumps({"object": "list", "data": []}).encode()


def _trickled_body(conn: HostileConnection) -> None:
    while conn.read_request():
        head = http_response(200, b"", {"content-length": "200"})
        if not conn.send(head) or not conn.trickle(b" " * 200, every=TRICKLE_EVERY):
            return


def _trickled_headers(conn: HostileConnection) -> None:
    if conn.read_request():
        conn.trickle(http_response(200, _BODY), every=TRICKLE_EVERY)


def _stream_error_body_trickled(conn: HostileConnection) -> None:
    if conn.read_request():
        body = json.dumps({"error": {"message": "x" * 150}}).encode()
        head = http_response(500, b"", {"content-length": str(len(body)), "x-should-retry": "false"})
        if conn.send(head):
            conn.trickle(body, every=TRICKLE_EVERY)


def _run(mode: str, sync_call: Callable[[OpenAI], object], async_call: Callable[[AsyncOpenAI], Coroutine[Any, Any, object]], base_url: str, **options: Any) -> float:
    """Time one call (client built and its resource loaded first) in `mode`."""
    if mode == "sync":
        with OpenAI(api_key="sk-test", base_url=base_url, **options) as client:
            client.models  # noqa: B018 -- loads the resource before the clock starts
            started = time.monotonic()
            try:
                sync_call(client)
            finally:
                elapsed = time.monotonic() - started
        return elapsed

    async def main() -> float:
        async with AsyncOpenAI(api_key="sk-test", base_url=base_url, **options) as client:
            started = time.monotonic()
            try:
                await async_call(client)
            finally:
                elapsed = time.monotonic() - started
            return elapsed

    return asyncio.run(main())


def _timed_raises(mode: str, script: Callable[[HostileConnection], None], sync_call: Callable[[OpenAI], object], async_call: Callable[[AsyncOpenAI], Coroutine[Any, Any, object]], **options: Any) -> float:
    with HostileServer(script) as server:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="deadline"):
            _run(mode, sync_call, async_call, server.base_url, **options)
        return time.monotonic() - started


async def _async_list(client: AsyncOpenAI) -> object:
    return await client.models.list()


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_trickled_body_is_cut_at_the_deadline(mode: str) -> None:
    elapsed = _timed_raises(mode, _trickled_body, lambda c: c.models.list(), _async_list, total_timeout=DEADLINE, max_retries=0)
    assert elapsed < BOUND


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_trickled_headers_are_cut_at_the_deadline(mode: str) -> None:
    elapsed = _timed_raises(mode, _trickled_headers, lambda c: c.models.list(), _async_list, total_timeout=DEADLINE, max_retries=0)
    assert elapsed < BOUND


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_retries_of_a_trickling_server_share_one_deadline(mode: str) -> None:
    # With retries allowed, each attempt is cut by the same deadline, not a fresh one.
    elapsed = _timed_raises(mode, _trickled_body, lambda c: c.models.list(), _async_list, total_timeout=DEADLINE, max_retries=5)
    assert elapsed < BOUND


def _stream_sync(client: OpenAI) -> object:
    return list(client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}], stream=True))


async def _stream_async(client: AsyncOpenAI) -> object:
    stream = await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}], stream=True)
    return [chunk async for chunk in stream]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_streams_trickled_error_body_is_cut_at_the_deadline(mode: str) -> None:
    elapsed = _timed_raises(mode, _stream_error_body_trickled, _stream_sync, _stream_async, total_timeout=DEADLINE)
    assert elapsed < BOUND


def _run_then_trickle(conn: HostileConnection) -> None:
    run = {"id": "run_1", "object": "thread.run", "thread_id": "thread_1", "status": "queued", "created_at": 1}
    if conn.read_request() and conn.send(http_response(200, json.dumps(run).encode())):
        _trickled_body(conn)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_poll_whose_fetch_trickles_ends_at_max_wait_seconds(mode: str) -> None:
    from typed_openai import PollingTimeoutError

    with HostileServer(_run_then_trickle) as server:
        started = time.monotonic()
        with pytest.raises(PollingTimeoutError):
            if mode == "sync":
                with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
                    client.beta.threads.runs.create_and_poll(thread_id="thread_1", assistant_id="a", max_wait_seconds=DEADLINE)
            else:

                async def main() -> None:
                    async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url) as client:
                        await client.beta.threads.runs.create_and_poll(
                            thread_id="thread_1", assistant_id="a", max_wait_seconds=DEADLINE
                        )

                asyncio.run(main())
        # a generous bound: it also covers loading the beta area's models on first use
        assert time.monotonic() - started < BOUND + 1.0


def _rate_limited(conn: HostileConnection) -> None:
    body = json.dumps({"error": {"message": "slow down", "type": "rate_limit", "code": "rate_limited"}}).encode()
    while conn.read_request():
        if not conn.send(http_response(429, body, {"retry-after": "30"})):
            return


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_retry_that_cannot_fit_raises_the_servers_error(mode: str) -> None:
    with HostileServer(_rate_limited) as server:
        with pytest.raises(RateLimitError) as caught:
            _run(mode, lambda c: c.models.list(), _async_list, server.base_url, total_timeout=5)
        assert server.connections == 1
    error = caught.value
    assert error.status_code == 429
    assert error.code == "rate_limited"
    assert error.body == {"message": "slow down", "type": "rate_limit", "code": "rate_limited"}  # the inner object, as the official SDK
    assert any("total_timeout" in note for note in error.__notes__)


def test_without_a_deadline_the_retry_wait_is_taken() -> None:
    # Control: the same server without total_timeout is retried after the wait it asks.
    with HostileServer(_rate_limited) as server:
        client = OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=1)
        slept: list[float] = []
        client._sleep = slept.append
        with client, pytest.raises(RateLimitError):
            client.models.list()
    assert slept == [30.0]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_users_own_client_gets_the_same_deadline(mode: str) -> None:
    import httpx2

    with HostileServer(_trickled_body) as server:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="deadline"):
            if mode == "sync":
                own = httpx2.Client(transport=httpx2.HTTPTransport(retries=0))
                with own, OpenAI(api_key="sk-test", base_url=server.base_url, http_client=own, total_timeout=DEADLINE) as client:
                    client.models.list()
            else:

                async def main() -> None:
                    own = httpx2.AsyncClient(transport=httpx2.AsyncHTTPTransport(retries=0))
                    async with own, AsyncOpenAI(api_key="sk-test", base_url=server.base_url, http_client=own, total_timeout=DEADLINE) as client:
                        await client.models.list()

                asyncio.run(main())
        assert time.monotonic() - started < BOUND + 0.5  # the clock also covers building the client here
