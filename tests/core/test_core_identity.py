"""The runtime knows no API: a client's identity (address, auth, variables, headers) is
what its generated class passes in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from typed_openai._core import (
    ClientIdentity,
    HeaderOption,
    KeyAuth,
    OpenAIError,
    RequestSpec,
    SyncAPIClient,
)

if TYPE_CHECKING:
    from conftest import MockServer

PETS = ClientIdentity(
    base_url="https://pets.example/api",
    base_url_env="PETS_BASE_URL",
    auth=KeyAuth(header="X-Pets-Key", prefix=""),
    api_key_env="PETS_API_KEY",
    organization=HeaderOption("X-Pets-Shop", "PETS_SHOP"),
    default_headers={"Pets-Version": "2"},
)


class Pets(SyncAPIClient):
    _identity = PETS


class Open(SyncAPIClient):
    _identity = ClientIdentity(base_url="https://open.example", auth=None)


def _get(client: SyncAPIClient) -> None:
    client.request(RequestSpec(method="get", path="/pets"), cast_to=dict)


def test_bare_runtime_reads_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://elsewhere.example")
    with pytest.raises(OpenAIError, match="No API key"):
        SyncAPIClient(base_url="https://x.example")
    with pytest.raises(OpenAIError, match="No base URL: pass base_url="):
        SyncAPIClient(api_key="k")
    with pytest.raises(ValueError, match="organization= is not a setting of this API"):
        SyncAPIClient(api_key="k", base_url="https://x.example", organization="org")


def test_key_header_env_and_default_headers(server: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PETS_API_KEY", "key-env")
    monkeypatch.setenv("PETS_BASE_URL", server.url)
    monkeypatch.setenv("PETS_SHOP", "shop-1")
    server.reply(200, {})
    with Pets() as client:
        assert client.organization == "shop-1"
        _get(client)
    sent = server.requests[0].headers
    assert sent["x-pets-key"] == "key-env"
    assert "authorization" not in sent
    assert sent["x-pets-shop"] == "shop-1"
    assert sent["pets-version"] == "2"
    assert not any(name.startswith("x-stainless") for name in sent)


def test_default_base_url_and_missing_key_names_the_variable() -> None:
    assert str(Pets(api_key="k").base_url) == "https://pets.example/api/"
    with pytest.raises(OpenAIError, match=r"No API key: pass api_key= to the client or set the PETS_API_KEY environment variable$"):
        Pets()


def test_an_admin_key_in_its_own_header_replaces_the_api_key(server: MockServer) -> None:
    class Admin(SyncAPIClient):
        _identity = ClientIdentity(
            base_url="https://x.example", admin_auth=KeyAuth(header="X-Admin-Key", prefix=""), admin_api_key_env="ADMIN"
        )

    server.reply(200, {})
    server.reply(200, {})
    with Admin(api_key="k", admin_api_key="a", base_url=server.url) as client:
        client.request(RequestSpec(method="get", path="/admin", admin_key=True), cast_to=dict)
        _get(client)
    admin, plain = (r.headers for r in server.requests)
    assert admin["x-admin-key"] == "a" and "authorization" not in admin
    assert plain["authorization"] == "Bearer k" and "x-admin-key" not in plain


def test_api_without_auth_needs_no_key(server: MockServer) -> None:
    server.reply(200, {})
    with Open(base_url=server.url) as client:
        _get(client)
    assert "authorization" not in server.requests[0].headers
