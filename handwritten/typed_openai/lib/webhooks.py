"""`client.webhooks`: check that a webhook request was sent by the API, and read its event.

```python
event = client.webhooks.unwrap(request.body, request.headers)  # secret: webhook_secret=
if event.type == "response.completed":                             # or OPENAI_WEBHOOK_SECRET
    ...
```

`unwrap` verifies, then parses the body as `types.webhooks.UnwrapWebhookEvent` (the union
of the events the spec lists, generated); `verify_signature` only verifies. Neither sends a
request, so the async client's are plain methods too. The signature scheme is in
`lib/_webhooks.py`.
"""

from __future__ import annotations

import builtins
import functools
import json
import typing
from typing import TYPE_CHECKING, cast

import typing_extensions

from typed_openai._core import AsyncAPIResource, BaseModel, SyncAPIResource
from typed_openai._core._models import construct_lenient, parse_data

from ._webhooks import HeadersLike, InvalidWebhookSignatureError, webhook_signature_matches

if TYPE_CHECKING:
    from collections.abc import Mapping

    from typed_openai._core._client import AsyncAPIClient, SyncAPIClient
    from typed_openai.types.webhooks import UnwrapWebhookEvent

__all__ = ["DEFAULT_TOLERANCE", "AsyncWebhooks", "InvalidWebhookSignatureError", "UnknownWebhookEvent", "Webhooks"]

# Seconds a webhook's timestamp may be from this machine's clock, either way.
DEFAULT_TOLERANCE = 300


class UnknownWebhookEvent(BaseModel):
    """An event whose `type` this client's types do not know (a newer API): kept as sent,
    every field reachable (`event.data`, extras as attributes). It is no known event's
    class, so code that dispatches on `type` or on the class never mistakes it for one."""

    type: str | None = None
    id: str | None = None
    created_at: int | None = None
    data: builtins.object = None
    object: str | None = None


def _secret(client: SyncAPIClient | AsyncAPIClient, secret: str | None) -> str:
    """`secret` if given (an empty one included), else the client's `webhook_secret`."""
    if secret is not None:
        return secret
    if client.webhook_secret is not None:
        return client.webhook_secret
    env = client._identity.webhook_secret_env  # pyright: ignore[reportPrivateUsage]  -- the client's API identity, read-only
    raise ValueError(
        "The webhook secret must either be set on the client or given here: pass secret=, or "
        f"webhook_secret= to {type(client).__name__}(...)" + (f", or set {env}" if env else "")
    )


def _verify(
    client: SyncAPIClient | AsyncAPIClient,
    payload: str | bytes,
    headers: HeadersLike | Mapping[str, str],
    secret: str | None,
    tolerance: int,
) -> None:
    if not webhook_signature_matches(payload, headers, secret=_secret(client, secret), tolerance=tolerance):
        # Never the secret, the body or the signatures themselves.
        raise InvalidWebhookSignatureError(
            "The given webhook signature does not match the expected signature: the body, the "
            "webhook-id or webhook-timestamp header, or the secret is not what the API signed"
        ) from None


@functools.cache
def _event_types(union: object) -> frozenset[str]:
    """The `type` tags of the union's members."""
    while True:
        if isinstance(union, typing_extensions.TypeAliasType):
            union = union.__value__
        elif typing.get_origin(union) is typing.Annotated:
            union = typing.get_args(union)[0]
        else:
            break
    tags: set[str] = set()
    for member in typing.get_args(union):
        field = getattr(member, "model_fields", {}).get("type")
        if field is not None and typing.get_origin(field.annotation) is typing.Literal:
            tags.update(tag for tag in typing.get_args(field.annotation) if isinstance(tag, str))
    return frozenset(tags)


def _unknown(data: object, known: frozenset[str]) -> bool:
    """An object whose `type` is none of the known events' (a JSON value of another kind is
    parsed as it is, leniently)."""
    return isinstance(data, dict) and cast("dict[str, object]", data).get("type") not in known


def _event(payload: str | bytes) -> UnwrapWebhookEvent:
    from typed_openai.types.webhooks import UnwrapWebhookEvent

    data: object = json.loads(payload)
    if _unknown(data, _event_types(UnwrapWebhookEvent)):
        # Outside the declared type, as a newer event is: see `UnknownWebhookEvent`.
        return cast("UnwrapWebhookEvent", construct_lenient(UnknownWebhookEvent, data))
    # A known event is validated, and kept leniently if a newer API changed its shape.
    return parse_data(cast("type[UnwrapWebhookEvent]", UnwrapWebhookEvent), data)


class Webhooks(SyncAPIResource):
    """Webhooks the API sends: `unwrap` (verify, then parse) and `verify_signature`."""

    def unwrap(self, payload: str | bytes, headers: HeadersLike | Mapping[str, str], *, secret: str | None = None) -> UnwrapWebhookEvent:
        """Verify the webhook (see `verify_signature`, with its default tolerance), then
        return its event, typed by its `type`. A `type` this client does not know gives an
        `UnknownWebhookEvent`; a body that is not JSON raises `json.JSONDecodeError`."""
        _verify(self._client, payload, headers, secret, DEFAULT_TOLERANCE)
        return _event(payload)

    def verify_signature(
        self,
        payload: str | bytes,
        headers: HeadersLike | Mapping[str, str],
        *,
        secret: str | None = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> None:
        """Raise unless the API signed this webhook with the secret.

        `payload` is the request body exactly as received, `headers` its headers (any
        mapping, or an object with `get`). `secret` defaults to the client's
        `webhook_secret`. Raises `InvalidWebhookSignatureError` when no signature matches
        or the timestamp is more than `tolerance` seconds from now, either way, and
        `ValueError` when a `webhook-*` header or the secret is missing."""
        _verify(self._client, payload, headers, secret, tolerance)


class AsyncWebhooks(AsyncAPIResource):
    """Webhooks the API sends, as `Webhooks`: plain methods (nothing to await)."""

    def unwrap(self, payload: str | bytes, headers: HeadersLike | Mapping[str, str], *, secret: str | None = None) -> UnwrapWebhookEvent:
        """Verify the webhook, then return its event (see `Webhooks.unwrap`)."""
        _verify(self._client, payload, headers, secret, DEFAULT_TOLERANCE)
        return _event(payload)

    def verify_signature(
        self,
        payload: str | bytes,
        headers: HeadersLike | Mapping[str, str],
        *,
        secret: str | None = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> None:
        """Raise unless the API signed this webhook with the secret (see `Webhooks.verify_signature`)."""
        _verify(self._client, payload, headers, secret, tolerance)
