"""Total events per second of 200 concurrent assistant streams on one async client.

    python -m bench.stream_concurrent [--quick] [--runs N] [--json]

One `AsyncOpenAI` per library per run, 200 streams at once (`asyncio.gather`), each
through an async handler that overrides `on_text_delta` and reads the snapshot (see
`_assistant_stream`), from the loopback server in another process. Each stream has 250
text deltas (50 with `--quick`): 200 x 20,000 would take the official package minutes
per run; the ratio is what matters. Goal: typed_openai at least 3x the events per second.
"""

from __future__ import annotations

import asyncio
import sys
import time
import warnings

from ._assistant_stream import ASSISTANT_ID, RUNS_PATH, THREAD_ID, async_client, async_handler, recorded_stream
from ._harness import Metric, standalone
from ._loopback import LoopbackServer, Served

__all__ = ["StreamConcurrentBench", "benchmark"]

STREAMS = 200


class StreamConcurrentBench(Served):
    metrics = (Metric("events_per_second", "total events per second", "events/s", higher_is_better=True, goal=3.0),)

    def __init__(self, deltas: int, streams: int = STREAMS) -> None:
        self.deltas = deltas
        self.streams = streams
        self.title = f"{streams} concurrent streams x {deltas} deltas, async"
        body, self.events = recorded_stream(deltas)
        self._server = LoopbackServer({("POST", RUNS_PATH): body})

    def run(self, impl: str) -> dict[str, float]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            elapsed, deltas = asyncio.run(self._run(impl))
        if deltas != [self.deltas] * self.streams:
            raise RuntimeError(f"{impl}: text deltas per stream {sorted(set(deltas))}, expected {self.deltas}")
        return {"events_per_second": self.events * self.streams / elapsed}

    async def _run(self, impl: str) -> tuple[float, list[int]]:
        client = async_client(impl, self._server.url + "/v1")

        async def one() -> int:
            handler = async_handler(impl)
            async with client.beta.threads.runs.stream(
                thread_id=THREAD_ID, assistant_id=ASSISTANT_ID, event_handler=handler
            ) as stream:
                await stream.until_done()
            deltas: int = handler.deltas
            return deltas

        try:
            start = time.perf_counter()
            deltas = await asyncio.gather(*(one() for _ in range(self.streams)))
            elapsed = time.perf_counter() - start
        finally:
            await (client.aclose() if hasattr(client, "aclose") else client.close())
        return elapsed, list(deltas)


def benchmark(quick: bool) -> StreamConcurrentBench:
    return StreamConcurrentBench(50 if quick else 250)


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
