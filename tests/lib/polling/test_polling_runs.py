"""Runs and threads polling against the mock server: one state per request."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.polling import PollingTimeoutError, _drivers
from typed_openai.testing import JSONResponse, MockServer, error_response, run_object

if TYPE_CHECKING:
    from conftest import FakeClock

RUN_PATH = "/threads/{thread_id}/runs/{run_id}"
TERMINAL = ["requires_action", "cancelled", "completed", "failed", "expired", "incomplete"]


def states(
    statuses: Sequence[str], headers: Sequence[Mapping[str, str] | None] | None = None
) -> list[JSONResponse]:
    """The run as successive retrieves see it, optionally with per-response headers."""
    return [
        JSONResponse(run_object(status=status), headers=headers[i] if headers else None)
        for i, status in enumerate(statuses)
    ]


def run_gets(server: MockServer) -> int:
    return sum(1 for r in server.requests if r.method == "GET" and r.path == "/threads/thread_abc123/runs/run_abc123")


@pytest.mark.parametrize("final", TERMINAL)
def test_poll_stops_at_each_terminal_status(server: MockServer, client: OpenAI, clock: FakeClock, final: str) -> None:
    server.route("GET", RUN_PATH, states(["queued", "in_progress", final]))

    run = client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", poll_interval_ms=10)

    assert run.status == final
    assert run_gets(server) == 3
    assert clock.sleeps == [0.01, 0.01]


@pytest.mark.anyio
@pytest.mark.parametrize("final", TERMINAL)
async def test_async_poll_stops_at_each_terminal_status(
    server: MockServer, async_client: AsyncOpenAI, clock: FakeClock, final: str
) -> None:
    server.route("GET", RUN_PATH, states(["queued", "in_progress", final]))

    run = await async_client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", poll_interval_ms=10)

    assert run.status == final
    assert run_gets(server) == 3
    assert clock.sleeps == [0.01, 0.01]


def test_create_and_poll_follows_poll_interval_ms(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    create = server.route("POST", "/threads/{thread_id}/runs", JSONResponse(run_object(status="queued")))
    # The header is there but the caller's interval wins.
    server.route("GET", RUN_PATH, states(["queued", "in_progress", "completed"], [{"openai-poll-after-ms": "5000"}] * 3))

    run = client.beta.threads.runs.create_and_poll(
        "thread_abc123", assistant_id="asst_abc123", instructions="Be brief.", poll_interval_ms=250
    )

    assert run.status == "completed"
    assert create.call_count == 1
    body = create.requests[0].json()
    assert body["assistant_id"] == "asst_abc123" and body["instructions"] == "Be brief."
    assert body["stream"] is False
    assert run_gets(server) == 3
    assert clock.sleeps == [0.25, 0.25]


def test_interval_follows_the_header_of_each_response(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    server.route(
        "GET",
        RUN_PATH,
        states(
            ["queued", "in_progress", "in_progress", "completed"],
            [{"openai-poll-after-ms": "500"}, {"openai-poll-after-ms": "2000"}, {"openai-poll-after-ms": "750"}, None],
        ),
    )

    run = client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123")

    assert run.status == "completed"
    assert run_gets(server) == 4
    assert clock.sleeps == [0.5, 2.0, 0.75]


def test_interval_defaults_to_one_second(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    server.route("GET", RUN_PATH, states(["queued", "in_progress", "completed"]))

    client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123")

    assert clock.sleeps == [1.0, 1.0]


def test_malformed_header_falls_back_to_the_default(
    server: MockServer, client: OpenAI, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    server.route(
        "GET",
        RUN_PATH,
        states(["queued", "in_progress", "completed"], [{"openai-poll-after-ms": "soon"}, {"openai-poll-after-ms": "-5"}, None]),
    )

    with caplog.at_level(logging.WARNING, logger="typed_openai"):
        run = client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123")

    assert run.status == "completed"
    assert clock.sleeps == [1.0, 1.0]
    assert "'soon'" in caplog.text and "'-5'" in caplog.text


def test_deadline_raises_with_the_last_run(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    server.route("POST", "/threads/{thread_id}/runs", JSONResponse(run_object(status="queued")))
    server.route("GET", RUN_PATH, states(["queued", "in_progress"]))  # never finishes

    with pytest.raises(PollingTimeoutError) as raised:
        client.beta.threads.runs.create_and_poll(
            "thread_abc123", assistant_id="asst_abc123", poll_interval_ms=1000, max_wait_seconds=2.5
        )

    last = raised.value.last
    assert last is not None and getattr(last, "status") == "in_progress"
    assert isinstance(raised.value, TimeoutError)
    assert "Run 'run_abc123'" in str(raised.value) and "in_progress" in str(raised.value)
    # Fetches at t=0, 1, 2 and, after a wait cut short to the deadline, at 2.5.
    assert clock.sleeps == [1.0, 1.0, 0.5]
    assert run_gets(server) == 4


def test_zero_deadline_looks_once(
    server: MockServer, client: OpenAI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.route("GET", RUN_PATH, states(["in_progress"]))
    # The one look gets 50 ms of real time past the deadline, which a loaded machine can
    # spend before the request leaves; what is under test here is the flow (one look, no
    # wait), so the look gets ample time (tests/client/test_total_timeout.py checks the deadline with it).
    monkeypatch.setattr(_drivers, "_FETCH_GRACE_SECONDS", 30.0)

    with pytest.raises(PollingTimeoutError):
        client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", max_wait_seconds=0)

    assert run_gets(server) == 1
    assert clock.sleeps == []


@pytest.mark.anyio
async def test_async_deadline_raises_with_the_last_run(
    server: MockServer, async_client: AsyncOpenAI, clock: FakeClock
) -> None:
    server.route("GET", RUN_PATH, states(["queued", "in_progress"]))

    with pytest.raises(PollingTimeoutError) as raised:
        await async_client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", max_wait_seconds=1.5)

    last = raised.value.last
    assert last is not None and getattr(last, "status") == "in_progress"
    assert clock.sleeps == [1.0, 0.5]


def test_a_500_during_polling_is_retried(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    server.route(
        "GET",
        RUN_PATH,
        [
            JSONResponse(run_object(status="in_progress")),
            error_response(500, "The server had an error while processing your request."),
            JSONResponse(run_object(status="completed")),
        ],
    )

    run = client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", poll_interval_ms=100)

    assert run.status == "completed"
    assert run_gets(server) == 3
    # One polling wait, then the retry policy's backoff before the second attempt.
    assert clock.sleeps[0] == 0.1 and len(clock.sleeps) == 2 and clock.sleeps[1] > 0


@pytest.mark.anyio
async def test_async_500_during_polling_is_retried(
    server: MockServer, async_client: AsyncOpenAI, clock: FakeClock
) -> None:
    server.route(
        "GET",
        RUN_PATH,
        [JSONResponse(run_object(status="in_progress")), error_response(503, "Overloaded"), JSONResponse(run_object(status="completed"))],
    )

    run = await async_client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", poll_interval_ms=100)

    assert run.status == "completed"
    assert run_gets(server) == 3


def test_an_error_after_retries_names_the_run(server: MockServer, client: OpenAI) -> None:
    server.route("GET", RUN_PATH, [JSONResponse(run_object(status="in_progress")), error_response(500, "down")])

    with pytest.raises(Exception) as raised:
        client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123")

    notes = getattr(raised.value, "__notes__", [])
    assert notes == ["while polling run 'run_abc123' of thread 'thread_abc123'; last status seen: 'in_progress'"]
    assert run_gets(server) == 1 + 3  # the first answer, then the failing request and its two retries


def test_unknown_status_keeps_polling_and_logs(
    server: MockServer, client: OpenAI, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("GET", RUN_PATH, states(["queued", "paused", "paused", "completed"]))

    with caplog.at_level(logging.WARNING, logger="typed_openai"):
        run = client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", poll_interval_ms=0)

    assert run.status == "completed"
    assert run_gets(server) == 4
    warnings = [r.getMessage() for r in caplog.records if "does not know" in r.getMessage()]
    assert len(warnings) == 1 and "'paused'" in warnings[0]


def test_submit_tool_outputs_and_poll(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    submit = server.route(
        "POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", JSONResponse(run_object(status="queued"))
    )
    server.route("GET", RUN_PATH, states(["in_progress", "completed"]))

    run = client.beta.threads.runs.submit_tool_outputs_and_poll(
        "run_abc123",
        thread_id="thread_abc123",
        tool_outputs=[{"tool_call_id": "call_1", "output": "42"}],
        poll_interval_ms=50,
        extra_headers={"X-Trace": "t-1"},
    )

    assert run.status == "completed"
    assert submit.requests[0].json() == {"tool_outputs": [{"tool_call_id": "call_1", "output": "42"}], "stream": False}
    # extra_headers go with every request of the helper
    assert all(r.headers.get("x-trace") == "t-1" for r in server.requests)
    assert clock.sleeps == [0.05]


@pytest.mark.anyio
async def test_async_create_and_poll_and_submit(server: MockServer, async_client: AsyncOpenAI, clock: FakeClock) -> None:
    server.route("POST", "/threads/{thread_id}/runs", JSONResponse(run_object(status="queued")))
    server.route(
        "POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", JSONResponse(run_object(status="in_progress"))
    )
    server.route("GET", RUN_PATH, states(["in_progress", "requires_action", "completed"]))

    runs = async_client.beta.threads.runs
    run = await runs.create_and_poll("thread_abc123", assistant_id="asst_abc123", poll_interval_ms=20)
    assert run.status == "requires_action"
    run = await runs.submit_tool_outputs_and_poll(
        run.id, thread_id=run.thread_id, tool_outputs=[{"tool_call_id": "c", "output": "ok"}], poll_interval_ms=20
    )
    assert run.status == "completed"
    assert clock.sleeps == [0.02]  # in_progress -> (wait) -> requires_action; then completed at once


def test_create_and_run_poll(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    create = server.route("POST", "/threads/runs", JSONResponse(run_object(status="queued")))
    server.route("GET", RUN_PATH, states(["queued", "in_progress", "completed"], [{"openai-poll-after-ms": "300"}] * 3))

    run = client.beta.threads.create_and_run_poll(
        assistant_id="asst_abc123", thread={"messages": [{"role": "user", "content": "Hi"}]}
    )

    assert run.status == "completed"
    assert create.requests[0].json()["thread"] == {"messages": [{"role": "user", "content": "Hi"}]}
    assert run_gets(server) == 3
    assert clock.sleeps == [0.3, 0.3]


@pytest.mark.anyio
async def test_async_create_and_run_poll(server: MockServer, async_client: AsyncOpenAI, clock: FakeClock) -> None:
    server.route("POST", "/threads/runs", JSONResponse(run_object(status="queued")))
    server.route("GET", RUN_PATH, states(["in_progress", "expired"]))

    run = await async_client.beta.threads.create_and_run_poll(assistant_id="asst_abc123")

    assert run.status == "expired"
    assert clock.sleeps == [1.0]


def test_bad_options_fail_before_any_request(server: MockServer, client: OpenAI) -> None:
    with pytest.raises(ValueError, match="poll_interval_ms"):
        client.beta.threads.runs.poll("run_abc123", thread_id="thread_abc123", poll_interval_ms=-1)
    with pytest.raises(ValueError, match="max_wait_seconds"):
        client.beta.threads.create_and_run_poll(assistant_id="asst_abc123", max_wait_seconds=float("inf"))
    assert server.requests == []
