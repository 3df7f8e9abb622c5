"""Retries: which outcomes are retried, how often, and how long the client waits."""

from __future__ import annotations

import email.utils
import time
from typing import TYPE_CHECKING

import httpx2
import pytest

from typed_openai._core import (
    APIConnectionError,
    APITimeoutError,
    AsyncAPIClient,
    BadRequestError,
    BaseModel,
    InternalServerError,
    RateLimitError,
    RequestSpec,
    SyncAPIClient,
)
from typed_openai._core._retry import (
    Send,
    Sleep,
    backoff_delay,
    retry_after,
    retry_flow,
    should_retry,
)

if TYPE_CHECKING:
    from conftest import MockServer, SleepRecorder

GET = RequestSpec(method="get", path="/things/1")


class Thing(BaseModel):
    id: str


def test_5xx_then_200_succeeds(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    server.reply(500, {"error": {"message": "boom"}})
    server.reply(502)
    server.reply(200, {"id": "t1"})
    assert client.request(GET, cast_to=Thing).id == "t1"
    assert len(server.requests) == 3
    assert sleeps.delays == [0.5, 1.0]


def test_default_is_three_attempts(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    for _ in range(5):
        server.reply(503, {"error": {"message": "overloaded"}})
    with pytest.raises(InternalServerError):
        client.request(GET, cast_to=Thing)
    assert len(server.requests) == 3
    assert len(sleeps.delays) == 2


@pytest.mark.parametrize("max_retries", [0, 1, 4])
def test_max_retries_override(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder, max_retries: int
) -> None:
    for _ in range(6):
        server.reply(429, {"error": {"message": "slow down"}})
    with pytest.raises(RateLimitError):
        client.with_options(max_retries=max_retries).request(GET, cast_to=Thing)
    assert len(server.requests) == max_retries + 1
    assert sleeps.delays == [0.5, 1.0, 2.0, 4.0][:max_retries]


@pytest.mark.parametrize("status", [408, 409, 429, 500, 599])
def test_retried_statuses(
    server: MockServer, client: SyncAPIClient, status: int
) -> None:
    server.reply(status)
    server.reply(200, {"id": "ok"})
    assert client.request(GET, cast_to=Thing).id == "ok"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_not_retried_statuses(
    server: MockServer, client: SyncAPIClient, status: int
) -> None:
    server.reply(status)
    server.reply(200, {"id": "ok"})
    with pytest.raises(Exception):
        client.request(GET, cast_to=Thing)
    assert len(server.requests) == 1


def test_retry_after_ms_header(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    server.reply(429, headers={"retry-after-ms": "1500", "retry-after": "9"})
    server.reply(200, {"id": "ok"})
    client.request(GET, cast_to=Thing)
    assert sleeps.delays == [1.5]


def test_retry_after_seconds_header(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    server.reply(503, headers={"retry-after": "3"})
    server.reply(200, {"id": "ok"})
    client.request(GET, cast_to=Thing)
    assert sleeps.delays == [3.0]


def test_retry_after_http_date_header(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    server.reply(503, headers={"retry-after": when})
    server.reply(200, {"id": "ok"})
    client.request(GET, cast_to=Thing)
    assert len(sleeps.delays) == 1
    assert 17 <= sleeps.delays[0] <= 20


@pytest.mark.parametrize("value", ["0", "-1", "61", "3600", "soon"])
def test_out_of_range_retry_after_falls_back_to_backoff(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder, value: str
) -> None:
    server.reply(503, headers={"retry-after": value})
    server.reply(200, {"id": "ok"})
    client.request(GET, cast_to=Thing)
    assert sleeps.delays == [0.5]


def test_x_should_retry_false_stops_retry(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(500, headers={"x-should-retry": "false"})
    server.reply(200, {"id": "ok"})
    with pytest.raises(InternalServerError):
        client.request(GET, cast_to=Thing)
    assert len(server.requests) == 1


def test_x_should_retry_true_forces_retry(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(400, headers={"x-should-retry": "true"})
    server.reply(200, {"id": "ok"})
    assert client.request(GET, cast_to=Thing).id == "ok"
    assert len(server.requests) == 2


def test_x_should_retry_true_still_bounded(
    server: MockServer, client: SyncAPIClient
) -> None:
    for _ in range(5):
        server.reply(400, headers={"x-should-retry": "true"})
    with pytest.raises(BadRequestError):
        client.request(GET, cast_to=Thing)
    assert len(server.requests) == 3


def test_timeouts_are_retried(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    server.reply(200, {"id": "late"}, stall=5)
    server.reply(200, {"id": "ok"})
    spec = RequestSpec(method="get", path="/x", timeout=0.3)
    assert client.request(spec, cast_to=Thing).id == "ok"
    assert sleeps.delays == [0.5]


def test_timeouts_exhaust_retries(
    server: MockServer, client: SyncAPIClient, sleeps: SleepRecorder
) -> None:
    for _ in range(2):
        server.reply(200, {"id": "late"}, stall=5)
    spec = RequestSpec(method="get", path="/x", timeout=0.2)
    with pytest.raises(APITimeoutError):
        client.with_options(max_retries=1).request(spec, cast_to=Thing)
    assert len(server.requests) == 2


def test_connection_refused_is_retried_then_raised(sleeps: SleepRecorder) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    client = SyncAPIClient(api_key="sk-x", base_url=f"http://127.0.0.1:{port}")
    client._sleep = sleeps
    with pytest.raises(APIConnectionError):
        client.request(GET, cast_to=Thing)
    assert len(sleeps.delays) == 2


def test_same_body_is_sent_on_every_attempt(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(500)
    server.reply(200, {"id": "ok"})
    spec = RequestSpec(
        method="post", path="/files", files={"file": ("a.txt", b"hello")}
    )
    client.request(spec, cast_to=Thing)
    first, second = server.requests
    assert b"hello" in first.body
    # The multipart boundary differs per build; the content must not be lost on retry.
    assert b"hello" in second.body


@pytest.mark.anyio
async def test_async_retries(
    server: MockServer, aclient: AsyncAPIClient, sleeps: SleepRecorder
) -> None:
    server.reply(500)
    server.reply(429, headers={"retry-after-ms": "250"})
    server.reply(200, {"id": "t"})
    assert (await aclient.request(GET, cast_to=Thing)).id == "t"
    assert sleeps.delays == [0.5, 0.25]


@pytest.mark.anyio
async def test_async_timeout(server: MockServer, aclient: AsyncAPIClient) -> None:
    server.reply(200, {"id": "late"}, stall=5)
    spec = RequestSpec(method="get", path="/x", timeout=0.2)
    with pytest.raises(APITimeoutError):
        await aclient.with_options(max_retries=0).request(spec, cast_to=Thing)


# --- the I/O-free policy itself -------------------------------------------------------


def test_backoff_schedule_and_cap() -> None:
    assert [backoff_delay(n, lambda: 0.0) for n in range(6)] == [0.5, 1, 2, 4, 8, 8]
    assert backoff_delay(1000, lambda: 0.0) == 8


def test_backoff_jitter_reduces_by_at_most_a_quarter() -> None:
    assert backoff_delay(0, lambda: 1.0) == 0.375
    assert backoff_delay(3, lambda: 0.5) == 3.5


def test_retry_after_parsing() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert retry_after({"retry-after-ms": "100"}, now) == 0.1
    assert retry_after({"retry-after": "2.5"}, now) == 2.5
    assert retry_after({"retry-after": date}, now) == 30
    assert retry_after({"retry-after-ms": "bad", "retry-after": "4"}, now) == 4
    assert retry_after({"retry-after-ms": "60001"}, now) is None
    assert retry_after({}, now) is None


def _response(status: int, headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.Response(
        status, headers=headers, request=httpx2.Request("GET", "http://x")
    )


def test_should_retry() -> None:
    assert should_retry(_response(500))
    assert should_retry(_response(409))
    assert not should_retry(_response(404))
    assert not should_retry(_response(503, {"x-should-retry": "false"}))
    assert should_retry(_response(404, {"x-should-retry": "true"}))


def test_flow_drives_without_io() -> None:
    request = httpx2.Request("GET", "http://x")
    flow = retry_flow(request, max_retries=2, random=lambda: 0.0)
    assert next(flow) == Send(request)
    assert flow.send(httpx2.ConnectError("nope")) == Sleep(0.5)
    assert flow.send(None) == Send(request)
    assert flow.send(_response(502)) == Sleep(1.0)
    assert flow.send(None) == Send(request)
    with pytest.raises(StopIteration) as stop:
        flow.send(_response(200))
    assert stop.value.value.status_code == 200
