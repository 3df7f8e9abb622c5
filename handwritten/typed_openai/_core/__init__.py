"""HTTP runtime of typed_openai: transport, auth, retries, errors, SSE, pages, models.

It knows nothing of OpenAI's resources; generated code builds on it.
"""

from ._client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient, deadline_cap
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    StreamEventTooLargeError,
    UnprocessableEntityError,
)
from ._models import BaseModel
from ._pages import (
    AsyncCursorPage,
    AsyncPageTokenPage,
    AsyncPaginator,
    AsyncSinglePage,
    BaseAsyncPage,
    BaseSyncPage,
    SyncCursorPage,
    SyncPageTokenPage,
    SyncSinglePage,
)
from ._request import RequestSpec, header_values, path_template
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    BinaryResponse,
    async_to_raw_response_wrapper,
    to_raw_response_wrapper,
)
from ._sse import ServerSentEvent, SSEDecoder
from ._streaming import AsyncStream, Stream, UnknownStreamEvent
from ._types import Body, FileTypes, Headers, JSONValue, Omit, Query, StreamFraming, Timeout, omit

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "AsyncAPIResponse",
    "AsyncCursorPage",
    "AsyncPageTokenPage",
    "AsyncPaginator",
    "AsyncSinglePage",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "BaseAsyncPage",
    "BaseModel",
    "BaseSyncPage",
    "BinaryResponse",
    "Body",
    "ConflictError",
    "FileTypes",
    "Headers",
    "JSONValue",
    "InternalServerError",
    "NotFoundError",
    "Omit",
    "OpenAIError",
    "PermissionDeniedError",
    "Query",
    "RateLimitError",
    "StreamEventTooLargeError",
    "RequestSpec",
    "SSEDecoder",
    "ServerSentEvent",
    "Stream",
    "StreamFraming",
    "SyncAPIClient",
    "SyncAPIResource",
    "SyncCursorPage",
    "SyncPageTokenPage",
    "SyncSinglePage",
    "Timeout",
    "UnknownStreamEvent",
    "UnprocessableEntityError",
    "async_to_raw_response_wrapper",
    "deadline_cap",
    "header_values",
    "omit",
    "path_template",
    "to_raw_response_wrapper",
]
