"""Exception hierarchy, and the I/O-free mapping from HTTP outcomes to exceptions."""

from __future__ import annotations

import json
from typing import cast

import httpx2

from ._json import as_object

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "OpenAIError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamEventTooLargeError",
    "UnprocessableEntityError",
    "connection_error",
    "error_body",
    "redact",
    "status_error",
]


class OpenAIError(Exception):
    """Base of every error this package raises."""


def _error_object(body: object) -> dict[str, object] | None:
    # The API wraps errors as {"error": {...}}; stream error events sometimes send the bare object.
    obj = as_object(body)
    if obj is None:
        return None
    return as_object(obj.get("error")) or obj


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


class APIError(OpenAIError):
    """The API (or the connection to it) failed for `request`.

    Every message and body passes through here, and here the API key the request carried
    is removed from them (the API quotes a refused key back; a stream's error event or a
    proxy's page may too), so no `str`, `repr` or traceback of an error shows it.
    """

    message: str
    request: httpx2.Request
    body: object | None
    code: str | None
    param: str | None
    type: str | None

    def __init__(
        self, message: str, request: httpx2.Request, body: object | None = None
    ) -> None:
        secret = _request_secret(request)
        message = redact(message, secret)
        body = redact_value(body, secret)
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        error = _error_object(body)
        self.code = _str_or_none(error.get("code")) if error else None
        self.param = _str_or_none(error.get("param")) if error else None
        self.type = _str_or_none(error.get("type")) if error else None

    def __str__(self) -> str:
        return self.message


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status."""

    response: httpx2.Response
    status_code: int
    request_id: str | None

    def __init__(
        self, message: str, response: httpx2.Response, body: object | None = None
    ) -> None:
        super().__init__(message, response.request, body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """HTTP 400."""


class AuthenticationError(APIStatusError):
    """HTTP 401."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class ConflictError(APIStatusError):
    """HTTP 409."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429."""


class InternalServerError(APIStatusError):
    """HTTP 500 and above."""


class APIConnectionError(APIError):
    """No usable HTTP response: refused, reset, DNS failure, protocol error."""

    def __init__(
        self, request: httpx2.Request, message: str = "Connection error."
    ) -> None:
        super().__init__(message, request, None)


class APITimeoutError(APIConnectionError):
    def __init__(
        self, request: httpx2.Request, message: str = "Request timed out."
    ) -> None:
        super().__init__(request, message)


class APIResponseValidationError(APIError):
    """The API answered 2xx but the body is not what this client can read."""

    response: httpx2.Response
    status_code: int

    def __init__(
        self,
        response: httpx2.Response,
        body: object | None,
        message: str = "Data returned by API invalid for expected schema.",
    ) -> None:
        super().__init__(message, response.request, body)
        self.response = response
        self.status_code = response.status_code


class StreamEventTooLargeError(APIResponseValidationError):
    """A stream event grew past the client's `max_stream_event_bytes` before it ended."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


# Real API keys are 40 characters and more. A shorter key (a test key such as "test") is
# a word that ordinary text contains ("chatgpt-4o-latest"), not a secret to scrub from it.
MIN_SECRET_LENGTH = 20


def _request_secret(request: httpx2.Request) -> str | None:
    """The bearer token `request` carried, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def redact(text: str, secret: str | None) -> str:
    """Remove `secret` from text that may end up in a message or a log line."""
    if secret and len(secret) >= MIN_SECRET_LENGTH and secret in text:
        return text.replace(secret, "<redacted>")
    return text


def redact_value(value: object, secret: str | None) -> object:
    """`value` (parsed JSON) with `secret` removed from every string in it: the API
    quotes a refused key back in its error message."""
    if isinstance(value, str):
        return redact(value, secret)
    if isinstance(value, dict):
        return {k: redact_value(v, secret) for k, v in cast("dict[object, object]", value).items()}
    if isinstance(value, list):
        return [redact_value(v, secret) for v in cast("list[object]", value)]
    return value


def error_body(response: httpx2.Response) -> object | None:
    """The error body of a fully read response: parsed JSON, else text, else None."""
    content = response.content
    if not content:
        return None
    try:
        parsed: object = json.loads(content)
    except ValueError:
        return response.text
    return parsed


def status_error(response: httpx2.Response) -> APIStatusError:
    """Build the exception for a read 4xx/5xx response (`APIError` redacts the key).

    As the official SDK: `body` is the inner object of an `{"error": {...}}` envelope
    (else the whole parsed body, else the text), and the message is
    `Error code: <status> - <the parsed body>`, or the text of a body that is not JSON.
    """
    parsed = error_body(response)
    if isinstance(parsed, str):
        parsed = parsed.strip()
    envelope = as_object(parsed)
    body: object | None = parsed
    if envelope is not None and "error" in envelope:
        body = envelope["error"]
    if parsed is None:
        message = f"Error code: {response.status_code}"
    elif isinstance(parsed, str):
        message = parsed or f"Error code: {response.status_code}"
    else:
        message = f"Error code: {response.status_code} - {parsed}"
    cls = _STATUS_ERRORS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(message, response, body)


def connection_error(exc: httpx2.RequestError, request: httpx2.Request) -> APIConnectionError:
    """Map a failure below HTTP (transport, body decoding, redirects); the caller raises
    it `from exc` to keep the cause."""
    if isinstance(exc, httpx2.TimeoutException):
        return APITimeoutError(request)
    if isinstance(exc, httpx2.DecodingError):
        return APIConnectionError(request, f"The response body could not be decoded ({exc}).")
    if isinstance(exc, httpx2.TooManyRedirects):
        return APIConnectionError(request, f"Too many redirects ({exc}).")
    return APIConnectionError(request)
