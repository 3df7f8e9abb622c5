"""Pins the public surface of typed_openai._core: a change here is an API change."""

from __future__ import annotations

import importlib
import pkgutil
from typing import cast

import typed_openai._core as core

EXPECTED = {
    "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT",
    "APIConnectionError", "APIError", "APIResponse", "APIResponseValidationError",
    "APIStatusError", "APITimeoutError", "AsyncAPIClient", "AsyncAPIResource",
    "AsyncAPIResponse", "AsyncCursorPage", "AsyncPageTokenPage", "AsyncPaginator",
    "AsyncSinglePage", "AsyncStream", "AuthenticationError", "BadRequestError",
    "BaseAsyncPage", "BaseModel", "BaseSyncPage", "BinaryResponse", "Body", "ConflictError",
    "ClientIdentity", "HeaderOption", "KeyAuth", "PageShape",
    "FileTypes", "Headers", "InternalServerError", "JSONValue", "NotFoundError", "Omit", "OpenAIError",
    "PermissionDeniedError", "Query", "RateLimitError", "StreamEventTooLargeError", "RequestSpec", "SSEDecoder",
    "ServerSentEvent", "Stream", "StreamFraming", "SyncAPIClient", "SyncAPIResource",
    "SyncCursorPage", "SyncPageTokenPage", "SyncSinglePage", "Timeout", "UnknownStreamEvent",
    "UnprocessableEntityError", "async_to_raw_response_wrapper", "deadline_cap", "header_values", "omit", "path_template",
    "to_raw_response_wrapper", "LegacyAPIResponse", "ResponseContextManager", "AsyncResponseContextManager",
    "to_streamed_response_wrapper", "async_to_streamed_response_wrapper",
    "to_streamed_binary_response_wrapper", "async_to_streamed_binary_response_wrapper",
    "DEFAULT_CONNECTION_LIMITS", "NOT_GIVEN", "NotGiven", "not_given", "file_from_path",
    "DefaultHttpxClient", "DefaultAsyncHttpxClient", "DefaultHttpx2Client", "DefaultAsyncHttpx2Client",
    "DefaultAioHttpClient", "HttpxBinaryResponseContent",
}  # fmt: skip


def test_public_names_are_pinned() -> None:
    assert set(core.__all__) == EXPECTED
    assert sorted(core.__all__) == sorted(set(core.__all__))  # no duplicates
    for name in core.__all__:
        assert getattr(core, name) is not None


def test_every_module_is_private_with_explicit_all() -> None:
    for info in pkgutil.iter_modules(core.__path__):
        assert info.name.startswith("_"), info.name
        module = importlib.import_module(f"{core.__name__}.{info.name}")
        names: object = getattr(module, "__all__", None)
        assert isinstance(names, list), info.name
        for name in cast("list[str]", names):
            assert hasattr(module, name), f"{info.name}.{name}"


def test_error_hierarchy() -> None:
    assert issubclass(core.APIError, core.OpenAIError)
    assert issubclass(core.APIStatusError, core.APIError)
    assert issubclass(core.APIConnectionError, core.APIError)
    assert issubclass(core.APITimeoutError, core.APIConnectionError)
    assert issubclass(core.APIResponseValidationError, core.APIError)
    for cls in (
        core.BadRequestError, core.AuthenticationError, core.PermissionDeniedError,
        core.NotFoundError, core.ConflictError, core.UnprocessableEntityError,
        core.RateLimitError, core.InternalServerError,
    ):  # fmt: skip
        assert issubclass(cls, core.APIStatusError)


def test_resources_hold_their_client() -> None:
    client = core.SyncAPIClient(api_key="sk-x", base_url="http://127.0.0.1:1")
    assert core.SyncAPIResource(client)._client is client
    aclient = core.AsyncAPIClient(api_key="sk-x", base_url="http://127.0.0.1:1")
    assert core.AsyncAPIResource(aclient)._client is aclient
