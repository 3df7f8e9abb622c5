"""What `python -m codegen update` needs besides the pipeline: the new pin, the old spec.

A pin records what is known of the spec: its sha256 and file name always; an address users
can download it from and the commit it comes from when known. The address is, in order:
the `--url` given; else the previous pin's address with its commit replaced by the new one
(the pin names a file in a repository, so a new commit of the same file lives at the same
address pattern); else the previous pin's, when the file is the one it pins; else none. A
user with a downloaded file need not invent one: without an address, `codegen generate`
asks for `--spec` instead of downloading.
"""

from __future__ import annotations

import re
from pathlib import Path

from .config import Pin
from .load import sha256_of

__all__ = ["commit_from_url", "find_by_sha256", "find_previous", "new_pin", "pin_address"]

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
    if commit and previous is not None and previous.url and previous.commit and previous.commit in previous.url:
        return previous.url.replace(previous.commit, commit)
    return None


def new_pin(path: Path, sha256: str, url: str | None, commit: str | None, previous: Pin | None) -> Pin:
    """The pin for the file at `path` (downloaded from `url` when given)."""
    commit = commit or (commit_from_url(url) if url else None)
    address = pin_address(url, commit, previous)
    if address is None and not commit and previous is not None and previous.sha256 == sha256:
        return previous  # the same file again: what the pin knew still holds
    return Pin(sha256=sha256, file=path.name, url=address, commit=commit)


def find_previous(directory: Path, previous: Pin) -> Path | None:
    """The previously pinned file in `directory`: by its recorded name, else by sha256."""
    named = directory / previous.file if previous.file else None
    if named is not None and named.is_file() and sha256_of(named) == previous.sha256:
        return named
    return find_by_sha256(directory, previous.sha256)


def find_by_sha256(directory: Path, sha256: str) -> Path | None:
    """A spec file in `directory` whose content has this sha256 (the previously pinned one)."""
    if not directory.is_dir():
        return None
    for candidate in sorted(directory.iterdir()):
        if candidate.suffix in _SPEC_SUFFIXES and candidate.is_file() and sha256_of(candidate) == sha256:
            return candidate
    return None
