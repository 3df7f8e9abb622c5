"""Describing a request (`RequestSpec`, `path_template`) and encoding its parts, without I/O."""

from __future__ import annotations

import json
import math
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, cast
from urllib.parse import quote

import httpx2
import pydantic
import pydantic_core

from ._files import HttpxFile, PathContent, flatten_form, to_httpx_files
from ._types import FileTypes, Headers, Omit, Query, Timeout, omit

__all__ = [
    "EncodedBody",
    "RequestSpec",
    "encode_body",
    "merge_headers",
    "path_template",
    "query_params",
    "to_jsonable",
]


@dataclass(frozen=True, kw_only=True)
class RequestSpec:
    """One request an operation makes, as generated code describes it."""

    method: Literal["get", "post", "delete", "put", "patch"]
    path: str
    query: Mapping[str, object] | None = None
    json_body: Mapping[str, object] | None = None
    form: Mapping[str, object] | None = None
    files: Mapping[str, FileTypes | Sequence[FileTypes] | Omit] | None = None
    # Form fields sent as one part of their own content type (the spec's multipart
    # `encoding`): `application/json` sends the value as JSON, another type its text.
    part_types: Mapping[str, str] | None = None
    content: bytes | None = None
    content_type: str | None = None
    headers: Mapping[str, str] | None = None
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Mapping[str, object] | None = None
    timeout: Timeout | Omit = omit
    # Authenticate with the client's `admin_api_key` (the administration API), not `api_key`.
    admin_key: bool = False


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def path_template(template: str, /, **params: str | int) -> str:
    """Fill `{name}` placeholders, percent-encoding each value as one path segment.

    Empty or blank ids are rejected before any request is sent: `/threads/{id}/runs` with
    an empty id would silently address a different endpoint.
    """
    names = _PLACEHOLDER.findall(template)
    missing = [name for name in names if name not in params]
    if missing:
        raise TypeError(
            f"path_template() missing path parameter(s): {', '.join(missing)}"
        )
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise TypeError(
            f"path_template() got unexpected path parameter(s): {', '.join(unknown)}"
        )

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = cast(object, params[name])  # untyped callers may pass anything
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise TypeError(
                f"Expected `{name}` to be a string, got {type(value).__name__}"
            )
        text = str(value)
        if not text.strip():
            raise ValueError(
                f"Expected a non-empty value for `{name}` but received {text!r}"
            )
        if text in (".", ".."):
            # Would be resolved as a relative path segment; send it as a literal id.
            return text.replace(".", "%2E")
        return quote(text, safe="")

    return _PLACEHOLDER.sub(fill, template)


def to_jsonable(value: object) -> object:
    """JSON-ready data; pydantic models are dumped with only the fields that were set."""
    if isinstance(value, Omit):
        raise TypeError("`omit` can only be used as a top-level argument value")
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", exclude_unset=True, by_alias=True)
    if isinstance(value, Mapping):
        items = cast("Mapping[object, object]", value).items()
        return {str(k): to_jsonable(v) for k, v in items if not isinstance(v, Omit)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in cast("Sequence[object]", value)]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    # datetimes, enums, UUIDs, ...: pydantic knows how to render them.
    return pydantic_core.to_jsonable_python(value)


def _query_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_params(*layers: Mapping[str, object] | None) -> httpx2.QueryParams:
    """Merge query mappings (later wins per key) into ordered pairs.

    `omit` and `None` are dropped; a list repeats its key exactly as given
    (`include[]=a&include[]=b`); a dict nests as `key[sub]`.
    """
    merged: dict[str, object] = {}
    for layer in layers:
        if layer:
            merged.update(layer)
    pairs: list[tuple[str, str | int | float | bool | None]] = []

    def add(key: str, value: object) -> None:
        if value is None or isinstance(value, Omit):
            return
        if isinstance(value, Mapping):
            for sub, item in cast("Mapping[object, object]", value).items():
                add(f"{key}[{sub}]", item)
        elif isinstance(value, (list, tuple)):
            for item in cast("Sequence[object]", value):
                add(key, item)
        else:
            pairs.append((key, _query_value(value)))

    for key, value in merged.items():
        add(key, value)
    return httpx2.QueryParams(pairs)


