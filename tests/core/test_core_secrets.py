"""A canary API key never shows: not in a repr or str, not in any log record (DEBUG
included), not in an exception, on the retry and redirect paths too; and it is not sent
to another host on a redirect."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from typed_openai import APIError, AuthenticationError, NotFoundError, OpenAI
from typed_openai.testing import BytesResponse, JSONResponse, MockServer, SSEEvent, SSEResponse, error_response

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


def _shown(error: BaseException) -> list[str]:
    """Everything a user or a log sees of an error: str, repr, the formatted traceback."""
    import traceback

    return [str(error), repr(error), "".join(traceback.format_exception(error)), repr(getattr(error, "body", None))]


_MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize(
    "answer",
    [
        SSEResponse([SSEEvent(f'{{"error": {{"message": "key {CANARY} was refused"}}}}', event="error")]),
        SSEResponse([SSEEvent(f'{{"error": {{"message": "key {CANARY} was refused"}}}}')]),
        SSEResponse([SSEEvent(f"not json, but the key {CANARY}")]),
        BytesResponse(f"<html>proxy page quoting {CANARY}</html>".encode(), content_type="text/html"),
    ],
    ids=["error event", "error chunk", "data not JSON", "not an event stream"],
)
def test_stream_errors_built_from_server_text_never_show_the_key(answer: object) -> None:
    with MockServer() as server:
        server.route("POST", "/chat/completions", answer)  # type: ignore[arg-type] # each parameter is a Response
        with OpenAI(api_key=CANARY, base_url=server.base_url) as client:
            with pytest.raises(APIError) as caught:
                list(client.chat.completions.create(model="m", messages=_MESSAGES, stream=True))  # type: ignore[arg-type] # plain dicts, as users pass them
    shown = _shown(caught.value)
    assert not [text for text in shown if CANARY in text]
    assert any("<redacted>" in text for text in shown)


def test_a_short_test_key_is_not_scrubbed_from_ordinary_words() -> None:
    # "test" is no secret: scrubbing it would turn the model name into "chatgpt-4o-la<redacted>".
    with MockServer() as server:
        server.route("GET", "/models/chatgpt-4o-latest", error_response(404, "The model chatgpt-4o-latest does not exist"))
        with OpenAI(api_key="test", base_url=server.base_url, max_retries=0) as client:
            with pytest.raises(NotFoundError) as caught:
                client.models.retrieve("chatgpt-4o-latest")
    assert str(caught.value).count("chatgpt-4o-latest") == 1
    assert "<redacted>" not in str(caught.value)
