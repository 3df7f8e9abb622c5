"""`vector_stores.files` with `poll`, `create_and_poll`, `upload` and `upload_and_poll`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from typed_openai._core import Body, FileTypes, Headers, LegacyAPIResponse, Omit, Query, Timeout, omit
from typed_openai.resources.files import AsyncFiles as AsyncFilesAPI
from typed_openai.resources.files import Files as FilesAPI
from typed_openai.resources.vector_stores.files import AsyncFiles as GeneratedAsyncFiles
from typed_openai.resources.vector_stores.files import CreateVectorStoreFileKeywords
from typed_openai.resources.vector_stores.files import Files as GeneratedFiles

from .._signatures import keywords_of
from ._drivers import async_sleep, poll_async, poll_sync, sync_sleep
from ._flow import PollOptions
from ._request_options import RequestOptions
from ._targets import vector_store_file_target

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types.vector_stores import VectorStoreFile
    from typed_openai.types._params import ChunkingStrategyRequestParamParam, VectorStoreFileAttributesParam

__all__ = ["AsyncFiles", "Files"]


class Files(GeneratedFiles):
    """Vector store files, plus helpers that wait until a file is processed.

    Processing ends at `completed`, `failed` or `cancelled`: a returned file may have
    failed, so check `status` and `last_error`. Polling waits `poll_interval_ms` when
    given, else the server's `openai-poll-after-ms` hint of each response, else one
    second; `max_wait_seconds` bounds the wait and raises `PollingTimeoutError` with the
    last file seen. `extra_body` only goes with the attach (and upload) request.
    """

    def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFile:
        """Retrieve the vector store file until its processing has ended, and return it."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        request = RequestOptions(extra_headers, extra_query, extra_body, timeout)
        return self._poll(file_id, vector_store_id, options, request, last=None)

    def _poll(
        self,
        file_id: str,
        vector_store_id: str,
        options: PollOptions,
        request: RequestOptions,
        *,
        last: VectorStoreFile | None,
    ) -> VectorStoreFile:
        def fetch() -> LegacyAPIResponse[VectorStoreFile]:
            return self.with_raw_response.retrieve(
                file_id,
                vector_store_id=vector_store_id,
                extra_headers=request.extra_headers,
                extra_query=request.extra_query,
                extra_body=request.extra_body,
                timeout=request.timeout,
            )

        target = vector_store_file_target(file_id, vector_store_id)
        return poll_sync(target, options, fetch=fetch, sleep=sync_sleep(self), last=last)

    @keywords_of(GeneratedFiles.create)
    def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateVectorStoreFileKeywords],
    ) -> VectorStoreFile:
        """Attach file `file_id` to the vector store (every argument of `create`), then poll it until its processing has ended."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        created = self.create(vector_store_id, file_id=file_id, **params)
        return self._poll(created.id, vector_store_id, options, RequestOptions.after_create(params), last=created)

    def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = omit,
        attributes: VectorStoreFileAttributesParam | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFile:
        """Upload `file` (purpose "assistants") and attach it; processing goes on after this returns."""
        uploaded = FilesAPI(self._client).create(
            file=file, purpose="assistants", extra_headers=extra_headers, extra_query=extra_query, timeout=timeout
        )
        return self.create(
            vector_store_id,
            file_id=uploaded.id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = omit,
        attributes: VectorStoreFileAttributesParam | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFile:
        """Upload `file`, attach it, then poll it until its processing has ended."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        created = self.upload(
            vector_store_id=vector_store_id,
            file=file,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        request = RequestOptions(extra_headers, extra_query, None, timeout)
        return self._poll(created.id, vector_store_id, options, request, last=created)


class AsyncFiles(GeneratedAsyncFiles):
    """Async twin of `Files`."""

    async def poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFile:
        """Retrieve the vector store file until its processing has ended, and return it."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        request = RequestOptions(extra_headers, extra_query, extra_body, timeout)
        return await self._poll(file_id, vector_store_id, options, request, last=None)

    async def _poll(
        self,
        file_id: str,
        vector_store_id: str,
        options: PollOptions,
        request: RequestOptions,
        *,
        last: VectorStoreFile | None,
    ) -> VectorStoreFile:
        async def fetch() -> LegacyAPIResponse[VectorStoreFile]:
            return await self.with_raw_response.retrieve(
                file_id,
                vector_store_id=vector_store_id,
                extra_headers=request.extra_headers,
                extra_query=request.extra_query,
                extra_body=request.extra_body,
                timeout=request.timeout,
            )

        target = vector_store_file_target(file_id, vector_store_id)
        return await poll_async(target, options, fetch=fetch, sleep=async_sleep(self), last=last)

    @keywords_of(GeneratedAsyncFiles.create)
    async def create_and_poll(
        self,
        file_id: str,
        *,
        vector_store_id: str,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateVectorStoreFileKeywords],
    ) -> VectorStoreFile:
        """Attach file `file_id` to the vector store (every argument of `create`), then poll it until its processing has ended."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        created = await self.create(vector_store_id, file_id=file_id, **params)
        return await self._poll(created.id, vector_store_id, options, RequestOptions.after_create(params), last=created)

    async def upload(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = omit,
        attributes: VectorStoreFileAttributesParam | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFile:
        """Upload `file` (purpose "assistants") and attach it; processing goes on after this returns."""
        uploaded = await AsyncFilesAPI(self._client).create(
            file=file, purpose="assistants", extra_headers=extra_headers, extra_query=extra_query, timeout=timeout
        )
        return await self.create(
            vector_store_id,
            file_id=uploaded.id,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )

    async def upload_and_poll(
        self,
        *,
        vector_store_id: str,
        file: FileTypes,
        chunking_strategy: ChunkingStrategyRequestParamParam | Omit = omit,
        attributes: VectorStoreFileAttributesParam | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> VectorStoreFile:
        """Upload `file`, attach it, then poll it until its processing has ended."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        created = await self.upload(
            vector_store_id=vector_store_id,
            file=file,
            chunking_strategy=chunking_strategy,
            attributes=attributes,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        request = RequestOptions(extra_headers, extra_query, None, timeout)
        return await self._poll(created.id, vector_store_id, options, request, last=created)
