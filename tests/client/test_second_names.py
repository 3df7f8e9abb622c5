"""What the official SDK's own suite showed missing, over real HTTP against the local mock:
an operation's second, deprecated method (config `methods.also_named`), the official names
of response models that share a shape with others (paired through the operations), and
response fields the spec requires but the API leaves out (config `optional_fields`)."""

from __future__ import annotations

import asyncio
import copy
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import BytesResponse, JSONResponse, MockServer, list_object, response_object

_PERMISSION = {"id": "cp_1", "object": "checkpoint.permission", "created_at": 1, "project_id": "proj_1"}
_PERMISSIONS = {**list_object([_PERMISSION]), "has_more": False, "first_id": "cp_1", "last_id": "cp_1"}
_PERMISSIONS_PATH = "/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions"
_CHECKPOINT = "ft:gpt-4o-mini:org::ckpt"


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


@pytest.fixture
def client(server: MockServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test", admin_api_key="sk-admin-test", base_url=server.base_url, max_retries=0) as c:
        yield c


# -- methods.also_named ----------------------------------------------------------------------


def test_retrieve_content_warns_returns_the_text_and_sends_what_content_sends(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/files/{file_id}/content", [BytesResponse(b"line 1\nline 2\n", "text/plain")] * 2)
    with pytest.warns(DeprecationWarning, match=r"The `\.content\(\)` method should be used instead"):
        text = client.files.retrieve_content("file-1")
    assert text == "line 1\nline 2\n" and isinstance(text, str)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert client.files.content("file-1").read() == b"line 1\nline 2\n"
    second, main = server.requests
    assert (second.method, second.path, second.query) == (main.method, main.path, main.query) == ("GET", "/files/file-1/content", {})


def test_retrieve_content_through_the_raw_and_streaming_views(server: MockServer, client: OpenAI) -> None:
    server.route("GET", "/files/{file_id}/content", [BytesResponse(b"hello", "text/plain")] * 2)
    with pytest.warns(DeprecationWarning):
        raw = client.files.with_raw_response.retrieve_content("file-1")
    assert raw.is_closed and raw.parse() == "hello"
    with pytest.warns(DeprecationWarning):
        with client.files.with_streaming_response.retrieve_content("file-1") as streamed:
            assert not streamed.is_closed
            assert streamed.parse() == "hello"
    assert streamed.is_closed
    with pytest.warns(DeprecationWarning), pytest.raises(ValueError, match="file_id"):
        client.files.retrieve_content("")


def test_permissions_retrieve_is_list_answered_as_one_object(server: MockServer, client: OpenAI) -> None:
    from typed_openai.types.fine_tuning.checkpoints import PermissionListResponse, PermissionRetrieveResponse

    server.route("GET", _PERMISSIONS_PATH, [JSONResponse(_PERMISSIONS)] * 2)
    with pytest.warns(DeprecationWarning, match="Retrieve is deprecated. Please swap to the paginated list method instead."):
        answer = client.fine_tuning.checkpoints.permissions.retrieve(_CHECKPOINT, limit=5, order="ascending")
    assert type(answer) is PermissionRetrieveResponse
    assert answer.has_more is False and [p.id for p in answer.data] == ["cp_1"]
    page = client.fine_tuning.checkpoints.permissions.list(_CHECKPOINT, limit=5, order="ascending")
    assert [type(p) for p in page] == [PermissionListResponse]
    second, main = server.requests
    assert (second.method, second.path, second.query) == (main.method, main.path, main.query)
    assert second.query == {"limit": ["5"], "order": ["ascending"]}


def test_the_second_methods_of_the_async_client(server: MockServer) -> None:
    server.route("GET", "/files/{file_id}/content", BytesResponse(b"async text", "text/plain"))
    server.route("GET", _PERMISSIONS_PATH, JSONResponse(_PERMISSIONS))

    async def main() -> tuple[str, int]:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            with pytest.warns(DeprecationWarning, match="content"):
                text = await client.files.retrieve_content("file-1")
            with pytest.warns(DeprecationWarning, match="Retrieve is deprecated"):
                answer = await client.fine_tuning.checkpoints.permissions.retrieve(_CHECKPOINT)
            return text, len(answer.data)

    assert asyncio.run(main()) == ("async text", 1)


def test_the_second_methods_are_deprecated_statically_with_the_official_reason() -> None:
    import openai

    pairs: list[tuple[Any, Any]] = [
        (OpenAI(api_key="sk-test").files.retrieve_content, openai.OpenAI(api_key="sk-test").files.retrieve_content),
        (
            AsyncOpenAI(api_key="sk-test").fine_tuning.checkpoints.permissions.retrieve,
            openai.AsyncOpenAI(api_key="sk-test").fine_tuning.checkpoints.permissions.retrieve,
        ),
    ]
    for ours, theirs in pairs:
        assert ours.__deprecated__ == theirs.__deprecated__
        assert ours.__deprecated__


# -- official names paired through the operations --------------------------------------------


def test_role_unassignment_answers_the_official_role_delete_response(server: MockServer, client: OpenAI) -> None:
    from typed_openai.types.admin.organization import RoleDeleteResponse
    from typed_openai.types.admin.organization.groups import RoleDeleteResponse as GroupRoleDeleteResponse
    from typed_openai.types.admin.organization.projects import ProjectModelPermissionsDeleted
    from typed_openai.types.admin.organization.users import RoleDeleteResponse as UserRoleDeleteResponse

    # a role assignment removed: `{object, deleted}`, the same shape as a model permission
    # deletion but another schema; a role deleted carries its `id` and a fixed `object`
    assert GroupRoleDeleteResponse is UserRoleDeleteResponse
    assert GroupRoleDeleteResponse is not ProjectModelPermissionsDeleted
    assert set(GroupRoleDeleteResponse.model_fields) == {"object", "deleted"}
    assert set(RoleDeleteResponse.model_fields) == {"id", "object", "deleted"}
    unassigned = {"object": "group.role.deleted", "deleted": True}
    server.route("DELETE", "/organization/groups/{group_id}/roles/{role_id}", JSONResponse(unassigned))
    with OpenAI(api_key="sk-test", admin_api_key="sk-admin", base_url=server.base_url, _strict_response_validation=True) as strict:
        answer = strict.admin.organization.groups.roles.delete("role_1", group_id="group_1")
    assert type(answer) is GroupRoleDeleteResponse and answer.object == "group.role.deleted"


def test_a_deleted_model_is_model_deleted_and_a_chatkit_thread_has_its_name() -> None:
    from typed_openai.types import ModelDeleted
    from typed_openai.types.beta.chatkit import ChatKitThread
    from typed_openai.types.fine_tuning.checkpoints import PermissionRetrieveResponse

    assert set(ModelDeleted.model_fields) == {"id", "object", "deleted"}
    assert ModelDeleted.model_validate({"id": "ft:x", "object": "model", "deleted": True}).id == "ft:x"
    assert ChatKitThread.__name__ == "ChatKitThread" and {"id", "status", "title"} <= set(ChatKitThread.model_fields)
    assert {"data", "has_more", "object"} <= set(PermissionRetrieveResponse.model_fields)


# -- optional_fields -------------------------------------------------------------------------


def _without_logprobs(response: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(response)
    for item in out["output"]:
        for part in item["content"]:
            part.pop("logprobs", None)
    return out


@pytest.mark.parametrize("beta", [False, True])
def test_strict_validation_accepts_output_text_without_logprobs(server: MockServer, beta: bool) -> None:
    body = _without_logprobs(response_object("Hi there"))
    assert all("logprobs" not in part for item in body["output"] for part in item["content"])
    server.route("GET", "/responses/{response_id}", JSONResponse(body))
    with OpenAI(api_key="sk-test", base_url=server.base_url, _strict_response_validation=True, max_retries=0) as client:
        answer = (client.beta.responses if beta else client.responses).retrieve("resp_abc123")
    part = answer.output[0].content[0]  # type: ignore[union-attr]  # the one message of the mock's answer
    assert part.type == "output_text" and part.logprobs is None  # type: ignore[union-attr]  # output_text, asserted
    assert answer.output_text == "Hi there"


# -- closing -----------------------------------------------------------------------------------


def test_closing_the_client_closes_the_http_client_it_was_given_but_not_a_copys(server: MockServer) -> None:
    from typed_openai import DefaultAioHttpClient
    from typed_openai._core._aiohttp import AiohttpTransport

    server.route("GET", "/models", JSONResponse(list_object([])))

    async def main() -> tuple[bool, bool, bool]:
        http = DefaultAioHttpClient()
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, http_client=http) as client:
            assert [m async for m in client.models.list()] == []
            await client.with_options(max_retries=1).close()  # a copy shares the pool: left open
            open_after_copy = not http.is_closed
        transport = http._transport  # the aiohttp session under it, which warns if left open
        assert isinstance(transport, AiohttpTransport) and transport._session is not None
        return open_after_copy, http.is_closed, transport._session.closed

    assert asyncio.run(main()) == (True, True, True)
    with OpenAI(api_key="sk-test", base_url=server.base_url) as sync_client:
        sync_http = sync_client._http
    assert sync_http.is_closed
