"""`AzureOpenAI` / `AsyncAzureOpenAI` against the mock: URLs, api-version, auth, env vars."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from typed_openai import AsyncAzureOpenAI, AzureOpenAI, OpenAIError
from typed_openai.lib.azure import MutuallyExclusiveAuthError
from typed_openai.testing import JSONResponse, MockServer
from typed_openai.testing._chat_streams import chat_content_chunks, chat_stream
from typed_openai.testing import SSEResponse

COMPLETION = {
    "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "gpt-4o",
    "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None, "message": {"role": "assistant", "content": "hi", "refusal": None}}],
}
MESSAGES: list[Any] = [{"role": "user", "content": "hi"}]


@pytest.fixture(autouse=True)
def _no_azure_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_model_routes_to_its_deployment_with_the_api_key_header(server: MockServer) -> None:
    server.route("POST", "/openai/deployments/{deployment}/chat/completions", JSONResponse(COMPLETION))
    server.route("GET", "/openai/models", JSONResponse({"object": "list", "data": []}))
    with AzureOpenAI(api_key="azure-key", api_version="2024-10-21", azure_endpoint=server.url, max_retries=0) as client:
        assert client.chat.completions.create(model="my-gpt4o", messages=MESSAGES).choices[0].message.content == "hi"
        client.models.list()
    chat, models = server.requests
    assert chat.path == "/openai/deployments/my-gpt4o/chat/completions"
    assert chat.query == {"api-version": ["2024-10-21"]} or chat.query.get("api-version") in ("2024-10-21", ["2024-10-21"])
    assert chat.headers["api-key"] == "azure-key" and "authorization" not in chat.headers
    assert models.path == "/openai/models"  # not a per-deployment operation


def test_a_deployment_in_the_client_is_used_for_every_request(server: MockServer) -> None:
    server.route("POST", "/openai/deployments/{deployment}/chat/completions", JSONResponse(COMPLETION))
    with AzureOpenAI(
        api_key="k", api_version="2024-10-21", azure_endpoint=server.url + "/", azure_deployment="fixed", max_retries=0
    ) as client:
        client.chat.completions.create(model="ignored-for-the-url", messages=MESSAGES)
    assert server.requests[0].path == "/openai/deployments/fixed/chat/completions"


def test_entra_id_token_provider_is_called_for_each_request(server: MockServer) -> None:
    server.route("POST", "/openai/deployments/{deployment}/chat/completions", JSONResponse(COMPLETION))
    tokens = iter(["token-1", "token-2"])
    with AzureOpenAI(
        azure_ad_token_provider=lambda: next(tokens), api_version="v", azure_endpoint=server.url, max_retries=0
    ) as client:
        client.chat.completions.create(model="d", messages=MESSAGES)
        client.chat.completions.create(model="d", messages=MESSAGES)
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer token-1", "Bearer token-2"]
    assert all("api-key" not in r.headers for r in server.requests)


def test_async_client_with_an_async_token_provider_and_a_stream(server: MockServer) -> None:
    server.route("POST", "/openai/deployments/{deployment}/chat/completions", SSEResponse(chat_stream(chat_content_chunks("hello"))))

    async def provider() -> str:
        return "async-token"

    async def main() -> str:
        async with AsyncAzureOpenAI(
            azure_ad_token_provider=provider, api_version="v", azure_endpoint=server.url, max_retries=0
        ) as client:
            async with client.chat.completions.stream(model="dep", messages=MESSAGES) as stream:
                final = await stream.get_final_completion()
        return final.choices[0].message.content or ""

    assert asyncio.run(main()) == "hello"
    assert server.requests[0].headers["authorization"] == "Bearer async-token"
    assert server.requests[0].path == "/openai/deployments/dep/chat/completions"


def test_environment_variables(server: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "env-key")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", server.url)
    monkeypatch.setenv("OPENAI_API_VERSION", "2025-01-01")
    server.route("POST", "/openai/deployments/{deployment}/embeddings", JSONResponse({"object": "list", "data": [], "model": "e", "usage": {"prompt_tokens": 0, "total_tokens": 0}}))
    with AzureOpenAI(max_retries=0) as client:
        assert client.api_version == "2025-01-01"
        assert str(client.base_url) == server.url + "/openai/"
        client.embeddings.create(model="emb", input="x")
    assert server.requests[0].headers["api-key"] == "env-key"
    assert server.requests[0].path == "/openai/deployments/emb/embeddings"
    monkeypatch.setenv("AZURE_OPENAI_AD_TOKEN", "env-token")
    monkeypatch.delenv("AZURE_OPENAI_API_KEY")
    with AzureOpenAI() as client:
        assert client.default_headers.get("api-key") is None


def test_with_options_keeps_the_azure_settings(server: MockServer) -> None:
    server.route("POST", "/openai/deployments/{deployment}/chat/completions", JSONResponse(COMPLETION))
    with AzureOpenAI(api_key="k", api_version="v1", azure_endpoint=server.url, max_retries=0) as client:
        copy = client.with_options(timeout=5.0, api_version="v2")
        assert isinstance(copy, AzureOpenAI) and copy.api_version == "v2" and copy.timeout == 5.0
        copy.chat.completions.create(model="d", messages=MESSAGES)
    assert server.requests[0].headers["api-key"] == "k"
    assert "v2" in str(server.requests[0].query)


def test_clear_errors_for_missing_settings() -> None:
    with pytest.raises(OpenAIError, match="Missing credentials"):
        AzureOpenAI(api_version="v", azure_endpoint="https://x.openai.azure.com")
    with pytest.raises(OpenAIError, match="OPENAI_API_VERSION"):
        AzureOpenAI(api_key="k", azure_endpoint="https://x.openai.azure.com")
    with pytest.raises(ValueError, match="AZURE_OPENAI_ENDPOINT"):
        AzureOpenAI(api_key="k", api_version="v")
    with pytest.raises(ValueError, match="mutually exclusive"):
        AzureOpenAI(api_key="k", api_version="v", azure_endpoint="https://a", base_url="https://b")


@pytest.mark.parametrize(
    "credentials",
    [{"api_key": "k", "azure_ad_token": "t"}, {"api_key": "k", "azure_ad_token_provider": lambda: "t"},
     {"azure_ad_token": "t", "azure_ad_token_provider": lambda: "t"}],
)
def test_two_kinds_of_credentials_are_refused(credentials: dict[str, Any]) -> None:
    with pytest.raises(MutuallyExclusiveAuthError, match="only one of `api_key`, `azure_ad_token` and `azure_ad_token_provider`"):
        AzureOpenAI(api_version="v", azure_endpoint="https://x.openai.azure.com", **credentials)
    with pytest.raises(OpenAIError):  # one of the package's errors
        AsyncAzureOpenAI(api_version="v", azure_endpoint="https://x.openai.azure.com", **credentials)


def test_a_provider_returning_no_token_is_an_error(server: MockServer) -> None:
    with AzureOpenAI(azure_ad_token_provider=lambda: "", api_version="v", azure_endpoint=server.url, max_retries=0) as client:
        with pytest.raises(ValueError, match="azure_ad_token_provider"):
            client.chat.completions.create(model="d", messages=MESSAGES)
    assert server.requests == []


class _Token(str):
    """A token subclass whose own formatting would change what the header says."""

    def __format__(self, spec: str) -> str:
        return "altered"

    def __str__(self) -> str:
        return "altered"


class _Secretive:
    """Not a string; its repr would give the secret away."""

    def __repr__(self) -> str:
        return "secret-token"


@pytest.mark.parametrize(
    "returned", [{"access_token": "secret-token"}, ("secret-token", 0), _Secretive(), None, "", _Token("")]
)
def test_a_wrong_provider_result_is_refused_without_showing_it(server: MockServer, returned: object) -> None:
    async def main() -> ValueError:
        async def provider() -> Any:
            return returned

        async with AsyncAzureOpenAI(azure_ad_token_provider=provider, api_version="v", azure_endpoint=server.url, max_retries=0) as client:
            with pytest.raises(ValueError) as caught:
                await client.chat.completions.create(model="d", messages=MESSAGES)
        return caught.value

    error = asyncio.run(main())
    assert str(error) == "Expected `azure_ad_token_provider` argument to return a non-empty string."
    assert "secret-token" not in repr(error) and error.__context__ is None
    assert server.requests == []


def test_a_str_subclass_token_is_sent_as_its_text(server: MockServer) -> None:
    server.route("POST", "/openai/deployments/{d}/chat/completions", JSONResponse(COMPLETION))
    with AzureOpenAI(azure_ad_token_provider=lambda: _Token("tok-1"), api_version="v", azure_endpoint=server.url, max_retries=0) as client:
        client.chat.completions.create(model="d", messages=MESSAGES)
    assert server.requests[0].headers["authorization"] == "Bearer tok-1"
