"""Events per second through the chat completions and responses stream managers.

    python -m bench.helper_streams [--quick] [--runs N] [--json]

One sync client per library reads the same recorded stream from a loopback server in
another process, through `client.chat.completions.stream(...)` (20,000 content chunks of
4 characters; 2,000 with `--quick`) and `client.responses.stream(...)` (as many
`response.output_text.delta` events, with the events around them), iterating every
event and reading the text so far of each delta event (`event.snapshot`), so each
library must accumulate for every event. The time runs from sending the request to
`get_final_completion()` / `get_final_response()` returning. Goal: typed_openai reads at
least 4x the events per second of the official `openai` package, as for assistants.
"""

from __future__ import annotations

import sys
import time

from typed_openai.testing._chat_streams import chat_content_chunks, chat_stream
from typed_openai.testing._response_streams import ResponseStreamBuilder

from ._assistant_stream import ServedWithClients
from ._harness import Metric, standalone
from ._loopback import LoopbackServer, sse_response

__all__ = ["HelperStreamsBench", "benchmark"]

CHUNK = 4
_WORDS = "The quick brown fox jumps over the lazy dog, then naps in the warm afternoon sun. "
CHAT_PATH = "/v1/chat/completions"
RESPONSES_PATH = "/v1/responses"


def _text(deltas: int) -> str:
    return (_WORDS * (deltas * CHUNK // len(_WORDS) + 1))[: deltas * CHUNK]


class HelperStreamsBench(ServedWithClients):
    metrics = (
        Metric("chat_events_per_second", "chat stream events per second", "events/s", higher_is_better=True, goal=4.0),
        Metric("responses_events_per_second", "responses stream events per second", "events/s", higher_is_better=True, goal=4.0),
    )

    def __init__(self, deltas: int) -> None:
        self.deltas = deltas
        self.title = f"chat and responses streams, managers, {deltas:,} deltas"
        text = _text(deltas)
        chat_events = chat_stream(chat_content_chunks(text, chunk_size=CHUNK))
        responses_events = ResponseStreamBuilder(chunk_size=CHUNK).message(text).completed().events()
        self.chat_events = len(chat_events) - 1  # the [DONE] marker is not an event
        self.responses_events = len(responses_events)
        self._server = LoopbackServer({
            ("POST", CHAT_PATH): sse_response(e.encode() for e in chat_events),
            ("POST", RESPONSES_PATH): sse_response(e.encode() for e in responses_events),
        })

    def run(self, impl: str) -> dict[str, float]:
        client = self._clients[impl]
        deltas = chars = 0
        start = time.perf_counter()
        with client.chat.completions.stream(model="gpt-4o", messages=[{"role": "user", "content": "hi"}]) as stream:
            for event in stream:
                if event.type == "content.delta":
                    deltas += 1
                    chars = len(event.snapshot)
            final = stream.get_final_completion()
        chat_seconds = time.perf_counter() - start
        if final.choices[0].message.content is None or chars != self.deltas * CHUNK:
            raise RuntimeError(f"{impl}: chat stream ended with {chars} characters")
        start = time.perf_counter()
        with client.responses.stream(model="gpt-4o", input="hi") as stream:
            for event in stream:
                if event.type == "response.output_text.delta":
                    deltas += 1
                    chars = len(event.snapshot)
            response = stream.get_final_response()
        responses_seconds = time.perf_counter() - start
        if response.status != "completed" or chars != self.deltas * CHUNK:
            raise RuntimeError(f"{impl}: responses stream ended with {chars} characters")
        return {
            "chat_events_per_second": self.chat_events / chat_seconds,
            "responses_events_per_second": self.responses_events / responses_seconds,
        }


def benchmark(quick: bool) -> HelperStreamsBench:
    return HelperStreamsBench(2_000 if quick else 20_000)


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
