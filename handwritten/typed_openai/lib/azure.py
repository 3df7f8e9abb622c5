"""`AzureOpenAI` and `AsyncAzureOpenAI`: the same clients, addressed to an Azure OpenAI
resource.

- The endpoint: `azure_endpoint` (or `AZURE_OPENAI_ENDPOINT`) becomes the base URL
  `{endpoint}/openai`, or `{endpoint}/openai/deployments/{azure_deployment}`; a `base_url`
  may be given instead.
- Every request carries `?api-version=` (`api_version` or `OPENAI_API_VERSION`).
- Auth: `api_key` (or `AZURE_OPENAI_API_KEY`) sent as the `api-key` header, or a Microsoft
  Entra ID token, `azure_ad_token` (or `AZURE_OPENAI_AD_TOKEN`) or
  `azure_ad_token_provider` (called for each request), sent as `Authorization: Bearer`.
- Without a deployment in the base URL, the operations Azure serves per deployment
  (chat completions, completions, embeddings, audio, images) go to
  `/deployments/{model}/...`, `model` being the deployment's name.
"""

from __future__ import annotations

import dataclasses
import inspect
import os
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, cast

from typing_extensions import Self

import httpx2

from typed_openai._client import AsyncOpenAI, OpenAI
from typed_openai._core import DEFAULT_MAX_RETRIES, OpenAIError, Omit, RequestSpec, Timeout, omit
from typed_openai._core._sse import DEFAULT_MAX_EVENT_BYTES

__all__ = ["AsyncAzureADTokenProvider", "AsyncAzureOpenAI", "AzureADTokenProvider", "AzureOpenAI", "MutuallyExclusiveAuthError"]

AzureADTokenProvider = Callable[[], str]
AsyncAzureADTokenProvider = Callable[[], "str | Awaitable[str]"]

# Operations Azure addresses through the deployment: the request's `model` names it.
_DEPLOYMENT_PATHS = frozenset({
    "/completions",
    "/chat/completions",
    "/embeddings",
    "/audio/transcriptions",
    "/audio/translations",
    "/audio/speech",
    "/images/generations",
    "/images/edits",
})
# Stands in for the API key the base client requires when auth is by token only.
_NO_API_KEY = "<azure-ad-token>"


@dataclasses.dataclass(frozen=True)
class _AzureSettings:
    api_version: str
    api_key: str | None
    azure_ad_token: str | None
    azure_ad_token_provider: Callable[[], Any] | None
    base_url: str


class MutuallyExclusiveAuthError(OpenAIError):
    """More than one of `api_key`, `azure_ad_token` and `azure_ad_token_provider` was passed:
    which one authenticates would be a guess."""

    def __init__(self) -> None:
        super().__init__("Pass only one of `api_key`, `azure_ad_token` and `azure_ad_token_provider`: they are mutually exclusive")


def _settings(
    *,
    api_version: str | None,
    azure_endpoint: str | None,
    azure_deployment: str | None,
    api_key: str | None,
    azure_ad_token: str | None,
    azure_ad_token_provider: Callable[[], Any] | None,
    base_url: str | httpx2.URL | None,
) -> _AzureSettings:
    if sum(given is not None for given in (api_key, azure_ad_token, azure_ad_token_provider)) > 1:
        raise MutuallyExclusiveAuthError()
    api_key = api_key if api_key is not None else os.environ.get("AZURE_OPENAI_API_KEY")
    azure_ad_token = azure_ad_token if azure_ad_token is not None else os.environ.get("AZURE_OPENAI_AD_TOKEN")
    if not api_key and not azure_ad_token and azure_ad_token_provider is None:
        raise OpenAIError(
            "Missing credentials: pass one of `api_key`, `azure_ad_token` or `azure_ad_token_provider`, "
            "or set the AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN environment variable"
        )
    api_version = api_version if api_version is not None else os.environ.get("OPENAI_API_VERSION")
    if not api_version:
        raise OpenAIError("Missing the API version: pass `api_version` or set the OPENAI_API_VERSION environment variable")
    if base_url is not None:
        if azure_endpoint is not None:
            raise ValueError("`base_url` and `azure_endpoint` are mutually exclusive: give one of them")
        url = str(base_url)
    else:
        endpoint = azure_endpoint if azure_endpoint is not None else os.environ.get("AZURE_OPENAI_ENDPOINT")
        if not endpoint:
            raise ValueError(
                "Missing the endpoint: pass `azure_endpoint` (or `base_url`), or set the AZURE_OPENAI_ENDPOINT "
                "environment variable"
            )
        url = endpoint.rstrip("/") + "/openai"
        if azure_deployment:
            url += f"/deployments/{azure_deployment}"
    return _AzureSettings(api_version, api_key or None, azure_ad_token or None, azure_ad_token_provider, url)


