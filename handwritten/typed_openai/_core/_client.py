"""Client base classes: configuration and request building shared, thin sync/async drivers.

Everything that does not touch the network lives in `_BaseClient` (or in the I/O-free
modules it calls). `SyncAPIClient` and `AsyncAPIClient` only send, sleep, and read.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import random
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from types import TracebackType
from typing import Any, ClassVar, Generic, Self, TypeVar, cast, overload

import httpx2

from . import _deadline
from ._deadline import call_deadline
from ._errors import OpenAIError
from ._pages import (
    AsyncCursorPage,
    AsyncPageTokenPage,
    AsyncPaginator,
    AsyncSinglePage,
    BaseAsyncPage,
    BaseSyncPage,
    bind_async_page,
    bind_sync_page,
)
from ._request import EncodedBody, RequestSpec, encode_body, merge_headers, query_params
from ._response import APIResponse, AsyncAPIResponse, parse_response, take_raw_mode
from ._retry import Outcome, RetryFlow, Send, Sleep, retry_flow
from ._sse import DEFAULT_MAX_EVENT_BYTES
from ._streaming import AsyncStream, Stream
from ._types import Omit, StreamFraming, Timeout, omit

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "SyncAPIClient",
    "deadline_cap",
]

log = logging.getLogger("typed_openai")

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = httpx2.Timeout(600, connect=5)
DEFAULT_MAX_RETRIES = 2
_DEFAULT_LIMITS = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)

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
def _user_agent() -> str:
    import importlib.metadata  # ~25 ms: paid on the first request, not on import

    try:
        version = importlib.metadata.version("typed-openai")
    except importlib.metadata.PackageNotFoundError:  # running from a source checkout
        version = "0+unknown"
    return f"typed-openai/{version}"


def _step(flow: RetryFlow, outcome: Outcome) -> Send | Sleep | httpx2.Response:
    """Advance the retry flow: the next action, or the final response."""
    try:
        return flow.send(outcome)
    except StopIteration as stop:
        response: httpx2.Response = stop.value
        return response


class _BaseClient(Generic[_HttpT]):
    """Configuration, auth, and request building; no I/O."""

    _http: _HttpT
    # Attributes tests may replace (sleep, random source); copies keep them.
    _hook_names: ClassVar[tuple[str, ...]] = ("_random", "_sleep")

    def __init__(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | httpx2.URL | None = None,
        timeout: Timeout | Omit = omit,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: _HttpT | None = None,
        retry_unsafe_requests: bool = False,
        max_stream_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
        total_timeout: float | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("OPENAI_API_KEY")
        if not api_key:
            raise OpenAIError(
                "No API key: pass api_key= to the client or set the OPENAI_API_KEY "
                "environment variable"
            )
        if max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {max_retries}")
        self._api_key = api_key
        self.organization = organization or os.environ.get("OPENAI_ORG_ID") or None
        self.project = project or os.environ.get("OPENAI_PROJECT_ID") or None
        if base_url is None:
            base_url = os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
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
        self._custom_headers = dict(default_headers or {})
        self._custom_query = dict(default_query or {})
        self._random: Callable[[], float] = random.random
        self._owns_http = http_client is None
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

    @property
    def api_key(self) -> str:
        return self._api_key

    @property
    def default_headers(self) -> dict[str, str]:
        headers = {
            "Accept": "application/json",
            "User-Agent": _user_agent(),
            "Authorization": f"Bearer {self._api_key}",
        }
        if self.organization:
            headers["OpenAI-Organization"] = self.organization
        if self.project:
            headers["OpenAI-Project"] = self.project
        headers.update(self._custom_headers)
        return headers

    @property
    def default_query(self) -> dict[str, object]:
        return dict(self._custom_query)

    def with_options(
        self,
        *,
        api_key: str | Omit = omit,
        organization: str | None | Omit = omit,
        project: str | None | Omit = omit,
        base_url: str | httpx2.URL | Omit = omit,
        timeout: Timeout | Omit = omit,
        max_retries: int | Omit = omit,
        default_headers: Mapping[str, str] | Omit = omit,
        default_query: Mapping[str, object] | Omit = omit,
        http_client: _HttpT | Omit = omit,
        retry_unsafe_requests: bool | Omit = omit,
        max_stream_event_bytes: int | Omit = omit,
        total_timeout: float | None | Omit = omit,
    ) -> Self:
        """A copy with some options changed; it shares this client's connection pool."""
        new = type(self)(
            api_key=self._api_key if isinstance(api_key, Omit) else api_key,
            organization=(
                self.organization if isinstance(organization, Omit) else organization
            ),
            project=self.project if isinstance(project, Omit) else project,
            base_url=self.base_url if isinstance(base_url, Omit) else base_url,
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
        )
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
            self.default_headers, spec.headers, content_type, spec.extra_headers
        )
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

    def _deadline(self) -> float | None:
        """When a call starting now must end (on `time.monotonic`): `total_timeout` from
        now, or an enclosing `deadline_cap`, whichever comes first."""
        own = None if self.total_timeout is None else time.monotonic() + self.total_timeout
        cap = _DEADLINE_CAP.get()
        return cap if own is None else own if cap is None else min(own, cap)

    def _retry_flow(self, request: httpx2.Request, deadline: float | None) -> RetryFlow:
        log.debug("Request: %s %s", request.method, request.url)
        return retry_flow(
            request,
            max_retries=self.max_retries,
            random=self._random,
            resend_unsafe=self.retry_unsafe_requests,
            deadline=deadline,
        )


