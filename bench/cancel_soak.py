"""Cancel-at-random soak: async requests cancelled at random points, then the pool and the
process's file descriptors are counted. Goal: back to where they started.

    python -m bench.cancel_soak [--quick] [--json]

For each package: one `AsyncOpenAI`; ROUNDS rounds of TASKS concurrent `models.list()`
calls to the loopback server (another process), which answers after 20 ms; each task is
cancelled after a random 0-100 ms (a fixed seed), so cancellation lands while connecting,
sending, waiting for the headers, or reading the body. After the soak: the pool's
connections still marked active (goal 0: each cancelled request gave its connection
back or closed it) and, once the client is closed, the open descriptors minus those at
the start (goal 0).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import sys
from typing import Any

from ._assistant_stream import async_client
from ._harness import IMPLS
from ._loopback import LoopbackServer, json_response

__all__ = ["cancel_soak"]

ROUNDS = 40
TASKS = 50
SERVER_DELAY = 0.02
MAX_CANCEL_AFTER = 0.1


def _descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def _pool(client: Any) -> Any:
    # Both packages keep their httpx2 client privately; its transport holds the pool.
    http = getattr(client, "_http", None) or client._client
    return http._transport._pool


def _active(pool: Any) -> int:
    return sum(1 for conn in pool.connections if not conn.is_idle() and not conn.is_closed())


async def _soak(impl: str, base_url: str, rounds: int) -> dict[str, float]:
    chance = random.Random(20261203)
    gc.collect()
    start = _descriptors()
    client = async_client(impl, base_url)
    await client.models.list()  # the pool's first connection
    cancelled = completed = 0
    for _ in range(rounds):
        tasks = [asyncio.ensure_future(client.models.list()) for _ in range(TASKS)]
        await asyncio.sleep(0)
        for task in tasks:
            asyncio.get_running_loop().call_later(chance.uniform(0, MAX_CANCEL_AFTER), task.cancel)
        for outcome in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(outcome, asyncio.CancelledError):
                cancelled += 1
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                completed += 1
    await asyncio.sleep(0.2)  # let closes that were scheduled run
    active = _active(_pool(client))
    connections = len(_pool(client).connections)
    await client.close() if impl == "openai" else await client.aclose()
    await asyncio.sleep(0.1)
    gc.collect()
    return {
        "cancelled": cancelled,
        "completed": completed,
        "active_connections": active,
        "pool_connections": connections,
        "descriptors_at_start": start,
        "descriptor_growth": _descriptors() - start,
    }


def cancel_soak(quick: bool = False) -> dict[str, dict[str, float]]:
    rounds = 10 if quick else ROUNDS
    body = json_response({"object": "list", "data": []})
    found: dict[str, dict[str, float]] = {}
    with LoopbackServer({("GET", "/v1/models"): (SERVER_DELAY, body)}) as server:
        for impl in IMPLS:
            found[impl] = asyncio.run(_soak(impl, server.url + "/v1", rounds))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cancel_soak")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = cancel_soak(args.quick)
    if args.json:
        print(json.dumps(found, indent=2))
    else:
        for impl, values in found.items():
            print(describe(impl, values))
    return 0 if all(v["active_connections"] == 0 and v["descriptor_growth"] <= 0 for v in found.values()) else 1


def describe(impl: str, values: dict[str, float]) -> str:
    met = values["active_connections"] == 0 and values["descriptor_growth"] <= 0
    return (
        f"cancel soak, {impl}: {values['cancelled']:.0f} requests cancelled at random, {values['completed']:.0f} "
        f"completed; {values['active_connections']:.0f} connections left active (of {values['pool_connections']:.0f} "
        f"in the pool); descriptors after close {values['descriptor_growth']:+.0f} from the start "
        f"(goal: 0 and +0: {'met' if met else 'NOT met'})"
    )


if __name__ == "__main__":
    sys.exit(main())
