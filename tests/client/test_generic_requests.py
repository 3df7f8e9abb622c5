"""`client.get/post/put/patch/delete(path, cast_to=...)` over real HTTP: an endpoint the
generated methods do not cover, sent with the client's auth, options and errors."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx2
import pytest

from typed_openai import AsyncOpenAI, NotFoundError, OpenAI
from typed_openai.testing import JSONResponse, MockServer
from typed_openai.types import Model


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        running.route("POST", "/foo", JSONResponse({"echo": True}, headers={"x-foo": "bar"}))
        running.route("GET", "/models/custom", JSONResponse({"id": "custom", "object": "model", "created": 1, "owned_by": "me"}))
        running.route("PUT", "/things/1", JSONResponse({"done": "put"}))
        running.route("PATCH", "/things/1", JSONResponse({"done": "patch"}))
        running.route("DELETE", "/things/1", JSONResponse({"done": "delete"}))
        yield running


def test_post_to_an_undocumented_endpoint_returns_the_raw_response(server: MockServer) -> None:
    with OpenAI(api_key="sk-generic-test", base_url=server.base_url, max_retries=0) as client:
        response = client.post("/foo", cast_to=httpx2.Response, body={"my_param": True})
    assert response.headers["x-foo"] == "bar" and response.json() == {"echo": True}
    request = server.requests[-1]
    assert request.json() == {"my_param": True}
    assert request.headers["authorization"] == "Bearer sk-generic-test"


def test_cast_to_a_model_or_a_dict_with_options(server: MockServer) -> None:
    with OpenAI(api_key="k", base_url=server.base_url, max_retries=0) as client:
        model = client.get("models/custom", cast_to=Model, options={"headers": {"X-Trace": "1"}, "params": {"q": "a"}})
        assert isinstance(model, Model) and model.owned_by == "me"
        assert server.requests[-1].headers["x-trace"] == "1" and server.requests[-1].query == {"q": ["a"]}
        assert client.put("/things/1", cast_to=dict, body={"a": 1}) == {"done": "put"}
        assert client.patch("/things/1", cast_to=dict, options={"extra_json": {"b": 2}}) == {"done": "patch"}
        assert server.requests[-1].json() == {"b": 2}
        assert client.delete("/things/1", cast_to=object) == {"done": "delete"}
        assert [r.method for r in server.requests] == ["GET", "PUT", "PATCH", "DELETE"]


def test_an_error_status_raises_the_packages_error(server: MockServer) -> None:
    with OpenAI(api_key="k", base_url=server.base_url, max_retries=0) as client:
        with pytest.raises(NotFoundError):
            client.get("/nowhere", cast_to=dict)


def test_the_async_client_has_the_same_methods(server: MockServer) -> None:
    async def main() -> tuple[dict[str, bool], bool]:
        async with AsyncOpenAI(api_key="k", base_url=server.base_url, max_retries=0) as client:
            echoed = await client.post("/foo", cast_to=dict, body={"x": 1})
            open_inside = not client.is_closed()
        return echoed, open_inside and client.is_closed()

    echoed, closed_after = asyncio.run(main())
    assert echoed == {"echo": True} and closed_after


def test_is_closed_follows_close(server: MockServer) -> None:
    client = OpenAI(api_key="k", base_url=server.base_url)
    assert not client.is_closed()
    client.close()
    assert client.is_closed()
