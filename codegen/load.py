"""Stage 1: read the spec file, check it against the pin, fetch it when asked."""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from .config import Pin

__all__ = ["SpecMismatch", "download", "fetch", "load_spec", "sha256_of"]


class SpecMismatch(Exception):
    """The spec file is not the one the pin names."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(pin: Pin, dest: Path) -> Path:
    return fetch(pin.url, dest)


def fetch(url: str, dest: Path) -> Path:
    """Save `url` (https, or file: in tests) to `dest`."""
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - an address the maintainer gave
        dest.write_bytes(response.read())
    return dest


def _plain(node: Any) -> Any:
    # YAML reads an unquoted `2025-01-01` as a date; the spec means a string.
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node


def load_spec(path: Path, *, pin: Pin | None = None) -> dict[str, Any]:
    """Parse the spec; with `pin`, refuse a file whose sha256 differs from it."""
    if pin is not None:
        digest = sha256_of(path)
        if digest != pin.sha256:
            raise SpecMismatch(
                f"{path} has sha256 {digest}, but spec/pin.yaml pins {pin.sha256} ({pin.url}).\n"
                "To move to this spec, run `python -m codegen update --spec PATH`."
            )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~5x faster
    with path.open("rb") as f:
        spec = yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    if not isinstance(spec, dict) or "paths" not in spec:
        raise ValueError(f"{path} is not an OpenAPI document (no `paths`)")
    version = str(spec.get("openapi", ""))
    if not version.startswith(("3.0", "3.1")):
        raise ValueError(f"{path}: OpenAPI {version or '(unknown)'} is not supported; 3.0 and 3.1 are")
    return _plain(spec)
