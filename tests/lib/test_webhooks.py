"""`client.webhooks`: Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`,
`webhook-signature`; HMAC-SHA256 of `id.timestamp.body`), the secret from the argument,
the client or `OPENAI_WEBHOOK_SECRET`, and `unwrap` typing each event the spec lists.

The clock is the only thing replaced (`time.time`); the end-to-end test receives a signed
webhook over real HTTP on 127.0.0.1, as a user's endpoint would."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import http.server
import inspect
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

import typed_openai
from typed_openai import AsyncOpenAI, InvalidWebhookSignatureError, OpenAI
from typed_openai.lib.azure import AzureOpenAI
from typed_openai.lib.webhooks import AsyncWebhooks, UnknownWebhookEvent, Webhooks
from typed_openai.types import webhooks as webhook_types

NOW = 1_800_000_000
KEY = b"a key of thirty-two bytes, exact"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"another key entirely, also 32 b.").decode()
BODY = json.dumps({"id": "evt_1", "object": "event", "created_at": NOW, "type": "batch.completed", "data": {"id": "batch_9"}})


def sign(body: str | bytes, *, key: bytes = KEY, timestamp: int | str = NOW, message_id: str = "msg_1") -> dict[str, str]:
    """Headers as the API sends them, computed here from the scheme's definition."""
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + raw, hashlib.sha256).digest()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.time", lambda: NOW + 0.75)
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET", raising=False)


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> OpenAI | AsyncOpenAI:
    kind = OpenAI if request.param == "sync" else AsyncOpenAI
    return kind(api_key="sk-test", base_url="http://127.0.0.1:9", webhook_secret=SECRET)


# -- verify_signature ----------------------------------------------------------------------


def test_a_signed_webhook_verifies_as_text_bytes_and_any_header_container(client: OpenAI | AsyncOpenAI) -> None:
    headers = sign(BODY)
    for given in (headers, {k.title(): v for k, v in headers.items()}, {k.upper(): v for k, v in headers.items()},
                  httpx2.Headers(headers)):
        assert client.webhooks.verify_signature(BODY, given) is None
        assert client.webhooks.verify_signature(BODY.encode(), given) is None


def test_an_object_with_only_get_is_asked_for_the_usual_spellings(client: OpenAI | AsyncOpenAI) -> None:
    class TitleCaseOnly:  # as a framework's headers object that matches case exactly
        def __init__(self, headers: dict[str, str]) -> None:
            self._headers = {k.title(): v for k, v in headers.items()}

        def get(self, key: str, /) -> str | None:
            return self._headers.get(key)

    client.webhooks.verify_signature(BODY, TitleCaseOnly(sign(BODY)))


def test_headers_of_another_kind_are_refused_by_name(client: OpenAI | AsyncOpenAI) -> None:
    with pytest.raises(TypeError, match="not list"):
        client.webhooks.verify_signature(BODY, list(sign(BODY).items()))  # type: ignore[arg-type]  # misuse on purpose


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda body, headers: (body, sign(body, key=b"wrong key")), id="wrong secret"),
        pytest.param(lambda body, headers: (body.replace("batch_9", "batch_8"), headers), id="tampered body"),
        pytest.param(lambda body, headers: (body, {**headers, "webhook-id": "msg_2"}), id="another message id"),
        pytest.param(lambda body, headers: (body, {**headers, "webhook-timestamp": str(NOW + 1)}), id="another timestamp"),
        pytest.param(lambda body, headers: (body, {**headers, "webhook-signature": "v1,"}), id="empty signature"),
        pytest.param(lambda body, headers: (body, {**headers, "webhook-signature": "v1,é"}), id="non-ASCII signature"),
        pytest.param(lambda body, headers: (body, {**headers, "webhook-signature": headers["webhook-signature"].replace("v1,", "v2,")}),
                     id="another version"),
    ],
)
def test_anything_but_what_the_api_signed_is_refused(client: OpenAI | AsyncOpenAI, change: Any) -> None:
    body, headers = change(BODY, sign(BODY))
    with pytest.raises(InvalidWebhookSignatureError, match="does not match the expected signature") as caught:
        client.webhooks.verify_signature(body, headers)
    assert isinstance(caught.value, ValueError) and not isinstance(caught.value, typed_openai.OpenAIError)
    text = str(caught.value)
    assert SECRET not in text and BODY not in text and headers["webhook-signature"] not in text
    assert caught.value.__suppress_context__ and caught.value.__cause__ is None


