"""Webhook signatures as Standard Webhooks defines them (https://www.standardwebhooks.com).

The API signs every webhook it sends with the endpoint's secret. Three headers carry the
proof: `webhook-id` (the message's id), `webhook-timestamp` (when it was sent, in Unix
seconds) and `webhook-signature` (one or more `v1,<base64>` values separated by spaces:
while a secret is being rotated, the old and the new key each sign). Each value is the
base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`; the key is the secret's base64 payload
after a `whsec_` prefix, or the secret's own UTF-8 bytes without one.

Free of I/O and of any client: `client.webhooks` (sync and async alike) calls it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping
from typing import Protocol, cast

__all__ = [
    "SECRET_PREFIX",
    "HeadersLike",
    "InvalidWebhookSignatureError",
    "required_header",
    "signature_candidates",
    "signing_key",
    "webhook_signature_matches",
]

SECRET_PREFIX = "whsec_"
_SIGNATURE_VERSION = "v1"
# In the order they are looked up (a request missing several reports the first).
_REQUIRED = ("webhook-signature", "webhook-timestamp", "webhook-id")


class InvalidWebhookSignatureError(ValueError):
    """The webhook was not signed by the API with this secret, or was sent outside the
    accepted time window (a replay, or a clock far off)."""


class HeadersLike(Protocol):
    """Request headers as web frameworks hand them over: a mapping (`dict`, `httpx2.Headers`,
    Starlette's `Headers`) or any object with `get(name)` (Flask's `request.headers`)."""

    def get(self, key: str, /) -> str | None: ...


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):  # raw header bytes (ASGI): HTTP header values are latin-1
        return value.decode("latin-1")
    return None


def required_header(headers: HeadersLike | Mapping[str, str], name: str) -> str:
    """The value of header `name`, whatever the case of the keys (an empty value counts as
    given); `ValueError` when it is absent."""
    wanted = name.lower()
    if isinstance(headers, Mapping):
        pairs = cast("Mapping[object, object]", headers).items()  # any keys and values: checked below
        for key, value in pairs:
            key_text, found = _text(key), _text(value)
            if key_text is not None and found is not None and key_text.lower() == wanted:
                return found
    elif callable(getattr(headers, "get", None)):
        # Objects that only answer `get` may match case exactly: try the usual spellings.
        for spelling in dict.fromkeys((name, wanted, name.upper(), "-".join(p.capitalize() for p in name.split("-")))):
            found = _text(headers.get(spelling))
            if found is not None:
                return found
    else:
        raise TypeError(
            "headers must be the webhook request's headers: a mapping of names to values (a dict, "
            f"httpx2.Headers, a web framework's headers object), not {type(headers).__name__}"
        )
    raise ValueError(f"Could not find {name} header (a webhook request carries {', '.join(_REQUIRED)})")


def signing_key(secret: str) -> bytes:
    """The HMAC key a secret stands for: base64-decoded after `whsec_`, else its UTF-8 bytes."""
    if not secret.startswith(SECRET_PREFIX):
        return secret.encode("utf-8")
    try:
        return base64.b64decode(secret[len(SECRET_PREFIX) :])
    except binascii.Error as error:
        # Still a `binascii.Error` (a ValueError), with what was wrong; never the secret itself.
        raise binascii.Error(f"the webhook secret is not valid base64 after its {SECRET_PREFIX!r} prefix: {error}") from None


def signature_candidates(header: str) -> list[str]:
    """The base64 signatures of a `webhook-signature` header: each space-separated `v1,<sig>`
    (a bare `<sig>` is taken as v1). Values of another version cannot be checked and are
    skipped, as are non-ASCII ones, which no base64 signature equals."""
    found: list[str] = []
    for part in header.split():
        version, comma, signature = part.partition(",")
        if not comma:
            version, signature = _SIGNATURE_VERSION, part
        if version == _SIGNATURE_VERSION and signature.isascii():
            found.append(signature)
    return found


def _check_timestamp(text: str, tolerance: int) -> None:
    try:
        sent = int(text)
    except ValueError:
        raise InvalidWebhookSignatureError("Invalid webhook timestamp format: expected Unix seconds") from None
    now = int(time.time())
    if now - sent > tolerance:
        raise InvalidWebhookSignatureError(
            f"Webhook timestamp is too old: sent {now - sent} s ago, beyond the tolerance of {tolerance} s"
        ) from None
    if sent - now > tolerance:
        raise InvalidWebhookSignatureError(
            f"Webhook timestamp is too new: {sent - now} s ahead of this clock, beyond the tolerance of {tolerance} s"
        ) from None


def webhook_signature_matches(
    payload: str | bytes, headers: HeadersLike | Mapping[str, str], *, secret: str, tolerance: int
) -> bool:
    """Whether one of the webhook's signatures is the one `secret` gives for `payload`.

    Raises `ValueError` for a missing header and `InvalidWebhookSignatureError` for a
    timestamp that is not Unix seconds or is more than `tolerance` seconds from now (either
    way: a replayed message, or a clock far off). A `bytes` payload is checked as sent."""
    signatures = required_header(headers, "webhook-signature")
    timestamp = required_header(headers, "webhook-timestamp")
    message_id = required_header(headers, "webhook-id")
    _check_timestamp(timestamp, tolerance)
    body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    # The timestamp as sent, not as parsed: that text is what was signed.
    signed = f"{message_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(signing_key(secret), signed, hashlib.sha256).digest()).decode("ascii")
    # Constant time per comparison; the first match ends the search.
    return any(hmac.compare_digest(expected, candidate) for candidate in signature_candidates(signatures))
