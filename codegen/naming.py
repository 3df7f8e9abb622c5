"""Turning spec strings into safe, stable Python names."""

from __future__ import annotations

import keyword
import re

__all__ = ["pascal_case", "safe_identifier", "snake_case"]

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
# Names that would shadow something a generated module or class needs.
_RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"self", "cls"}


def _words(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(_WORD_BOUNDARY.sub(" ", text)) if w]


def snake_case(text: str) -> str:
    """`listRunSteps` -> `list_run_steps`, `admin-api-keys-list` -> `admin_api_keys_list`."""
    return "_".join(w.lower() for w in _words(text))


def pascal_case(text: str) -> str:
    """`thread.run.created` -> `ThreadRunCreated`, `Error-2` -> `Error2`."""
    return "".join(w[:1].upper() + w[1:] for w in _words(text))


def safe_identifier(name: str, *, reserved: frozenset[str] = frozenset()) -> str:
    """A valid, non-keyword Python identifier for `name`, stable for a given input.

    Characters that cannot appear in an identifier become `_`; a leading digit gets a
    `_` prefix; keywords and reserved names get a trailing `_` (PEP 8's convention).
    """
    ident = re.sub(r"\W", "_", name, flags=re.ASCII) or "_"
    if ident[0].isdigit():
        ident = "_" + ident
    if ident in _RESERVED or ident in reserved:
        ident += "_"
    return ident
