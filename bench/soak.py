"""Soak: 10,000 assistant streams through one client, sync and async (100 at once), and
the process's memory after the first 1,000 and at the end. Goal: growth within 10%.

    python -m bench.soak [--quick] [--json]

typed_openai only: this looks for leaks (snapshots, handlers, connections kept alive by
mistake), not for a ratio. Each stream is a short realistic run (20 text deltas) from
the loopback server in another process; resident memory is read from /proc after a
full garbage collection.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import sys
import warnings
from typing import Any

from ._assistant_stream import ASSISTANT_ID, RUNS_PATH, THREAD_ID, recorded_stream
from ._loopback import LoopbackServer

__all__ = ["soak"]

STREAMS = 10_000
CONCURRENCY = 100
WARMUP = 1_000
DELTAS = 20


def _rss_mb() -> float:
    gc.collect()
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * resource.getpagesize() / 1e6


def _sync(base_url: str, streams: int) -> tuple[float, float]:
    import typed_openai

    class Handler(typed_openai.AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            self.chars = len(snapshot.value)

    after_warmup = 0.0
    with typed_openai.OpenAI(api_key="sk-soak", base_url=base_url, max_retries=0) as client:
        runs = client.beta.threads.runs
        for i in range(streams):
            with runs.stream(thread_id=THREAD_ID, assistant_id=ASSISTANT_ID, event_handler=Handler()) as stream:
                stream.until_done()
            if i + 1 == min(WARMUP, streams):
                after_warmup = _rss_mb()
        return after_warmup, _rss_mb()


async def _async(base_url: str, streams: int) -> tuple[float, float]:
    import typed_openai

    class Handler(typed_openai.AsyncAssistantEventHandler):
        async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            self.chars = len(snapshot.value)

    gate = asyncio.Semaphore(CONCURRENCY)
    done = 0
    after_warmup = 0.0
    async with typed_openai.AsyncOpenAI(api_key="sk-soak", base_url=base_url, max_retries=0) as client:
        runs = client.beta.threads.runs

        async def one() -> None:
            nonlocal done, after_warmup
            async with gate:
                async with runs.stream(thread_id=THREAD_ID, assistant_id=ASSISTANT_ID, event_handler=Handler()) as stream:
                    await stream.until_done()
                done += 1
                if done == min(WARMUP, streams):
                    after_warmup = _rss_mb()

        await asyncio.gather(*(one() for _ in range(streams)))
        return after_warmup, _rss_mb()


def soak(streams: int = STREAMS) -> dict[str, dict[str, float]]:
    body, _events = recorded_stream(DELTAS)
    results: dict[str, dict[str, float]] = {}
    with warnings.catch_warnings(), LoopbackServer({("POST", RUNS_PATH): body}) as server:
        warnings.simplefilter("ignore", DeprecationWarning)
        base_url = server.url + "/v1"
        for mode, (first, last) in (("sync", _sync(base_url, streams)), ("async", asyncio.run(_async(base_url, streams)))):
            results[mode] = {
                "streams": streams,
                "rss_mb_after_warmup": round(first, 1),
                "rss_mb_at_end": round(last, 1),
                "growth": round(last / first - 1, 4),
            }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{WARMUP * 2} streams instead of {STREAMS}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = soak(WARMUP * 2 if args.quick else STREAMS)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for mode, found in results.items():
            verdict = "yes" if found["growth"] <= 0.10 else "NO"
            print(
                f"{mode:>5}: {found['streams']:,} streams, RSS {found['rss_mb_after_warmup']} MB after {WARMUP:,}, "
                f"{found['rss_mb_at_end']} MB at the end ({found['growth']:+.1%}; within 10%: {verdict})"
            )
    return 0 if all(found["growth"] <= 0.10 for found in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
