"""Shapes taken from the official SDK, over real HTTP against the local mock: deprecation
warnings exactly where the spec (or, after the official SDK, the config) deprecates, header parameters, one-page lists answered to
a POST, singleton resources, and usage reports as objects."""

from __future__ import annotations

import asyncio
import inspect
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from codegen.load import load_spec
from codegen.normalize import operations
from codegen.tree import placements
from codegen.config import load_config
from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import JSONResponse, MockServer, list_object
from tests.conftest import PINNED_SPEC, PROJECT

_VIDEO = {"id": "video_1", "object": "video", "created_at": 1, "status": "queued", "model": "sora-2", "progress": 0,
          "seconds": "4", "size": "720x1280"}


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


@pytest.fixture
def client(server: MockServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test", admin_api_key="sk-admin-test", base_url=server.base_url, max_retries=0) as c:
        yield c


def _deprecated(func: Any) -> bool:
    return getattr(func, "__deprecated__", None) is not None


def test_deprecated_exactly_where_the_spec_or_the_config_says() -> None:
    spec: dict[str, Any] = load_spec(PINNED_SPEC)
    loaded = load_config(PROJECT / "spec")
    by_config = loaded.methods.deprecated  # where the official SDK deprecates what the spec does not

    def expected(op: dict[str, Any]) -> bool:
        return bool(op.get("deprecated")) or op["operationId"] in by_config

    marked, clients = 0, (OpenAI(api_key="sk-test"), AsyncOpenAI(api_key="sk-test"))
    for _path, _method, op, placement in placements(spec, loaded.tree):
        for client in clients:
            target: Any = client
            for part in placement.dotted.split("."):
                target = getattr(target, part)
            assert _deprecated(target) is expected(op), placement.dotted
            if op["operationId"] in by_config:
                assert target.__deprecated__ == by_config[op["operationId"]], placement.dotted
        marked += expected(op)
    assert marked == sum(expected(op) for _p, _m, op in operations(spec)) > len(by_config) > 0


def test_the_assistants_threads_warn_as_the_official_sdk_does(server: MockServer, client: OpenAI) -> None:
    thread = {"id": "thread_1", "object": "thread", "created_at": 1, "metadata": {}, "tool_resources": None}
    server.route("GET", "/threads/{thread_id}", JSONResponse(thread))
    with pytest.warns(DeprecationWarning, match="Assistants API is deprecated in favor of the Responses API"):
        assert client.beta.threads.retrieve("thread_1").id == "thread_1"
    with pytest.warns(DeprecationWarning, match="Assistants API"):
        raw = client.beta.threads.with_raw_response.retrieve("thread_1")
    assert raw.parse().id == "thread_1"


def test_a_deprecated_call_warns_and_others_do_not(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/videos/{video_id}", JSONResponse(_VIDEO))
    server.route("GET", "/models", JSONResponse(list_object([])))
    with pytest.warns(DeprecationWarning, match="videos.retrieve"):
        video = client.videos.retrieve("video_1")
    assert video.id == "video_1"
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert list(client.models.list()) == []


def test_a_deprecated_async_call_warns_and_still_returns(server: MockServer) -> None:
    server.route("GET", "/videos/{video_id}", JSONResponse(_VIDEO))

    async def main() -> str:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            with pytest.warns(DeprecationWarning, match="videos.retrieve"):
                pending = client.videos.retrieve("video_1")
            assert inspect.isawaitable(pending)
            return (await pending).id

    assert asyncio.run(main()) == "video_1"


def test_a_header_parameter_is_sent_comma_joined_and_omitted_when_not_given(server: MockServer, client: OpenAI) -> None:
    deleted = {"id": "resp_1", "object": "response", "deleted": True}
    server.route("DELETE", "/responses/{response_id}", [JSONResponse(deleted), JSONResponse(deleted)])
    client.beta.responses.delete("resp_1", betas=["responses_multi_agent=v1", "other=v2"])  # type: ignore[list-item]  # a newer beta
    client.beta.responses.delete("resp_1")
    first, second = server.requests
    assert first.headers["openai-beta"] == "responses_multi_agent=v1,other=v2"
    assert first.query == {"beta": ["true"]}
    assert "openai-beta" not in second.headers


def test_a_header_parameter_leaves_a_client_default_header_alone(server: MockServer) -> None:
    deleted = {"id": "resp_1", "object": "response", "deleted": True}
    server.route("DELETE", "/responses/{response_id}", JSONResponse(deleted))
    with OpenAI(api_key="sk-test", base_url=server.base_url, default_headers={"OpenAI-Beta": "x=1"}) as client:
        client.beta.responses.delete("resp_1")
    assert server.requests[0].headers["openai-beta"] == "x=1"


def test_certificate_activation_answers_a_page(server: MockServer, client: OpenAI) -> None:
    certificate = {"object": "organization.certificate", "id": "cert_1", "name": "c", "active": True, "created_at": 1,
                   "certificate_details": {"valid_at": 1, "expires_at": 2}}
    server.route("POST", "/organization/certificates/activate", JSONResponse(list_object([certificate])))
    page = client.admin.organization.certificates.activate(certificate_ids=["cert_1"])
    assert [c.id for c in page] == ["cert_1"]
    assert server.requests[0].method == "POST" and server.requests[0].json() == {"certificate_ids": ["cert_1"]}


def test_a_singleton_is_retrieved_and_updated(server: MockServer, client: OpenAI) -> None:
    limit = {"object": "organization.spend_limit", "id": "sl_1"}
    server.route("GET", "/organization/spend_limit", JSONResponse(limit))
    client.admin.organization.spend_limit.retrieve()
    assert [(r.method, r.path) for r in server.requests] == [("GET", "/organization/spend_limit")]
    assert not hasattr(client.admin.organization.spend_limit, "list")
    assert callable(client.admin.organization.spend_limit.update)


def test_a_usage_report_is_an_object_with_its_page_token(server: MockServer, client: OpenAI) -> None:
    report = {"object": "page", "data": [], "has_more": True, "next_page": "page_2"}
    server.route("GET", "/organization/usage/completions", JSONResponse(report))
    usage = client.admin.organization.usage.completions(start_time=1, page="page_1")
    assert usage.next_page == "page_2" and usage.has_more is True
    assert server.requests[0].query == {"start_time": ["1"], "page": ["page_1"]}
