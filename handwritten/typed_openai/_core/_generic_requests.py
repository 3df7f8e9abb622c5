"""`client.get/post/put/patch/delete(path, cast_to=...)`: requests to endpoints the
generated methods do not cover (undocumented or newer than the spec), with the client's
auth, retries, timeouts and errors. `cast_to` is what the body becomes: a model, `dict`,
`object`, `str`, `bytes`, or `httpx2.Response` for the response itself (read)."""

from __future__ import annotations

from typing import Literal, Protocol, TypeVar

from typing_extensions import TypedDict

from ._request import RequestSpec
from ._types import Body, Headers, Omit, Query, Timeout, omit

__all__ = ["AsyncGenericRequests", "RequestOptions", "SyncGenericRequests"]

_T = TypeVar("_T")
_Method = Literal["get", "post", "put", "patch", "delete"]


class RequestOptions(TypedDict, total=False):
    """Per-request options of the generic methods (the official SDK's names)."""

    headers: Headers
    params: Query
    extra_json: Body
    timeout: Timeout


def _spec(method: _Method, path: str, body: Body | None, options: RequestOptions | None) -> RequestSpec:
    if not path.startswith("/"):
        path = "/" + path  # relative to the client's base URL either way
    options = options or {}
    timeout: Timeout | Omit = options["timeout"] if "timeout" in options else omit
    return RequestSpec(
        method=method,
        path=path,
        json_body=body,
        extra_headers=options.get("headers"),
        extra_query=options.get("params"),
        extra_body=options.get("extra_json"),
        timeout=timeout,
    )


class _SyncSender(Protocol):
    def request(self, spec: RequestSpec, *, cast_to: type[_T]) -> _T: ...


class _AsyncSender(Protocol):
    async def request(self, spec: RequestSpec, *, cast_to: type[_T]) -> _T: ...


class SyncGenericRequests:
    """The generic request methods of the sync client."""

    def get(self: _SyncSender, path: str, *, cast_to: type[_T], options: RequestOptions | None = None) -> _T:
        return self.request(_spec("get", path, None, options), cast_to=cast_to)

    def post(
        self: _SyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return self.request(_spec("post", path, body, options), cast_to=cast_to)

    def put(
        self: _SyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return self.request(_spec("put", path, body, options), cast_to=cast_to)

    def patch(
        self: _SyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return self.request(_spec("patch", path, body, options), cast_to=cast_to)

    def delete(
        self: _SyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return self.request(_spec("delete", path, body, options), cast_to=cast_to)


class AsyncGenericRequests:
    """The generic request methods of the async client (coroutines)."""

    async def get(self: _AsyncSender, path: str, *, cast_to: type[_T], options: RequestOptions | None = None) -> _T:
        return await self.request(_spec("get", path, None, options), cast_to=cast_to)

    async def post(
        self: _AsyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return await self.request(_spec("post", path, body, options), cast_to=cast_to)

    async def put(
        self: _AsyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return await self.request(_spec("put", path, body, options), cast_to=cast_to)

    async def patch(
        self: _AsyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return await self.request(_spec("patch", path, body, options), cast_to=cast_to)

    async def delete(
        self: _AsyncSender, path: str, *, cast_to: type[_T], body: Body | None = None, options: RequestOptions | None = None
    ) -> _T:
        return await self.request(_spec("delete", path, body, options), cast_to=cast_to)
