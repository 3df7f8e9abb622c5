"""What the mock server remembers: each request received and each error it hit."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._multipart import MultipartError, Part, boundary_of, parse_multipart

__all__ = ["Headers", "RecordedError", "RecordedRequest", "RequestBodyError", "UploadedFile"]


class RequestBodyError(ValueError):
    """A recorded body cannot be read the way it was asked for (not JSON, not a form)."""


class Headers(Mapping[str, str]):
    """Read-only HTTP headers with case-insensitive names, keeping repeated headers.

    `headers["x"]` joins repeated values with ", " (RFC 9110); `get_list("x")` keeps them
    apart; `raw` is every (name, value) pair in the order received.
    """

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items = [(name, value) for name, value in items]

    @property
    def raw(self) -> list[tuple[str, str]]:
        return list(self._items)

    def get_list(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self._items if key.lower() == wanted]

    def __getitem__(self, name: str) -> str:
        values = self.get_list(name)
        if not values:
            raise KeyError(name)
        return ", ".join(values)

    def __iter__(self) -> Iterator[str]:
        # Unique lower-case names, in order of first appearance.
        return iter(dict.fromkeys(key.lower() for key, _ in self._items))

    def __len__(self) -> int:
        return len({key.lower() for key, _ in self._items})

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart/form-data body."""

    filename: str
    content_type: str | None
    content: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it.

    `path` has the `/v1` prefix removed and no query; `target` is the request target
    exactly as sent (`/v1/threads?limit=2`). `query` keeps repeated keys and blank values
    (`{"include[]": ["a", "b"]}`); `query_string` is the raw, still-encoded query.
    `path_params` holds the values of the matched route's `{placeholders}`, decoded.
    """

    method: str
    path: str
    target: str
    query_string: str
    headers: Headers
    body: bytes
    path_params: Mapping[str, str] = field(default_factory=dict[str, str])

    @property
    def query(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.query_string, keep_blank_values=True)

    @property
    def content_type(self) -> str:
        """The media type of the body, lower case and without parameters ("" if none)."""
        return self.headers.get("content-type", "").partition(";")[0].strip().lower()

    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        """The body parsed as JSON; `RequestBodyError` says why when it is not JSON."""
        if not self.body:
            raise RequestBodyError(f"{self.method} {self.path}: the request has no body to parse as JSON")
        try:
            return json.loads(self.body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RequestBodyError(
                f"{self.method} {self.path}: the body is not valid JSON ({exc}); "
                f"Content-Type {self.content_type or '(none)'!r}, body starts {self.body[:60]!r}"
            ) from exc

    def form(self) -> dict[str, list[str]]:
        """Text fields of a multipart/form-data or urlencoded body: name -> values."""
        if self.content_type == "application/x-www-form-urlencoded":
            try:
                return urllib.parse.parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError as exc:
                raise RequestBodyError(f"{self.method} {self.path}: the form body is not UTF-8") from exc
        fields: dict[str, list[str]] = {}
        for part in self._parts():
            if part.filename is not None:
                continue
            try:
                fields.setdefault(part.name, []).append(part.content.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise RequestBodyError(
                    f"{self.method} {self.path}: form field {part.name!r} is not UTF-8 text"
                ) from exc
        return fields

    def files(self) -> dict[str, list[UploadedFile]]:
        """File parts of a multipart/form-data body: field name -> uploaded files."""
        if self.content_type == "application/x-www-form-urlencoded":
            return {}
        files: dict[str, list[UploadedFile]] = {}
        for part in self._parts():
            if part.filename is not None:
                upload = UploadedFile(part.filename, part.content_type, part.content)
                files.setdefault(part.name, []).append(upload)
        return files

    def _parts(self) -> list[Part]:
        if self.content_type != "multipart/form-data":
            raise RequestBodyError(
                f"{self.method} {self.path}: the body is not multipart/form-data "
                f"(Content-Type {self.content_type or '(none)'!r})"
            )
        boundary = boundary_of(self.headers["content-type"])
        if boundary is None:
            raise RequestBodyError(f"{self.method} {self.path}: the multipart Content-Type has no boundary")
        try:
            return parse_multipart(self.body, boundary)
        except MultipartError as exc:
            raise RequestBodyError(f"{self.method} {self.path}: {exc}") from exc


@dataclass(frozen=True)
class RecordedError:
    """An exception raised while answering `request` (None if it came before parsing).

    The client got a 500 whose message holds `traceback`, unless the response had
    already started, in which case the connection was dropped.
    """

    request: RecordedRequest | None
    exception: BaseException
    traceback: str
