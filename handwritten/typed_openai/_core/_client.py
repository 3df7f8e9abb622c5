"""Client base classes: configuration and request building shared, thin sync/async drivers.

Everything that does not touch the network lives in `_BaseClient` (or in the I/O-free
modules it calls). `SyncAPIClient` and `AsyncAPIClient` only send, sleep, and read.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import random
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, cast, overload

import httpx2

from . import _deadline
from ._deadline import call_deadline
from ._defaults import DEFAULT_CONNECTION_LIMITS
from ._errors import OpenAIError
from ._generic_requests import AsyncGenericRequests, SyncGenericRequests
from ._identity import ClientIdentity, HeaderOption
from ._logs import log, logged_url
from ._pages import (
    AsyncCursorPage,
    AsyncPageTokenPage,
    AsyncPaginator,
    AsyncSinglePage,
    BaseAsyncPage,
    BaseSyncPage,
    PageShape,
    bind_async_page,
    bind_sync_page,
)
from ._request import EncodedBody, RequestSpec, encode_body, merge_headers, query_params
from ._response import APIResponse, AsyncAPIResponse, LegacyAPIResponse, parse_response, take_response_mode
from ._retry import Outcome, RetryFlow, Send, Sleep, retry_flow
from ._sse import DEFAULT_MAX_EVENT_BYTES
from ._streaming import AsyncStream, Stream
from ._types import Omit, StreamFraming, Timeout, omit

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "SyncAPIClient",
    "deadline_cap",
]


DEFAULT_TIMEOUT = httpx2.Timeout(600, connect=5)
DEFAULT_MAX_RETRIES = 2
_DEFAULT_LIMITS = DEFAULT_CONNECTION_LIMITS

_T = TypeVar("_T")
_E = TypeVar("_E")
_R = TypeVar("_R")
_HttpT = TypeVar("_HttpT", httpx2.Client, httpx2.AsyncClient)
_SyncPageT = TypeVar("_SyncPageT", bound=BaseSyncPage[Any])
_AsyncPageT = TypeVar("_AsyncPageT", bound=BaseAsyncPage[Any])


# A deadline that calls made inside `deadline_cap` must also meet (a helper's own limit,
# such as a poll's `max_wait_seconds`). A context variable: it follows threads' and
# tasks' own contexts, so concurrent helpers do not see each other's.
_DEADLINE_CAP: contextvars.ContextVar[float | None] = contextvars.ContextVar("typed_openai_deadline_cap", default=None)


@contextlib.contextmanager
def deadline_cap(at: float | None) -> Generator[None, None, None]:
    """Calls made in this block end by `at` (on `time.monotonic`) at the latest."""
    token = _DEADLINE_CAP.set(at)
    try:
        yield
    finally:
        _DEADLINE_CAP.reset(token)


@functools.cache
def _version() -> str:
    import importlib.metadata  # ~25 ms: paid on the first request, not on import

    try:
        return importlib.metadata.version("typed-openai")
    except importlib.metadata.PackageNotFoundError:  # running from a source checkout
        return "0+unknown"


def _user_agent() -> str:
    return f"typed-openai/{_version()}"


@functools.cache
def _platform_headers() -> dict[str, str]:
    """The `X-Stainless-*` headers the official SDK sends (the API and proxies read them);
    the package version is this one's."""
    import platform

    return {
        "X-Stainless-Lang": "python",
        "X-Stainless-Package-Version": _version(),
        "X-Stainless-OS": platform.system() or "Unknown",
        "X-Stainless-Arch": platform.machine() or "unknown",
        "X-Stainless-Runtime": platform.python_implementation(),
        "X-Stainless-Runtime-Version": platform.python_version(),
    }


def _step(flow: RetryFlow, outcome: Outcome) -> Send | Sleep | httpx2.Response:
    """Advance the retry flow: the next action, or the final response."""
    try:
        return flow.send(outcome)
    except StopIteration as stop:
        response: httpx2.Response = stop.value
        return response


