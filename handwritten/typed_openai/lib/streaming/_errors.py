"""Errors of the stream helpers."""

from __future__ import annotations

from typed_openai._core import OpenAIError

__all__ = ["StreamNotFinishedError"]


class StreamNotFinishedError(OpenAIError):
    """A final result (`get_final_run()`, `until_done()`, ...) was asked of a stream that
    did not reach its end: it was left early (a `break` and the `with` block's exit,
    `close()`) or interrupted (KeyboardInterrupt, task cancellation). What arrived is
    incomplete; the handler's `current_*` readers still show it."""
