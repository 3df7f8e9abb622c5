"""The module-level client, for code written as `openai.api_key = "..."` then
`openai.chat.completions.create(...)` (the official SDK's module client).

The settings are attributes of the package itself (`typed_openai.api_key`, ...: their
defaults are defined here and re-exported there). The package's resource names
(`typed_openai.chat`, `.files`, ...) are the resources of one client, made on first use
from those settings and made anew whenever a setting has changed since, so a setting
takes effect at the next `typed_openai.<resource>` access. The client is an
`AzureOpenAI` when `api_type` is `"azure"`, or, with no `api_type` set, when Azure
credentials are given and OpenAI ones are not.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import httpx2

from typed_openai._core import DEFAULT_MAX_RETRIES
from typed_openai._core._client import DEFAULT_TIMEOUT
from typed_openai._core._types import Timeout

if TYPE_CHECKING:
    from typed_openai._client import OpenAI

__all__ = [
    "admin_api_key",
    "api_key",
    "api_type",
    "api_version",
    "azure_ad_token",
    "azure_ad_token_provider",
    "azure_endpoint",
    "base_url",
    "default_headers",
    "default_query",
    "http_client",
    "max_retries",
    "organization",
    "project",
    "timeout",
    "webhook_secret",
]

api_key: str | None = None
admin_api_key: str | None = None
organization: str | None = None
project: str | None = None
webhook_secret: str | None = None
base_url: str | httpx2.URL | None = None
timeout: Timeout = DEFAULT_TIMEOUT
max_retries: int = DEFAULT_MAX_RETRIES
default_headers: Mapping[str, str] | None = None
default_query: Mapping[str, object] | None = None
http_client: httpx2.Client | None = None
# Azure OpenAI (see `typed_openai.lib.azure.AzureOpenAI`).
api_type: Literal["openai", "azure"] | None = None
api_version: str | None = None
azure_endpoint: str | None = None
azure_ad_token: str | None = None
azure_ad_token_provider: Callable[[], str] | None = None

@dataclass(frozen=True)
class _Settings:
    """The package's settings at one moment (mappings copied: a user may change a header
    in place); equal settings make the same client."""

    api_key: str | None
    admin_api_key: str | None
    organization: str | None
    project: str | None
    webhook_secret: str | None
    base_url: str | httpx2.URL | None
    timeout: Timeout
    max_retries: int
    default_headers: dict[str, str] | None
    default_query: dict[str, object] | None
    http_client: httpx2.Client | None
    api_type: str | None  # checked by uses_azure(): a module attribute can be set to anything
    api_version: str | None
    azure_endpoint: str | None
    azure_ad_token: str | None
    azure_ad_token_provider: Callable[[], str] | None

    @classmethod
    def now(cls) -> _Settings:
        import typed_openai as package  # where users set them

        return cls(
            api_key=package.api_key,
            admin_api_key=package.admin_api_key,
            organization=package.organization,
            project=package.project,
            webhook_secret=package.webhook_secret,
            base_url=package.base_url,
            timeout=package.timeout,
            max_retries=package.max_retries,
            default_headers=None if package.default_headers is None else dict(package.default_headers),
            default_query=None if package.default_query is None else dict(package.default_query),
            http_client=package.http_client,
            api_type=package.api_type,
            api_version=package.api_version,
            azure_endpoint=package.azure_endpoint,
            azure_ad_token=package.azure_ad_token,
            azure_ad_token_provider=package.azure_ad_token_provider,
        )

    def uses_azure(self) -> bool:
        chosen = self.api_type or os.environ.get("OPENAI_API_TYPE")
        if chosen is not None:
            if chosen not in ("openai", "azure"):
                raise ValueError(f"api_type must be 'openai' or 'azure', not {chosen!r}")
            return chosen == "azure"
        if self.api_key or os.environ.get("OPENAI_API_KEY"):
            return False
        return bool(
            self.azure_ad_token
            or self.azure_ad_token_provider
            or os.environ.get("AZURE_OPENAI_API_KEY")
            or os.environ.get("AZURE_OPENAI_AD_TOKEN")
        )

    def make_client(self) -> OpenAI:
        if self.uses_azure():
            from typed_openai.lib.azure import AzureOpenAI

            return AzureOpenAI(
                api_version=self.api_version,
                azure_endpoint=self.azure_endpoint,
                azure_ad_token=self.azure_ad_token,
                azure_ad_token_provider=self.azure_ad_token_provider,
                api_key=self.api_key,
                admin_api_key=self.admin_api_key,
                organization=self.organization,
                project=self.project,
                webhook_secret=self.webhook_secret,
                base_url=self.base_url,
                timeout=self.timeout,
                max_retries=self.max_retries,
                default_headers=self.default_headers,
                default_query=self.default_query,
                http_client=self.http_client,
            )
        from typed_openai._client import OpenAI

        return OpenAI(
            api_key=self.api_key,
            admin_api_key=self.admin_api_key,
            organization=self.organization,
            project=self.project,
            webhook_secret=self.webhook_secret,
            base_url=self.base_url,
            timeout=self.timeout,
            max_retries=self.max_retries,
            default_headers=self.default_headers,
            default_query=self.default_query,
            http_client=self.http_client,
        )


_made_from: _Settings | None = None
_client: OpenAI | None = None


def client() -> OpenAI:
    """The module-level client for the package's settings as they are now."""
    global _made_from, _client
    settings = _Settings.now()
    if _client is None or settings != _made_from:
        _client = settings.make_client()
        _made_from = settings
    return _client


def reset() -> None:
    """Forget the module-level client: the next access makes one from the settings."""
    global _made_from, _client
    _made_from = _client = None
