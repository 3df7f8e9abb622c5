"""A request the server may already have acted on is not sent again on its own.

Counted on a real server: how many POSTs arrive after a read timeout or a reset once the
request was received, with and without the opt-in; idempotent methods and failures
before sending are still retried.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest

from typed_openai import APIConnectionError, APITimeoutError, AsyncOpenAI, OpenAI
from typed_openai.testing import CloseConnection, JSONResponse, MockServer, Stall, run_object

RUN_PATH = "/threads/thread_1/runs"


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


def _client(server: MockServer, *, retry_unsafe_requests: bool = False) -> OpenAI:
    client = OpenAI(
        api_key="sk-test", base_url=server.base_url, max_retries=2, timeout=0.3, retry_unsafe_requests=retry_unsafe_requests
    )
    client._sleep = lambda seconds: None  # no real backoff waits
    return client


def _posts(server: MockServer) -> int:
    return sum(1 for r in server.requests if r.method == "POST")


def test_a_post_is_not_resent_after_a_read_timeout(server: MockServer) -> None:
    server.route("POST", RUN_PATH, Stall(2.0))
    with _client(server) as client, pytest.raises(APITimeoutError) as caught:
        client.beta.threads.runs.create("thread_1", assistant_id="asst_1")
    assert _posts(server) == 1
    assert any("Not retried" in note and "retry_unsafe_requests=True" in note for note in caught.value.__notes__)


def test_a_post_is_not_resent_after_a_reset_once_received(server: MockServer) -> None:
    server.route("POST", RUN_PATH, CloseConnection(reset=True))
    with _client(server) as client, pytest.raises(APIConnectionError):
        client.beta.threads.runs.create("thread_1", assistant_id="asst_1")
    assert _posts(server) == 1


def test_the_opt_in_resends_it(server: MockServer) -> None:
    server.route("POST", RUN_PATH, [Stall(2.0), Stall(2.0), JSONResponse(run_object(id="run_1", thread_id="thread_1"))])
    with _client(server, retry_unsafe_requests=True) as client:
        run = client.beta.threads.runs.create("thread_1", assistant_id="asst_1")
    assert run.id == "run_1" and _posts(server) == 3


def test_the_opt_in_carries_over_to_copies(server: MockServer) -> None:
    with _client(server, retry_unsafe_requests=True) as client:
        assert client.with_options(max_retries=5).retry_unsafe_requests is True
        assert client.with_options(retry_unsafe_requests=False).retry_unsafe_requests is False


def test_a_get_is_retried_after_a_read_timeout(server: MockServer) -> None:
    server.route("GET", "/threads/thread_1/runs/run_1", [Stall(2.0), JSONResponse(run_object(id="run_1", thread_id="thread_1"))])
    with _client(server) as client:
        assert client.beta.threads.runs.retrieve("run_1", thread_id="thread_1").id == "run_1"
    assert len(server.requests) == 2


def test_a_post_is_retried_when_it_never_reached_the_server() -> None:
    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    slept: list[float] = []
    client = OpenAI(api_key="sk-test", base_url=f"http://127.0.0.1:{port}/v1", max_retries=2)
    client._sleep = slept.append
    with client, pytest.raises(APIConnectionError):
        client.beta.threads.runs.create("thread_1", assistant_id="asst_1")
    assert len(slept) == 2  # two retries after the first refusal


def test_a_429_and_a_503_with_retry_after_are_still_retried_for_a_post(server: MockServer) -> None:
    from typed_openai.testing import error_response

    server.route("POST", RUN_PATH, [
        error_response(429, "slow down", headers={"retry-after": "1"}),
        error_response(503, "busy", headers={"retry-after-ms": "10"}),
        JSONResponse(run_object(id="run_1", thread_id="thread_1")),
    ])
    slept: list[float] = []
    client = OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=2)
    client._sleep = slept.append
    with client:
        assert client.beta.threads.runs.create("thread_1", assistant_id="asst_1").id == "run_1"
    assert slept == [1.0, 0.01] and _posts(server) == 3


def test_async_post_is_not_resent_after_a_read_timeout(server: MockServer) -> None:
    server.route("POST", RUN_PATH, Stall(2.0))

    async def main() -> None:
        client = AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=2, timeout=0.3)

        async def no_wait(seconds: float) -> None:
            return None

        client._sleep = no_wait
        async with client:
            with pytest.raises(APITimeoutError):
                await client.beta.threads.runs.create("thread_1", assistant_id="asst_1")

    asyncio.run(main())
    assert _posts(server) == 1
