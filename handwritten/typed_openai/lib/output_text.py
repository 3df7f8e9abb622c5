"""What the official SDK computes on Responses API objects (see `computed_properties` in
`spec/config.yaml`).

Kept apart from `lib.responses` and typed by shape, not by model: the generated `Response`
and `BetaResponse` call it, and it must keep working for a spec that has one and not the
other (or that lacks the types the streaming helpers need)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = ["output_text"]


class HasOutput(Protocol):
    """A response: `Response`, `BetaResponse`."""

    @property
    def output(self) -> Sequence[object]: ...


def output_text(response: HasOutput) -> str:
    """The text of every `output_text` part of the response's messages, joined in order
    ("" when there is none: no message yet, only tool calls, or a refusal)."""
    texts: list[str] = []
    for item in response.output:
        # Lenient parsing keeps an item or part of a newer type as it came: read by name.
        if getattr(item, "type", None) != "message":
            continue
        for part in getattr(item, "content", None) or ():
            text = getattr(part, "text", None)
            if getattr(part, "type", None) == "output_text" and isinstance(text, str):
                texts.append(text)
    return "".join(texts)
