"""`files.wait_for_processing`, `videos.poll` / `create_and_poll` and
`uploads.upload_file_chunked` against the mock, on a fake clock."""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from typed_openai import AsyncOpenAI, OpenAI, PollingTimeoutError
from typed_openai.testing import JSONResponse, MockServer, RecordedRequest, file_object

if TYPE_CHECKING:
    from conftest import FakeClock


def video_object(status: str, **overrides: Any) -> dict[str, Any]:
    video: dict[str, Any] = {
        "id": "video_1", "object": "video", "model": "sora-2", "status": status, "progress": 0 if status == "queued" else 50,
        "created_at": 1, "completed_at": None, "expires_at": None, "prompt": "a cat", "size": "720x1280",
        "seconds": "4", "remixed_from_video_id": None, "error": None,
    }
    return {**video, **overrides}


def test_wait_for_processing_polls_until_processed(client: OpenAI, server: MockServer, clock: FakeClock) -> None:
    server.route(
        "GET", "/files/{file_id}",
        [JSONResponse(file_object(id="file-1", status="uploaded")), JSONResponse(file_object(id="file-1", status="processed"))],
    )
    file = client.files.wait_for_processing("file-1", poll_interval=2.5)
    assert file.model_dump()["status"] == "processed" and file.id == "file-1"
    assert clock.sleeps == [2.5]
    assert [r.path for r in server.requests] == ["/files/file-1", "/files/file-1"]


def test_wait_for_processing_gives_up_with_the_last_file(client: OpenAI, server: MockServer, clock: FakeClock) -> None:
    server.route("GET", "/files/{file_id}", JSONResponse(file_object(id="file-1", status="uploaded")))
    with pytest.raises(PollingTimeoutError) as raised:
        client.files.wait_for_processing("file-1", poll_interval=5, max_wait_seconds=12)
    assert raised.value.last is not None and raised.value.last.model_dump()["status"] == "uploaded"  # type: ignore[attr-defined]  # the file seen last
    assert sum(clock.sleeps) == pytest.approx(12)
    with pytest.raises(ValueError, match="poll_interval"):
        client.files.wait_for_processing("file-1", poll_interval=-1)


def test_wait_for_processing_async(server: MockServer, clock: FakeClock) -> None:
    server.route(
        "GET", "/files/{file_id}", [JSONResponse(file_object(status="uploaded")), JSONResponse(file_object(status="error"))]
    )

    async def main() -> str:
        async with AsyncOpenAI(base_url=server.base_url, api_key="sk-test") as client:
            client._sleep = clock.async_sleep  # type: ignore[method-assign]  # the client's test hook
            return str((await client.files.wait_for_processing("file-abc123", poll_interval=1)).model_dump()["status"])

    assert asyncio.run(main()) == "error"


def test_videos_create_and_poll(client: OpenAI, server: MockServer, clock: FakeClock) -> None:
    server.route("POST", "/videos", JSONResponse(video_object("queued")))
    server.route(
        "GET", "/videos/{video_id}",
        [JSONResponse(video_object("in_progress"), headers={"openai-poll-after-ms": "1500"}), JSONResponse(video_object("completed", progress=100))],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the spec marks the video endpoints deprecated
        video = client.videos.create_and_poll(prompt="a cat", model="sora-2", extra_headers={"X-Trace": "t1"})
    assert video.status == "completed" and video.progress == 100
    assert clock.sleeps == [1.5]  # fetched at once after the create, then as the header says
    create, *polls = server.requests
    assert create.method == "POST" and [p.path for p in polls] == ["/videos/video_1"] * 2
    assert all(p.headers["x-trace"] == "t1" for p in polls)


def test_videos_poll_async_failed_is_final(server: MockServer, clock: FakeClock) -> None:
    server.route("GET", "/videos/{video_id}", JSONResponse(video_object("failed", error={"code": "x", "message": "boom"})))

    async def main() -> str:
        async with AsyncOpenAI(base_url=server.base_url, api_key="sk-test") as client:
            client._sleep = clock.async_sleep  # type: ignore[method-assign]  # the client's test hook
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                return str((await client.videos.poll("video_1", poll_interval_ms=10)).status)

    assert asyncio.run(main()) == "failed"
    assert clock.sleeps == []


def _upload_routes(server: MockServer) -> None:
    upload = {"id": "upload_1", "object": "upload", "created_at": 1, "filename": "data.jsonl", "bytes": 10,
              "purpose": "batch", "status": "pending", "expires_at": 3600}
    counter = iter(range(100))

    def part(request: RecordedRequest) -> JSONResponse:
        return JSONResponse({"id": f"part_{next(counter)}", "object": "upload.part", "created_at": 1, "upload_id": "upload_1"})

    def complete(request: RecordedRequest) -> JSONResponse:
        return JSONResponse({**upload, "status": "completed", "part_ids": request.json()["part_ids"]})

    server.route("POST", "/uploads", JSONResponse(upload))
    server.route("POST", "/uploads/{upload_id}/parts", part)
    server.route("POST", "/uploads/{upload_id}/complete", complete)


def test_upload_file_chunked_from_a_path(client: OpenAI, server: MockServer, tmp_path: Path) -> None:
    _upload_routes(server)
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"0123456789")
    upload = client.uploads.upload_file_chunked(file=path, mime_type="application/jsonl", purpose="batch", part_size=4)
    assert upload.status == "completed"
    create, *parts, complete = server.requests
    assert create.json() == {"bytes": 10, "filename": "data.jsonl", "mime_type": "application/jsonl", "purpose": "batch"}
    assert [p.files()["data"][0].content for p in parts] == [b"0123", b"4567", b"89"]
    assert complete.json()["part_ids"] == ["part_0", "part_1", "part_2"]


def test_upload_file_chunked_from_bytes_async(server: MockServer) -> None:
    _upload_routes(server)

    async def main() -> str:
        async with AsyncOpenAI(base_url=server.base_url, api_key="sk-test") as client:
            upload = await client.uploads.upload_file_chunked(
                file=b"abcdef", filename="x.jsonl", bytes=6, mime_type="application/jsonl", purpose="batch", md5="abc"
            )
            return str(upload.status)

    assert asyncio.run(main()) == "completed"
    assert server.requests[-1].json() == {"part_ids": ["part_0"], "md5": "abc"}


def test_upload_file_chunked_checks_its_arguments(client: OpenAI, server: MockServer) -> None:
    with pytest.raises(TypeError, match="filename"):
        client.uploads.upload_file_chunked(file=b"x", bytes=1, mime_type="m", purpose="batch")  # type: ignore[call-overload]  # the misuse under test
    with pytest.raises(ValueError, match="part_size"):
        client.uploads.upload_file_chunked(file=b"x", filename="f", bytes=1, mime_type="m", purpose="batch", part_size=0)
    assert server.requests == []
