"""Who a client talks to: the API's address, how it sends its key, the environment
variables it reads, and the headers it adds to every request.

The runtime knows no API: a generated client passes its API's identity in (the
generator writes it from its config and the spec's `servers` and `securitySchemes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["ClientIdentity", "HeaderOption", "KeyAuth"]


@dataclass(frozen=True)
class KeyAuth:
    """How the API key travels: the header `header`, valued `prefix + key`
    (`Authorization: Bearer <key>` for HTTP bearer auth, `X-API-Key: <key>` for a key header)."""

    header: str = "Authorization"
    prefix: str = "Bearer "

    def headers(self, key: str) -> dict[str, str]:
        return {self.header: self.prefix + key}


@dataclass(frozen=True)
class HeaderOption:
    """A client setting sent as a header on every request when set (`OpenAI-Organization`),
    read from the environment variable `env` when the client is not given it."""

    header: str
    env: str | None = None


def _empty_mapping() -> Mapping[str, str]:
    return {}


@dataclass(frozen=True)
class ClientIdentity:
    """An API as its client sees it. The default is no API in particular: no address (the
    client needs `base_url=`), bearer auth, no environment variables."""

    base_url: str | None = None
    base_url_env: str | None = None
    # None: the API takes no key, and the client does not ask for one.
    auth: KeyAuth | None = field(default_factory=KeyAuth)
    api_key_env: str | None = None
    # The key of the operations marked "admin" (`admin_api_key=`), where the API has one.
    admin_auth: KeyAuth | None = None
    admin_api_key_env: str | None = None
    organization: HeaderOption | None = None
    project: HeaderOption | None = None
    # Where `webhook_secret=` (the key that signs the webhooks the API sends) is read from.
    webhook_secret_env: str | None = None
    default_headers: Mapping[str, str] = field(default_factory=_empty_mapping)
    # The `X-Stainless-*` headers (language, OS, runtime) that Stainless-made SDKs send.
    platform_headers: bool = False
    # The API's regional endpoints: `data_residency=` value -> base URL.
    regions: Mapping[str, str] = field(default_factory=_empty_mapping)

    def region_url(self, region: object) -> str:
        """The base URL `data_residency=region` selects; `ValueError` for another value."""
        if not self.regions:
            raise ValueError("This API has no regional endpoints: data_residency= cannot be used")
        if not isinstance(region, str) or region not in self.regions:
            expected = ", ".join(repr(name) for name in self.regions)
            raise ValueError(f"Invalid `data_residency` {region!r}; expected one of {expected}")
        return self.regions[region]

    def missing_key_message(self) -> str:
        where = "pass api_key= to the client"
        if self.api_key_env:
            where += f" or set the {self.api_key_env} environment variable"
        if self.admin_api_key_env:
            where += f" (admin_api_key= or {self.admin_api_key_env} for the administration API)"
        return f"No API key: {where}"

    def missing_admin_key_message(self) -> str:
        where = "pass admin_api_key= to the client"
        if self.admin_api_key_env:
            where += f" or set the {self.admin_api_key_env} environment variable"
        return where
