"""A canary API key never shows: not in a repr or str, not in any log record (DEBUG
included), not in an exception, on the retry and redirect paths too; and it is not sent
to another host on a redirect."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from typed_openai import AuthenticationError, OpenAI
from typed_openai.testing import BytesResponse, JSONResponse, MockServer, error_response

CANARY = "sk-canary-7f3a9c1e2b"


@pytest.fixture
def servers() -> Iterator[tuple[MockServer, MockServer]]:
    with MockServer() as origin, MockServer() as elsewhere:
        yield origin, elsewhere


def test_the_key_is_in_no_repr_log_or_error(servers: tuple[MockServer, MockServer], caplog: pytest.LogCaptureFixture) -> None:
    origin, elsewhere = servers
    other_host = elsewhere.base_url.replace("127.0.0.1", "localhost")
    origin.route("GET", "/models", [error_response(503, "busy"), BytesResponse(b"", status=307, headers={"location": other_host + "/models"})])
    elsewhere.route("GET", "/models", JSONResponse({"object": "list", "data": []}))
    # The real API echoes the key it refused in its message.
    origin.route("GET", "/files", error_response(401, f"Incorrect API key provided: {CANARY}."))

    caplog.set_level(logging.DEBUG)
    client = OpenAI(api_key=CANARY, base_url=origin.base_url, max_retries=1)
    client._sleep = lambda seconds: None
    with client:
        assert list(client.models.list()) == []
        with pytest.raises(AuthenticationError) as caught:
            client.files.list()
        shown = [repr(client), str(client), repr(caught.value), str(caught.value), repr(caught.value.body)]
    shown += [record.getMessage() for record in caplog.records] + [str(record.args) for record in caplog.records]
    assert caplog.records, "the DEBUG log was empty: nothing was checked"
    assert not [text for text in shown if CANARY in text]
    # the redirect went to another host, without the key
    (redirected,) = elsewhere.requests
    assert "authorization" not in redirected.headers
    assert origin.requests[0].headers["authorization"] == f"Bearer {CANARY}"
