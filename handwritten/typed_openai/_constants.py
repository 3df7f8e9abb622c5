"""The client defaults under the official SDK's `_constants` path, which code written for it
imports (`from openai._constants import DEFAULT_TIMEOUT`); the runtime's own values."""

from __future__ import annotations

from typed_openai._core import DEFAULT_CONNECTION_LIMITS, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT

__all__ = ["DEFAULT_CONNECTION_LIMITS", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT"]
