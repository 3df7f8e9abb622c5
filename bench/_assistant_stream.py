"""The recorded assistant stream both clients read, and the event handlers that read it.

The stream is `typed_openai.testing.assistant_text_stream`: a run that answers a text in
`deltas` message deltas of 4 characters (about one token each), with the run, run step
and message events around them, as the API sends them. Both handlers override only
`on_text_delta` and do the same work in it: count the delta and read the accumulated
text of the snapshot, so each library must build that snapshot for every delta.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

from typed_openai.testing import assistant_text_stream

from ._harness import IMPLS, TYPED
from ._loopback import Served, sse_response

__all__ = [
    "ASSISTANT_ID",
    "CHUNK",
    "RUNS_PATH",
    "THREAD_ID",
    "async_client",
    "async_handler",
    "recorded_stream",
    "sync_client",
    "sync_handler",
]

THREAD_ID = "thread_abc123"
ASSISTANT_ID = "asst_abc123"
RUNS_PATH = f"/v1/threads/{THREAD_ID}/runs"
CHUNK = 4
_WORDS = "The quick brown fox jumps over the lazy dog, then naps in the warm afternoon sun. "


def recorded_stream(deltas: int) -> tuple[bytes, int]:
    """The whole HTTP response for a stream of `deltas` text deltas, and its event count."""
    text = (_WORDS * (deltas * CHUNK // len(_WORDS) + 1))[: deltas * CHUNK]
    events = assistant_text_stream(text, chunk_size=CHUNK)
    return sse_response(event.encode() for event in events), len(events)


def sync_handler(impl: str) -> Any:
    """A fresh handler of `impl` (handlers are single-use in both libraries)."""
    if impl == TYPED:
        import typed_openai
        from typed_openai.types.beta.threads import Text, TextDelta

        class TypedHandler(typed_openai.AssistantEventHandler):
            def __init__(self) -> None:
                super().__init__()
                self.deltas = 0
                self.chars = 0

            def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
                self.deltas += 1
                self.chars = len(snapshot.value)

        return TypedHandler()

    import openai
    from openai.types.beta.threads import Text as OText
    from openai.types.beta.threads import TextDelta as OTextDelta

    class OpenAIHandler(openai.AssistantEventHandler):
        def __init__(self) -> None:
            super().__init__()
            self.deltas = 0
            self.chars = 0

        def on_text_delta(self, delta: OTextDelta, snapshot: OText) -> None:
            self.deltas += 1
            self.chars = len(snapshot.value)

    return OpenAIHandler()


def async_handler(impl: str) -> Any:
    if impl == TYPED:
        import typed_openai
        from typed_openai.types.beta.threads import Text, TextDelta

        class TypedHandler(typed_openai.AsyncAssistantEventHandler):
            def __init__(self) -> None:
                super().__init__()
                self.deltas = 0
                self.chars = 0

            async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
                self.deltas += 1
                self.chars = len(snapshot.value)

        return TypedHandler()

    import openai
    from openai.types.beta.threads import Text as OText
    from openai.types.beta.threads import TextDelta as OTextDelta

    class OpenAIHandler(openai.AsyncAssistantEventHandler):
        def __init__(self) -> None:
            super().__init__()
            self.deltas = 0
            self.chars = 0

        async def on_text_delta(self, delta: OTextDelta, snapshot: OText) -> None:
            self.deltas += 1
            self.chars = len(snapshot.value)

    return OpenAIHandler()


def sync_client(impl: str, base_url: str) -> Any:
    if impl == TYPED:
        import typed_openai

        return typed_openai.OpenAI(api_key="sk-bench", base_url=base_url, max_retries=0)
    import openai

    return openai.OpenAI(api_key="sk-bench", base_url=base_url, max_retries=0)


class ServedWithClients(Served):
    """A `Served` benchmark with one sync client per implementation (`self._clients`),
    made when it is entered and closed when it exits."""

    _clients: dict[str, Any]

    def __enter__(self) -> Self:
        super().__enter__()
        self._clients = {impl: sync_client(impl, self._server.url + "/v1") for impl in IMPLS}
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for client in self._clients.values():
            client.close()
        super().__exit__(exc_type, exc, tb)


def async_client(impl: str, base_url: str) -> Any:
    if impl == TYPED:
        import typed_openai

        return typed_openai.AsyncOpenAI(api_key="sk-bench", base_url=base_url, max_retries=0)
    import openai

    return openai.AsyncOpenAI(api_key="sk-bench", base_url=base_url, max_retries=0)

