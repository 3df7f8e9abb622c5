"""Events per second through an assistant event handler with accumulation.

    python -m bench.stream_handler [--quick] [--runs N] [--json]

One sync client per library reads the same recorded assistant stream (20,000 text deltas;
2,000 with `--quick`) from a loopback HTTP server in another process, through a handler
that overrides `on_text_delta` and reads the snapshot's text (see `_assistant_stream`).
The time runs from sending the request to `until_done()` returning. Goal: typed_openai
reads at least 4x the events per second of the official `openai` package.
"""

from __future__ import annotations

import sys
import time
import warnings

from ._assistant_stream import ASSISTANT_ID, RUNS_PATH, THREAD_ID, ServedWithClients, recorded_stream, sync_handler
from ._harness import Metric, standalone
from ._loopback import LoopbackServer

__all__ = ["StreamHandlerBench", "benchmark"]


class StreamHandlerBench(ServedWithClients):
    metrics = (Metric("events_per_second", "events per second", "events/s", higher_is_better=True, goal=4.0),)

    def __init__(self, deltas: int) -> None:
        self.deltas = deltas
        self.title = f"stream, handler, {deltas:,} deltas"
        body, self.events = recorded_stream(deltas)
        self._server = LoopbackServer({("POST", RUNS_PATH): body})

    def run(self, impl: str) -> dict[str, float]:
        client = self._clients[impl]
        handler = sync_handler(impl)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            start = time.perf_counter()
            with client.beta.threads.runs.stream(
                thread_id=THREAD_ID, assistant_id=ASSISTANT_ID, event_handler=handler
            ) as stream:
                stream.until_done()
            elapsed = time.perf_counter() - start
        if handler.deltas != self.deltas:
            raise RuntimeError(f"{impl}: {handler.deltas} text deltas, expected {self.deltas}")
        return {"events_per_second": self.events / elapsed}


def benchmark(quick: bool) -> StreamHandlerBench:
    return StreamHandlerBench(2_000 if quick else 20_000)


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
