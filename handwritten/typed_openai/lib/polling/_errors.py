"""Errors of the polling and upload helpers."""

from __future__ import annotations

from typing import Generic

from typing_extensions import TypeVar

from typed_openai._core import OpenAIError

__all__ = ["FileUploadError", "PollingTimeoutError"]

# The default keeps `except PollingTimeoutError as exc: exc.last` fully typed for
# pyright --strict, where a bare generic exception would otherwise be "partially unknown".
_T = TypeVar("_T", default=object)


class PollingTimeoutError(OpenAIError, TimeoutError, Generic[_T]):
    """`max_wait_seconds` ran out before the object reached a final status.

    `last` is the last object seen (None if none was seen). The operation itself goes on
    on the server: the run or file processing is not cancelled.
    """

    def __init__(self, message: str, *, last: _T | None) -> None:
        super().__init__(message)
        self.last = last


class FileUploadError(OpenAIError):
    """Uploading one of several files failed; the files already uploaded were deleted.

    `file` names the file that failed (its name, or its position when it has none),
    `index` is its position in `files`, and the original error is `__cause__`.
    `not_deleted` lists uploaded file IDs whose clean-up failed too (normally empty).
    """

    def __init__(self, file: str, index: int, cause: BaseException, not_deleted: list[str]) -> None:
        message = f"Uploading {file} (files[{index}]) failed: {cause}"
        if not_deleted:
            message += f"; could not delete the files already uploaded: {', '.join(not_deleted)}"
        super().__init__(message)
        self.file = file
        self.index = index
        self.not_deleted = not_deleted
