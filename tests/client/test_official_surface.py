"""The client surface code written for the official SDK relies on: module-level names,
`close()`, `with_raw_response` / `with_streaming_response` on generated resources, strict
response validation, and error messages (against the local mock server)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

import typed_openai
from typed_openai import (
    NOT_GIVEN,
    APIResponseValidationError,
    AsyncOpenAI,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    NotGiven,
    OpenAI,
    RateLimitError,
    Timeout,
    file_from_path,
    omit,
)
from typed_openai.pagination import SyncConversationCursorPage, SyncCursorPage, SyncPage
from typed_openai.testing import JSONResponse, MockServer, assistant_object, error_response


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer.with_assistants_demo() as running:
        yield running


def test_the_version_is_the_installed_distributions() -> None:
    import importlib.metadata

    assert typed_openai.__version__ == typed_openai.VERSION == importlib.metadata.version("typed-openai")


def test_module_level_names() -> None:
    assert NOT_GIVEN is omit and isinstance(NOT_GIVEN, NotGiven) and not NOT_GIVEN
    assert typed_openai.DEFAULT_MAX_RETRIES == 2
    timeout = Timeout(20.0, connect=5.0)
    assert isinstance(timeout, httpx2.Timeout) and timeout.connect == 5.0
    assert typed_openai.Client is OpenAI and typed_openai.AsyncClient is AsyncOpenAI
    assert SyncPage is typed_openai.pagination.SyncSinglePage
    assert SyncConversationCursorPage is SyncCursorPage


def test_default_http_clients_keep_the_defaults() -> None:
    with DefaultHttpxClient() as http:
        assert http.timeout == typed_openai.DEFAULT_TIMEOUT and http.follow_redirects
    with DefaultHttpxClient(timeout=3.0) as http:
        assert http.timeout == httpx2.Timeout(3.0)
    assert issubclass(DefaultAsyncHttpxClient, httpx2.AsyncClient)


def test_file_from_path(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    assert file_from_path(path) == ("notes.jsonl", b'{"a": 1}\n')


def test_async_close_is_a_coroutine(server: MockServer) -> None:
    async def main() -> None:
        client = AsyncOpenAI(api_key="sk-test", base_url=server.base_url)
        await client.beta.assistants.create(model="gpt-4o")
        await client.close()
        again = AsyncOpenAI(api_key="sk-test", base_url=server.base_url)
        await again.aclose()  # still there
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url) as managed:
            await managed.beta.assistants.create(model="gpt-4o")

    asyncio.run(main())


def test_sync_close_and_context_manager(server: MockServer) -> None:
    client = OpenAI(api_key="sk-test", base_url=server.base_url)
    client.beta.assistants.create(model="gpt-4o")
    client.close()
    with OpenAI(api_key="sk-test", base_url=server.base_url) as managed:
        managed.beta.assistants.create(model="gpt-4o")


def test_raw_and_streamed_responses_of_a_generated_resource(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        raw = client.beta.assistants.with_raw_response.create(model="gpt-4o", name="Tutor")
        assert raw.is_closed is True
        assert raw.http_request.headers.get("X-Stainless-Lang") == "python"
        assert raw.parse().name == "Tutor"
        with client.beta.threads.with_streaming_response.create() as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"
            thread = response.parse()
            assert thread.id.startswith("thread_")
        assert response.is_closed is True
        # nested resources carry it too
        with client.beta.threads.messages.with_streaming_response.list(thread.id) as messages:
            assert list(messages.parse()) == []
        # and the client itself, as the official SDK's
        assert client.with_raw_response.beta.threads.create().parse().id.startswith("thread_")
        with client.with_streaming_response.beta.threads.messages.list(thread.id) as listed:
            assert not listed.is_closed and list(listed.parse()) == []


def test_async_raw_parse_is_plain_and_streamed_parse_awaited(server: MockServer) -> None:
    async def main() -> None:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url) as client:
            raw = await client.beta.assistants.with_raw_response.create(model="gpt-4o", name="Tutor")
            assert raw.is_closed is True
            assert raw.parse().name == "Tutor"
            async with client.beta.threads.with_streaming_response.create() as response:
                assert not response.is_closed
                assert (await response.parse()).id.startswith("thread_")
            assert response.is_closed is True

    asyncio.run(main())


def test_strict_response_validation() -> None:
    with MockServer() as server:
        server.route("GET", "/assistants/{assistant_id}", JSONResponse({"id": "asst_1", "object": "assistant"}))
        with OpenAI(api_key="sk-test", base_url=server.base_url) as lenient:
            assert lenient.beta.assistants.retrieve("asst_1").id == "asst_1"  # kept as sent
        with OpenAI(api_key="sk-test", base_url=server.base_url, _strict_response_validation=True) as strict:
            with pytest.raises(APIResponseValidationError):
                strict.beta.assistants.retrieve("asst_1")
            server.route("GET", "/assistants/{assistant_id}", JSONResponse(assistant_object(id="asst_2")))
            assert strict.beta.assistants.retrieve("asst_2").id == "asst_2"


def test_status_error_as_the_official_sdk() -> None:
    with MockServer() as server:
        server.route("POST", "/assistants", error_response(429, "Rate limit reached", code="rate_limit_exceeded"))
        with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            with pytest.raises(RateLimitError) as caught:
                client.beta.assistants.create(model="gpt-4o")
    error = caught.value
    assert isinstance(error.body, dict) and error.body["message"] == "Rate limit reached"
    assert error.code == "rate_limit_exceeded" and error.status_code == 429
    assert str(error).startswith("Error code: 429 - {'error': {'message': 'Rate limit reached'")


def test_admin_operations_use_the_admin_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_ADMIN_KEY", raising=False)
    with MockServer() as server:
        keys = server.route("GET", "/organization/admin_api_keys", JSONResponse({"object": "list", "data": [], "has_more": False}))
        models = server.route("GET", "/models", JSONResponse({"object": "list", "data": []}))
        with OpenAI(api_key="sk-project", admin_api_key="sk-admin", base_url=server.base_url) as client:
            list(client.admin.organization.admin_api_keys.list())
            list(client.models.list())
        assert keys.requests[0].headers["authorization"] == "Bearer sk-admin"
        assert models.requests[0].headers["authorization"] == "Bearer sk-project"
        monkeypatch.setenv("OPENAI_ADMIN_KEY", "sk-admin-env")
        with OpenAI(base_url=server.base_url) as admin_only:  # an admin key alone is enough
            assert admin_only.admin_api_key == "sk-admin-env"
            list(admin_only.admin.organization.admin_api_keys.list())
        assert keys.requests[1].headers["authorization"] == "Bearer sk-admin-env"
        monkeypatch.delenv("OPENAI_ADMIN_KEY")
        with OpenAI(api_key="sk-project", base_url=server.base_url) as project_only:
            with pytest.raises(typed_openai.OpenAIError, match="admin_api_key"):
                project_only.admin.organization.admin_api_keys.list()
        assert len(keys.requests) == 2  # nothing was sent without the key
