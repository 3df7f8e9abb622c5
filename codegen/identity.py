"""The client's identity, from the config's `client:` section and the spec.

The spec says where the API lives (`servers`) and how it authenticates
(`securitySchemes`, `security`); the config names the classes and the environment
variables, and may override both. The result is what `_client.py` passes to the runtime,
which itself knows no API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .config import ClientConfig, Config, SettingHeader
from .document import SpecError, pointer

__all__ = ["Identity", "KeyAuthSpec", "client_identity"]


@dataclass(frozen=True)
class KeyAuthSpec:
    """How a key is sent: `header: prefix + key`."""

    header: str
    prefix: str


@dataclass(frozen=True)
class Identity:
    api_name: str
    sync_class: str
    async_class: str
    base_url: str | None
    auth: KeyAuthSpec | None
    admin_auth: KeyAuthSpec | None
    env: dict[str, str]
    organization: SettingHeader | None
    project: SettingHeader | None
    default_headers: dict[str, str]
    platform_headers: bool
    regions: dict[str, str] = field(default_factory=dict)  # `data_residency=` value -> base URL


_BEARER = KeyAuthSpec("Authorization", "Bearer ")
_VARIABLE = re.compile(r"\{([^{}]*)\}")


def _server_url(spec: dict[str, Any]) -> str | None:
    """The first server's URL, its `{variables}` set to their defaults; None when the spec
    names no absolute one (the client then needs `base_url=`)."""
    servers = spec.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return None
    server = servers[0]
    url = server.get("url")
    if not isinstance(url, str):
        raise SpecError([f"{pointer('servers', 0, 'url')}: expected a URL string, got {type(url).__name__}"])
    raw_variables = server.get("variables")
    variables: dict[str, Any] = raw_variables if isinstance(raw_variables, dict) else {}

    def default(match: re.Match[str]) -> str:
        entry = variables.get(match.group(1))
        if not isinstance(entry, dict) or not isinstance(entry.get("default"), str):
            raise SpecError([f"{pointer('servers', 0, 'variables', match.group(1))}: a server variable needs a string default"])
        return str(entry["default"])

    url = _VARIABLE.sub(default, url)
    return url if re.match(r"https?://[^/\s]", url) else None


def _scheme_auth(spec: dict[str, Any], name: str, where: str) -> KeyAuthSpec:
    """How the security scheme `name` sends its key; `SpecError` for one the runtime cannot send."""
    schemes = spec.get("components", {}).get("securitySchemes", {})
    at = pointer("components", "securitySchemes", name)
    scheme = schemes.get(name) if isinstance(schemes, dict) else None
    if not isinstance(scheme, dict):
        raise SpecError([f"{at}: {where} names security scheme {name!r}, which the spec does not define"])
    kind = str(scheme.get("type", "")).lower()
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return _BEARER
    if kind in ("oauth2", "openidconnect"):  # the token the user got is sent as a bearer token
        return _BEARER
    if kind == "apikey" and scheme.get("in") == "header" and isinstance(scheme.get("name"), str) and scheme["name"]:
        return KeyAuthSpec(str(scheme["name"]), "")
    described = f"type {scheme.get('type')!r}" + (f", in {scheme.get('in')!r}" if "in" in scheme else "")
    described += f", scheme {scheme.get('scheme')!r}" if "scheme" in scheme else ""
    raise SpecError([
        f"{at}: {described} is not supported (bearer, an API-key header, OAuth2 and OpenID Connect tokens are); "
        f"set `client.auth` in the config to another scheme, or to `none`"
    ])


def _default_scheme(spec: dict[str, Any]) -> str | None:
    """The first scheme of the spec's top-level `security`."""
    for requirement in spec.get("security") or []:
        if isinstance(requirement, dict) and requirement:
            return str(next(iter(requirement)))
    return None


def client_identity(spec: dict[str, Any], config: Config) -> Identity:
    client: ClientConfig = config.client
    scheme = client.auth if client.auth is not None else _default_scheme(spec)
    auth = None if scheme is None or scheme == "none" else _scheme_auth(spec, scheme, "client.auth" if client.auth else "the spec's `security`")
    # An admin scheme the spec lacks (an older spec) is a warning of `validate`, not an error here.
    schemes = spec.get("components", {}).get("securitySchemes") or {}
    admin = next((name for name in config.admin_key_schemes if name in schemes), None)
    admin_auth = None if admin is None else _scheme_auth(spec, admin, "admin_key_schemes")
    title = spec.get("info", {}).get("title") if isinstance(spec.get("info"), dict) else None
    name = client.api_name or (title if isinstance(title, str) and title.strip() else "the API")
    return Identity(
        # it goes into docstrings: no quotes or backslashes that could end one, one line
        api_name=" ".join(re.sub(r"[\"\\]", "", name).split()),
        sync_class=client.sync_class,
        async_class=client.async_class,
        base_url=client.base_url if client.base_url is not None else _server_url(spec),
        auth=auth,
        admin_auth=None if admin_auth == auth else admin_auth,
        env=dict(client.env),
        organization=client.organization,
        project=client.project,
        default_headers=dict(client.default_headers),
        platform_headers=client.platform_headers,
        regions=dict(client.regions),
    )
