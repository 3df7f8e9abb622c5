"""Names that code written for the official SDK imports from its top level: the httpx
clients with this client's defaults, `NOT_GIVEN`, and the `Timeout` class."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeAlias

import httpx2

# httpx2 keeps the argument types of its clients in a private module; these are the
# types its own `Client.__init__` is annotated with.
from httpx2._types import (
    AuthTypes,
    CertTypes,
    CookieTypes,
    HeaderTypes,
    ProxyTypes,
    QueryParamTypes,
    TimeoutTypes,
)

from ._types import Omit, omit

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "NOT_GIVEN",
    "DefaultAsyncHttpx2Client",
    "DefaultAsyncHttpxClient",
    "DefaultHttpx2Client",
    "DefaultHttpxClient",
    "NotGiven",
    "Timeout",
    "not_given",
]

# The class users build timeouts with (`Timeout(20.0, connect=5.0)`); inside this package
# `_types.Timeout` is the union a `timeout=` argument accepts.
Timeout: TypeAlias = httpx2.Timeout

DEFAULT_CONNECTION_LIMITS: Final = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)

# The official SDK's "argument not given" marker. Here one sentinel does that job, so
# passing `NOT_GIVEN` anywhere `omit` is accepted means the same.
NotGiven: TypeAlias = Omit
NOT_GIVEN: Final[Omit] = omit
not_given: Final[Omit] = omit


# An httpx2 event hook: called with the request or the response.
EventHook: TypeAlias = Callable[..., Any]


def _default_timeout() -> httpx2.Timeout:
    from ._client import DEFAULT_TIMEOUT  # the client's own default, defined once there

    return DEFAULT_TIMEOUT


class DefaultHttpxClient(httpx2.Client):
    """An `httpx2.Client` with this client's defaults (timeout, connection limits,
    redirects followed), to pass as `http_client=` with your own transport or proxy.

    The keywords are `httpx2.Client`'s own, spelled out so checkers see them."""

    def __init__(
        self,
        *,
        auth: AuthTypes | None = None,
        params: QueryParamTypes | None = None,
        headers: HeaderTypes | None = None,
        cookies: CookieTypes | None = None,
        verify: ssl.SSLContext | str | bool = True,
        cert: CertTypes | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        proxy: ProxyTypes | None = None,
        mounts: Mapping[str, httpx2.BaseTransport | None] | None = None,
        timeout: TimeoutTypes | None = None,
        follow_redirects: bool = True,
        limits: httpx2.Limits = DEFAULT_CONNECTION_LIMITS,
        max_redirects: int = 20,
        event_hooks: Mapping[str, list[EventHook]] | None = None,
        base_url: httpx2.URL | str = "",
        transport: httpx2.BaseTransport | None = None,
        default_encoding: str | Callable[[bytes], str | None] = "utf-8",
    ) -> None:
        super().__init__(
            auth=auth, params=params, headers=headers, cookies=cookies, verify=verify, cert=cert,
            trust_env=trust_env, http1=http1, http2=http2, proxy=proxy, mounts=mounts,
            timeout=_default_timeout() if timeout is None else timeout,
            follow_redirects=follow_redirects, limits=limits, max_redirects=max_redirects,
            event_hooks=event_hooks, base_url=base_url, transport=transport,
            default_encoding=default_encoding,
        )  # fmt: skip


class DefaultAsyncHttpxClient(httpx2.AsyncClient):
    """Async twin of `DefaultHttpxClient`, with `httpx2.AsyncClient`'s keywords."""

    def __init__(
        self,
        *,
        auth: AuthTypes | None = None,
        params: QueryParamTypes | None = None,
        headers: HeaderTypes | None = None,
        cookies: CookieTypes | None = None,
        verify: ssl.SSLContext | str | bool = True,
        cert: CertTypes | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        proxy: ProxyTypes | None = None,
        mounts: Mapping[str, httpx2.AsyncBaseTransport | None] | None = None,
        timeout: TimeoutTypes | None = None,
        follow_redirects: bool = True,
        limits: httpx2.Limits = DEFAULT_CONNECTION_LIMITS,
        max_redirects: int = 20,
        event_hooks: Mapping[str, list[EventHook]] | None = None,
        base_url: httpx2.URL | str = "",
        transport: httpx2.AsyncBaseTransport | None = None,
        default_encoding: str | Callable[[bytes], str | None] = "utf-8",
    ) -> None:
        super().__init__(
            auth=auth, params=params, headers=headers, cookies=cookies, verify=verify, cert=cert,
            trust_env=trust_env, http1=http1, http2=http2, proxy=proxy, mounts=mounts,
            timeout=_default_timeout() if timeout is None else timeout,
            follow_redirects=follow_redirects, limits=limits, max_redirects=max_redirects,
            event_hooks=event_hooks, base_url=base_url, transport=transport,
            default_encoding=default_encoding,
        )  # fmt: skip


# The official SDK's names for the same classes since it moved to httpx2.
DefaultHttpx2Client = DefaultHttpxClient
DefaultAsyncHttpx2Client = DefaultAsyncHttpxClient
