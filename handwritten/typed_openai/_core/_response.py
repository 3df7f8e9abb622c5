"""Turning responses into values, raw and streamed responses, and binary download bodies.

`with_raw_response` gives a `LegacyAPIResponse` (the body already read, `parse()` plain on
both clients: the official SDK's class of that name); `with_streaming_response` gives an
`APIResponse` / `AsyncAPIResponse` in a context manager, whose body is read on demand.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Literal, ParamSpec, TypeAlias, TypeVar, cast, overload

import httpx2
import pydantic

from ._errors import APIResponseValidationError
from ._models import BaseModel, adapter, parse_data

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncResponseContextManager",
    "BinaryResponse",
    "HttpxBinaryResponseContent",
    "LegacyAPIResponse",
    "ResponseContextManager",
    "ResponseMode",
    "async_to_raw_response_wrapper",
    "async_to_streamed_binary_response_wrapper",
    "async_to_streamed_response_wrapper",
    "map_parsed",
    "map_parsed_manager",
    "parse_response",
    "take_response_mode",
    "to_raw_response_wrapper",
    "to_streamed_binary_response_wrapper",
    "to_streamed_response_wrapper",
]

_T = TypeVar("_T")
_U = TypeVar("_U")
_R = TypeVar("_R")
_P = ParamSpec("_P")

# "raw": the call returns a `LegacyAPIResponse` (body read as usual);
# "streamed": it returns an `APIResponse`/`AsyncAPIResponse` whose body is not read yet.
ResponseMode: TypeAlias = Literal["raw", "streamed"]

# Set by the response wrappers around one call; the client's next request consumes it.
_RESPONSE_MODE: contextvars.ContextVar[ResponseMode | None] = contextvars.ContextVar(
    "typed_openai_response_mode", default=None
)


def take_response_mode() -> ResponseMode | None:
    """The wrapper mode of the current call, once (None for an ordinary call)."""
    mode = _RESPONSE_MODE.get()
    if mode is not None:
        # Consumed so that requests made later (e.g. a page's next page) are parsed as usual.
        _RESPONSE_MODE.set(None)
    return mode


class HttpxBinaryResponseContent:
    """The body of a binary download (audio, file content, archives, video).

    Named as the official SDK's class, which code written for it checks by name."""

    def __init__(self, response: httpx2.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        return self.response.content

    @property
    def text(self) -> str:
        return self.response.text

    def read(self) -> bytes:
        return self.response.read()

    @property
    def encoding(self) -> str | None:
        return self.response.encoding

    def json(self) -> object:
        return cast(object, json.loads(self.response.content))

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.response.iter_lines()

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        with open(file, "wb") as out:
            for chunk in self.response.iter_bytes():
                out.write(chunk)

    def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = None) -> None:
        with open(file, "wb") as out:
            for chunk in self.response.iter_bytes(chunk_size):
                out.write(chunk)

    def close(self) -> None:
        self.response.close()

    def __repr__(self) -> str:
        ctype = self.response.headers.get("content-type", "?")
        return f"<HttpxBinaryResponseContent {ctype} {len(self.content)} bytes>"


BinaryResponse = HttpxBinaryResponseContent


def parse_response(response: httpx2.Response, cast_to: type[_T], *, strict: bool = False) -> _T:
    """The value of a fully read response as `cast_to` (see `parse_data` for leniency);
    `strict`: a body that does not validate raises `APIResponseValidationError`. A model
    gets the response's `x-request-id` as `_request_id`."""
    value = _parse_body(response, cast_to, strict=strict)
    if isinstance(value, BaseModel):
        object.__setattr__(value, "_request_id", response.headers.get("x-request-id"))
    return value


def _parse_body(response: httpx2.Response, cast_to: type[_T], *, strict: bool) -> _T:
    special = _SPECIAL_CASTS.get(cast_to)
    if special is not None:
        return cast(_T, special(response))
    content = response.content
    if not content.strip():
        return parse_data(cast_to, None)
    try:
        data: object = json.loads(content)
    except ValueError as exc:
        if cast_to is object:
            return cast(_T, response.text)
        ctype = response.headers.get("content-type", "no content type")
        raise APIResponseValidationError(
            response, response.text, f"Expected a JSON response body, got {ctype}"
        ) from exc
    if strict and cast_to is not object:
        try:
            return cast(_T, adapter(cast_to).validate_python(data))
        except pydantic.ValidationError as exc:
            name = getattr(cast_to, "__name__", repr(cast_to))
            message = f"Data returned by API invalid for expected schema ({name}): {exc.errors()[:3]}"
            raise APIResponseValidationError(response, data, message) from exc
    return parse_data(cast_to, data)


_SPECIAL_CASTS: dict[object, Callable[[httpx2.Response], object]] = {
    httpx2.Response: lambda response: response,
    BinaryResponse: BinaryResponse,
    str: lambda response: response.text,
    bytes: lambda response: response.content,
    type(None): lambda response: None,
}