def test_one_matching_signature_among_several_is_enough(client: OpenAI | AsyncOpenAI) -> None:
    """While a secret rotates, the API signs with the old key and the new one."""
    old, new = sign(BODY, key=b"the old key")["webhook-signature"], sign(BODY)["webhook-signature"]
    headers = {**sign(BODY), "webhook-signature": f"{old}  {new}\tv1,garbage"}
    client.webhooks.verify_signature(BODY, headers)
    bare = {**sign(BODY), "webhook-signature": new.removeprefix("v1,")}  # a bare signature is taken as v1
    client.webhooks.verify_signature(BODY, bare)
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.verify_signature(BODY, {**headers, "webhook-signature": f"{old} v1,garbage"})


@pytest.mark.parametrize(
    ("offset", "tolerance", "error"),
    [
        (0, 300, None),
        (-300, 300, None),
        (300, 300, None),
        (-301, 300, "Webhook timestamp is too old"),
        (301, 300, "Webhook timestamp is too new"),
        (-3600, 300, "Webhook timestamp is too old"),
        (-3600, 7200, None),
        (1, 0, "Webhook timestamp is too new"),
    ],
)
def test_the_timestamp_must_be_within_the_tolerance_either_way(
    client: OpenAI | AsyncOpenAI, offset: int, tolerance: int, error: str | None
) -> None:
    headers = sign(BODY, timestamp=NOW + offset)
    if error is None:
        client.webhooks.verify_signature(BODY, headers, tolerance=tolerance)
        return
    with pytest.raises(InvalidWebhookSignatureError, match=error) as caught:
        client.webhooks.verify_signature(BODY, headers, tolerance=tolerance)
    assert f"tolerance of {tolerance} s" in str(caught.value)


def test_the_timestamp_is_checked_before_the_signature(client: OpenAI | AsyncOpenAI) -> None:
    stale = {**sign(BODY, timestamp=NOW - 1000), "webhook-signature": "v1,not-even-checked"}
    with pytest.raises(InvalidWebhookSignatureError, match="too old"):
        client.webhooks.verify_signature(BODY, stale)


@pytest.mark.parametrize("timestamp", ["", "soon", "1.8e9", "0x6B49D200"])
def test_a_timestamp_that_is_not_unix_seconds_is_refused(client: OpenAI | AsyncOpenAI, timestamp: str) -> None:
    with pytest.raises(InvalidWebhookSignatureError, match="Invalid webhook timestamp format"):
        client.webhooks.verify_signature(BODY, sign(BODY, timestamp=timestamp))


def test_the_timestamp_is_signed_as_sent(client: OpenAI | AsyncOpenAI) -> None:
    client.webhooks.verify_signature(BODY, sign(BODY, timestamp=f"0{NOW}"))


@pytest.mark.parametrize("missing", ["webhook-signature", "webhook-timestamp", "webhook-id"])
def test_a_missing_header_is_named(client: OpenAI | AsyncOpenAI, missing: str) -> None:
    headers = {k: v for k, v in sign(BODY).items() if k != missing}
    with pytest.raises(ValueError, match=f"Could not find {missing} header") as caught:
        client.webhooks.verify_signature(BODY, headers)
    assert not isinstance(caught.value, InvalidWebhookSignatureError)


def test_the_signature_header_is_looked_for_first() -> None:
    client = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9", webhook_secret=SECRET)
    with pytest.raises(ValueError, match="Could not find webhook-signature header"):
        client.webhooks.verify_signature(BODY, {})


def test_a_secret_without_the_prefix_is_the_key_itself(client: OpenAI | AsyncOpenAI) -> None:
    client.webhooks.verify_signature(BODY, sign(BODY, key=b"plain secret"), secret="plain secret")
    client.webhooks.verify_signature(BODY, sign(BODY, key=b""), secret="")  # given, even if empty


def test_a_prefixed_secret_that_is_not_base64_says_so(client: OpenAI | AsyncOpenAI) -> None:
    with pytest.raises(binascii.Error, match="not valid base64 after its 'whsec_' prefix") as caught:
        client.webhooks.verify_signature(BODY, sign(BODY), secret="whsec_abcde")
    assert "abcde" not in str(caught.value)


