"""Multipart encoding: flattening form fields and normalising uploaded files."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TypeAlias, cast

import pydantic

from ._types import FileTypes, Omit

__all__ = ["HttpxFile", "PathContent", "file_from_path", "flatten_form", "to_httpx_files"]

# What httpx2's `files=` takes. Files are streamed from where they are, never read into
# memory whole: httpx2 seeks each file object back to its start before sending it, so a
# retried request sends the same body again.
# The file name is None for a typed form field (no `filename=` in its Content-Disposition).
HttpxFile: TypeAlias = tuple[str, tuple[str | None, "bytes | IO[bytes]", str | None]]


class PathContent:
    """A file on disk for an upload: opened when first read, closed once read to its end
    (or by `close()`), so that a client holds no descriptor between calls and a retry,
    which seeks back to 0, reads it again from disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def _open(self) -> IO[bytes]:
        if self._file is None:
            self._file = self.path.open("rb")
        return self._file

    def read(self, size: int = -1) -> bytes:
        data = self._open().read(size)
        if not data:
            self.close()
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self._file is None and offset == 0:
            # The length (seek to the end) and a rewind need no descriptor.
            return self.path.stat().st_size if whence == os.SEEK_END else 0
        return self._open().seek(offset, whence)

    def tell(self) -> int:
        return 0 if self._file is None else self._file.tell()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flatten_form(form: Mapping[str, object]) -> dict[str, list[str]]:
    """Text fields for multipart: lists become repeated `key[]`, dicts `key[sub]`."""
    out: dict[str, list[str]] = {}

    def add(key: str, value: object) -> None:
        if isinstance(value, Omit) or value is None:
            return
        if isinstance(value, pydantic.BaseModel):
            value = value.model_dump(mode="json", exclude_unset=True, by_alias=True)
        if isinstance(value, Mapping):
            for sub, item in cast("Mapping[object, object]", value).items():
                add(f"{key}[{sub}]", item)
        elif isinstance(value, (list, tuple)):
            for item in cast("Sequence[object]", value):
                add(f"{key}[]", item)
        else:
            out.setdefault(key, []).append(_scalar(value))

    for key, value in form.items():
        add(key, value)
    return out


def _is_file_tuple(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(cast("tuple[object, ...]", value)) in (2, 3)
        and (value[0] is None or isinstance(value[0], str))
        and not isinstance(value[1], (str, tuple))
    )


def _streamable(content: bytes | IO[bytes]) -> bytes | IO[bytes]:
    """`content` as httpx2 can send it, and send again on a retry."""
    if isinstance(content, bytes):
        return content
    if isinstance(content, io.TextIOBase):
        raise TypeError("Expected a file opened in binary mode ('rb'), got a text-mode file")
    seekable = getattr(content, "seekable", None)
    if callable(seekable) and seekable():
        return content  # streamed in chunks; rewound before a retry
    # A pipe or a socket can be read once only: kept in memory so that a retry can resend it.
    data = cast(object, content.read())  # untyped file objects may return str
    if not isinstance(data, bytes):
        raise TypeError(f"Expected a file opened in binary mode, got {type(data).__name__} data")
    return data


def _one_file(value: FileTypes) -> tuple[str, bytes | IO[bytes], str | None]:
    if isinstance(value, os.PathLike):
        path = Path(os.fspath(value))
        if not path.is_file():
            raise FileNotFoundError(f"No file to upload at {str(path)!r}")
        # PathContent has the read/seek/tell that httpx2 uses of a file object.
        return path.name, cast("IO[bytes]", PathContent(path)), None
    if isinstance(value, tuple):
        name = value[0] or "upload"
        content_type = value[2] if len(value) == 3 else None
        return name, _streamable(value[1]), content_type
    if isinstance(value, bytes):
        return "upload", value, None
    # A file object: its name (if it has one) is a path; only the base name is sent.
    raw_name = getattr(value, "name", None)
    if isinstance(raw_name, os.PathLike):
        raw_name = os.fspath(cast("os.PathLike[str]", raw_name))
    name = Path(raw_name).name if isinstance(raw_name, str) and raw_name else "upload"
    return name, _streamable(value), None


def to_httpx_files(
    files: Mapping[str, FileTypes | Sequence[FileTypes] | Omit],
) -> list[HttpxFile]:
    """One (field, (file name, content, content type)) per file; a list repeats the field."""
    out: list[HttpxFile] = []
    for key, value in files.items():
        if isinstance(value, Omit):
            continue
        if isinstance(value, (list, tuple)) and not _is_file_tuple(value):
            for item in cast("Sequence[FileTypes]", value):
                out.append((key, _one_file(item)))
        else:
            out.append((key, _one_file(cast(FileTypes, value))))
    return out


def file_from_path(path: str | os.PathLike[str]) -> FileTypes:
    """A file to upload, read from `path` now and sent under its base name."""
    path = Path(os.fspath(path))
    return (path.name, path.read_bytes())
