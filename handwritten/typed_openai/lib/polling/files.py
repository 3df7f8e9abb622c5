"""`files` with `wait_for_processing`: poll an uploaded file until it is processed."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from typed_openai._core import LegacyAPIResponse
from typed_openai.resources.files import AsyncFiles as GeneratedAsyncFiles, Files as GeneratedFiles

from ._drivers import async_sleep, poll_async, poll_sync, sync_sleep
from ._flow import PollOptions, PollTarget

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import FileObject

__all__ = ["AsyncFiles", "Files"]

# `deleted` is final too: a file deleted while processing never finishes.
_TERMINAL = frozenset({"processed", "error", "deleted"})
_PENDING = frozenset({"uploaded"})


def _target(file_id: str) -> PollTarget[FileObject]:
    # Read from the fields: `status` is marked deprecated in the spec, and reading it warns.
    return PollTarget(f"file {file_id!r}", lambda file: str(file.__dict__.get("status")), _TERMINAL, _PENDING)


def _options(poll_interval: float, max_wait_seconds: float) -> PollOptions:
    given = cast(object, poll_interval)  # untyped callers may pass anything
    if isinstance(given, bool) or not isinstance(given, (int, float)) or not given >= 0:
        raise ValueError(f"poll_interval must be a number of seconds >= 0, got {poll_interval!r}")
    return PollOptions(round(poll_interval * 1000), max_wait_seconds)


class Files(GeneratedFiles):
    def wait_for_processing(self, id: str, *, poll_interval: float = 5.0, max_wait_seconds: float = 30 * 60) -> FileObject:
        """Retrieve file `id` every `poll_interval` seconds until its status is
        `processed`, `error` or `deleted`; after `max_wait_seconds` (30 minutes by
        default) raise `PollingTimeoutError` with the last file seen."""
        options = _options(poll_interval, max_wait_seconds)

        def fetch() -> LegacyAPIResponse[FileObject]:
            return self.with_raw_response.retrieve(id)

        return poll_sync(_target(id), options, fetch=fetch, sleep=sync_sleep(self))


class AsyncFiles(GeneratedAsyncFiles):
    async def wait_for_processing(
        self, id: str, *, poll_interval: float = 5.0, max_wait_seconds: float = 30 * 60
    ) -> FileObject:
        """The async twin of `Files.wait_for_processing`."""
        options = _options(poll_interval, max_wait_seconds)

        async def fetch() -> LegacyAPIResponse[FileObject]:
            return await self.with_raw_response.retrieve(id)

        return await poll_async(_target(id), options, fetch=fetch, sleep=async_sleep(self))
