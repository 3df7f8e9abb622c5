"""The official SDK's `_types` names that code written for it imports (`Omit`, `NoneType`, ...)."""

from __future__ import annotations

from typed_openai._core import NOT_GIVEN, Body, FileTypes, Headers, NotGiven, Omit, Query, Timeout, not_given, omit

__all__ = ["NOT_GIVEN", "Body", "FileTypes", "Headers", "NoneType", "NotGiven", "Omit", "Query", "Timeout", "not_given", "omit"]

NoneType: type[None] = type(None)