def test_a_bytes_body_is_checked_as_sent() -> None:
    client = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9", webhook_secret=SECRET)
    latin = b'{"type": "batch.completed", "note": "caf\xe9"}'
    client.webhooks.verify_signature(latin, sign(latin))


# -- the secret ------------------------------------------------------------------------------


def test_the_argument_wins_over_the_client_secret(client: OpenAI | AsyncOpenAI) -> None:
    other_key = base64.b64decode(OTHER_SECRET.removeprefix("whsec_"))
    client.webhooks.verify_signature(BODY, sign(BODY, key=other_key), secret=OTHER_SECRET)
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.verify_signature(BODY, sign(BODY), secret=OTHER_SECRET)


def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    for kind in (OpenAI, AsyncOpenAI):
        client = kind(api_key="sk-test", base_url="http://127.0.0.1:9")
        assert client.webhook_secret == SECRET
        assert client.webhooks.unwrap(BODY, sign(BODY)).id == "evt_1"
        assert kind(api_key="sk-test", base_url="http://127.0.0.1:9", webhook_secret="mine").webhook_secret == "mine"


@pytest.mark.parametrize("kind", [OpenAI, AsyncOpenAI])
def test_no_secret_anywhere_names_every_way_to_give_one(kind: type[OpenAI] | type[AsyncOpenAI]) -> None:
    client = kind(api_key="sk-test", base_url="http://127.0.0.1:9")
    assert client.webhook_secret is None
    for call in (client.webhooks.verify_signature, client.webhooks.unwrap):
        with pytest.raises(ValueError, match="The webhook secret must either be set") as caught:
            call(BODY, sign(BODY))
        assert "OPENAI_WEBHOOK_SECRET" in str(caught.value) and f"{kind.__name__}(...)" in str(caught.value)


def test_copies_keep_or_replace_the_secret(client: OpenAI | AsyncOpenAI) -> None:
    assert client.with_options(max_retries=0).webhook_secret == SECRET
    assert client.copy().webhook_secret == SECRET
    assert client.with_options(webhook_secret=OTHER_SECRET).webhook_secret == OTHER_SECRET


def test_azure_clients_take_the_secret_too() -> None:
    azure = AzureOpenAI(api_key="k", api_version="2024-10-21", azure_endpoint="https://x.openai.azure.com", webhook_secret=SECRET)
    assert azure.webhooks.unwrap(BODY, sign(BODY)).type == "batch.completed"
    assert azure.with_options(max_retries=0).webhook_secret == SECRET


def test_the_module_client_has_the_setting_and_the_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typed_openai, "api_key", "sk-module")
    monkeypatch.setattr(typed_openai, "webhook_secret", SECRET)
    typed_openai._reset_client()
    try:
        assert typed_openai.webhooks.unwrap(BODY, sign(BODY)).id == "evt_1"
    finally:
        monkeypatch.undo()
        typed_openai._reset_client()


# -- unwrap --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pinned_spec(pinned_spec_path: Path) -> dict[str, Any]:
    from codegen.load import load_spec

    return load_spec(pinned_spec_path)


