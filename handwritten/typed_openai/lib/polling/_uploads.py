"""Upload several files at once; on the first failure stop, delete what was uploaded, raise.

Sync uploads run on a thread pool, async ones as tasks on the running event loop (anyio),
at most `max_concurrency` at a time. Either way the result is the new file IDs in the
order of `files`, or a `FileUploadError` naming the file that failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
import os
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

from typed_openai._core import FileTypes

from ._errors import FileUploadError

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import FileObject

__all__ = ["describe_file", "upload_files", "upload_files_async"]

log = logging.getLogger("typed_openai")


def describe_file(file: FileTypes) -> str:
    """A name for `file` in an error message: its path or file name if it has one."""
    name: object
    if isinstance(file, os.PathLike):
        name = os.fspath(file)
    elif isinstance(file, tuple):
        name = file[0]
    elif isinstance(file, bytes):
        name = None
    else:
        name = getattr(file, "name", None)
    return repr(name) if isinstance(name, str) and name else "an unnamed file"


def _check_concurrency(max_concurrency: int) -> None:
    if isinstance(max_concurrency, bool) or max_concurrency < 1:
        raise ValueError(f"max_concurrency must be an int >= 1, got {max_concurrency!r}")


def _failure(files: Sequence[FileTypes], index: int, cause: Exception, not_deleted: list[str]) -> FileUploadError:
    error = FileUploadError(describe_file(files[index]), index, cause, not_deleted)
    error.__cause__ = cause
    return error


def upload_files(
    files: Sequence[FileTypes],
    *,
    upload: Callable[[FileTypes], FileObject],
    delete: Callable[[str], object],
    max_concurrency: int,
) -> list[str]:
    """Upload on a thread pool; the new file IDs in the order of `files`."""
    _check_concurrency(max_concurrency)
    if not files:
        return []
    uploaded: dict[int, str] = {}
    failed: tuple[int, Exception] | None = None
    stop = threading.Event()

    def upload_unless_stopped(file: FileTypes) -> FileObject | None:
        # A worker picks the next file as soon as it is free, possibly before the main
        # thread has seen a failure: the flag makes "stop the rest" certain.
        if stop.is_set():
            return None
        try:
            return upload(file)
        except BaseException:
            stop.set()
            raise

    with ThreadPoolExecutor(max_workers=min(max_concurrency, len(files))) as pool:
        futures = {pool.submit(upload_unless_stopped, file): i for i, file in enumerate(files)}
        done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
        if any(future.exception() is not None for future in done):
            for future in not_done:
                future.cancel()
    # Leaving the pool waited for every upload that had started.
    for future, index in sorted(futures.items(), key=lambda item: item[1]):
        if future.cancelled():
            continue
        error = future.exception()
        if error is None:
            result = future.result()
            if result is not None:
                uploaded[index] = result.id
        elif not isinstance(error, Exception):
            raise error  # KeyboardInterrupt and the like are not upload failures
        elif failed is None:
            failed = (index, error)
    if failed is not None:
        not_deleted = _delete_all(sorted(uploaded.values()), delete)
        raise _failure(files, failed[0], failed[1], not_deleted)
    return [uploaded[i] for i in range(len(files))]


def _delete_all(file_ids: list[str], delete: Callable[[str], object]) -> list[str]:
    not_deleted: list[str] = []
    for file_id in file_ids:
        try:
            delete(file_id)
        except Exception as exc:
            log.warning("Could not delete uploaded file %s after a failed upload: %s", file_id, exc)
            not_deleted.append(file_id)
    return not_deleted


async def upload_files_async(
    files: Sequence[FileTypes],
    *,
    upload: Callable[[FileTypes], Awaitable[FileObject]],
    delete: Callable[[str], Awaitable[object]],
    max_concurrency: int,
) -> list[str]:
    """Upload as tasks of the running event loop; the new file IDs in the order of `files`."""
    import anyio  # only async users pay for it

    _check_concurrency(max_concurrency)
    limiter = anyio.CapacityLimiter(max_concurrency)
    uploaded: dict[int, str] = {}
    failures: list[tuple[int, Exception]] = []

    async with anyio.create_task_group() as group:

        async def upload_one(index: int, file: FileTypes) -> None:
            async with limiter:
                if failures:
                    return  # a sibling already failed: do not start another upload
                try:
                    uploaded[index] = (await upload(file)).id
                except Exception as exc:
                    failures.append((index, exc))
                    group.cancel_scope.cancel()  # stops the uploads still running

        for index, file in enumerate(files):
            group.start_soon(upload_one, index, file)

    if failures:
        index, cause = failures[0]
        not_deleted: list[str] = []
        with anyio.CancelScope(shield=True):  # clean up even if our caller is being cancelled
            for file_id in sorted(uploaded.values()):
                try:
                    await delete(file_id)
                except Exception as exc:
                    log.warning("Could not delete uploaded file %s after a failed upload: %s", file_id, exc)
                    not_deleted.append(file_id)
        raise _failure(files, index, cause, not_deleted)
    return [uploaded[i] for i in range(len(files))]
