"""Status codes map to the documented exceptions, with the API's error details."""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING

import httpx2
import pytest

from typed_openai._core import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncAPIClient,
    AuthenticationError,
    BadRequestError,
    BaseModel,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    RequestSpec,
    SyncAPIClient,
    UnprocessableEntityError,
)

if TYPE_CHECKING:
    from conftest import MockServer

GET = RequestSpec(method="get", path="/models/m")


class Thing(BaseModel):
    id: str


ERROR_BODY = {
    "error": {
        "message": "No such model: m",
        "type": "invalid_request_error",
        "param": "model",
        "code": "model_not_found",
    }
}


@pytest.mark.parametrize(
    ("status", "exc_type"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_maps_to_exception(
    server: MockServer,
    client: SyncAPIClient,
    status: int,
    exc_type: type[APIStatusError],
) -> None:
    client = client.with_options(max_retries=0)
    server.reply(status, ERROR_BODY, headers={"x-request-id": "req_123"})
    with pytest.raises(exc_type) as info:
        client.request(GET, cast_to=Thing)
    exc = info.value
    assert type(exc) is exc_type
    assert isinstance(exc, APIError) and isinstance(exc, OpenAIError)
    assert exc.status_code == status
    assert exc.request_id == "req_123"
    assert exc.code == "model_not_found"
    assert exc.param == "model"
    assert exc.type == "invalid_request_error"
    # As the official SDK: the inner error object, and the parsed body in the message.
    assert exc.body == ERROR_BODY["error"]
    assert str(exc) == exc.message == f"Error code: {status} - {ERROR_BODY}"
    assert exc.response.status_code == status
    assert exc.request.url.path == "/v1/models/m"


def test_error_without_json_body(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(
        400, body=b"plain text failure", headers={"Content-Type": "text/plain"}
    )
    with pytest.raises(BadRequestError) as info:
        client.request(GET, cast_to=Thing)
    assert info.value.body == "plain text failure"
    assert (
        info.value.code is None and info.value.param is None and info.value.type is None
    )
    assert info.value.message == "plain text failure"


def test_error_with_empty_body(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(404)
    with pytest.raises(NotFoundError) as info:
        client.request(GET, cast_to=Thing)
    assert info.value.body is None
    assert info.value.message == "Error code: 404"
    assert info.value.request_id is None


def test_non_json_success_body_is_a_validation_error(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(200, body=b"<html>oops</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(APIResponseValidationError) as info:
        client.request(GET, cast_to=Thing)
    assert info.value.status_code == 200
    assert "text/html" in info.value.message
    assert info.value.__cause__ is not None


def test_connection_refused_is_connection_error(sleeps: object) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on this port now
    client = SyncAPIClient(
        api_key="sk-x", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0
    )
    with pytest.raises(APIConnectionError) as info:
        client.request(GET, cast_to=Thing)
    assert not isinstance(info.value, APITimeoutError)
    assert isinstance(info.value.__cause__, httpx2.ConnectError)
    assert info.value.message == "Connection error."


def test_timeout_is_timeout_error(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"id": "late"}, stall=5)
    spec = RequestSpec(method="get", path="/slow", timeout=0.2)
    with pytest.raises(APITimeoutError) as info:
        client.with_options(max_retries=0).request(spec, cast_to=Thing)
    assert isinstance(info.value, APIConnectionError)
    assert isinstance(info.value.__cause__, httpx2.TimeoutException)


def test_client_level_timeout(server: MockServer, sleeps: object) -> None:
    server.reply(200, {"id": "late"}, stall=5)
    client = SyncAPIClient(
        api_key="sk-x", base_url=server.url, timeout=0.2, max_retries=0
    )
    with pytest.raises(APITimeoutError):
        client.request(GET, cast_to=Thing)


def test_truncated_body_is_connection_error(
    server: MockServer, client: SyncAPIClient
) -> None:
    server.reply(200, {"id": "x"}, truncate=True)
    with pytest.raises(APIConnectionError) as info:
        client.with_options(max_retries=0).request(GET, cast_to=Thing)
    assert isinstance(info.value.__cause__, httpx2.RemoteProtocolError)


def test_api_key_never_in_repr_messages_or_logs(
    server: MockServer,
    client: SyncAPIClient,
    api_key: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    # A server that echoes the key back must not get it into our exception message.
    echo = {
        "error": {
            "message": f"Incorrect API key provided: {api_key}",
            "code": "invalid_api_key",
        }
    }
    server.reply(500, echo)
    server.reply(401, echo)
    with pytest.raises(AuthenticationError) as info:
        client.request(GET, cast_to=Thing)
    exc = info.value
    assert api_key not in str(exc)
    assert api_key not in repr(exc)
    assert api_key not in exc.message
    assert api_key not in repr(exc.request.headers)
    assert api_key not in repr(client)
    assert api_key not in repr(client.with_options(max_retries=5))
    assert caplog.records, "expected debug logging of the request and the retry"
    assert api_key not in caplog.text
    # ... and yet it was sent.
    assert server.requests[0].headers["authorization"] == f"Bearer {api_key}"


def test_missing_api_key_is_a_clear_error(client_cls: type[SyncAPIClient]) -> None:
    with pytest.raises(OpenAIError, match="OPENAI_API_KEY"):
        client_cls()
    with pytest.raises(OpenAIError, match=r"No API key: pass api_key= to the client$"):
        SyncAPIClient(base_url="http://127.0.0.1:1")  # no API: no variable to name


def test_debug_log_names_request_and_outcome(
    server: MockServer, client: SyncAPIClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="typed_openai")
    server.reply(503)
    server.reply(200, {"id": "ok"}, headers={"x-request-id": "req_log"})
    client.request(GET, cast_to=Thing)
    messages = [r.getMessage() for r in caplog.records if r.name == "typed_openai"]
    assert f"Request: GET {server.url}/models/m" in messages
    assert any("returned 503; retrying in 0.50 s" in m for m in messages)
    assert any(m.endswith("-> 200 (request id req_log)") for m in messages)


@pytest.mark.anyio
async def test_async_status_error(server: MockServer, aclient: AsyncAPIClient) -> None:
    server.reply(404, ERROR_BODY, headers={"x-request-id": "req_a"})
    with pytest.raises(NotFoundError) as info:
        await aclient.request(GET, cast_to=Thing)
    assert info.value.request_id == "req_a"
    assert info.value.code == "model_not_found"


@pytest.mark.anyio
async def test_async_connection_refused() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    async with AsyncAPIClient(
        api_key="sk-x", base_url=f"http://127.0.0.1:{port}", max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.request(GET, cast_to=Thing)
    assert isinstance(info.value.__cause__, httpx2.ConnectError)
