"""`DefaultAioHttpClient`: an `httpx2.AsyncClient` whose requests go out through aiohttp.

Some deployments prefer aiohttp's connection handling under heavy async concurrency; the
official SDK offers this client for them. aiohttp is an optional extra
(`pip install 'typed-openai[aiohttp]'`); without it, building the client says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any

import httpx2
from httpx2._types import AuthTypes, CookieTypes, HeaderTypes, QueryParamTypes, TimeoutTypes

if TYPE_CHECKING:
    import aiohttp

__all__ = ["AiohttpTransport", "DefaultAioHttpClient"]

_MISSING_AIOHTTP = "DefaultAioHttpClient needs aiohttp: pip install 'typed-openai[aiohttp]'"


def _import_aiohttp() -> Any:
    try:
        import aiohttp
    except ImportError as exc:
        raise RuntimeError(_MISSING_AIOHTTP) from exc
    return aiohttp


class _AiohttpBody(httpx2.AsyncByteStream):
    """An aiohttp response body read as it arrives; closing it frees the connection."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._response.content.iter_any():
            yield chunk

    async def aclose(self) -> None:
        self._response.release()


class AiohttpTransport(httpx2.AsyncBaseTransport):
    """Sends httpx2 requests with one `aiohttp.ClientSession`, opened on first use.

    Bodies are left encoded (httpx2 decodes `content-encoding` itself) and aiohttp's
    errors become httpx2's, so retries and error types work as with the default transport.
    """

    def __init__(self) -> None:
        self._aiohttp = _import_aiohttp()
        self._session: aiohttp.ClientSession | None = None

    def _open_session(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None or session.closed:
            session = self._session = self._aiohttp.ClientSession(auto_decompress=False)
        return session

    def _timeout(self, request: httpx2.Request) -> aiohttp.ClientTimeout:
        given: Mapping[str, float | None] = request.extensions.get("timeout", {})
        return self._aiohttp.ClientTimeout(  # type: ignore[no-any-return]  # aiohttp is imported lazily, as Any
            sock_connect=given.get("connect"), sock_read=given.get("read"), connect=given.get("pool")
        )

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        aiohttp_ = self._aiohttp
        body = await request.aread()
        try:
            response = await self._open_session().request(
                request.method,
                str(request.url),
                headers=list(request.headers.multi_items()),
                data=body or None,
                timeout=self._timeout(request),
                allow_redirects=False,
                skip_auto_headers={"User-Agent", "Accept", "Accept-Encoding", "Content-Type"},
            )
        except asyncio.TimeoutError as exc:
            raise httpx2.TimeoutException(str(exc) or "timed out", request=request) from exc
        except aiohttp_.ClientConnectionError as exc:
            raise httpx2.ConnectError(str(exc), request=request) from exc
        except aiohttp_.ClientError as exc:
            raise httpx2.TransportError(str(exc), request=request) from exc
        return httpx2.Response(
            response.status,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.raw_headers],
            stream=_AiohttpBody(response),
            request=request,
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


class DefaultAioHttpClient(httpx2.AsyncClient):
    """An `httpx2.AsyncClient` with this client's defaults that sends through aiohttp.

    Pass it as `AsyncOpenAI(http_client=DefaultAioHttpClient())`.
    """

    def __init__(
        self,
        *,
        auth: AuthTypes | None = None,
        params: QueryParamTypes | None = None,
        headers: HeaderTypes | None = None,
        cookies: CookieTypes | None = None,
        timeout: TimeoutTypes | None = None,
        follow_redirects: bool = True,
        max_redirects: int = 20,
        event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
        base_url: httpx2.URL | str = "",
    ) -> None:
        from ._client import DEFAULT_TIMEOUT  # the client's own default, defined once there

        super().__init__(
            auth=auth, params=params, headers=headers, cookies=cookies,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            follow_redirects=follow_redirects, max_redirects=max_redirects,
            event_hooks=event_hooks, base_url=base_url, transport=AiohttpTransport(),
        )  # fmt: skip
