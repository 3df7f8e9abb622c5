"""Multipart encoding: flattening form fields and normalising uploaded files."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TypeAlias, cast

import pydantic

from ._types import FileTypes, Omit

__all__ = ["HttpxFile", "flatten_form", "to_httpx_files"]

# What httpx2's `files=` takes, with the content always read into bytes so that a retried
# request sends the same body again (a file object would be exhausted after one attempt).
HttpxFile: TypeAlias = tuple[str, tuple[str, bytes, str | None]]


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


def _read(content: bytes | IO[bytes]) -> bytes:
    if isinstance(content, bytes):
        return content
    data = cast(object, content.read())  # untyped file objects may return str
    if not isinstance(data, bytes):
        raise TypeError(
            f"Expected a file opened in binary mode, got {type(data).__name__} data"
        )
    return data


def _one_file(value: FileTypes) -> tuple[str, bytes, str | None]:
    if isinstance(value, os.PathLike):
        path = Path(os.fspath(value))
        return path.name, path.read_bytes(), None
    if isinstance(value, tuple):
        name = value[0] or "upload"
        content_type = value[2] if len(value) == 3 else None
        return name, _read(value[1]), content_type
    if isinstance(value, bytes):
        return "upload", value, None
    # A file object: its name (if it has one) is a path; only the base name is sent.
    raw_name = getattr(value, "name", None)
    name = Path(raw_name).name if isinstance(raw_name, str) and raw_name else "upload"
    return name, _read(value), None


def to_httpx_files(
    files: Mapping[str, FileTypes | Sequence[FileTypes] | Omit],
) -> list[HttpxFile]:
    """One (field, (file name, bytes, content type)) per file; a list repeats the field."""
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
