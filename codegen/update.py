"""What `python -m codegen update` needs besides the pipeline: the new pin, the old spec.

A pin is an address users can download the spec from, the commit it comes from when
known, and its sha256. The address is, in order: the `--url` given; else the previous
pin's address with its commit replaced by the new one (the pin names a file in a
repository, so a new commit of the same file lives at the same address pattern); else
there is none and the update is refused, since `codegen generate` without `--spec` must be
able to fetch the pinned file.
"""

from __future__ import annotations

import re
from pathlib import Path

from .config import Pin
from .load import sha256_of

__all__ = ["commit_from_url", "find_by_sha256", "pin_address"]

_COMMIT = re.compile(r"(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])")
_SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def commit_from_url(url: str) -> str | None:
    """The 40-hex commit a raw-file address names (`.../<commit>/openapi.yaml`), if any."""
    found = _COMMIT.findall(url)
    return found[-1] if len(set(found)) == 1 else None


def pin_address(url: str | None, commit: str | None, previous: Pin | None) -> str | None:
    """The address to record: the one given, or the previous one moved to `commit`."""
    if url:
        return url
    if commit and previous is not None and previous.commit and previous.commit in previous.url:
        return previous.url.replace(previous.commit, commit)
    return None


def find_by_sha256(directory: Path, sha256: str) -> Path | None:
    """A spec file in `directory` whose content has this sha256 (the previously pinned one)."""
    if not directory.is_dir():
        return None
    for candidate in sorted(directory.iterdir()):
        if candidate.suffix in _SPEC_SUFFIXES and candidate.is_file() and sha256_of(candidate) == sha256:
            return candidate
    return None
