"""Vector store files and file batches: polling, and uploads (one, or several at once)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.polling import FileUploadError, PollingTimeoutError
from typed_openai.testing import (
    JSONResponse,
    MockServer,
    RecordedRequest,
    error_response,
    file_object,
    vector_store_file_batch_object,
    vector_store_file_object,
)

if TYPE_CHECKING:
    from conftest import FakeClock

FILE_PATH = "/vector_stores/{vector_store_id}/files/{file_id}"
BATCH_PATH = "/vector_stores/{vector_store_id}/file_batches/{batch_id}"


class FilesAPI:
    """`POST /files` and `DELETE /files/{id}`: IDs from file names, one name may fail.

    Each upload takes a little real time on the server so that uploads overlap, and the
    largest number in flight at once is recorded.
    """

    def __init__(self, server: MockServer, *, failing: str | None = None, upload_seconds: float = 0.02) -> None:
        self.failing = failing
        self.upload_seconds = upload_seconds
        self._lock = threading.Lock()
        self._in_flight = 0
        self.max_in_flight = 0
        self.uploaded: list[str] = []
        self.deleted: list[str] = []
        server.route("POST", "/files", self._upload)
        server.route("DELETE", "/files/{file_id}", self._delete)

    def _upload(self, request: RecordedRequest) -> JSONResponse:
        (upload,) = request.files()["file"]
        assert request.form()["purpose"] == ["assistants"]
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            time.sleep(self.upload_seconds)
        finally:
            with self._lock:
                self._in_flight -= 1
        if upload.filename == self.failing:
            return error_response(400, f"File {upload.filename} is not supported")
        file_id = f"file-{upload.filename}"
        with self._lock:
            self.uploaded.append(file_id)
        return JSONResponse(file_object(id=file_id, filename=upload.filename))

    def _delete(self, request: RecordedRequest) -> JSONResponse:
        file_id = request.path_params["file_id"]
        with self._lock:
            self.deleted.append(file_id)
        return JSONResponse({"id": file_id, "object": "file", "deleted": True})


def batch_states(*statuses: str) -> list[JSONResponse]:
    return [JSONResponse(vector_store_file_batch_object(status=status)) for status in statuses]


# -- vector store files ----------------------------------------------------------------


@pytest.mark.parametrize("final", ["completed", "failed", "cancelled"])
def test_file_poll_stops_at_each_terminal_status(
    server: MockServer, client: OpenAI, clock: FakeClock, final: str
) -> None:
    route = server.route(
        "GET", FILE_PATH, [JSONResponse(vector_store_file_object(status=s)) for s in ("in_progress", final)]
    )

    file = client.vector_stores.files.poll("file-abc123", vector_store_id="vs_abc123")

    assert file.status == final
    assert route.call_count == 2
    assert clock.sleeps == [1.0]


def test_file_create_and_poll_reachable_under_beta(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    create = server.route("POST", "/vector_stores/{vector_store_id}/files", JSONResponse(vector_store_file_object()))
    server.route(
        "GET",
        FILE_PATH,
        [
            JSONResponse(vector_store_file_object(), headers={"openai-poll-after-ms": "40"}),
            JSONResponse(vector_store_file_object(status="completed")),
        ],
    )

    file = client.beta.vector_stores.files.create_and_poll(
        "file-abc123", vector_store_id="vs_abc123", attributes={"topic": "notes"}
    )

    assert file.status == "completed"
    assert create.requests[0].json() == {"file_id": "file-abc123", "attributes": {"topic": "notes"}}
    assert clock.sleeps == [0.04]


def test_file_upload_and_poll(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    files_api = FilesAPI(server, upload_seconds=0)
    attach = server.route(
        "POST", "/vector_stores/{vector_store_id}/files", JSONResponse(vector_store_file_object(id="file-a.txt"))
    )
    server.route("GET", FILE_PATH, JSONResponse(vector_store_file_object(id="file-a.txt", status="completed")))

    file = client.vector_stores.files.upload_and_poll(vector_store_id="vs_abc123", file=("a.txt", b"hello"))

    assert file.status == "completed" and file.id == "file-a.txt"
    assert files_api.uploaded == ["file-a.txt"]
    assert attach.requests[0].json() == {"file_id": "file-a.txt"}
    assert clock.sleeps == []  # the first retrieve already saw it completed


def test_file_deadline_carries_the_last_file(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    server.route("GET", FILE_PATH, JSONResponse(vector_store_file_object()))

    with pytest.raises(PollingTimeoutError) as raised:
        client.vector_stores.files.poll(
            "file-abc123", vector_store_id="vs_abc123", poll_interval_ms=400, max_wait_seconds=1
        )

    assert getattr(raised.value.last, "id") == "file-abc123"
    assert clock.sleeps == [0.4, 0.4, pytest.approx(0.2)]


@pytest.mark.anyio
async def test_async_file_upload_then_poll(server: MockServer, async_client: AsyncOpenAI, clock: FakeClock) -> None:
    FilesAPI(server, upload_seconds=0)
    server.route(
        "POST", "/vector_stores/{vector_store_id}/files", JSONResponse(vector_store_file_object(id="file-b.txt"))
    )
    server.route(
        "GET",
        FILE_PATH,
        [JSONResponse(vector_store_file_object(id="file-b.txt", status=s)) for s in ("in_progress", "failed")],
    )

    files = async_client.vector_stores.files
    attached = await files.upload(vector_store_id="vs_abc123", file=("b.txt", b"data"))
    assert attached.status == "in_progress"
    file = await files.poll(attached.id, vector_store_id="vs_abc123", poll_interval_ms=5)
    assert file.status == "failed" and file.last_error is not None
    assert clock.sleeps == [0.005]


# -- file batches ----------------------------------------------------------------------


def test_batch_waits_for_its_status_not_its_counts(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    server.route("POST", "/vector_stores/{vector_store_id}/file_batches", batch_states("in_progress"))
    # Counts show nothing in progress one response before the batch itself is final.
    route = server.route(
        "GET",
        BATCH_PATH,
        [
            JSONResponse(vector_store_file_batch_object(status="in_progress", in_progress=2)),
            JSONResponse(vector_store_file_batch_object(status="in_progress", completed=2)),
            JSONResponse(vector_store_file_batch_object(status="completed", completed=2)),
        ],
    )

    batch = client.vector_stores.file_batches.create_and_poll("vs_abc123", file_ids=["file-1", "file-2"])

    assert batch.status == "completed"
    assert route.call_count == 3
    assert clock.sleeps == [1.0, 1.0]


@pytest.mark.parametrize("final", ["completed", "failed", "cancelled"])
def test_batch_poll_terminal_statuses(server: MockServer, client: OpenAI, clock: FakeClock, final: str) -> None:
    server.route("GET", BATCH_PATH, batch_states("in_progress", "in_progress", final))

    batch = client.beta.vector_stores.file_batches.poll("vsfb_abc123", vector_store_id="vs_abc123", poll_interval_ms=1)

    assert batch.status == final
    assert clock.sleeps == [0.001, 0.001]


def test_batch_upload_and_poll_uploads_concurrently(server: MockServer, client: OpenAI, clock: FakeClock) -> None:
    files_api = FilesAPI(server)
    create = server.route("POST", "/vector_stores/{vector_store_id}/file_batches", batch_states("in_progress"))
    server.route("GET", BATCH_PATH, batch_states("in_progress", "completed"))
    files = [(f"{n}.txt", n.encode()) for n in "abcdef"]

    batch = client.vector_stores.file_batches.upload_and_poll(
        "vs_abc123", files=files, max_concurrency=3, file_ids=["file-existing"], poll_interval_ms=10
    )

    assert batch.status == "completed"
    assert 1 < files_api.max_in_flight <= 3
    assert create.requests[0].json() == {"file_ids": ["file-existing", *(f"file-{n}.txt" for n in "abcdef")]}
    assert files_api.deleted == []
    assert clock.sleeps == [0.01]


def test_batch_upload_failure_cleans_up_and_names_the_file(
    server: MockServer, client: OpenAI, clock: FakeClock
) -> None:
    files_api = FilesAPI(server, failing="bad.txt")
    create = server.route("POST", "/vector_stores/{vector_store_id}/file_batches", batch_states("in_progress"))
    files = [("a.txt", b"a"), ("b.txt", b"b"), ("bad.txt", b"x"), ("c.txt", b"c"), ("d.txt", b"d")]

    with pytest.raises(FileUploadError) as raised:
        client.vector_stores.file_batches.upload_and_poll("vs_abc123", files=files, max_concurrency=1)

    error = raised.value
    assert error.file == "'bad.txt'" and error.index == 2
    assert "bad.txt" in str(error) and "not supported" in str(error)
    assert error.not_deleted == []
    # One at a time: the files before the failure were uploaded, then deleted; none after it started.
    assert files_api.uploaded == ["file-a.txt", "file-b.txt"]
    assert sorted(files_api.deleted) == ["file-a.txt", "file-b.txt"]
    assert create.call_count == 0


@pytest.mark.anyio
async def test_async_batch_upload_and_poll(server: MockServer, async_client: AsyncOpenAI, clock: FakeClock) -> None:
    files_api = FilesAPI(server)
    create = server.route("POST", "/vector_stores/{vector_store_id}/file_batches", batch_states("in_progress"))
    server.route("GET", BATCH_PATH, batch_states("completed"))

    batch = await async_client.vector_stores.file_batches.upload_and_poll(
        "vs_abc123", files=[(f"{n}.txt", b"x") for n in "abcd"], max_concurrency=2
    )

    assert batch.status == "completed"
    assert 1 < files_api.max_in_flight <= 2
    assert sorted(create.requests[0].json()["file_ids"]) == [f"file-{n}.txt" for n in "abcd"]


@pytest.mark.anyio
async def test_async_batch_upload_failure_cleans_up_and_names_the_file(
    server: MockServer, async_client: AsyncOpenAI, clock: FakeClock
) -> None:
    files_api = FilesAPI(server, failing="bad.txt")
    create = server.route("POST", "/vector_stores/{vector_store_id}/file_batches", batch_states("in_progress"))
    files = [("a.txt", b"a"), ("bad.txt", b"x"), ("c.txt", b"c"), ("d.txt", b"d")]

    with pytest.raises(FileUploadError) as raised:
        await async_client.vector_stores.file_batches.upload_and_poll("vs_abc123", files=files, max_concurrency=1)

    assert raised.value.file == "'bad.txt'" and raised.value.index == 1
    assert files_api.uploaded == ["file-a.txt"]
    assert files_api.deleted == ["file-a.txt"]
    assert create.call_count == 0


def test_batch_upload_needs_some_files(server: MockServer, client: OpenAI) -> None:
    with pytest.raises(ValueError, match="at least one"):
        client.vector_stores.file_batches.upload_and_poll("vs_abc123", files=[])
    with pytest.raises(ValueError, match="max_concurrency"):
        client.vector_stores.file_batches.upload_and_poll("vs_abc123", files=[b"x"], max_concurrency=0)
    assert server.requests == []


@pytest.mark.parametrize("status", ["in_progress", "completed", "failed", "cancelled"])
def test_the_mock_objects_validate_strictly(status: str) -> None:
    # Otherwise the tests above would pass through lenient parsing, not the real models.
    from typed_openai.types import FileObject, VectorStoreFileBatch, VectorStoreFile

    VectorStoreFile.model_validate(vector_store_file_object(status=status))
    VectorStoreFileBatch.model_validate(vector_store_file_batch_object(status=status))
    FileObject.model_validate(file_object())
