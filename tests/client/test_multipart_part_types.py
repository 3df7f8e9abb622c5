"""A multipart field the spec declares with its own content type (the request body's
`encoding`) is sent as one part of that type: `realtime.calls.create`'s `session` as JSON,
its `sdp` as `application/sdp`, rather than flattened into `session[type]` text fields. The
answer's one media type is asked for (`Accept: application/sdp`), and a caller's
`Content-Type` cannot replace the multipart one, whose boundary only the body knows. Over
real HTTP against the local mock."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import BytesResponse, MockServer, RecordedRequest
from typed_openai.testing._multipart import Part, boundary_of, parse_multipart

OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=caf\u00e9\r\n"


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        s.route("POST", "/realtime/calls", BytesResponse(b"v=0\r\ns=answer\r\n", content_type="application/sdp"))
        yield s


def parts(request: RecordedRequest) -> dict[str, Part]:
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = boundary_of(content_type)
    assert boundary is not None
    return {part.name: part for part in parse_multipart(request.body, boundary)}


def test_session_is_one_json_part_and_sdp_its_own_type(server: MockServer) -> None:
    session = {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"voice": "marin"}}}
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        answer = client.realtime.calls.create(sdp=OFFER, session=session)  # type: ignore[arg-type]  # a plain dict, as a user may pass it
    assert answer.content == b"v=0\r\ns=answer\r\n"
    request = server.requests[0]
    assert request.headers["accept"] == "application/sdp"
    got = parts(request)
    assert sorted(got) == ["sdp", "session"]
    assert (got["sdp"].content_type, got["sdp"].content.decode()) == ("application/sdp", OFFER)
    assert got["session"].content_type == "application/json" and json.loads(got["session"].content) == session
    assert got["session"].filename is None and got["sdp"].filename is None


def test_extra_body_fills_typed_parts_and_omitted_session_sends_none(server: MockServer) -> None:
    async def main() -> None:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            await client.realtime.calls.create(sdp="superseded", extra_body={"sdp": OFFER, "session": None})
            await client.realtime.calls.create(sdp=OFFER)

    asyncio.run(main())
    first, second = (parts(r) for r in server.requests)
    assert first["sdp"].content.decode() == OFFER and first["session"].content == b"null"
    assert sorted(second) == ["sdp"]


def test_a_callers_content_type_does_not_replace_the_multipart_one(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        client.realtime.calls.create(sdp=OFFER, extra_headers={"Content-Type": "application/json", "X-Other": "kept"})
    assert parts(server.requests[0])["sdp"].content.decode() == OFFER  # the multipart type, boundary and all
    assert server.requests[0].headers["x-other"] == "kept"
