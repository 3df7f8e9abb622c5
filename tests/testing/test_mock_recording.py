"""MockServer records what it receives: method, path, query, headers, bodies, forms."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest

from typed_openai.testing import JSONResponse, MockServer, RequestBodyError, UploadedFile


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as server:
        server.route("POST", "/echo", JSONResponse({"ok": True}))
        server.route("GET", "/echo", JSONResponse({"ok": True}))
        yield server


@pytest.fixture
def client(server: MockServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.base_url, timeout=5) as client:
        yield client


def test_method_path_query_and_headers(server: MockServer, client: httpx2.Client) -> None:
    client.get(
        "/echo",
        params=[
            ("include[]", "step_details.tool_calls[*].file_search.results[*].content"),
            ("include[]", "b"),
            ("limit", "2"),
            ("after", ""),
        ],
        headers={"OpenAI-Beta": "assistants=v2", "Authorization": "Bearer sk-test"},
    )
    [request] = server.requests
    assert request.method == "GET"
    assert request.path == "/echo"
    assert request.query == {
        "include[]": ["step_details.tool_calls[*].file_search.results[*].content", "b"],
        "limit": ["2"],
        "after": [""],
    }
    assert request.query_string.startswith("include%5B%5D=step_details.tool_calls%5B%2A%5D")
    assert request.target == "/v1/echo?" + request.query_string
    assert request.headers["openai-beta"] == "assistants=v2"
    assert request.headers["OPENAI-BETA"] == "assistants=v2"
    assert request.headers["Authorization"] == "Bearer sk-test"
    assert "authorization" in request.headers
    assert request.body == b""


def test_repeated_headers_are_kept(server: MockServer, client: httpx2.Client) -> None:
    client.get("/echo", headers=[("X-Tag", "a"), ("x-tag", "b")])
    headers = server.requests[0].headers
    assert headers.get_list("X-TAG") == ["a", "b"]
    assert headers["x-tag"] == "a, b"


def test_json_body(server: MockServer, client: httpx2.Client) -> None:
    client.post("/echo", json={"assistant_id": "asst_1", "stream": True, "text": "é ✓"})
    [request] = server.requests
    assert request.json() == {"assistant_id": "asst_1", "stream": True, "text": "é ✓"}
    assert request.content_type == "application/json"


def test_malformed_json_is_recorded_and_gets_400(server: MockServer, client: httpx2.Client) -> None:
    response = client.post("/echo", content=b'{"stream": tru', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert "could not parse the JSON body" in error["message"]

    [request] = server.requests
    assert request.body == b'{"stream": tru'
    with pytest.raises(
        RequestBodyError, match=r"POST /echo: the body is not valid JSON .*Content-Type 'application/json'"
    ):
        request.json()
    assert server.errors == []  # a client mistake, not a server error


def test_json_of_an_empty_body_says_so(server: MockServer, client: httpx2.Client) -> None:
    client.get("/echo")
    with pytest.raises(RequestBodyError, match="has no body"):
        server.requests[0].json()


def test_multipart_form_and_files(server: MockServer, client: httpx2.Client) -> None:
    # Bytes that look like a boundary line and every byte value must come back exactly.
    tricky = b"line1\r\n--not-the-boundary\r\n\r\n" + bytes(range(256))
    client.post(
        "/echo",
        data={"purpose": "assistants", "tags": ["a", "b"]},
        files=[
            ("file", ("notes ü.txt", tricky, "text/plain")),
            ("file", ("second.jsonl", b'{"a": 1}\n', "application/jsonl")),
        ],
    )
    [request] = server.requests
    assert request.content_type == "multipart/form-data"
    assert request.form() == {"purpose": ["assistants"], "tags": ["a", "b"]}
    assert request.files() == {
        "file": [
            UploadedFile("notes ü.txt", "text/plain", tricky),
            UploadedFile("second.jsonl", "application/jsonl", b'{"a": 1}\n'),
        ]
    }


def test_urlencoded_form(server: MockServer, client: httpx2.Client) -> None:
    client.post("/echo", data={"grant": "x y", "empty": ""})
    [request] = server.requests
    assert request.form() == {"grant": ["x y"], "empty": [""]}
    assert request.files() == {}


def test_form_of_a_json_body_says_what_it_is(server: MockServer, client: httpx2.Client) -> None:
    client.post("/echo", json={"a": 1})
    with pytest.raises(RequestBodyError, match="not multipart/form-data .*'application/json'"):
        server.requests[0].files()


def test_malformed_multipart_is_recorded_and_gets_400(server: MockServer, client: httpx2.Client) -> None:
    body = b'--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary'
    response = client.post("/echo", content=body, headers={"Content-Type": "multipart/form-data; boundary=XYZ"})
    assert response.status_code == 400
    assert "closing boundary" in response.json()["error"]["message"]
    with pytest.raises(RequestBodyError, match="closing boundary"):
        server.requests[0].form()


def test_chunked_request_body_is_decoded(server: MockServer, client: httpx2.Client) -> None:
    def pieces() -> Iterator[bytes]:
        yield b'{"input": '
        yield b'"streamed upload"}'

    response = client.post("/echo", content=pieces(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    [request] = server.requests
    assert request.headers["transfer-encoding"] == "chunked"
    assert request.json() == {"input": "streamed upload"}


def test_requests_are_in_arrival_order_and_a_copy(server: MockServer, client: httpx2.Client) -> None:
    for n in range(3):
        client.post("/echo", json={"n": n})
    snapshot = server.requests
    snapshot.clear()
    assert [request.json()["n"] for request in server.requests] == [0, 1, 2]
