"""Names that code written for the official SDK imports from its top level: the httpx
clients with this client's defaults, `NOT_GIVEN`, and the `Timeout` class."""

from __future__ import annotations

from typing import Any, Final, TypeAlias

import httpx2

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


def _default_timeout() -> httpx2.Timeout:
    from ._client import DEFAULT_TIMEOUT  # the client's own default, defined once there

    return DEFAULT_TIMEOUT


class DefaultHttpxClient(httpx2.Client):
    """An `httpx2.Client` with this client's defaults (timeout, connection limits,
    redirects followed), to pass as `http_client=` with your own transport or proxy."""

    def __init__(self, **kwargs: Any) -> None:  # Any: httpx2.Client's own keyword arguments
        kwargs.setdefault("timeout", _default_timeout())
        kwargs.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
        kwargs.setdefault("follow_redirects", True)
        super().__init__(**kwargs)


class DefaultAsyncHttpxClient(httpx2.AsyncClient):
    """Async twin of `DefaultHttpxClient`."""

    def __init__(self, **kwargs: Any) -> None:  # Any: httpx2.AsyncClient's own keyword arguments
        kwargs.setdefault("timeout", _default_timeout())
        kwargs.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
        kwargs.setdefault("follow_redirects", True)
        super().__init__(**kwargs)


# The official SDK's names for the same classes since it moved to httpx2.
DefaultHttpx2Client = DefaultHttpxClient
DefaultAsyncHttpx2Client = DefaultAsyncHttpxClient
