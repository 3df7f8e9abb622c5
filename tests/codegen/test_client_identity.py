"""The client's identity comes from the config's `client:` section and the spec's
`servers` and `securitySchemes`: class names, base URL, auth, variables, headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen.config import ConfigError, load_config
from codegen.document import SpecError
from codegen.identity import KeyAuthSpec, client_identity
from codegen.package import rename_package
from codegen.render import identity_arguments

PROJECT = Path(__file__).resolve().parents[2]


def _spec(**extra: Any) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "Pets", "version": "1"}, "paths": {}, **extra}


def _identity(tmp_path: Path, config: str, spec: dict[str, Any]) -> Any:
    (tmp_path / "config.yaml").write_text(config)
    return client_identity(spec, load_config(tmp_path))


def test_the_openai_identity(pinned_spec: dict[str, Any]) -> None:
    identity = client_identity(pinned_spec, load_config(PROJECT / "spec"))
    assert (identity.sync_class, identity.async_class) == ("OpenAI", "AsyncOpenAI")
    assert identity.base_url == "https://api.openai.com/v1"  # the spec's `servers`
    assert identity.auth == KeyAuthSpec("Authorization", "Bearer ")  # `ApiKeyAuth`: http bearer
    assert identity.admin_auth is None  # `AdminApiKeyAuth` is bearer too: the same header
    assert identity.env == {
        "admin_api_key": "OPENAI_ADMIN_KEY", "api_key": "OPENAI_API_KEY", "base_url": "OPENAI_BASE_URL",
        "log": "OPENAI_LOG", "webhook_secret": "OPENAI_WEBHOOK_SECRET",
    }


def test_defaults_come_from_the_spec(tmp_path: Path) -> None:
    spec = _spec(
        servers=[{"url": "https://{region}.pets.example/v{version}", "variables": {
            "region": {"default": "eu"}, "version": {"default": "2"}}}],
        components={"securitySchemes": {"Key": {"type": "apiKey", "in": "header", "name": "X-Pets-Key"}}},
        security=[{"Key": []}],
    )
    identity = _identity(tmp_path, "{}\n", spec)
    assert (identity.sync_class, identity.async_class, identity.api_name) == ("Client", "AsyncClient", "Pets")
    assert identity.base_url == "https://eu.pets.example/v2"
    assert identity.auth == KeyAuthSpec("X-Pets-Key", "")
    arguments, names = identity_arguments(identity)
    assert arguments == ["base_url='https://eu.pets.example/v2'", "auth=KeyAuth(header='X-Pets-Key', prefix='')"]
    assert names == {"ClientIdentity", "KeyAuth"}


def test_no_security_means_no_key_and_a_relative_server_no_default_url(tmp_path: Path) -> None:
    identity = _identity(tmp_path, "{}\n", _spec(servers=[{"url": "/v1"}]))
    assert identity.auth is None and identity.base_url is None
    assert identity_arguments(identity)[0] == ["auth=None"]


def test_the_config_overrides_the_spec(tmp_path: Path) -> None:
    spec = _spec(
        servers=[{"url": "https://pets.example"}],
        components={"securitySchemes": {"A": {"type": "http", "scheme": "bearer"}, "B": {"type": "apiKey", "in": "header", "name": "k"}}},
        security=[{"A": []}],
    )
    config = (
        "client:\n  classes: {sync: Pets, async: AsyncPets}\n  base_url: https://staging.pets.example\n  auth: B\n"
        "  env: {api_key: PETS_KEY}\n  organization: {header: X-Shop}\n  default_headers: {Pets-Version: '2'}\n"
    )
    identity = _identity(tmp_path, config, spec)
    assert identity.base_url == "https://staging.pets.example" and identity.auth == KeyAuthSpec("k", "")
    arguments, names = identity_arguments(identity)
    assert "organization=HeaderOption(header='X-Shop')" in arguments
    assert "default_headers={'Pets-Version': '2'}" in arguments
    assert "api_key_env='PETS_KEY'" in arguments
    assert names == {"ClientIdentity", "KeyAuth", "HeaderOption"}


def test_an_unsupported_or_missing_scheme_names_its_place(tmp_path: Path) -> None:
    spec = _spec(components={"securitySchemes": {"Basic": {"type": "http", "scheme": "basic"}}}, security=[{"Basic": []}])
    with pytest.raises(SpecError, match=r"#/components/securitySchemes/Basic: type 'http', scheme 'basic' is not supported"):
        _identity(tmp_path, "{}\n", spec)
    with pytest.raises(SpecError, match=r"#/components/securitySchemes/Nope: client.auth names security scheme 'Nope'"):
        _identity(tmp_path, "client: {auth: Nope}\n", spec)
    assert _identity(tmp_path, "client: {auth: none}\n", spec).auth is None


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("classes: {sync: 'not a name'}", "client.classes.sync: 'not a name' is not a class name"),
        ("classes: {sync: A, async: A}", "cannot share the name 'A'"),
        ("env: {api_key: 'A B'}", "client.env.api_key: 'A B' is not an environment variable name"),
        ("env: {token: X}", "client.env: unknown keys \\['token'\\]"),
        ("base_url: 'ftp://x'", "client.base_url: 'ftp://x' is not an http\\(s\\) URL"),
        ("organization: {header: 'a b'}", "client.organization.header: 'a b' is not an HTTP header name"),
        ("default_headers: {X-A: \"a\\nb\"}", "client.default_headers.X-A: expected a non-empty line of text"),
        ("colour: blue", "client: unknown keys \\['colour'\\]"),
        ("package: Pet-Store", "client.package: 'Pet-Store' is not a package name"),
    ],
)
def test_a_bad_client_section_is_refused_by_name(tmp_path: Path, section: str, message: str) -> None:
    (tmp_path / "config.yaml").write_text(f"client: {{{section}}}\n" if not section.startswith("colour") else f"client:\n  {section}\n")
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path)


def test_a_renamed_package_renames_paths_and_imports_only() -> None:
    files = {
        "typed_openai/_client.py": "from typed_openai._core import X\nimport typed_openai_overlay\n# typed-openai\n",
        "typed_openai/types/__init__.py": "",
    }
    assert rename_package(files, "petstore") == {
        "petstore/_client.py": "from petstore._core import X\nimport typed_openai_overlay\n# typed-openai\n",
        "petstore/types/__init__.py": "",
    }
    assert rename_package(files, "typed_openai") is files


def test_a_hostile_title_cannot_end_the_docstring(tmp_path: Path) -> None:
    identity = _identity(tmp_path, "{}\n", _spec(info={"title": 'x"""\nimport os\\', "version": "1"}))
    assert identity.api_name == "x import os"


def test_an_admin_scheme_the_spec_lacks_is_left_out(tmp_path: Path) -> None:
    spec = _spec(components={"securitySchemes": {"A": {"type": "http", "scheme": "bearer"}}}, security=[{"A": []}])
    assert _identity(tmp_path, "admin_key_schemes: [Admin]\n", spec).admin_auth is None
    spec["components"]["securitySchemes"]["Admin"] = {"type": "apiKey", "in": "header", "name": "X-Admin"}
    assert _identity(tmp_path, "admin_key_schemes: [Admin]\n", spec).admin_auth == KeyAuthSpec("X-Admin", "")
