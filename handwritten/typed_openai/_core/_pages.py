"""List pages: cursor computation written once, sync and async iteration over it."""

from __future__ import annotations

import dataclasses
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Mapping,
)
from typing import Any, Generic, Self, TypeAlias, TypeVar, cast

import pydantic

from ._models import BaseModel
from ._request import RequestSpec

__all__ = [
    "AsyncCursorPage",
    "AsyncPageTokenPage",
    "AsyncPaginator",
    "AsyncSinglePage",
    "BaseAsyncPage",
    "BaseSyncPage",
    "SyncCursorPage",
    "SyncPageTokenPage",
    "SyncSinglePage",
    "bind_async_page",
    "bind_sync_page",
]

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_SyncPageT = TypeVar("_SyncPageT", bound="BaseSyncPage[Any]")
_AsyncPageT = TypeVar("_AsyncPageT", bound="BaseAsyncPage[Any]")
_AsyncPageT_co = TypeVar("_AsyncPageT_co", bound="BaseAsyncPage[Any]", covariant=True)


# How a page fetches another page of its own class: set by the client (see `bind_page`).
_SyncFetch: TypeAlias = "Callable[[RequestSpec], BaseSyncPage[Any]]"
_AsyncFetch: TypeAlias = "Callable[[RequestSpec], Awaitable[BaseAsyncPage[Any]]]"


# --- cursor rules, shared by sync and async pages -------------------------------------


def _cursor_query(
    data: list[Any], has_more: bool | None, last_id: str | None, next_: str | None
) -> Mapping[str, object] | None:
    if not data or has_more is False:
        return None
    after = last_id or next_
    if not after:
        item_id: object = getattr(data[-1], "id", None)
        if item_id is None and isinstance(data[-1], dict):
            item_id = cast("dict[str, object]", data[-1]).get("id")
        after = item_id if isinstance(item_id, str) else None
    return {"after": after} if after else None


def _page_token_query(
    has_more: bool | None, next_page: str | None
) -> Mapping[str, object] | None:
    if has_more is False or not next_page:
        return None
    return {"page": next_page}


def _next_spec(spec: RequestSpec, params: Mapping[str, object]) -> RequestSpec:
    return dataclasses.replace(spec, query={**(spec.query or {}), **params})


def _empty_list() -> list[Any]:
    return []


# --- page bases -----------------------------------------------------------------------


class _PageBase(BaseModel, Generic[_T]):
    data: list[_T] = pydantic.Field(default_factory=_empty_list)
    _spec: RequestSpec | None = pydantic.PrivateAttr(default=None)

    def _next_page_query(self) -> Mapping[str, object] | None:
        return None

    def has_next_page(self) -> bool:
        return self._spec is not None and self._next_page_query() is not None

    def _next_page_spec(self) -> RequestSpec:
        query = self._next_page_query()
        if self._spec is None or query is None:
            raise RuntimeError(
                "No next page: check has_next_page() before calling get_next_page()"
            )
        return _next_spec(self._spec, query)


class BaseSyncPage(_PageBase[_T], Generic[_T]):
    _fetch: _SyncFetch | None = pydantic.PrivateAttr(default=None)

    def get_next_page(self) -> Self:
        spec = self._next_page_spec()
        assert self._fetch is not None  # bound together with the spec
        return cast("Self", self._fetch(spec))

    def iter_pages(self) -> Iterator[Self]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    # A page iterates over its items across all pages, not over its fields as pydantic's
    # BaseModel.__iter__ does; the override is deliberate.
    def __iter__(self) -> Iterator[_T]:  # type: ignore[override]  # items, not (field, value)
        for page in self.iter_pages():
            yield from page.data


class BaseAsyncPage(_PageBase[_T], Generic[_T]):
    _fetch: _AsyncFetch | None = pydantic.PrivateAttr(default=None)

    async def get_next_page(self) -> Self:
        spec = self._next_page_spec()
        assert self._fetch is not None  # bound together with the spec
        return cast("Self", await self._fetch(spec))

    async def iter_pages(self) -> AsyncIterator[Self]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


# setattr: these private attributes belong to the page; only the client that fetched it
# may set them, through these two functions.


def bind_sync_page(
    page: _SyncPageT, fetch: _SyncFetch, spec: RequestSpec
) -> _SyncPageT:
    """Remember how a page was fetched, so it can fetch the next one."""
    setattr(page, "_fetch", fetch)
    setattr(page, "_spec", spec)
    return page


def bind_async_page(
    page: _AsyncPageT, fetch: _AsyncFetch, spec: RequestSpec
) -> _AsyncPageT:
    setattr(page, "_fetch", fetch)
    setattr(page, "_spec", spec)
    return page


# --- the page kinds -------------------------------------------------------------------


class _CursorFields(pydantic.BaseModel):
    has_more: bool | None = None
    first_id: str | None = None
    last_id: str | None = None
    next: str | None = None


class SyncCursorPage(BaseSyncPage[_T], _CursorFields, Generic[_T]):
    """`?after=` cursor pages (`last_id`, else `next`, else the last item's `id`)."""

    def _next_page_query(self) -> Mapping[str, object] | None:
        return _cursor_query(self.data, self.has_more, self.last_id, self.next)


class AsyncCursorPage(BaseAsyncPage[_T], _CursorFields, Generic[_T]):
    """`?after=` cursor pages (`last_id`, else `next`, else the last item's `id`)."""

    def _next_page_query(self) -> Mapping[str, object] | None:
        return _cursor_query(self.data, self.has_more, self.last_id, self.next)


class _PageTokenFields(pydantic.BaseModel):
    has_more: bool | None = None
    next_page: str | None = None


class SyncPageTokenPage(BaseSyncPage[_T], _PageTokenFields, Generic[_T]):
    """`?page=` token pages."""

    def _next_page_query(self) -> Mapping[str, object] | None:
        return _page_token_query(self.has_more, self.next_page)


class AsyncPageTokenPage(BaseAsyncPage[_T], _PageTokenFields, Generic[_T]):
    """`?page=` token pages."""

    def _next_page_query(self) -> Mapping[str, object] | None:
        return _page_token_query(self.has_more, self.next_page)


class SyncSinglePage(BaseSyncPage[_T], Generic[_T]):
    """A list endpoint that returns everything at once."""


class AsyncSinglePage(BaseAsyncPage[_T], Generic[_T]):
    """A list endpoint that returns everything at once."""


class AsyncPaginator(Generic[_T_co, _AsyncPageT_co]):
    """`await` it for the first page; `async for` over it for every item of every page."""

    def __init__(self, fetch_first: Callable[[], Awaitable[_AsyncPageT_co]]) -> None:
        self._fetch_first = fetch_first

    def __await__(self) -> Generator[Any, None, _AsyncPageT_co]:
        return self._fetch_first().__await__()

    async def __aiter__(self) -> AsyncIterator[_T_co]:
        page: BaseAsyncPage[_T_co] = await self
        async for item in page:
            yield item