def _setting(given: str | None, option: HeaderOption | None, name: str) -> str | None:
    """A header setting (`organization`): as given, else from its environment variable."""
    if option is None:
        if given:
            raise ValueError(f"{name}= is not a setting of this API")
        return None
    return given or (os.environ.get(option.env) if option.env else None) or None


class _BaseClient(Generic[_HttpT]):
    """Configuration, auth, and request building; no I/O."""

    _http: _HttpT
    # The API: its address, auth and environment variables. A generated client sets its own.
    _identity: ClassVar[ClientIdentity] = ClientIdentity()
    # Attributes tests may replace (sleep, random source); copies keep them.
    _hook_names: ClassVar[tuple[str, ...]] = ("_random", "_sleep")

    def __init__(
        self,
        *,
        api_key: str | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | httpx2.URL | None = None,
        data_residency: str | None = None,
        timeout: Timeout | Omit = omit,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpT | None = None,
        retry_unsafe_requests: bool = False,
        max_stream_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        total_timeout: float | None = None,
        _strict_response_validation: bool = False,
    ) -> None:
        identity = self._identity
        if api_key is None and identity.api_key_env:
            api_key = os.environ.get(identity.api_key_env)
        if admin_api_key is None and identity.admin_api_key_env:
            admin_api_key = os.environ.get(identity.admin_api_key_env) or None
        if identity.auth is not None and not api_key and not admin_api_key:
            raise OpenAIError(identity.missing_key_message())
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        self._api_key = api_key or ""
        # The organization administration API's key (`client.admin`), as the official SDK's.
        self._admin_api_key = admin_api_key
        self.organization = _setting(organization, identity.organization, "organization")
        self.project = _setting(project, identity.project, "project")
        if webhook_secret is None and identity.webhook_secret_env:
            webhook_secret = os.environ.get(identity.webhook_secret_env) or None
        # The secret `client.webhooks` checks signatures with when not given one.
        self.webhook_secret = webhook_secret
        if data_residency is not None:  # a regional endpoint of the API (`client.regions` in its config)
            if base_url is not None:
                raise ValueError("`data_residency` and `base_url` are mutually exclusive: a region names its own base URL")
            base_url = identity.region_url(data_residency)
        if base_url is None:
            base_url = (os.environ.get(identity.base_url_env) if identity.base_url_env else None) or identity.base_url
        if base_url is None:
            raise OpenAIError("No base URL: pass base_url= to the client")
        self.base_url = httpx2.URL(str(base_url).rstrip("/") + "/")
        self.timeout: Timeout = (
            DEFAULT_TIMEOUT if isinstance(timeout, Omit) else timeout
        )
        self.max_retries = max_retries
        # Off: a POST that may have reached the server is not sent again after a read
        # timeout or a reset (see `_retry.may_resend`).
        self.retry_unsafe_requests = retry_unsafe_requests
        if max_stream_event_bytes < 1:
            raise ValueError(f"max_stream_event_bytes must be >= 1, got {max_stream_event_bytes}")
        # One stream event past this raises `StreamEventTooLargeError` instead of growing.
        self.max_stream_event_bytes = max_stream_event_bytes
        if total_timeout is not None and not total_timeout > 0:
            raise ValueError(f"total_timeout must be > 0 seconds or None, got {total_timeout}")
        # Seconds one call may take in all: attempts, retry waits, reading the whole stream.
        self.total_timeout = total_timeout
        # As the official SDK's option of that name: a 2xx body that does not match its
        # type raises `APIResponseValidationError` instead of being kept leniently.
        self._strict_response_validation = _strict_response_validation
        self._custom_headers = dict(default_headers or {})
        self._custom_query = dict(default_query or {})
        self._random: Callable[[], float] = random.random
        # As the official SDK: `close()` closes the pool, whether made here or passed in as
        # `http_client`; only a copy (`with_options`) shares its original's and leaves it open.
        self._owns_http = True
        self._http = self._new_http_client() if http_client is None else http_client
        # The deadline backend under the pool; a transport of the user's own that is not
        # httpx2's is bounded per phase (each connect, read, write) and between attempts.
        _deadline.install(self._http)
        self._init_hooks()

    # --- provided by the sync and async drivers ---

    def _new_http_client(self) -> _HttpT:
        raise NotImplementedError

    def _init_hooks(self) -> None:
        """Set the driver's injectable I/O hooks (sleep)."""

    # --- configuration ---

    def is_closed(self) -> bool:
        """Whether the client's connection pool is closed (by `close()` or its `with` block)."""
        return self._http.is_closed

    @property
    def api_key(self) -> str:
        return self._api_key

    @property
    def admin_api_key(self) -> str | None:
        return self._admin_api_key

    @property
    def default_headers(self) -> dict[str, str]:
        identity = self._identity
        headers = {
            "Accept": "application/json",
            "User-Agent": _user_agent(),
            **(_platform_headers() if identity.platform_headers else {}),
            **identity.default_headers,
        }
        if self._api_key and identity.auth is not None:
            headers.update(identity.auth.headers(self._api_key))
        if self.organization and identity.organization is not None:
            headers[identity.organization.header] = self.organization
        if self.project and identity.project is not None:
            headers[identity.project.header] = self.project
        headers.update(self._custom_headers)
        return headers

    @property
    def default_query(self) -> dict[str, object]:
        return dict(self._custom_query)

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
        http_client: _HttpT | Omit = omit,
        retry_unsafe_requests: bool | Omit = omit,
        max_stream_event_bytes: int | Omit = omit,
        total_timeout: float | None | Omit = omit,
    ) -> Self:
        """A copy with some options changed; it shares this client's connection pool.
        `data_residency=` replaces the base URL (so cannot come with `base_url=`); `base_url=None`
        keeps this client's, as the official SDK's copies do (the environment is not read again)."""
        region = None if isinstance(data_residency, Omit) else data_residency
        new_base_url: str | httpx2.URL | None = base_url if not isinstance(base_url, Omit) else None
        if new_base_url is None and region is None:
            new_base_url = self.base_url
        new = type(self)(
            api_key=(self._api_key or None) if isinstance(api_key, Omit) else api_key,
            admin_api_key=self._admin_api_key if isinstance(admin_api_key, Omit) else admin_api_key,
            organization=(
                self.organization if isinstance(organization, Omit) else organization
            ),
            project=self.project if isinstance(project, Omit) else project,
            webhook_secret=self.webhook_secret if isinstance(webhook_secret, Omit) else webhook_secret,
            base_url=new_base_url,
            data_residency=region,
            timeout=self.timeout if isinstance(timeout, Omit) else timeout,
            max_retries=(
                self.max_retries if isinstance(max_retries, Omit) else max_retries
            ),
            default_headers={
                **self._custom_headers,
                **({} if isinstance(default_headers, Omit) else default_headers),
            },
            default_query={
                **self._custom_query,
                **({} if isinstance(default_query, Omit) else default_query),
            },
            http_client=self._http if isinstance(http_client, Omit) else http_client,
            retry_unsafe_requests=(
                self.retry_unsafe_requests if isinstance(retry_unsafe_requests, Omit) else retry_unsafe_requests
            ),
            max_stream_event_bytes=(
                self.max_stream_event_bytes if isinstance(max_stream_event_bytes, Omit) else max_stream_event_bytes
            ),
            total_timeout=self.total_timeout if isinstance(total_timeout, Omit) else total_timeout,
            _strict_response_validation=self._strict_response_validation,
        )
        new._owns_http = not isinstance(http_client, Omit)  # the shared pool is the original's to close
        for name in self._hook_names:  # injected sleep/random carry over to copies
            setattr(new, name, getattr(self, name))
        return new

    copy = with_options

    def __repr__(self) -> str:
        # Never the API key.
        return (
            f"{type(self).__name__}(base_url={str(self.base_url)!r}, "
            f"organization={self.organization!r}, project={self.project!r}, "
            f"max_retries={self.max_retries}, timeout={self.timeout!r})"
        )

    # --- requests ---

    def _build_request(self, spec: RequestSpec, body: EncodedBody | None = None) -> httpx2.Request:
        body = encode_body(spec) if body is None else body
        content_type = (
            {"Content-Type": body.content_type} if body.content_type else None
        )
        headers = merge_headers(
            self.default_headers, spec.headers, content_type, self._admin_auth(spec), spec.extra_headers
        )
        # A multipart body's type names its boundary, which a caller cannot know: a caller's
        # `Content-Type` there would make the body unreadable, so the body's own wins.
        if body.files:
            headers.pop("Content-Type", None)  # httpx2 writes it with the boundary
        elif body.content_type and body.content_type.startswith("multipart/"):
            headers["Content-Type"] = body.content_type
        url = str(self.base_url) + spec.path.lstrip("/")
        return self._http.build_request(
            spec.method.upper(),
            url,
            params=query_params(self._custom_query, spec.query, spec.extra_query),
            headers=headers,
            content=body.content,
            data=body.data,
            files=body.files,
            timeout=self.timeout if isinstance(spec.timeout, Omit) else spec.timeout,
        )

    def _admin_auth(self, spec: RequestSpec) -> dict[str, str | Omit] | None:
        """The admin key's header, for the operations that need it (and not the API key's,
        where the admin key travels in another header)."""
        if not spec.admin_key:
            return None
        identity = self._identity
        if not self._admin_api_key:
            raise OpenAIError(
                f"{spec.method.upper()} {spec.path} needs an admin key: {identity.missing_admin_key_message()}"
            )
        auth = identity.admin_auth or identity.auth
        if auth is None:
            return None
        headers: dict[str, str | Omit] = dict(auth.headers(self._admin_api_key))
        if identity.auth is not None and identity.auth.header.lower() != auth.header.lower():
            headers[identity.auth.header] = omit
        return headers

    def _deadline(self) -> float | None:
        """When a call starting now must end (on `time.monotonic`): `total_timeout` from
        now, or an enclosing `deadline_cap`, whichever comes first."""
        own = None if self.total_timeout is None else time.monotonic() + self.total_timeout
        cap = _DEADLINE_CAP.get()
        return cap if own is None else own if cap is None else min(own, cap)

    def _retry_flow(self, request: httpx2.Request, deadline: float | None) -> RetryFlow:
        log.debug("Request: %s %s", request.method, logged_url(request.url))
        return retry_flow(
            request,
            max_retries=self.max_retries,
            random=self._random,
            resend_unsafe=self.retry_unsafe_requests,
            deadline=deadline,
        )


