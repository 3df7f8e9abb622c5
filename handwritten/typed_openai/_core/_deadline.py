"""The call deadline: one limit that every network operation of a call is held to.

A call (every attempt, retry wait, body read and stream read) ends by its deadline, a
point on `time.monotonic`. The client sets it in a context variable around each piece of
I/O it does for the call; `DeadlineBackend` / `AsyncDeadlineBackend`, installed under the
connection pool, shorten the timeout of every connect, read and write to what is left of
it. A read timeout restarts with every byte, so a server that trickles its headers or
body, or sends keep-alives, would otherwise hold a call open for ever; this way each
operation's own timeout is never later than the deadline, sync and async alike, with no
watchdog thread or cancel scope.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import time
from collections.abc import Generator, Iterable
from typing import Any, TypeVar

import httpcore2
import httpx2

__all__ = [
    "AsyncDeadlineBackend",
    "DeadlineBackend",
    "call_deadline",
    "current_deadline",
    "install",
    "passed",
]

# When the call being run in this context must end (time.monotonic), or None: no limit.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("typed_openai_call_deadline", default=None)

# A timeout this close to the deadline counts as the deadline (clock granularity).
_TOLERANCE = 0.005


@contextlib.contextmanager
def call_deadline(at: float | None) -> Generator[None, None, None]:
    """Network operations in this block end by `at` (on `time.monotonic`)."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def current_deadline() -> float | None:
    return _DEADLINE.get()


def passed(deadline: float | None) -> bool:
    """Whether `deadline` has come (within clock granularity)."""
    return deadline is not None and time.monotonic() >= deadline - _TOLERANCE


_Exc = TypeVar("_Exc", bound=Exception)


def _fit(timeout: float | None, expired: type[_Exc]) -> float | None:
    """`timeout` shortened to what is left of the current call's deadline; `expired`
    is raised when nothing is left (a zero socket timeout would mean non-blocking)."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise expired("The call's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore2.NetworkStream):
    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _fit(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _fit(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore2.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _fit(timeout, httpcore2.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore2.NetworkBackend):
    """A sync network backend whose connections honour the current call's deadline."""

    def __init__(self, inner: httpcore2.NetworkBackend) -> None:
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = self.inner.connect_tcp(
            host,
            port,
            timeout=_fit(timeout, httpcore2.ConnectTimeout),
            local_address=local_address,
            socket_options=socket_options,
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = self.inner.connect_unix_socket(
            path, timeout=_fit(timeout, httpcore2.ConnectTimeout), socket_options=socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _AsyncDeadlineStream(httpcore2.AsyncNetworkStream):
    def __init__(self, inner: httpcore2.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _fit(timeout, httpcore2.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _fit(timeout, httpcore2.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore2.AsyncNetworkStream:
        tls = await self._inner.start_tls(ssl_context, server_hostname, _fit(timeout, httpcore2.ConnectTimeout))
        return _AsyncDeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class AsyncDeadlineBackend(httpcore2.AsyncNetworkBackend):
    """Async twin of `DeadlineBackend`."""

    def __init__(self, inner: httpcore2.AsyncNetworkBackend) -> None:
        self.inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        stream = await self.inner.connect_tcp(
            host,
            port,
            timeout=_fit(timeout, httpcore2.ConnectTimeout),
            local_address=local_address,
            socket_options=socket_options,
        )
        return _AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore2.SOCKET_OPTION] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        stream = await self.inner.connect_unix_socket(
            path, timeout=_fit(timeout, httpcore2.ConnectTimeout), socket_options=socket_options
        )
        return _AsyncDeadlineStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def _pools(transport: object) -> list[object]:
    # httpx2's own transports keep their connection pool (or proxy pool) in `_pool`.
    pool = getattr(transport, "_pool", None)
    return [] if pool is None else [pool]


def install(client: httpx2.Client | httpx2.AsyncClient) -> bool:
    """Put the deadline backend under every httpx2 transport of `client` (its default one
    and its mounts). False if some transport is not httpx2's own (a user's transport or
    a mock): its calls are then bounded per phase only (connect, each read, retry waits).

    httpx2 offers no public way to pass a network backend, so this sets the pool's
    `_network_backend`; connections opened before this keep the backend they had.
    """
    transports: list[object] = [getattr(client, "_transport", None)]
    mounts = getattr(client, "_mounts", None)
    if isinstance(mounts, dict):
        transports.extend(mounts.values())  # pyright: ignore[reportUnknownMemberType,reportUnknownArgumentType] -- private dict of httpx2, values checked below
    complete = True
    for transport in transports:
        if transport is None:
            continue
        pools = _pools(transport)
        if not pools:
            complete = False
        for pool in pools:
            backend = getattr(pool, "_network_backend", None)
            if isinstance(backend, (DeadlineBackend, AsyncDeadlineBackend)):
                continue
            if isinstance(backend, httpcore2.NetworkBackend):
                pool._network_backend = DeadlineBackend(backend)  # type: ignore[attr-defined] # no public setter, see above
            elif isinstance(backend, httpcore2.AsyncNetworkBackend):
                pool._network_backend = AsyncDeadlineBackend(backend)  # type: ignore[attr-defined] # no public setter, see above
            else:
                complete = False
    return complete
