"""Turning responses into values, raw responses, and binary download bodies."""

from __future__ import annotations

import contextvars
import functools
import json
import os
from collections.abc import Awaitable, Callable, Iterator
from typing import Generic, ParamSpec, TypeVar, cast

import httpx2

from ._errors import APIResponseValidationError
from ._models import parse_data

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "BinaryResponse",
    "async_to_raw_response_wrapper",
    "parse_response",
    "take_raw_mode",
    "to_raw_response_wrapper",
]

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")

# Set by the raw-response wrappers around one call; the client's next request consumes it.
_RAW_MODE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "typed_openai_raw_response", default=False
)


def take_raw_mode() -> bool:
    """True once if the current call was wrapped by a raw-response wrapper."""
    if not _RAW_MODE.get():
        return False
    # Consumed so that requests made later (e.g. a page's next page) are parsed as usual.
    _RAW_MODE.set(False)
    return True


class BinaryResponse:
    """The body of a binary download (audio, file content, archives, video)."""

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

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return self.response.iter_bytes(chunk_size)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        with open(file, "wb") as out:
            for chunk in self.response.iter_bytes():
                out.write(chunk)

    def __repr__(self) -> str:
        ctype = self.response.headers.get("content-type", "?")
        return f"<BinaryResponse {ctype} {len(self.content)} bytes>"


def parse_response(response: httpx2.Response, cast_to: type[_T]) -> _T:
    """The value of a fully read response as `cast_to` (see `parse_data` for leniency)."""
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
    return parse_data(cast_to, data)


_SPECIAL_CASTS: dict[object, Callable[[httpx2.Response], object]] = {
    httpx2.Response: lambda response: response,
    BinaryResponse: BinaryResponse,
    str: lambda response: response.text,
    bytes: lambda response: response.content,
    type(None): lambda response: None,
}


class _RawResponse(Generic[_T]):
    def __init__(
        self, response: httpx2.Response, parser: Callable[[httpx2.Response], _T]
    ) -> None:
        self.http_response = response
        self._parser = parser
        self._parsed: list[_T] = []  # a box, since None can be a parsed value

    @property
    def headers(self) -> httpx2.Headers:
        return self.http_response.headers

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

    def _parse_once(self) -> _T:
        if not self._parsed:
            self._parsed.append(self._parser(self.http_response))
        return self._parsed[0]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.http_response.request.method} {self.url}>"


class APIResponse(_RawResponse[_T]):
    """The HTTP response of a call, with `parse()` to get what the call would return."""

    def parse(self) -> _T:
        return self._parse_once()

    def read(self) -> bytes:
        return self.http_response.read()

    @property
    def content(self) -> bytes:
        return self.read()

    @property
    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        return cast(object, json.loads(self.read()))


class AsyncAPIResponse(_RawResponse[_T]):
    """Async twin of `APIResponse`."""

    async def parse(self) -> _T:
        return self._parse_once()

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        return cast(object, json.loads(await self.read()))


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """Wrap a resource method so it returns the raw `APIResponse` instead of parsing."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        token = _RAW_MODE.set(True)
        try:
            return cast("APIResponse[_R]", func(*args, **kwargs))
        finally:
            _RAW_MODE.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[_R]]]:
    """Async twin of `to_raw_response_wrapper`."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_R]:
        token = _RAW_MODE.set(True)
        try:
            return cast("AsyncAPIResponse[_R]", await func(*args, **kwargs))
        finally:
            _RAW_MODE.reset(token)

    return wrapped
