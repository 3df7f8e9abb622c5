"""`total_timeout`: one deadline for a whole call (attempts, retry waits, the whole
stream) that keep-alives cannot extend. The stalls here last 5 s; the bound checked is
the deadline + 1 s, which holds on a loaded 2-core machine (`python -m bench` measures
the precision, deadline + 100 ms on a quiet machine)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from typed_openai import APITimeoutError, AssistantEventHandler, AsyncOpenAI, InternalServerError, OpenAI
from typed_openai.testing import MockServer, SSEResponse, Stall, assistant_text_stream, error_response

RUNS = "/threads/thread_abc123/runs"
DEADLINE = 0.6
SLACK = 1.0


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


def _keepalive_forever() -> SSEResponse:
    # A few events, then keep-alive comments every 50 ms, far past the deadline.
    events = assistant_text_stream("Hello", chunk_size=2)
    return SSEResponse([*events[:3], *events[3:]], delay=5.0, keepalive=0.05)


def test_keepalives_cannot_extend_a_sync_stream(server: MockServer) -> None:
    server.route("POST", RUNS, _keepalive_forever())
    seen = 0
    with OpenAI(api_key="sk-test", base_url=server.base_url, total_timeout=DEADLINE) as client:
        client.beta.threads.runs  # noqa: B018 -- loads the area's models before the clock starts
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="total_timeout"):
            for _event in client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True):
                seen += 1
        elapsed = time.monotonic() - started
    assert seen >= 1
    assert elapsed < DEADLINE + SLACK


def test_keepalives_cannot_extend_an_async_stream(server: MockServer) -> None:
    server.route("POST", RUNS, _keepalive_forever())

    async def main() -> float:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, total_timeout=DEADLINE) as client:
            client.beta.threads.runs  # noqa: B018 -- loads the area's models before the clock starts
            started = time.monotonic()
            stream = await client.beta.threads.runs.create("thread_abc123", assistant_id="asst_1", stream=True)
            with pytest.raises(APITimeoutError, match="total_timeout"):
                async for _event in stream:
                    pass
            return time.monotonic() - started

    assert asyncio.run(main()) < DEADLINE + SLACK


def test_the_handler_hears_of_it_through_on_timeout(server: MockServer) -> None:
    server.route("POST", RUNS, _keepalive_forever())
    heard: list[str] = []

    class Handler(AssistantEventHandler):
        def on_timeout(self) -> None:
            heard.append("timeout")

        def on_end(self) -> None:
            heard.append("end")

    with OpenAI(api_key="sk-test", base_url=server.base_url, total_timeout=DEADLINE) as client:
        with pytest.raises(APITimeoutError):
            with client.beta.threads.runs.stream(thread_id="thread_abc123", assistant_id="a", event_handler=Handler()) as s:
                s.until_done()
    assert heard == ["timeout", "end"]


def test_a_stalled_answer_is_cut_at_the_deadline(server: MockServer) -> None:
    server.route("GET", "/models", Stall(5.0))
    with OpenAI(api_key="sk-test", base_url=server.base_url, total_timeout=DEADLINE) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.models.list()
        assert time.monotonic() - started < DEADLINE + SLACK


def test_a_retry_wait_past_the_deadline_is_not_slept(server: MockServer) -> None:
    # The server's own answer is raised, not a timeout: it says more.
    server.route("GET", "/models", error_response(503, "busy", headers={"retry-after": "5"}))
    slept: list[float] = []
    client = OpenAI(api_key="sk-test", base_url=server.base_url, total_timeout=DEADLINE, max_retries=3)
    client._sleep = slept.append
    with client, pytest.raises(InternalServerError, match="busy") as caught:
        client.models.list()
    assert slept == [] and len(server.requests) == 1
    assert caught.value.status_code == 503
    assert any("would pass the call's deadline" in note for note in caught.value.__notes__)


def test_total_timeout_is_checked_and_carried_by_copies() -> None:
    with pytest.raises(ValueError, match="total_timeout"):
        OpenAI(api_key="sk-test", total_timeout=0)
    with OpenAI(api_key="sk-test", total_timeout=30) as client:
        assert client.with_options(max_retries=0).total_timeout == 30
        assert client.with_options(total_timeout=None).total_timeout is None


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_max_wait_seconds_cuts_a_poll_request_in_flight(server: MockServer, mode: str) -> None:
    """The poll's deadline holds even when the server stops answering mid-poll."""
    from typed_openai import PollingTimeoutError
    from typed_openai.testing import JSONResponse, run_object

    server.route("POST", RUNS, JSONResponse(run_object(id="run_1", thread_id="thread_abc123", status="queued")))
    server.route("GET", f"{RUNS}/run_1", Stall(5.0))

    elapsed: list[float] = []

    async def in_async() -> object:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url) as client:
            runs = client.beta.threads.runs  # loads the area's models before the clock starts
            started = time.monotonic()
            try:
                return await runs.create_and_poll(thread_id="thread_abc123", assistant_id="a", max_wait_seconds=DEADLINE)
            finally:
                elapsed.append(time.monotonic() - started)

    with pytest.raises(PollingTimeoutError) as caught:
        if mode == "sync":
            with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
                runs = client.beta.threads.runs
                started = time.monotonic()
                try:
                    runs.create_and_poll(thread_id="thread_abc123", assistant_id="a", max_wait_seconds=DEADLINE)
                finally:
                    elapsed.append(time.monotonic() - started)
        else:
            asyncio.run(in_async())
    assert elapsed[0] < DEADLINE + SLACK
    last = caught.value.last
    assert getattr(last, "id", None) == "run_1"  # the created run, the last object seen
