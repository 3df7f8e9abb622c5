"""What the official SDK computes on Responses API objects (see `computed_properties` in
`spec/config.yaml`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typed_openai.types import BetaResponse, Response

__all__ = ["output_text"]


def output_text(response: Response | BetaResponse) -> str:
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
