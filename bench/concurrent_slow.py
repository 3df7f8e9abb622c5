"""500 concurrent async requests to a server that takes 0.5 s to answer each.

    python -m bench.concurrent_slow [--quick] [--runs N] [--json]

One `AsyncOpenAI` per library per run, 500 `models.list()` at once (`asyncio.gather`),
against the loopback server in another process, which answers each request after
0.5 s. The ideal is 0.5 s in all (500 connections at once); what a client loses on top
is the cost of its connection pool under load. Goal: typed_openai at least the official
package's requests per second.
"""

from __future__ import annotations

import asyncio
import sys
import time

from ._assistant_stream import async_client
from ._harness import Metric, standalone
from ._loopback import LoopbackServer, Served, json_response

__all__ = ["ConcurrentSlowBench", "benchmark"]

DELAY = 0.5


class ConcurrentSlowBench(Served):
    metrics = (Metric("requests_per_second", "requests per second", "req/s", higher_is_better=True, goal=1.0),)

    def __init__(self, requests: int) -> None:
        self.requests = requests
        self.title = f"{requests} concurrent requests, server answers in {DELAY} s, async"
        body = json_response({"object": "list", "data": []})
        self._server = LoopbackServer({("GET", "/v1/models"): (DELAY, body)})

    def run(self, impl: str) -> dict[str, float]:
        elapsed, done = asyncio.run(self._run(impl))
        if done != self.requests:
            raise RuntimeError(f"{impl}: {done} of {self.requests} requests answered")
        return {"requests_per_second": self.requests / elapsed}

    async def _run(self, impl: str) -> tuple[float, int]:
        client = async_client(impl, self._server.url + "/v1")

        async def one() -> int:
            page = await client.models.list()
            return 1 if page is not None else 0

        try:
            start = time.perf_counter()
            done = await asyncio.gather(*(one() for _ in range(self.requests)))
            elapsed = time.perf_counter() - start
        finally:
            await client.close() if impl == "openai" else await client.aclose()
        return elapsed, sum(done)


def benchmark(quick: bool) -> ConcurrentSlowBench:
    return ConcurrentSlowBench(200 if quick else 500)


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
