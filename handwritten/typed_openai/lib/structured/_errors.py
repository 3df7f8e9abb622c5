"""Why a structured answer could not be parsed: the model stopped before it was whole."""

from __future__ import annotations

from typed_openai._core import OpenAIError

__all__ = ["ContentFilterFinishReasonError", "LengthFinishReasonError"]


class LengthFinishReasonError(OpenAIError):
    """The answer hit the token limit (`finish_reason: "length"`), so it cannot be
    parsed; `completion` holds what arrived, `usage` the tokens spent (if sent)."""

    completion: object
    usage: object

    def __init__(self, *, completion: object) -> None:
        usage = getattr(completion, "usage", None)
        self.completion = completion
        self.usage = usage
        super().__init__(
            "Could not parse the response content: the length limit was reached"
            + (f" ({usage})" if usage is not None else "")
            + ". Raise `max_completion_tokens` or shorten the request."
        )


class ContentFilterFinishReasonError(OpenAIError):
    """The content filter stopped the answer (`finish_reason: "content_filter"`)."""

    def __init__(self) -> None:
        super().__init__("Could not parse the response content: the request was rejected by the content filter.")
