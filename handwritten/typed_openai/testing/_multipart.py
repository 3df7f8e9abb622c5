"""A small multipart/form-data parser (RFC 7578) for recorded request bodies.

`cgi` is deprecated (and gone in Python 3.13) and `email`'s MIME parser rewrites line
endings in some bodies, so the body is split here byte-exactly; only the header
parameters of each part are parsed with `email.message.Message`, which already knows
quoting and RFC 2231 (`filename*=`).
"""

from __future__ import annotations

import email.message
import email.utils
from dataclasses import dataclass

__all__ = ["MultipartError", "Part", "boundary_of", "parse_multipart"]


class MultipartError(ValueError):
    """The body is not well-formed multipart/form-data."""


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    content: bytes


def boundary_of(content_type: str) -> str | None:
    """The `boundary` parameter of a Content-Type header value, if any."""
    message = email.message.Message()
    message["Content-Type"] = content_type
    value = message.get_param("boundary")
    if value is None:
        return None
    return email.utils.collapse_rfc2231_value(value)


def parse_multipart(body: bytes, boundary: str) -> list[Part]:
    """Split `body` into its parts; raise `MultipartError` naming what is wrong."""
    if not boundary:
        raise MultipartError("the multipart boundary is empty")
    delimiter = b"--" + boundary.encode("latin-1")
    # The first delimiter opens the body, or follows a preamble ending in CRLF.
    if body.startswith(delimiter):
        position = len(delimiter)
    else:
        found = body.find(b"\r\n" + delimiter)
        if found < 0:
            raise MultipartError(f"the boundary {boundary!r} does not occur in the body")
        position = found + 2 + len(delimiter)
    parts: list[Part] = []
    while True:
        if body[position : position + 2] == b"--":
            return parts
        line_end = body.find(b"\r\n", position)
        if line_end < 0 or body[position:line_end].strip(b" \t"):
            raise MultipartError(f"malformed boundary line at byte {position}")
        start = line_end + 2
        end = body.find(b"\r\n" + delimiter, start)
        if end < 0:
            raise MultipartError("the body ends without a closing boundary")
        parts.append(_parse_part(body[start:end], index=len(parts)))
        position = end + 2 + len(delimiter)


def _parse_part(raw: bytes, *, index: int) -> Part:
    if raw.startswith(b"\r\n"):
        header_block, content = b"", raw[2:]
    else:
        header_block, separator, content = raw.partition(b"\r\n\r\n")
        if not separator:
            raise MultipartError(f"part {index} has no blank line after its headers")
    headers = email.message.Message()
    # Browsers and httpx2 send non-ASCII filenames as raw UTF-8 in the quoted string.
    for line in header_block.decode("utf-8", errors="replace").split("\r\n"):
        name, colon, value = line.partition(":")
        if not colon:
            raise MultipartError(f"part {index} has a malformed header line {line!r}")
        headers[name.strip()] = value.strip()
    disposition = headers.get("Content-Disposition")
    if disposition is None or not disposition.lower().startswith("form-data"):
        raise MultipartError(f"part {index} has no 'Content-Disposition: form-data' header")
    field = headers.get_param("name", header="content-disposition")
    if field is None:
        raise MultipartError(f"part {index} has no field name in its Content-Disposition")
    return Part(
        name=email.utils.collapse_rfc2231_value(field),
        filename=headers.get_filename(),
        content_type=headers.get("Content-Type"),
        content=content,
    )