def header_values(values: Mapping[str, object]) -> dict[str, str]:
    """A method's header parameters as header text: an omitted (or `None`) one is not sent,
    a list is comma-separated (`betas=["a", "b"]` -> `a,b`), a bool is `true`/`false`."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if value is None or isinstance(value, Omit):
            continue
        if isinstance(value, (list, tuple)):
            out[key] = ",".join(_header_text(item) for item in cast("Sequence[object]", value))
        else:
            out[key] = _header_text(value)
    return out


def _header_text(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


# RFC 9110 field names are tokens; values may not hold CR, LF or NUL (a header injection,
# which h11 would refuse only while sending, as a transport error).
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FORBIDDEN_IN_VALUE = re.compile(r"[\r\n\x00]")


def _checked_header(key: object, value: object) -> None:
    if not isinstance(key, str) or not _HEADER_NAME.fullmatch(key):
        raise ValueError(f"Invalid header name {key!r}: expected a token such as 'X-Custom-Header'")
    if not isinstance(value, str):
        raise TypeError(f"Header {key!r} must be a string (or omit), got {type(value).__name__}")
    if _FORBIDDEN_IN_VALUE.search(value):
        # The value is not quoted: it may be a secret.
        raise ValueError(f"Header {key!r} has a CR, LF or NUL character in its value; nothing was sent")


def merge_headers(base: Mapping[str, str], *layers: Headers | None) -> httpx2.Headers:
    """Later layers override earlier ones, case-insensitively; `omit` removes a header.
    Every name and value is checked before anything is sent."""
    headers = httpx2.Headers(dict(base))
    for layer in (base, *layers):
        for key, value in (layer or {}).items():
            if isinstance(value, Omit):
                if key in headers:
                    del headers[key]
            else:
                _checked_header(key, value)
                headers[key] = value
    return headers


@dataclass(frozen=True)
class EncodedBody:
    """What to hand httpx2 for the body; at most one of the three kinds is set."""

    content: bytes | None = None
    content_type: str | None = None
    data: dict[str, list[str]] | None = None
    files: list[HttpxFile] | None = None

    def close(self) -> None:
        """Close the files opened from paths (once the call is over, however it ended)."""
        for _field, (_name, content, _type) in self.files or ():
            if isinstance(content, PathContent):
                content.close()


def encode_body(spec: RequestSpec) -> EncodedBody:
    if spec.files is not None or spec.form is not None:
        form = {**(spec.form or {}), **(spec.extra_body or {})}
        typed = spec.part_types or {}
        files = to_httpx_files(spec.files or {})
        for key, value in form.items():
            part = _typed_part(value, typed[key]) if key in typed else None
            if part is not None:
                files.append((key, (None, part, typed[key])))
        data = flatten_form({key: value for key, value in form.items() if key not in typed})
        if not files:
            # httpx2 only builds multipart when there is a file; the API expects multipart.
            return _multipart_without_files(data)
        return EncodedBody(data=data, files=files)
    if spec.content is not None:
        return EncodedBody(content=spec.content, content_type=spec.content_type)
    if spec.json_body is None and spec.extra_body is None:
        return EncodedBody()
    body = {
        key: value
        for key, value in {**(spec.json_body or {}), **(spec.extra_body or {})}.items()
        if not isinstance(value, Omit)
    }
    try:
        encoded = json.dumps(to_jsonable(body), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as exc:  # JSON has no NaN or infinity; Python's default would send invalid JSON
        raise ValueError(
            f"A request parameter holds NaN or an infinite float, which JSON cannot carry: {_non_finite_paths(body)}"
        ) from exc
    return EncodedBody(content=encoded.encode("utf-8"), content_type="application/json")


def _non_finite_paths(value: object, path: str = "") -> str:
    """Where the NaN/infinite floats are in `value`, e.g. `temperature` or `messages[0].x`."""
    found: list[str] = []

    def walk(item: object, at: str) -> None:
        if isinstance(item, float) and not math.isfinite(item):
            found.append(at or "the body")
        elif isinstance(item, Mapping):
            for key, sub in cast("Mapping[object, object]", item).items():
                walk(sub, f"{at}.{key}" if at else str(key))
        elif isinstance(item, (list, tuple)):
            for index, sub in enumerate(cast("Sequence[object]", item)):
                walk(sub, f"{at}[{index}]")

    walk(to_jsonable(value), path)
    return ", ".join(found) or "a nested value"


def _typed_part(value: object, content_type: str) -> bytes | None:
    """A form field's part body for its declared content type: JSON (`null` for None) for
    a JSON type, else the text as it is (bytes as they are); None: no part (`omit`, or
    None for a text type)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if isinstance(value, Omit) or (value is None and not media.endswith("json")):
        return None
    if media == "application/json" or media.endswith("+json"):
        return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def _multipart_without_files(data: dict[str, list[str]]) -> EncodedBody:
    # httpx2 has no public text-only multipart encoder; the format is small enough.
    boundary = secrets.token_hex(16)
    parts: list[bytes] = []
    for key, values in data.items():
        # HTML's form encoding: escape quote and newlines in the field name.
        name = key.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
        for value in values:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode("utf-8")
                + b"\r\n"
            )
    parts.append(f"--{boundary}--\r\n".encode())
    return EncodedBody(
        content=b"".join(parts),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