class _ResponseView(Generic[_T]):
    """What every wrapped response tells about its HTTP exchange."""

    http_response: httpx2.Response
    retries_taken: int
    """How many times the request was sent again before this response (0: none)."""

    def __init__(
        self,
        response: httpx2.Response,
        parser: Callable[[httpx2.Response], _T],
        *,
        is_stream: bool,
        retries_taken: int = 0,
    ) -> None:
        self.http_response = response
        self.retries_taken = retries_taken
        self._parser = parser
        # A streamed call's value reads the body itself (`Stream`); others need it read first.
        self._is_stream = is_stream
        self._parsed: dict[object, object] = {}

    @property
    def headers(self) -> httpx2.Headers:
        return self.http_response.headers

    @property
    def http_request(self) -> httpx2.Request:
        return self.http_response.request

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def request_id(self) -> str | None:
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def url(self) -> httpx2.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def http_version(self) -> str:
        return self.http_response.http_version

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    @property
    def elapsed(self) -> datetime.timedelta:
        """Time from sending the request to the end of reading the response."""
        return self.http_response.elapsed

    def _parse_read(self, to: type[_U] | None) -> _T | _U:
        """The value, parsed once per target type, from a body already read (or a stream)."""
        key: object = to if to is not None else "default"
        if key not in self._parsed:
            if to is None:
                self._parsed[key] = self._parser(self.http_response)
            elif self._is_stream:
                raise TypeError("parse(to=...) is not supported for a streamed call's response")
            else:
                self._parsed[key] = parse_response(self.http_response, to)
        return cast("_T | _U", self._parsed[key])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


class LegacyAPIResponse(_ResponseView[_T]):
    """What `with_raw_response` returns, on both clients: the response, body already read
    (unless the call streams), with `parse()` for what the call would have returned."""

    @overload
    def parse(self) -> _T: ...
    @overload
    def parse(self, *, to: type[_U]) -> _U: ...
    def parse(self, *, to: type[_U] | None = None) -> _T | _U:
        return self._parse_read(to)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text


class APIResponse(_ResponseView[_T]):
    """What `with_streaming_response` yields on the sync client: the body is read when
    asked for (`parse()`, `read()`, `iter_bytes()`, ...), and closed when the block ends."""

    @overload
    def parse(self) -> _T: ...
    @overload
    def parse(self, *, to: type[_U]) -> _U: ...
    def parse(self, *, to: type[_U] | None = None) -> _T | _U:
        if not self._is_stream:
            self.read()
        return self._parse_read(to)

    def read(self) -> bytes:
        return self.http_response.read()

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        return cast(object, json.loads(self.read()))

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = None) -> None:
        """Write the body to `file` as it arrives (a download is never held in memory whole)."""
        with open(file, "wb") as out:
            for chunk in self.http_response.iter_bytes(chunk_size):
                out.write(chunk)

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_ResponseView[_T]):
    """Async twin of `APIResponse`: every method that may read the body is awaited."""

    @overload
    async def parse(self) -> _T: ...
    @overload
    async def parse(self, *, to: type[_U]) -> _U: ...
    async def parse(self, *, to: type[_U] | None = None) -> _T | _U:
        if not self._is_stream:
            await self.read()
        return self._parse_read(to)

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        return cast(object, json.loads(await self.read()))

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        async for chunk in self.http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self.http_response.aiter_lines():
            yield line

    async def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = None) -> None:
        """Write the body to `file` as it arrives (the writes themselves are blocking)."""
        with open(file, "wb") as out:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                out.write(chunk)

    async def close(self) -> None:
        await self.http_response.aclose()


_ResponseT = TypeVar("_ResponseT", bound=APIResponse[Any])
_AsyncResponseT = TypeVar("_AsyncResponseT", bound=AsyncAPIResponse[Any])


class ResponseContextManager(Generic[_ResponseT]):
    """Sends the request on entering; closes the response on leaving."""

    def __init__(self, send: Callable[[], _ResponseT]) -> None:
        self._send = send
        self._response: _ResponseT | None = None

    def __enter__(self) -> _ResponseT:
        self._response = self._send()
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[_AsyncResponseT]):
    """Async twin of `ResponseContextManager`."""

    def __init__(self, send: Callable[[], Awaitable[_AsyncResponseT]]) -> None:
        self._send = send
        self._response: _AsyncResponseT | None = None

    async def __aenter__(self) -> _AsyncResponseT:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.close()


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, LegacyAPIResponse[_R]]:
    """Wrap a resource method so it returns the raw `LegacyAPIResponse` instead of parsing."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> LegacyAPIResponse[_R]:
        token = _RESPONSE_MODE.set("raw")
        try:
            return cast("LegacyAPIResponse[_R]", func(*args, **kwargs))
        finally:
            _RESPONSE_MODE.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[LegacyAPIResponse[_R]]]:
    """Async twin of `to_raw_response_wrapper` (its `parse()` is not awaited either)."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> LegacyAPIResponse[_R]:
        token = _RESPONSE_MODE.set("raw")
        try:
            return cast("LegacyAPIResponse[_R]", await func(*args, **kwargs))
        finally:
            _RESPONSE_MODE.reset(token)

    return wrapped


