"""What goes on the wire: URL, query, headers, JSON and multipart bodies, options."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2
import pytest

from typed_openai._core import (
    DEFAULT_TIMEOUT,
    BaseModel,
    RequestSpec,
    SyncAPIClient,
    omit,
    path_template,
)

if TYPE_CHECKING:
    from conftest import MockServer


class Obj(BaseModel):
    id: str


class Tool(BaseModel):
    type: str
    name: str | None = None


def _ok(server: MockServer) -> None:
    server.reply(200, {"id": "ok"})


# --- headers and auth -----------------------------------------------------------------


def test_default_headers(
    server: MockServer, client: SyncAPIClient, api_key: str
) -> None:
    _ok(server)
    client.request(RequestSpec(method="get", path="/models"), cast_to=Obj)
    sent = server.requests[0]
    assert sent.method == "GET"
    assert sent.path == "/v1/models"
    assert sent.headers["authorization"] == f"Bearer {api_key}"
    assert sent.headers["accept"] == "application/json"
    assert sent.headers["user-agent"].startswith("typed-openai/")
    assert sent.headers["x-stainless-lang"] == "python"  # as the official SDK sends
    assert sent.headers["x-stainless-runtime-version"].count(".") == 2
    assert "openai-organization" not in sent.headers
    assert "content-type" not in sent.headers


def test_env_vars(server: MockServer, monkeypatch: pytest.MonkeyPatch, client_cls: type[SyncAPIClient]) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setenv("OPENAI_ORG_ID", "org-1")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-1")
    _ok(server)
    with client_cls() as client:
        client.request(RequestSpec(method="get", path="models"), cast_to=Obj)
    sent = server.requests[0]
    assert sent.path == "/v1/models"
    assert sent.headers["authorization"] == "Bearer sk-from-env"
    assert sent.headers["openai-organization"] == "org-1"
    assert sent.headers["openai-project"] == "proj-1"


def test_default_base_url_and_timeout(client_cls: type[SyncAPIClient]) -> None:
    client = client_cls(api_key="sk-x")
    assert str(client.base_url) == "https://api.openai.com/v1/"
    assert client.timeout == DEFAULT_TIMEOUT == httpx2.Timeout(600, connect=5)
    assert client.max_retries == 2


def test_header_precedence_and_removal(
    server: MockServer, client: SyncAPIClient
) -> None:
    _ok(server)
    client = client.with_options(default_headers={"X-Default": "d", "X-Gone": "g"})
    spec = RequestSpec(
        method="get",
        path="/a",
        headers={"OpenAI-Beta": "assistants=v2", "X-Default": "from-spec"},
        extra_headers={"openai-beta": "user-wins", "X-Gone": omit, "X-New": "n"},
    )
    client.request(spec, cast_to=Obj)
    sent = server.requests[0].headers
    assert sent["openai-beta"] == "user-wins"
    assert sent["x-default"] == "from-spec"
    assert "x-gone" not in sent
    assert sent["x-new"] == "n"


# --- query ----------------------------------------------------------------------------


def test_query_lists_bools_none_and_omit(
    server: MockServer, client: SyncAPIClient
) -> None:
    _ok(server)
    client = client.with_options(default_query={"api-version": "1"})
    spec = RequestSpec(
        method="get",
        path="/things",
        query={
            "include[]": ["a", "b"],
            "stream": False,
            "deleted": True,
            "limit": 20,
            "after": omit,
            "before": None,
            "filter": {"kind": "x"},
        },
        extra_query={"limit": 5, "extra": "e"},
    )
    client.request(spec, cast_to=Obj)
    assert server.requests[0].query == [
        ("api-version", "1"),
        ("include[]", "a"),
        ("include[]", "b"),
        ("stream", "false"),
        ("deleted", "true"),
        ("limit", "5"),
        ("filter[kind]", "x"),
        ("extra", "e"),
    ]


# --- JSON body ------------------------------------------------------------------------


def test_omitted_vs_none_in_json_body(
    server: MockServer, client: SyncAPIClient
) -> None:
    _ok(server)
    spec = RequestSpec(
        method="post",
        path="/chat/completions",
        json_body={
            "model": "gpt-x",
            "temperature": omit,
            "user": None,
            "tools": [Tool(type="function")],
            "metadata": {"k": "v", "gone": omit},
        },
        extra_body={"seed": 1},
    )
    client.request(spec, cast_to=Obj)
    sent = server.requests[0]
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == {
        "model": "gpt-x",
        "user": None,
        # Only fields that were set: `name` stays out instead of becoming null.
        "tools": [{"type": "function"}],
        "metadata": {"k": "v"},
        "seed": 1,
    }


def test_extra_body_alone_is_sent_as_json(
    server: MockServer, client: SyncAPIClient
) -> None:
    _ok(server)
    client.request(
        RequestSpec(method="post", path="/x", extra_body={"a": 1}), cast_to=Obj
    )
    assert server.requests[0].json() == {"a": 1}


def test_raw_content_body(server: MockServer, client: SyncAPIClient) -> None:
    _ok(server)
    spec = RequestSpec(
        method="post",
        path="/realtime/calls",
        content=b"v=0\r\n",
        content_type="application/sdp",
    )
    client.request(spec, cast_to=Obj)
    assert server.requests[0].body == b"v=0\r\n"
    assert server.requests[0].headers["content-type"] == "application/sdp"


# --- multipart ------------------------------------------------------------------------


def _parts(
    body: bytes, content_type: str
) -> list[tuple[str, str | None, str | None, bytes]]:
    """(name, filename, content type, content) of each multipart part, via the stdlib."""
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    parts: list[tuple[str, str | None, str | None, bytes]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        ctype = part.get_content_type() if filename else None
        payload = part.get_payload(decode=True)
        assert isinstance(name, str) and isinstance(payload, bytes)
        parts.append((name, filename, ctype, payload))
    return parts


def test_multipart_with_file_and_fields(
    server: MockServer, client: SyncAPIClient, tmp_path: Path
) -> None:
    _ok(server)
    path = tmp_path / "speech.mp3"
    path.write_bytes(b"ID3-audio")
    spec = RequestSpec(
        method="post",
        path="/audio/transcriptions",
        form={
            "model": "whisper-1",
            "temperature": 0.5,
            "stream": False,
            "language": omit,
            "timestamp_granularities": ["word", "segment"],
            "chunking": {"type": "auto"},
        },
        files={"file": path},
        extra_body={"prompt": "hi"},
    )
    client.request(spec, cast_to=Obj)
    sent = server.requests[0]
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert _parts(sent.body, sent.headers["content-type"]) == [
        ("model", None, None, b"whisper-1"),
        ("temperature", None, None, b"0.5"),
        ("stream", None, None, b"false"),
        ("timestamp_granularities[]", None, None, b"word"),
        ("timestamp_granularities[]", None, None, b"segment"),
        ("chunking[type]", None, None, b"auto"),
        ("prompt", None, None, b"hi"),
        ("file", "speech.mp3", "audio/mpeg", b"ID3-audio"),
    ]


def test_multipart_file_kinds(server: MockServer, client: SyncAPIClient) -> None:
    _ok(server)
    named = io.BytesIO(b"from-io")
    named.name = "/some/dir/notes.txt"
    spec = RequestSpec(
        method="post",
        path="/images/edits",
        files={
            "image[]": [("a.png", b"A", "image/png"), ("b.png", io.BytesIO(b"B"))],
            "raw": b"bytes",
            "io": named,
            "skip": omit,
        },
    )
    client.request(spec, cast_to=Obj)
    sent = server.requests[0]
    assert _parts(sent.body, sent.headers["content-type"]) == [
        ("image[]", "a.png", "image/png", b"A"),
        ("image[]", "b.png", "image/png", b"B"),
        ("raw", "upload", "application/octet-stream", b"bytes"),
        ("io", "notes.txt", "text/plain", b"from-io"),
    ]


def test_multipart_without_files_is_still_multipart(
    server: MockServer, client: SyncAPIClient
) -> None:
    _ok(server)
    spec = RequestSpec(
        method="post", path="/containers/c/files", form={"file_id": "file-1"}, files={}
    )
    client.request(spec, cast_to=Obj)
    sent = server.requests[0]
    assert _parts(sent.body, sent.headers["content-type"]) == [
        ("file_id", None, None, b"file-1")
    ]


# --- paths ----------------------------------------------------------------------------


def test_path_template_quotes_each_value() -> None:
    assert (
        path_template(
            "/threads/{thread_id}/runs/{run_id}", thread_id="t 1/2", run_id="r?#"
        )
        == "/threads/t%201%2F2/runs/r%3F%23"
    )
    assert path_template("/files/{file_id}", file_id="..") == "/files/%2E%2E"


@pytest.mark.parametrize("bad", ["", "   "])
def test_path_template_rejects_empty_ids(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        path_template("/threads/{thread_id}/runs/{run_id}", thread_id="t", run_id=bad)
    assert (
        str(info.value)
        == f"Expected a non-empty value for `run_id` but received {bad!r}"
    )


def test_path_template_checks_names() -> None:
    with pytest.raises(TypeError, match="missing path parameter"):
        path_template("/a/{x}")
    with pytest.raises(TypeError, match="unexpected path parameter"):
        path_template("/a/{x}", x="1", y="2")


def test_quoted_path_reaches_server(server: MockServer, client: SyncAPIClient) -> None:
    _ok(server)
    path = path_template("/files/{file_id}", file_id="a/b c")
    client.request(RequestSpec(method="delete", path=path), cast_to=Obj)
    assert server.requests[0].method == "DELETE"
    assert server.requests[0].path == "/v1/files/a%2Fb%20c"


# --- options --------------------------------------------------------------------------


def test_with_options_shares_pool_and_keeps_hooks(client: SyncAPIClient) -> None:
    copy = client.with_options(max_retries=7, timeout=3.0, organization="org-2")
    assert copy._http is client._http
    assert copy._sleep is client._sleep and copy._random is client._random
    assert (
        copy.max_retries == 7 and copy.timeout == 3.0 and copy.organization == "org-2"
    )
    assert copy.api_key == client.api_key and copy.base_url == client.base_url
    assert client.max_retries == 2
    assert client.copy is not None
    copy.close()  # does not close the shared pool
    assert not client._http.is_closed


def test_per_call_timeout_reaches_httpx(client: SyncAPIClient) -> None:
    request = client._build_request(RequestSpec(method="get", path="/x", timeout=1.5))
    assert request.extensions["timeout"] == httpx2.Timeout(1.5).as_dict()
    request = client._build_request(RequestSpec(method="get", path="/x", timeout=None))
    assert request.extensions["timeout"] == httpx2.Timeout(None).as_dict()
    request = client._build_request(RequestSpec(method="get", path="/x"))
    assert request.extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()


def test_user_http_client_is_used(server: MockServer) -> None:
    _ok(server)
    seen: list[str] = []

    def hook(request: httpx2.Request) -> None:
        seen.append(str(request.url))

    http = httpx2.Client(event_hooks={"request": [hook]})
    client = SyncAPIClient(api_key="sk-x", base_url=server.url, http_client=http)
    client.request(RequestSpec(method="get", path="/m"), cast_to=Obj)
    assert seen == [f"{server.url}/m"]
    client.close()
    assert http.is_closed  # as the official SDK: closing the client closes the pool it was given


def test_json_body_serialises_dates() -> None:
    import datetime

    client = SyncAPIClient(api_key="sk-x", base_url="http://127.0.0.1:1")
    spec = RequestSpec(
        method="post", path="/x", json_body={"at": datetime.date(2024, 1, 2)}
    )
    assert json.loads(client._build_request(spec).content) == {"at": "2024-01-02"}


def test_path_template_value_types() -> None:
    assert path_template("/jobs/{n}", n=42) == "/jobs/42"
    with pytest.raises(TypeError, match="to be a string"):
        path_template("/jobs/{n}", n=True)