def _webhook_examples(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(schema, example event) for every webhook the spec lists, from its own examples."""
    schemas = spec["components"]["schemas"]
    found = []
    for item in spec["webhooks"].values():
        ref = item["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        name = ref.rsplit("/", 1)[-1]
        # Some examples have trailing commas, which YAML's flow syntax reads and JSON does not.
        found.append((name, yaml.safe_load(schemas[name]["x-oaiMeta"]["example"])))
    return found


def test_unwrap_gives_each_event_its_own_class(client: OpenAI | AsyncOpenAI, pinned_spec: dict[str, Any]) -> None:
    examples = _webhook_examples(pinned_spec)
    assert len(examples) == 16
    classes = {getattr(webhook_types, name) for name in webhook_types.__all__ if name != "UnwrapWebhookEvent"}
    seen = set()
    for _schema, example in examples:
        body = json.dumps(example)
        event = client.webhooks.unwrap(body, sign(body))
        assert type(event) in classes and event.type == example["type"] and event.id == example["id"]
        assert event.model_fields_set >= {"id", "type", "data"}
        assert type(event.data).__name__ == type(event).__name__ + "Data"  # validated, not kept raw
        seen.add(type(event))
    assert len(seen) == 16


def test_unwrap_keeps_fields_a_newer_api_adds(client: OpenAI | AsyncOpenAI) -> None:
    body = json.dumps({**json.loads(BODY), "region": "eu", "data": {"id": "batch_9", "size": 3}})
    event = client.webhooks.unwrap(body.encode(), sign(body))
    assert type(event) is webhook_types.BatchCompletedWebhookEvent
    assert event.to_dict()["region"] == "eu" and event.data.to_dict()["size"] == 3


def test_an_unknown_event_type_is_kept_and_mistaken_for_no_known_event(client: OpenAI | AsyncOpenAI) -> None:
    sent = {"id": "evt_2", "object": "event", "created_at": NOW, "type": "video.rendered", "data": {"id": "v_1"}, "extra": 1}
    body = json.dumps(sent)
    event: Any = client.webhooks.unwrap(body, sign(body))
    assert type(event) is UnknownWebhookEvent
    assert (event.type, event.id, event.created_at, event.data, event.extra) == ("video.rendered", "evt_2", NOW, {"id": "v_1"}, 1)
    untyped = json.dumps({"id": "evt_3"})
    assert client.webhooks.unwrap(untyped, sign(untyped)).type is None


def test_a_known_event_of_another_shape_is_kept_leniently(client: OpenAI | AsyncOpenAI) -> None:
    body = json.dumps({"id": "evt_4", "type": "batch.failed", "created_at": "yesterday", "data": {"id": 5}})
    event = client.webhooks.unwrap(body, sign(body))
    assert type(event) is webhook_types.BatchFailedWebhookEvent
    assert (event.created_at, event.data.id) == ("yesterday", 5)


def test_unwrap_verifies_before_it_parses(client: OpenAI | AsyncOpenAI) -> None:
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.unwrap("not json", sign(BODY))
    with pytest.raises(json.JSONDecodeError):
        client.webhooks.unwrap("not json", sign("not json"))


def test_the_async_resource_has_plain_methods_of_the_same_signatures() -> None:
    for name in ("unwrap", "verify_signature"):
        sync_method, async_method = getattr(Webhooks, name), getattr(AsyncWebhooks, name)
        assert not inspect.iscoroutinefunction(async_method)
        assert inspect.signature(sync_method) == inspect.signature(async_method)
    assert inspect.signature(Webhooks.verify_signature).parameters["tolerance"].default == 300
    assert [p.kind for p in inspect.signature(Webhooks.unwrap).parameters.values()][1:] == [
        inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY,
    ]


def test_the_error_and_the_resource_are_importable_where_the_official_sdk_has_them() -> None:
    from typed_openai._exceptions import InvalidWebhookSignatureError as from_private

    from typed_openai.resources.webhooks import AsyncWebhooks as AsyncResource, Webhooks as Resource

    assert from_private is InvalidWebhookSignatureError is typed_openai.InvalidWebhookSignatureError
    assert (Resource, AsyncResource) == (Webhooks, AsyncWebhooks)
    assert not hasattr(OpenAI(api_key="k", base_url="http://127.0.0.1:9").with_raw_response, "webhooks")


# -- over HTTP ---------------------------------------------------------------------------------------


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[object]]]:
    """A user's webhook endpoint on 127.0.0.1: verifies each POST with `self.headers` (the
    standard library's header object) and the body as received, and answers 200 or 400."""
    client = OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9", webhook_secret=SECRET)
    received: list[object] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            try:
                received.append(client.webhooks.unwrap(body, self.headers))
                self.send_response(200)
            except InvalidWebhookSignatureError as error:
                received.append(error)
                self.send_response(400)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/webhook", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_endpoint_accepts_the_api_webhook_and_refuses_a_forgery(endpoint: tuple[str, list[object]]) -> None:
    url, received = endpoint
    body = BODY.encode()
    with httpx2.Client() as http:
        assert http.post(url, content=body, headers={**sign(body), "Content-Type": "application/json"}).status_code == 200
        forged = sign(body, key=b"someone else")
        assert http.post(url, content=body, headers=forged).status_code == 400
    event, error = received
    assert isinstance(event, webhook_types.BatchCompletedWebhookEvent) and event.data.id == "batch_9"
    assert isinstance(error, InvalidWebhookSignatureError)
