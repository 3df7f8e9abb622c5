# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misspelled imports must fail, not silently become `Any`."""

from __future__ import annotations

from typed_openai import AssistantEventHandlr  # E: mypy=attr-defined pyright=reportAttributeAccessIssue
from typed_openai.types import OpenAIFiles  # E: mypy=attr-defined pyright=reportAttributeAccessIssue
from typed_openai.types.beta.threads import Txt  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


__all__ = ["AssistantEventHandlr", "OpenAIFiles", "Txt"]  # re-exported, so the imports count as used
