"""The module-level client (`typed_openai.api_key = ...`, `typed_openai.chat...`) over real
HTTP: settings reach the requests, a changed setting takes effect at the next access, and
the client is an `AzureOpenAI` when the settings or the environment ask for Azure."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest

import typed_openai
from typed_openai import DEFAULT_MAX_RETRIES, OpenAI
from typed_openai._core._client import DEFAULT_TIMEOUT
from typed_openai.lib.azure import AzureOpenAI
from typed_openai.testing import DEMO_CHAT_ANSWER, JSONResponse, MockServer

_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_TYPE", "OPENAI_API_VERSION", "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT")


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    defaults = {name: getattr(typed_openai, name) for name in typed_openai._module_client.__all__}
    typed_openai._reset_client()
    yield
    for name, value in defaults.items():
        setattr(typed_openai, name, value)
    typed_openai._reset_client()


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer.with_api_demo() as running:
        yield running


def _use(server: MockServer) -> None:
    typed_openai.api_key = "sk-module-test-key"
    typed_openai.base_url = server.base_url


def test_the_defaults_are_the_clients() -> None:
    assert typed_openai.api_key is None and typed_openai.base_url is None
    assert typed_openai.max_retries == DEFAULT_MAX_RETRIES and typed_openai.timeout == DEFAULT_TIMEOUT


def test_settings_reach_the_request(server: MockServer) -> None:
    _use(server)
    typed_openai.organization = "org-module"
    typed_openai.default_headers = {"X-Team": "weather"}
    typed_openai.default_query = {"trace": "1"}
    completion = typed_openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    assert completion.choices[0].message.content == DEMO_CHAT_ANSWER
    request = server.requests[-1]
    assert (request.method, request.path) == ("POST", "/chat/completions")
    assert request.headers["authorization"] == "Bearer sk-module-test-key"
    assert request.headers["openai-organization"] == "org-module"
    assert request.headers["x-team"] == "weather"
    assert request.query == {"trace": ["1"]}


def test_a_changed_setting_takes_effect_at_the_next_access(server: MockServer) -> None:
    _use(server)
    first = typed_openai.models
    assert typed_openai.models is first  # unchanged settings: the same client
    typed_openai.api_key = "sk-another-module-key"
    list(typed_openai.models.list())
    assert server.requests[-1].headers["authorization"] == "Bearer sk-another-module-key"
    headers = {"X-Step": "1"}
    typed_openai.default_headers = headers
    typed_openai.files.list()
    headers["X-Step"] = "2"  # changed in place: still a change
    typed_openai.files.list()
    assert [r.headers["x-step"] for r in server.requests[-2:]] == ["1", "2"]


def test_the_users_http_client_is_used(server: MockServer) -> None:
    _use(server)
    seen: list[str] = []
    with httpx2.Client(event_hooks={"request": [lambda request: seen.append(request.url.path)]}) as http:
        typed_openai.http_client = http
        typed_openai.embeddings.create(model="text-embedding-3-small", input="x")
    assert seen == [httpx2.URL(server.base_url).path + "/embeddings"]


def test_the_client_is_openai_unless_azure_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    typed_openai.api_key = "sk-module-test-key"
    assert type(typed_openai._module_client.client()) is OpenAI
    typed_openai.api_key = None
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-key-from-the-environment")
    monkeypatch.setenv("OPENAI_API_VERSION", "2024-10-21")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", "https://example-resource.openai.azure.com")
    assert isinstance(typed_openai._module_client.client(), AzureOpenAI)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-key-from-the-environment")  # OpenAI credentials win
    typed_openai._reset_client()
    assert type(typed_openai._module_client.client()) is OpenAI


def test_api_type_azure_sends_azure_requests() -> None:
    embeddings = {"object": "list", "data": [], "model": "e", "usage": {"prompt_tokens": 0, "total_tokens": 0}}
    with MockServer() as azure:
        azure.route("POST", "/openai/deployments/{deployment}/embeddings", JSONResponse(embeddings))
        typed_openai.api_type = "azure"
        typed_openai.api_key = "azure-module-key"
        typed_openai.api_version = "2024-10-21"
        typed_openai.azure_endpoint = azure.url
        typed_openai.embeddings.create(model="my-deployment", input="x")
    request = azure.requests[-1]
    assert request.headers["api-key"] == "azure-module-key" and "authorization" not in request.headers
    assert request.path == "/openai/deployments/my-deployment/embeddings"
    assert request.query == {"api-version": ["2024-10-21"]}


def test_a_wrong_api_type_is_refused() -> None:
    typed_openai.api_type = "bedrock"  # type: ignore[assignment] # the mistake under test
    with pytest.raises(ValueError, match="api_type must be 'openai' or 'azure', not 'bedrock'"):
        typed_openai.chat  # noqa: B018


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'chatt'"):
        typed_openai.chatt  # type: ignore[attr-defined] # noqa: B018 # the mistake under test
