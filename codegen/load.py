"""Stage 1: read the spec file, check it against the pin, fetch it when asked."""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from .config import Pin
from .document import SpecError, check_root

__all__ = ["SpecError", "SpecMismatch", "download", "fetch", "load_spec", "sha256_of"]


class SpecMismatch(Exception):
    """The spec file is not the one the pin names."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(pin: Pin, dest: Path) -> Path:
    if pin.url is None:
        raise SpecMismatch(f"the pin records no address to download {pin.describe()} from: pass --spec PATH")
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
                f"{path} has sha256 {digest}, but spec/pin.yaml pins {pin.sha256} ({pin.describe()}).\n"
                "To move to this spec, run `python -m codegen update --spec PATH`."
            )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~5x faster
    try:
        with path.open("rb") as f:
            spec = yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SpecError([f"{path}{where}: not YAML or JSON ({problem})"]) from None
    try:
        return check_root(_plain(spec))
    except SpecError as error:
        raise SpecError([f"{path}: {p}" for p in error.problems]) from None