class _OwnedHttpClient(httpx2.Client):
    """The pool a client makes for itself: closed when the last client sharing it (copies
    from `with_options` do) is dropped without `close()`, so its sockets are not left to
    the garbage collector (one ResourceWarning each)."""

    def __del__(self) -> None:
        try:
            if not self.is_closed:
                self.close()
        except Exception:  # noqa: BLE001 -- at interpreter exit modules may already be gone
            pass


class SyncAPIClient(SyncGenericRequests, _BaseClient[httpx2.Client]):
    """Base of a generated synchronous client."""

    def _new_http_client(self) -> httpx2.Client:
        return _OwnedHttpClient(timeout=self.timeout, limits=_DEFAULT_LIMITS, follow_redirects=True)

    def _init_hooks(self) -> None:
        self._sleep: Callable[[float], None] = time.sleep

    def _attempt(self, request: httpx2.Request, stream: bool, deadline: float | None) -> Outcome:
        with call_deadline(deadline):
            try:
                response = self._http.send(request, stream=stream)
            except httpx2.RequestError as exc:
                return exc
            if stream and response.status_code >= 400:
                try:  # the retry flow needs the error body
                    response.read()
                except httpx2.RequestError as exc:
                    response.close()
                    return exc
        return response

    def _prepare_request(self, spec: RequestSpec) -> RequestSpec:
        """The request as this client sends it: a client for another host of the API
        (Azure: deployment paths, its own auth) overrides this; the base sends `spec` as is."""
        return spec

    def _send(
        self, spec: RequestSpec, *, stream: bool, deadline: float | None
    ) -> tuple[httpx2.Response, int]:
        """The final response, and how many retries it took."""
        spec = self._prepare_request(spec)
        body = encode_body(spec)
        attempts = 0
        try:
            flow = self._retry_flow(self._build_request(spec, body), deadline)
            outcome: Outcome = None
            while True:
                action = _step(flow, outcome)
                if isinstance(action, httpx2.Response):
                    return action, max(attempts - 1, 0)
                if isinstance(action, Sleep):
                    self._sleep(action.seconds)
                    outcome = None
                else:
                    attempts += 1
                    outcome = self._attempt(action.request, stream, deadline)
        finally:
            body.close()  # every attempt has sent it by now

    def _request(
        self,
        spec: RequestSpec,
        parser: Callable[[httpx2.Response], _R],
        *,
        stream: bool,
        deadline: float | None = None,
    ) -> _R:
        mode = take_response_mode()
        response, retries = self._send(
            spec,
            stream=stream or mode == "streamed",  # streamed: the body is read on demand
            deadline=deadline if deadline is not None else self._deadline(),
        )
        # The response wrappers declare these types to their callers.
        if mode == "raw":
            return cast(_R, LegacyAPIResponse(response, parser, is_stream=stream, retries_taken=retries))
        if mode == "streamed":
            return cast(_R, APIResponse(response, parser, is_stream=stream, retries_taken=retries))
        return parser(response)

    def request(self, spec: RequestSpec, *, cast_to: type[_T]) -> _T:
        return self._request(
            spec,
            functools.partial(parse_response, cast_to=cast_to, strict=self._strict_response_validation),
            stream=False,
        )

    def request_stream(
        self, spec: RequestSpec, *, event_type: type[_E], framing: StreamFraming
    ) -> Stream[_E]:
        deadline = self._deadline()

        def parser(response: httpx2.Response) -> Stream[_E]:
            return Stream(
                response,
                event_type=event_type,
                framing=framing,
                max_event_bytes=self.max_stream_event_bytes,
                deadline=deadline,
            )

        return self._request(spec, parser, stream=True, deadline=deadline)

    def request_page(
        self, spec: RequestSpec, *, page_cls: type[_SyncPageT], shape: PageShape | None = None
    ) -> _SyncPageT:
        """The first page; `shape` says how to get the next ones (none: one page only)."""

        def fetch(next_spec: RequestSpec) -> _SyncPageT:
            return self.request_page(next_spec, page_cls=page_cls, shape=shape)

        def parser(response: httpx2.Response) -> _SyncPageT:
            page = parse_response(response, page_cls, strict=self._strict_response_validation)
            return bind_sync_page(page, fetch, spec, shape)

        return self._request(spec, parser, stream=False)

    def close(self) -> None:
        """Close the connection pool, a passed-in `http_client` too (not a copy's shared one)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(AsyncGenericRequests, _BaseClient[httpx2.AsyncClient]):
    """Base of a generated asynchronous client."""

    def _new_http_client(self) -> httpx2.AsyncClient:
        # No closing on drop here: the pool's asyncio transports are collected in the same
        # cycle as the client, and closing them needs the loop. Use `async with` or `aclose()`.
        return httpx2.AsyncClient(timeout=self.timeout, limits=_DEFAULT_LIMITS, follow_redirects=True)

    def _init_hooks(self) -> None:
        import anyio  # only async users pay for it

        self._sleep: Callable[[float], Awaitable[None]] = anyio.sleep

    async def _attempt(self, request: httpx2.Request, stream: bool, deadline: float | None) -> Outcome:
        with call_deadline(deadline):
            try:
                response = await self._http.send(request, stream=stream)
            except httpx2.RequestError as exc:
                return exc
            if stream and response.status_code >= 400:
                try:  # the retry flow needs the error body
                    await response.aread()
                except httpx2.RequestError as exc:
                    await response.aclose()
                    return exc
        return response

    async def _prepare_request(self, spec: RequestSpec) -> RequestSpec:
        """The request as this client sends it (see `SyncAPIClient._prepare_request`);
        async, so that a token provider can be awaited."""
        return spec

    async def _send(
        self, spec: RequestSpec, *, stream: bool, deadline: float | None
    ) -> tuple[httpx2.Response, int]:
        """The final response, and how many retries it took."""
        spec = await self._prepare_request(spec)
        body = encode_body(spec)
        attempts = 0
        try:
            flow = self._retry_flow(self._build_request(spec, body), deadline)
            outcome: Outcome = None
            while True:
                action = _step(flow, outcome)
                if isinstance(action, httpx2.Response):
                    return action, max(attempts - 1, 0)
                if isinstance(action, Sleep):
                    await self._sleep(action.seconds)
                    outcome = None
                else:
                    attempts += 1
                    outcome = await self._attempt(action.request, stream, deadline)
        finally:
            body.close()  # every attempt has sent it by now

    async def _request(
        self,
        spec: RequestSpec,
        parser: Callable[[httpx2.Response], _R],
        *,
        stream: bool,
        deadline: float | None = None,
    ) -> _R:
        mode = take_response_mode()
        response, retries = await self._send(
            spec,
            stream=stream or mode == "streamed",  # streamed: the body is read on demand
            deadline=deadline if deadline is not None else self._deadline(),
        )
        # The response wrappers declare these types to their callers.
        if mode == "raw":
            return cast(_R, LegacyAPIResponse(response, parser, is_stream=stream, retries_taken=retries))
        if mode == "streamed":
            return cast(_R, AsyncAPIResponse(response, parser, is_stream=stream, retries_taken=retries))
        return parser(response)

    async def request(self, spec: RequestSpec, *, cast_to: type[_T]) -> _T:
        return await self._request(
            spec,
            functools.partial(parse_response, cast_to=cast_to, strict=self._strict_response_validation),
            stream=False,
        )

    async def request_stream(
        self, spec: RequestSpec, *, event_type: type[_E], framing: StreamFraming
    ) -> AsyncStream[_E]:
        def parser(response: httpx2.Response) -> AsyncStream[_E]:
            return AsyncStream(
                response,
                event_type=event_type,
                framing=framing,
                max_event_bytes=self.max_stream_event_bytes,
                deadline=deadline,
            )

        deadline = self._deadline()
        return await self._request(spec, parser, stream=True, deadline=deadline)

    async def _fetch_page(
        self, spec: RequestSpec, page_cls: type[_AsyncPageT], shape: PageShape | None
    ) -> _AsyncPageT:
        async def fetch(next_spec: RequestSpec) -> _AsyncPageT:
            return await self._fetch_page(next_spec, page_cls, shape)

        def parser(response: httpx2.Response) -> _AsyncPageT:
            page = parse_response(response, page_cls, strict=self._strict_response_validation)
            return bind_async_page(page, fetch, spec, shape)

        return await self._request(spec, parser, stream=False)

    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[AsyncCursorPage[_T]], shape: PageShape | None = None
    ) -> AsyncPaginator[_T, AsyncCursorPage[_T]]: ...
    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[AsyncPageTokenPage[_T]], shape: PageShape | None = None
    ) -> AsyncPaginator[_T, AsyncPageTokenPage[_T]]: ...
    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[AsyncSinglePage[_T]], shape: PageShape | None = None
    ) -> AsyncPaginator[_T, AsyncSinglePage[_T]]: ...
    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[_AsyncPageT], shape: PageShape | None = None
    ) -> AsyncPaginator[object, _AsyncPageT]: ...
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[BaseAsyncPage[Any]], shape: PageShape | None = None
    ) -> AsyncPaginator[object, BaseAsyncPage[Any]]:
        """Not a coroutine: returns a paginator, awaitable to the first page (`shape`: see
        `SyncAPIClient.request_page`)."""
        return AsyncPaginator(lambda: self._fetch_page(spec, page_cls, shape))

    async def close(self) -> None:
        """Close the connection pool, a passed-in `http_client` too (not a copy's shared one)."""
        if self._owns_http:
            await self._http.aclose()

    async def aclose(self) -> None:
        """Same as `close()`."""
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
