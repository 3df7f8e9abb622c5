"""Option types and the `omit` sentinel shared by the runtime and generated code."""

from __future__ import annotations

import os
from typing import IO, ClassVar, Final, Literal, Mapping, TypeAlias, final

import httpx2

__all__ = [
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "JSONValue",
    "Omit",
    "Query",
    "StreamFraming",
    "Timeout",
    "omit",
]


JSONValue: TypeAlias = object
"""A free-form JSON value the spec leaves untyped: narrow it (`isinstance`) before use.

A name of its own because generated classes may have a field called `object`, which
would shadow the builtin inside their body."""


@final
class Omit:
    """Type of `omit`: marks a keyword argument the caller did not give.

    Distinct from `None`, which is sent as JSON `null`. There is one instance.
    """

    _instance: ClassVar[Omit | None] = None
    __slots__ = ()

    def __new__(cls) -> Omit:
        # One instance only, so `is omit` and `isinstance(x, Omit)` agree everywhere.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"

    def __copy__(self) -> Omit:
        return self

    def __deepcopy__(self, memo: object) -> Omit:
        return self

    def __reduce__(self) -> str:
        # Pickles by reference to the module-level `omit`.
        return "omit"


omit: Final[Omit] = Omit()

Headers: TypeAlias = Mapping[str, str | Omit]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]
# `None` means no timeout at all.
Timeout: TypeAlias = float | httpx2.Timeout | None

FileContent: TypeAlias = bytes | IO[bytes]
# (file name, content) or (file name, content, content type); a PathLike is read from disk.
FileTypes: TypeAlias = (
    bytes
    | IO[bytes]
    | os.PathLike[str]
    | tuple[str | None, bytes | IO[bytes]]
    | tuple[str | None, bytes | IO[bytes], str | None]
)

StreamFraming: TypeAlias = Literal["named", "data"]