class SyncAPIClient(_BaseClient[httpx2.Client]):
    """Base of the generated `OpenAI` client."""

    def _new_http_client(self) -> httpx2.Client:
        return httpx2.Client(
            timeout=self.timeout, limits=_DEFAULT_LIMITS, follow_redirects=True
        )

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

    def _send(self, spec: RequestSpec, *, stream: bool, deadline: float | None) -> httpx2.Response:
        body = encode_body(spec)
        try:
            flow = self._retry_flow(self._build_request(spec, body), deadline)
            outcome: Outcome = None
            while True:
                action = _step(flow, outcome)
                if isinstance(action, httpx2.Response):
                    return action
                if isinstance(action, Sleep):
                    self._sleep(action.seconds)
                    outcome = None
                else:
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
        raw = take_raw_mode()
        response = self._send(spec, stream=stream, deadline=deadline if deadline is not None else self._deadline())
        if raw:
            # Raw mode: to_raw_response_wrapper declares the APIResponse type to its caller.
            return cast(_R, APIResponse(response, parser))
        return parser(response)

    def request(self, spec: RequestSpec, *, cast_to: type[_T]) -> _T:
        return self._request(
            spec, functools.partial(parse_response, cast_to=cast_to), stream=False
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
        self, spec: RequestSpec, *, page_cls: type[_SyncPageT]
    ) -> _SyncPageT:
        def fetch(next_spec: RequestSpec) -> _SyncPageT:
            return self.request_page(next_spec, page_cls=page_cls)

        def parser(response: httpx2.Response) -> _SyncPageT:
            return bind_sync_page(parse_response(response, page_cls), fetch, spec)

        return self._request(spec, parser, stream=False)

    def close(self) -> None:
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


class AsyncAPIClient(_BaseClient[httpx2.AsyncClient]):
    """Base of the generated `AsyncOpenAI` client."""

    def _new_http_client(self) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(
            timeout=self.timeout, limits=_DEFAULT_LIMITS, follow_redirects=True
        )

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

    async def _send(self, spec: RequestSpec, *, stream: bool, deadline: float | None) -> httpx2.Response:
        body = encode_body(spec)
        try:
            flow = self._retry_flow(self._build_request(spec, body), deadline)
            outcome: Outcome = None
            while True:
                action = _step(flow, outcome)
                if isinstance(action, httpx2.Response):
                    return action
                if isinstance(action, Sleep):
                    await self._sleep(action.seconds)
                    outcome = None
                else:
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
        raw = take_raw_mode()
        response = await self._send(spec, stream=stream, deadline=deadline if deadline is not None else self._deadline())
        if raw:
            # Raw mode: async_to_raw_response_wrapper declares the type to its caller.
            return cast(_R, AsyncAPIResponse(response, parser))
        return parser(response)

    async def request(self, spec: RequestSpec, *, cast_to: type[_T]) -> _T:
        return await self._request(
            spec, functools.partial(parse_response, cast_to=cast_to), stream=False
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
        self, spec: RequestSpec, page_cls: type[_AsyncPageT]
    ) -> _AsyncPageT:
        async def fetch(next_spec: RequestSpec) -> _AsyncPageT:
            return await self._fetch_page(next_spec, page_cls)

        def parser(response: httpx2.Response) -> _AsyncPageT:
            return bind_async_page(parse_response(response, page_cls), fetch, spec)

        return await self._request(spec, parser, stream=False)

    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[AsyncCursorPage[_T]]
    ) -> AsyncPaginator[_T, AsyncCursorPage[_T]]: ...
    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[AsyncPageTokenPage[_T]]
    ) -> AsyncPaginator[_T, AsyncPageTokenPage[_T]]: ...
    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[AsyncSinglePage[_T]]
    ) -> AsyncPaginator[_T, AsyncSinglePage[_T]]: ...
    @overload
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[_AsyncPageT]
    ) -> AsyncPaginator[object, _AsyncPageT]: ...
    def request_page(
        self, spec: RequestSpec, *, page_cls: type[BaseAsyncPage[Any]]
    ) -> AsyncPaginator[object, BaseAsyncPage[Any]]:
        """Not a coroutine: returns a paginator, awaitable to the first page."""
        return AsyncPaginator(lambda: self._fetch_page(spec, page_cls))

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
