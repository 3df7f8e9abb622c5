"""`uploads` with `upload_file_chunked`: a large file sent as an Upload in parts."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, cast, overload

from typed_openai._core import Omit, omit
from typed_openai.resources.uploads import AsyncUploads as GeneratedAsyncUploads, Uploads as GeneratedUploads

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import Upload

__all__ = ["DEFAULT_PART_SIZE", "AsyncUploads", "Uploads"]

DEFAULT_PART_SIZE = 64 * 1024 * 1024  # the API accepts parts of up to 64 MB
Purpose = Literal["assistants", "batch", "fine-tune", "vision"]


def _source(file: os.PathLike[str] | bytes, filename: str | None, size: int | None) -> tuple[BinaryIO, str, int]:
    """The bytes to send, the file's name and its size in bytes."""
    if isinstance(file, bytes):
        if filename is None:
            raise TypeError("upload_file_chunked() needs `filename=` for in-memory bytes")
        if size is None:
            size = len(file)
        return io.BytesIO(file), filename, size
    path = Path(file)
    return path.open("rb"), filename or path.name, path.stat().st_size if size is None else size


def _check_part_size(part_size: int | None) -> int:
    size = DEFAULT_PART_SIZE if part_size is None else part_size
    given = cast(object, size)  # untyped callers may pass anything
    if isinstance(given, bool) or not isinstance(given, int) or given < 1:
        raise ValueError(f"part_size must be a positive number of bytes, got {part_size!r}")
    return size


class Uploads(GeneratedUploads):
    @overload
    def upload_file_chunked(
        self, *, file: os.PathLike[str], mime_type: str, purpose: Purpose, bytes: int | None = None,
        part_size: int | None = None, md5: str | Omit = omit,
    ) -> Upload: ...
    @overload
    def upload_file_chunked(
        self, *, file: bytes, filename: str, bytes: int, mime_type: str, purpose: Purpose,
        part_size: int | None = None, md5: str | Omit = omit,
    ) -> Upload: ...
    def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str] | bytes,
        mime_type: str,
        purpose: Purpose,
        filename: str | None = None,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = omit,
    ) -> Upload:
        """Create an Upload, send the file in parts of `part_size` bytes (64 MB by
        default), in order, and complete it with the parts' IDs. A part that fails
        raises with the Upload left open (it expires after an hour); nothing is retried
        beyond the client's own retries."""
        size = _check_part_size(part_size)
        stream, name, length = _source(file, filename, bytes)
        with stream:
            upload = self.create(bytes=length, filename=name, mime_type=mime_type, purpose=purpose)
            part_ids: list[str] = []
            while data := stream.read(size):
                part_ids.append(self.parts.create(upload.id, data=data).id)
        return self.complete(upload.id, part_ids=part_ids, md5=md5)


class AsyncUploads(GeneratedAsyncUploads):
    @overload
    async def upload_file_chunked(
        self, *, file: os.PathLike[str], mime_type: str, purpose: Purpose, bytes: int | None = None,
        part_size: int | None = None, md5: str | Omit = omit,
    ) -> Upload: ...
    @overload
    async def upload_file_chunked(
        self, *, file: bytes, filename: str, bytes: int, mime_type: str, purpose: Purpose,
        part_size: int | None = None, md5: str | Omit = omit,
    ) -> Upload: ...
    async def upload_file_chunked(
        self,
        *,
        file: os.PathLike[str] | bytes,
        mime_type: str,
        purpose: Purpose,
        filename: str | None = None,
        bytes: int | None = None,
        part_size: int | None = None,
        md5: str | Omit = omit,
    ) -> Upload:
        """The async twin of `Uploads.upload_file_chunked` (the file is read in parts,
        each read between two requests)."""
        size = _check_part_size(part_size)
        stream, name, length = _source(file, filename, bytes)
        with stream:
            upload = await self.create(bytes=length, filename=name, mime_type=mime_type, purpose=purpose)
            part_ids: list[str] = []
            while data := stream.read(size):
                part_ids.append((await self.parts.create(upload.id, data=data)).id)
        return await self.complete(upload.id, part_ids=part_ids, md5=md5)