def _deployment_path(spec: RequestSpec, base_url: httpx2.URL) -> str:
    """`/chat/completions` -> `/deployments/{model}/chat/completions`, when the base URL
    names no deployment and the request names a model."""
    if spec.path not in _DEPLOYMENT_PATHS or "/deployments" in base_url.path:
        return spec.path
    body: Mapping[str, object] = spec.json_body or spec.form or {}
    model = body.get("model")
    if not isinstance(model, str) or not model:
        return spec.path
    return f"/deployments/{model}{spec.path}"


_PROVIDER_ERROR = "Expected `azure_ad_token_provider` argument to return a non-empty string."


def _checked_token(token: object) -> str:
    """The provider's token as a plain `str`. The error never shows what it returned: a
    wrong return can still hold the secret (an access-token object, a dict with the token),
    and its own `__repr__`, `__bool__` or `__len__` may fail; `str`'s methods are used
    directly, so that a `str` subclass's overrides run neither here nor in the header."""
    if not isinstance(token, str) or str.__len__(token) == 0:
        raise ValueError(_PROVIDER_ERROR)
    return str.__str__(token)


def _prepared(spec: RequestSpec, base_url: httpx2.URL, token: str | None) -> RequestSpec:
    headers = dict(spec.headers or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return dataclasses.replace(spec, path=_deployment_path(spec, base_url), headers=headers)


def _azure_headers(headers: dict[str, str], api_key: str, azure: _AzureSettings) -> dict[str, str]:
    """The base client's headers with Azure's auth: `api-key` instead of the bearer key."""
    if headers.get("Authorization") == f"Bearer {api_key}":
        del headers["Authorization"]  # a caller's own Authorization header stays
    if azure.api_key is not None:
        headers.setdefault("api-key", azure.api_key)
    return headers


def _refuse_data_residency(data_residency: str | None | Omit) -> None:
    """`data_residency=` picks one of OpenAI's regional endpoints; an Azure client's is its
    `azure_endpoint` (as the official SDK, which refuses it the same way)."""
    if not isinstance(data_residency, Omit) and data_residency is not None:
        raise OpenAIError("data_residency= selects an OpenAI regional endpoint; an Azure client's endpoint is its azure_endpoint")


class AzureOpenAI(OpenAI):
    """`OpenAI` for an Azure OpenAI resource (see the module's description)."""

    def __init__(
        self,
        *,
        api_version: str | None = None,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AzureADTokenProvider | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | httpx2.URL | None = None,
        timeout: Timeout | Omit = omit,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx2.Client | None = None,
        retry_unsafe_requests: bool = False,
        max_stream_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        total_timeout: float | None = None,
    ) -> None:
        azure = _settings(
            api_version=api_version,
            azure_endpoint=azure_endpoint,
            azure_deployment=azure_deployment,
            api_key=api_key,
            azure_ad_token=azure_ad_token,
            azure_ad_token_provider=azure_ad_token_provider,
            base_url=base_url,
        )
        self._azure = azure
        super().__init__(
            api_key=azure.api_key or _NO_API_KEY,
            admin_api_key=admin_api_key,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            base_url=azure.base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query={"api-version": azure.api_version, **(default_query or {})},
            http_client=http_client,
            retry_unsafe_requests=retry_unsafe_requests,
            max_stream_event_bytes=max_stream_event_bytes,
            total_timeout=total_timeout,
        )

    @property
    def api_version(self) -> str:
        return self._azure.api_version

    @property
    def default_headers(self) -> dict[str, str]:
        return _azure_headers(super().default_headers, self.api_key, self._azure)

    def _prepare_request(self, spec: RequestSpec) -> RequestSpec:
        azure = self._azure
        token = azure.azure_ad_token
        if azure.azure_ad_token_provider is not None:
            token = _checked_token(azure.azure_ad_token_provider())
        return _prepared(spec, self.base_url, token)

    def with_options(
        self,
        *,
        api_key: str | Omit = omit,
        admin_api_key: str | None | Omit = omit,
        organization: str | None | Omit = omit,
        project: str | None | Omit = omit,
        webhook_secret: str | None | Omit = omit,
        base_url: str | httpx2.URL | None | Omit = omit,
        data_residency: str | None | Omit = omit,
        timeout: Timeout | Omit = omit,
        max_retries: int | Omit = omit,
        default_headers: Mapping[str, str] | Omit = omit,
        default_query: Mapping[str, object] | Omit = omit,
        http_client: httpx2.Client | Omit = omit,
        retry_unsafe_requests: bool | Omit = omit,
        max_stream_event_bytes: int | Omit = omit,
        total_timeout: float | None | Omit = omit,
        api_version: str | Omit = omit,
        azure_ad_token: str | None | Omit = omit,
        azure_ad_token_provider: AzureADTokenProvider | None | Omit = omit,
    ) -> Self:
        """A copy with some options changed (the base client's, `api_version` and the token);
        it shares the connection pool."""
        return cast(Self, _copy(self, locals()))

    copy = with_options


class AsyncAzureOpenAI(AsyncOpenAI):
    """`AsyncOpenAI` for an Azure OpenAI resource; `azure_ad_token_provider` may be async."""

    def __init__(
        self,
        *,
        api_version: str | None = None,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AsyncAzureADTokenProvider | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | httpx2.URL | None = None,
        timeout: Timeout | Omit = omit,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx2.AsyncClient | None = None,
        retry_unsafe_requests: bool = False,
        max_stream_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        total_timeout: float | None = None,
    ) -> None:
        azure = _settings(
            api_version=api_version,
            azure_endpoint=azure_endpoint,
            azure_deployment=azure_deployment,
            api_key=api_key,
            azure_ad_token=azure_ad_token,
            azure_ad_token_provider=azure_ad_token_provider,
            base_url=base_url,
        )
        self._azure = azure
        super().__init__(
            api_key=azure.api_key or _NO_API_KEY,
            admin_api_key=admin_api_key,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            base_url=azure.base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query={"api-version": azure.api_version, **(default_query or {})},
            http_client=http_client,
            retry_unsafe_requests=retry_unsafe_requests,
            max_stream_event_bytes=max_stream_event_bytes,
            total_timeout=total_timeout,
        )

    @property
    def api_version(self) -> str:
        return self._azure.api_version

    @property
    def default_headers(self) -> dict[str, str]:
        return _azure_headers(super().default_headers, self.api_key, self._azure)

    async def _prepare_request(self, spec: RequestSpec) -> RequestSpec:
        azure = self._azure
        token = azure.azure_ad_token
        if azure.azure_ad_token_provider is not None:
            found = azure.azure_ad_token_provider()
            token = _checked_token(await found if inspect.isawaitable(found) else found)
        return _prepared(spec, self.base_url, token)

    def with_options(
        self,
        *,
        api_key: str | Omit = omit,
        admin_api_key: str | None | Omit = omit,
        organization: str | None | Omit = omit,
        project: str | None | Omit = omit,
        webhook_secret: str | None | Omit = omit,
        base_url: str | httpx2.URL | None | Omit = omit,
        data_residency: str | None | Omit = omit,
        timeout: Timeout | Omit = omit,
        max_retries: int | Omit = omit,
        default_headers: Mapping[str, str] | Omit = omit,
        default_query: Mapping[str, object] | Omit = omit,
        http_client: httpx2.AsyncClient | Omit = omit,
        retry_unsafe_requests: bool | Omit = omit,
        max_stream_event_bytes: int | Omit = omit,
        total_timeout: float | None | Omit = omit,
        api_version: str | Omit = omit,
        azure_ad_token: str | None | Omit = omit,
        azure_ad_token_provider: AsyncAzureADTokenProvider | None | Omit = omit,
    ) -> Self:
        """A copy with some options changed (see `AzureOpenAI.with_options`)."""
        return cast(Self, _copy(self, locals()))

    copy = with_options


_COPIED = (
    "organization", "project", "webhook_secret", "timeout", "max_retries", "retry_unsafe_requests", "max_stream_event_bytes", "total_timeout",
)


def _copy(client: AzureOpenAI | AsyncAzureOpenAI, arguments_given: dict[str, Any]) -> Any:
    """`client.with_options(...)`, from that call's arguments: those omitted, and `base_url=None`
    (as in the base client's copies), keep this client's."""
    _refuse_data_residency(arguments_given["data_residency"])
    options = {
        name: value for name, value in arguments_given.items()
        if name not in ("self", "data_residency") and not isinstance(value, Omit)
        and not (name == "base_url" and value is None)
    }
    azure = client._azure  # pyright: ignore[reportPrivateUsage]  -- the same module's classes
    query = {k: v for k, v in client.default_query.items() if k != "api-version"}
    arguments: dict[str, Any] = {name: getattr(client, name) for name in _COPIED}
    arguments.update(
        api_version=azure.api_version,
        api_key=azure.api_key,
        admin_api_key=client.admin_api_key,
        azure_ad_token=azure.azure_ad_token,
        azure_ad_token_provider=azure.azure_ad_token_provider,
        base_url=client.base_url,
        default_headers={**client._custom_headers, **options.pop("default_headers", {})},  # pyright: ignore[reportPrivateUsage]  -- a copy of this client
        default_query={**query, **options.pop("default_query", {})},
        http_client=client._http,  # pyright: ignore[reportPrivateUsage]  -- shares the pool
    )
    arguments.update(options)
    new = type(client)(**arguments)
    for name in client._hook_names:  # pyright: ignore[reportPrivateUsage]  -- injected sleep/random carry over
        setattr(new, name, getattr(client, name))
    return new
