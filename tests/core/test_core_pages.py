"""Pagination over real HTTP: cursor, page-token and single pages, sync and async."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from typed_openai._core import (
    AsyncAPIClient,
    AsyncCursorPage,
    AsyncPageTokenPage,
    AsyncPaginator,
    AsyncSinglePage,
    BaseModel,
    PageShape,
    RequestSpec,
    SyncAPIClient,
    SyncCursorPage,
    SyncPageTokenPage,
    SyncSinglePage,
)

if TYPE_CHECKING:
    from conftest import MockServer, Recorded, Reply


class Item(BaseModel):
    id: str


# The runtime knows no API's paging: these are OpenAI's shapes, as its config describes them.
CURSOR = PageShape(param="after", cursor_fields=("last_id", "next"), item_cursor="id", has_more="has_more")
TOKEN = PageShape(param="page", cursor_fields=("next_page",), has_more="has_more")

LIST = RequestSpec(method="get", path="/items", query={"limit": 2, "order": "asc"})


def cursor_server(server: MockServer, *, cursor_field: str | None = "last_id") -> None:
    """Three pages of two items, served by `after` cursor."""
    pages = {None: ["a", "b"], "b": ["c", "d"], "d": ["e", "f"]}

    def handler(request: Recorded) -> Reply:
        ids = pages[dict(request.query).get("after")]
        body: dict[str, object] = {
            "data": [{"id": i} for i in ids],
            "has_more": ids[-1] != "f",
        }
        if cursor_field:
            body[cursor_field] = ids[-1]
        return server.build(200, body)

    server.handler = handler


def token_server(server: MockServer) -> None:
    pages = {
        None: (["a", "b"], "p2"),
        "p2": (["c", "d"], "p3"),
        "p3": (["e", "f"], None),
    }

    def handler(request: Recorded) -> Reply:
        ids, nxt = pages[dict(request.query).get("page")]
        body = {
            "data": [{"id": i} for i in ids],
            "has_more": nxt is not None,
            "next_page": nxt,
        }
        return server.build(200, body)

    server.handler = handler


@pytest.mark.parametrize("cursor_field", ["last_id", "next", None])
def test_sync_cursor_pages(
    server: MockServer, client: SyncAPIClient, cursor_field: str | None
) -> None:
    cursor_server(server, cursor_field=cursor_field)
    page = client.request_page(LIST, page_cls=SyncCursorPage[Item], shape=CURSOR)
    assert isinstance(page, SyncCursorPage)
    assert [i.id for i in page.data] == ["a", "b"]
    assert page.has_next_page()
    assert [item.id for item in page] == ["a", "b", "c", "d", "e", "f"]
    assert len(server.requests) == 3
    assert [dict(r.query).get("after") for r in server.requests] == [None, "b", "d"]
    # The original query is kept on every page request.
    assert all(
        dict(r.query)["limit"] == "2" and dict(r.query)["order"] == "asc"
        for r in server.requests
    )


def test_sync_cursor_iter_pages_and_get_next(
    server: MockServer, client: SyncAPIClient
) -> None:
    cursor_server(server)
    first = client.request_page(LIST, page_cls=SyncCursorPage[Item], shape=CURSOR)
    second = first.get_next_page()
    assert isinstance(second, SyncCursorPage) and [i.id for i in second.data] == [
        "c",
        "d",
    ]
    pages = list(first.iter_pages())
    assert [[i.id for i in p.data] for p in pages] == [
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
    ]
    assert not pages[-1].has_next_page()
    with pytest.raises(RuntimeError, match="No next page"):
        pages[-1].get_next_page()


def test_sync_page_token_pages(server: MockServer, client: SyncAPIClient) -> None:
    token_server(server)
    page = client.request_page(LIST, page_cls=SyncPageTokenPage[Item], shape=TOKEN)
    assert [item.id for item in page] == ["a", "b", "c", "d", "e", "f"]
    assert [dict(r.query).get("page") for r in server.requests] == [None, "p2", "p3"]


def test_sync_single_page(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"object": "list", "data": [{"id": "m1"}, {"id": "m2"}]})
    page = client.request_page(LIST, page_cls=SyncSinglePage[Item])
    assert not page.has_next_page()
    assert [i.id for i in page] == ["m1", "m2"]
    assert page.model_extra == {"object": "list"}
    assert len(server.requests) == 1


def test_cursor_stops_on_empty_page(server: MockServer, client: SyncAPIClient) -> None:
    server.reply(200, {"data": [], "has_more": True})
    page = client.request_page(LIST, page_cls=SyncCursorPage[Item], shape=CURSOR)
    assert list(page) == []
    assert not page.has_next_page()


def test_page_item_with_unknown_enum_is_kept(
    server: MockServer, client: SyncAPIClient
) -> None:
    from typing import Literal

    class Run(BaseModel):
        id: str
        status: Literal["queued", "completed"]

    server.reply(
        200,
        {
            "data": [
                {"id": "r1", "status": "queued"},
                {"id": "r2", "status": "hibernating"},
            ],
            "has_more": False,
        },
    )
    page = client.request_page(LIST, page_cls=SyncCursorPage[Run], shape=CURSOR)
    assert [r.status for r in page] == ["queued", "hibernating"]
    assert all(isinstance(r, Run) for r in page.data)


@pytest.mark.anyio
async def test_async_cursor_pages(server: MockServer, aclient: AsyncAPIClient) -> None:
    cursor_server(server)
    paginator = aclient.request_page(LIST, page_cls=AsyncCursorPage[Item], shape=CURSOR)
    assert isinstance(paginator, AsyncPaginator)
    assert [item.id async for item in paginator] == ["a", "b", "c", "d", "e", "f"]
    first = await paginator
    assert isinstance(first, AsyncCursorPage)
    assert first.has_next_page()
    second = await first.get_next_page()
    assert [i.id for i in second.data] == ["c", "d"]
    pages = [p async for p in first.iter_pages()]
    assert len(pages) == 3


@pytest.mark.anyio
async def test_async_page_token_pages(
    server: MockServer, aclient: AsyncAPIClient
) -> None:
    token_server(server)
    first = await aclient.request_page(LIST, page_cls=AsyncPageTokenPage[Item], shape=TOKEN)
    assert [item.id async for item in first] == ["a", "b", "c", "d", "e", "f"]
    assert [dict(r.query).get("page") for r in server.requests] == [None, "p2", "p3"]


@pytest.mark.anyio
async def test_async_single_page(server: MockServer, aclient: AsyncAPIClient) -> None:
    server.reply(200, {"data": [{"id": "m1"}]})
    items = [
        i.id async for i in aclient.request_page(LIST, page_cls=AsyncSinglePage[Item])
    ]
    assert items == ["m1"]
