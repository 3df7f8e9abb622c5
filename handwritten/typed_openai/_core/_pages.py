"""List pages: the next page's query computed once from the list's shape, sync and async
iteration over it. The runtime knows no API's paging: each list method passes its shape
(a `PageShape` the generator writes from its config)."""

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
from dataclasses import dataclass
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
    "PageShape",
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


# --- the paging rule, shared by sync and async pages ----------------------------------


@dataclass(frozen=True)
class PageShape:
    """How a list pages. The next request sets the query parameter `param` to the cursor:
    the first of the response's `cursor_fields` that is set, else the last item's
    `item_cursor` field. There is no next page when a page is empty or its `has_more`
    field is false."""

    param: str
    cursor_fields: tuple[str, ...] = ()
    item_cursor: str | None = None
    has_more: str | None = None


def _field(model: pydantic.BaseModel | dict[str, object], name: str) -> object:
    """A field by its wire name: declared, or kept as an extra (`extra="allow"`)."""
    if isinstance(model, dict):
        return model.get(name)
    if name in type(model).model_fields:
        return getattr(model, name)
    return (model.model_extra or {}).get(name)


def _shape_query(page: _PageBase[Any], shape: PageShape) -> Mapping[str, object] | None:
    data = page.data
    if not data or (shape.has_more is not None and _field(page, shape.has_more) is False):
        return None
    for name in shape.cursor_fields:
        cursor = _field(page, name)
        if isinstance(cursor, str) and cursor:
            return {shape.param: cursor}
    last = data[-1]
    if shape.item_cursor is None or not isinstance(last, (pydantic.BaseModel, dict)):
        return None
    cursor = _field(cast("pydantic.BaseModel | dict[str, object]", last), shape.item_cursor)
    return {shape.param: cursor} if isinstance(cursor, str) and cursor else None


def _next_spec(spec: RequestSpec, params: Mapping[str, object]) -> RequestSpec:
    return dataclasses.replace(spec, query={**(spec.query or {}), **params})


def _empty_list() -> list[Any]:
    return []


# --- page bases -----------------------------------------------------------------------


class _PageBase(BaseModel, Generic[_T]):
    data: list[_T] = pydantic.Field(default_factory=_empty_list)
    _spec: RequestSpec | None = pydantic.PrivateAttr(default=None)
    _shape: PageShape | None = pydantic.PrivateAttr(default=None)

    def _next_page_query(self) -> Mapping[str, object] | None:
        return None if self._shape is None else _shape_query(self, self._shape)

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
    page: _SyncPageT, fetch: _SyncFetch, spec: RequestSpec, shape: PageShape | None = None
) -> _SyncPageT:
    """Remember how a page was fetched, so it can fetch the next one (`shape`: how; none
    for a list that comes in one page)."""
    setattr(page, "_fetch", fetch)
    setattr(page, "_spec", spec)
    setattr(page, "_shape", shape)
    return page


def bind_async_page(
    page: _AsyncPageT, fetch: _AsyncFetch, spec: RequestSpec, shape: PageShape | None = None
) -> _AsyncPageT:
    setattr(page, "_fetch", fetch)
    setattr(page, "_spec", spec)
    setattr(page, "_shape", shape)
    return page


# --- the page kinds -------------------------------------------------------------------


class _CursorFields(pydantic.BaseModel):
    has_more: bool | None = None
    first_id: str | None = None
    last_id: str | None = None
    next: str | None = None


class SyncCursorPage(BaseSyncPage[_T], _CursorFields, Generic[_T]):
    """Cursor pages, followed as their `PageShape` says (the fields above are typed; any
    other field a shape names is read from the response's extras)."""


class AsyncCursorPage(BaseAsyncPage[_T], _CursorFields, Generic[_T]):
    """Cursor pages, followed as their `PageShape` says (see `SyncCursorPage`)."""


class _PageTokenFields(pydantic.BaseModel):
    has_more: bool | None = None
    next_page: str | None = None


class SyncPageTokenPage(BaseSyncPage[_T], _PageTokenFields, Generic[_T]):
    """Page-token pages (`next_page` typed), followed as their `PageShape` says."""


class AsyncPageTokenPage(BaseAsyncPage[_T], _PageTokenFields, Generic[_T]):
    """Page-token pages (`next_page` typed), followed as their `PageShape` says."""


class SyncSinglePage(BaseSyncPage[_T], Generic[_T]):
    """A list endpoint that returns everything at once."""

    def _next_page_query(self) -> Mapping[str, object] | None:
        return None


class AsyncSinglePage(BaseAsyncPage[_T], Generic[_T]):
    """A list endpoint that returns everything at once."""

    def _next_page_query(self) -> Mapping[str, object] | None:
        return None


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
