"""`vector_stores.file_batches` with `poll`, `create_and_poll` and `upload_and_poll`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from typing_extensions import Unpack

from typed_openai._core import Body, FileTypes, Headers, LegacyAPIResponse, Omit, Query, Timeout, omit
from typed_openai.resources.files import AsyncFiles as AsyncFilesAPI
from typed_openai.resources.files import Files as FilesAPI
from typed_openai.resources.vector_stores.file_batches import AsyncFileBatches as GeneratedAsyncFileBatches
from typed_openai.resources.vector_stores.file_batches import CreateVectorStoreFileBatchKeywords
from typed_openai.resources.vector_stores.file_batches import FileBatches as GeneratedFileBatches

from .._signatures import keywords_of
from ._drivers import async_sleep, poll_async, poll_sync, sync_sleep
from ._flow import PollOptions
from ._request_options import RequestOptions
from ._targets import batch_target
from ._uploads import upload_files, upload_files_async

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import FileDeleted, FileObject, VectorStoreFileBatch
    from typed_openai.types._params import ChunkingStrategyRequestParamParam, VectorStoreFileAttributesParam

__all__ = ["AsyncFileBatches", "FileBatches"]


def _require_some_files(files: Sequence[FileTypes], file_ids: Sequence[str]) -> None:
    if not files and not file_ids:
        raise ValueError("upload_and_poll needs at least one file in `files` or one ID in `file_ids`")


class FileBatches(GeneratedFileBatches):
    """Vector store file batches, plus helpers that wait until a batch is processed.

    A batch is done when its own `status` is `completed`, `failed` or `cancelled`.
    Polling waits `poll_interval_ms` when given, else the server's
    `openai-poll-after-ms` hint of each response, else one second; `max_wait_seconds`
    bounds the wait and raises `PollingTimeoutError` with the last batch seen.
    `extra_body` only goes with the create request.
    """

    def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Retrieve the batch until its status is final, and return it."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        request = RequestOptions(extra_headers, extra_query, extra_body, timeout)
        return self._poll(batch_id, vector_store_id, options, request, last=None)

    def _poll(
        self,
        batch_id: str,
        vector_store_id: str,
        options: PollOptions,
        request: RequestOptions,
        *,
        last: VectorStoreFileBatch | None,
    ) -> VectorStoreFileBatch:
        def fetch() -> LegacyAPIResponse[VectorStoreFileBatch]:
            return self.with_raw_response.retrieve(
                batch_id,
                vector_store_id=vector_store_id,
                extra_headers=request.extra_headers,
                extra_query=request.extra_query,
                extra_body=request.extra_body,
                timeout=request.timeout,
            )

        target = batch_target(batch_id, vector_store_id)
        return poll_sync(target, options, fetch=fetch, sleep=sync_sleep(self), last=last)

    @keywords_of(GeneratedFileBatches.create)
    def create_and_poll(
        self,
        vector_store_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateVectorStoreFileBatchKeywords],
    ) -> VectorStoreFileBatch:
        """Create a file batch (every argument of `create`), then poll it until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        batch = self.create(vector_store_id, **params)
        return self._poll(batch.id, vector_store_id, options, RequestOptions.after_create(params), last=batch)

    def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = omit,
        attributes: VectorStoreFileAttributesParam | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Upload `files` (at most `max_concurrency` at once), then batch them with `file_ids` and poll.

        If an upload fails, the others are stopped, the files already uploaded are
        deleted, and `FileUploadError` names the file that failed.
        """
        options = PollOptions(poll_interval_ms, max_wait_seconds)  # checked before uploading
        to_upload = list(files)
        _require_some_files(to_upload, file_ids)
        files_api = FilesAPI(self._client)

        def upload(file: FileTypes) -> FileObject:
            return files_api.create(
                file=file, purpose="assistants", extra_headers=extra_headers, extra_query=extra_query, timeout=timeout
            )

        def delete(file_id: str) -> FileDeleted:
            return files_api.delete(file_id, extra_headers=extra_headers, extra_query=extra_query, timeout=timeout)

        new_ids = upload_files(to_upload, upload=upload, delete=delete, max_concurrency=max_concurrency)
        batch = self.create(
            vector_store_id,
            file_ids=[*file_ids, *new_ids],
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        request = RequestOptions(extra_headers, extra_query, None, timeout)
        return self._poll(batch.id, vector_store_id, options, request, last=batch)


class AsyncFileBatches(GeneratedAsyncFileBatches):
    """Async twin of `FileBatches`."""

    async def poll(
        self,
        batch_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Retrieve the batch until its status is final, and return it."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        request = RequestOptions(extra_headers, extra_query, extra_body, timeout)
        return await self._poll(batch_id, vector_store_id, options, request, last=None)

    async def _poll(
        self,
        batch_id: str,
        vector_store_id: str,
        options: PollOptions,
        request: RequestOptions,
        *,
        last: VectorStoreFileBatch | None,
    ) -> VectorStoreFileBatch:
        async def fetch() -> LegacyAPIResponse[VectorStoreFileBatch]:
            return await self.with_raw_response.retrieve(
                batch_id,
                vector_store_id=vector_store_id,
                extra_headers=request.extra_headers,
                extra_query=request.extra_query,
                extra_body=request.extra_body,
                timeout=request.timeout,
            )

        target = batch_target(batch_id, vector_store_id)
        return await poll_async(target, options, fetch=fetch, sleep=async_sleep(self), last=last)

    @keywords_of(GeneratedAsyncFileBatches.create)
    async def create_and_poll(
        self,
        vector_store_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateVectorStoreFileBatchKeywords],
    ) -> VectorStoreFileBatch:
        """Create a file batch (every argument of `create`), then poll it until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        batch = await self.create(vector_store_id, **params)
        return await self._poll(batch.id, vector_store_id, options, RequestOptions.after_create(params), last=batch)

    async def upload_and_poll(
        self,
        vector_store_id: str,
        *,
        files: Iterable[FileTypes],
        max_concurrency: int = 5,
        file_ids: Sequence[str] = (),
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = omit,
        attributes: VectorStoreFileAttributesParam | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFileBatch:
        """Upload `files` (at most `max_concurrency` at once), then batch them with `file_ids` and poll.

        If an upload fails, the others are cancelled, the files already uploaded are
        deleted, and `FileUploadError` names the file that failed.
        """
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        to_upload = list(files)
        _require_some_files(to_upload, file_ids)
        files_api = AsyncFilesAPI(self._client)

        async def upload(file: FileTypes) -> FileObject:
            return await files_api.create(
                file=file, purpose="assistants", extra_headers=extra_headers, extra_query=extra_query, timeout=timeout
            )

        async def delete(file_id: str) -> FileDeleted:
            return await files_api.delete(file_id, extra_headers=extra_headers, extra_query=extra_query, timeout=timeout)

        new_ids = await upload_files_async(to_upload, upload=upload, delete=delete, max_concurrency=max_concurrency)
        batch = await self.create(
            vector_store_id,
            file_ids=[*file_ids, *new_ids],
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        request = RequestOptions(extra_headers, extra_query, None, timeout)
        return await self._poll(batch.id, vector_store_id, options, request, last=batch)