def to_streamed_response_wrapper(
    func: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[APIResponse[_R]]]:
    """Wrap a resource method so that `with method(...) as response:` gives the response
    before its body is read."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[APIResponse[_R]]:
        def send() -> APIResponse[_R]:
            token = _RESPONSE_MODE.set("streamed")
            try:
                return cast("APIResponse[_R]", func(*args, **kwargs))
            finally:
                _RESPONSE_MODE.reset(token)

        return ResponseContextManager(send)

    return wrapped


def _bytes_of(response: httpx2.Response) -> bytes:
    return response.content


def to_streamed_binary_response_wrapper(
    func: Callable[_P, HttpxBinaryResponseContent],
) -> Callable[_P, ResponseContextManager[APIResponse[bytes]]]:
    """`to_streamed_response_wrapper` for a binary download: as in the official SDK,
    `parse()` gives the body's bytes (`iter_bytes()` and `stream_to_file()` read it in parts)."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[APIResponse[bytes]]:
        def send() -> APIResponse[bytes]:
            token = _RESPONSE_MODE.set("streamed")
            try:
                with_content = cast("APIResponse[object]", func(*args, **kwargs))
            finally:
                _RESPONSE_MODE.reset(token)
            return APIResponse(with_content.http_response, _bytes_of, is_stream=False, retries_taken=with_content.retries_taken)

        return ResponseContextManager(send)

    return wrapped


def async_to_streamed_binary_response_wrapper(
    func: Callable[_P, Awaitable[HttpxBinaryResponseContent]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[bytes]]]:
    """Async twin of `to_streamed_binary_response_wrapper`."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[AsyncAPIResponse[bytes]]:
        async def send() -> AsyncAPIResponse[bytes]:
            token = _RESPONSE_MODE.set("streamed")
            try:
                with_content = cast("AsyncAPIResponse[object]", await func(*args, **kwargs))
            finally:
                _RESPONSE_MODE.reset(token)
            return AsyncAPIResponse(
                with_content.http_response, _bytes_of, is_stream=False, retries_taken=with_content.retries_taken
            )

        return AsyncResponseContextManager(send)

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_R]]]:
    """Async twin of `to_streamed_response_wrapper`: `async with method(...) as response:`."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[AsyncAPIResponse[_R]]:
        async def send() -> AsyncAPIResponse[_R]:
            token = _RESPONSE_MODE.set("streamed")
            try:
                return cast("AsyncAPIResponse[_R]", await func(*args, **kwargs))
            finally:
                _RESPONSE_MODE.reset(token)

        return AsyncResponseContextManager(send)

    return wrapped


@overload
def map_parsed(response: LegacyAPIResponse[_T], convert: Callable[[_T], _U]) -> LegacyAPIResponse[_U]: ...
@overload
def map_parsed(response: APIResponse[_T], convert: Callable[[_T], _U]) -> APIResponse[_U]: ...
@overload
def map_parsed(response: AsyncAPIResponse[_T], convert: Callable[[_T], _U]) -> AsyncAPIResponse[_U]: ...
def map_parsed(response: _ResponseView[_T], convert: Callable[[_T], _U]) -> _ResponseView[_U]:
    """The same response, whose `parse()` gives `convert` of what it gave (for a helper
    that turns an operation's value into its own, such as a parsed completion)."""
    original = response._parser  # pyright: ignore[reportPrivateUsage] -- same module: the view's own parser

    def parser(http_response: httpx2.Response) -> _U:
        return convert(original(http_response))

    view = cast("type[_ResponseView[_U]]", type(response))  # the same class, holding another value type
    is_stream = response._is_stream  # pyright: ignore[reportPrivateUsage] -- as above
    return view(response.http_response, parser, is_stream=is_stream, retries_taken=response.retries_taken)


@overload
def map_parsed_manager(
    manager: ResponseContextManager[APIResponse[_T]], convert: Callable[[_T], _U]
) -> ResponseContextManager[APIResponse[_U]]: ...
@overload
def map_parsed_manager(
    manager: AsyncResponseContextManager[AsyncAPIResponse[_T]], convert: Callable[[_T], _U]
) -> AsyncResponseContextManager[AsyncAPIResponse[_U]]: ...
def map_parsed_manager(
    manager: ResponseContextManager[APIResponse[_T]] | AsyncResponseContextManager[AsyncAPIResponse[_T]],
    convert: Callable[[_T], _U],
) -> ResponseContextManager[APIResponse[_U]] | AsyncResponseContextManager[AsyncAPIResponse[_U]]:
    """`with_streaming_response`'s context manager, its response's `parse()` mapped by `convert`."""
    if isinstance(manager, ResponseContextManager):
        send = manager._send  # pyright: ignore[reportPrivateUsage] -- same module: the manager's own request
        return ResponseContextManager(lambda: map_parsed(send(), convert))
    send_async = manager._send  # pyright: ignore[reportPrivateUsage] -- as above

    async def send_mapped() -> AsyncAPIResponse[_U]:
        return map_parsed(await send_async(), convert)

    return AsyncResponseContextManager(send_mapped)
