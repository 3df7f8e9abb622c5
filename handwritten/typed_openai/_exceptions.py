"""The errors under the official SDK's `_exceptions` path, which code written for it imports
(`from openai._exceptions import APIStatusError`); the same classes as `typed_openai`'s."""

from __future__ import annotations

from typed_openai._core import (
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
from typed_openai.lib._webhooks import InvalidWebhookSignatureError  # needs no generated type
from typed_openai.lib.structured._errors import ContentFilterFinishReasonError, LengthFinishReasonError

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LengthFinishReasonError",
    "NotFoundError",
    "OpenAIError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamEventTooLargeError",
    "UnprocessableEntityError",
]
