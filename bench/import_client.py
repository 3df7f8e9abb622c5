"""`import <package>` plus constructing the client, in a fresh process: time and peak memory.

    python -m bench.import_client [--quick] [--runs N] [--json]

Each run starts a new interpreter that times `import typed_openai; typed_openai.OpenAI(...)`
(or the same with `openai`) and reports its peak resident set size (VmHWM on Linux, as
`ru_maxrss` there keeps the parent's peak across exec; it includes the bare interpreter's,
shown in the note). Goal: typed_openai takes at most half
the time and at most half the memory.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Self

from ._harness import PEAK_RSS, Metric, run_child, standalone

__all__ = ["ImportClientBench", "benchmark"]

_CHILD = (
    PEAK_RSS.replace("{", "{{").replace("}", "}}")
    + """
import json, time
start = time.perf_counter()
import {package}
client = {package}.OpenAI(api_key="sk-bench")
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "rss_mb": peak_rss_mb()}}))
"""
)

_BARE = PEAK_RSS + """
import json
print(json.dumps({"rss_mb": peak_rss_mb()}))
"""


class ImportClientBench:
    title = "import + client, fresh process"
    metrics = (
        Metric("seconds", "time", "s", higher_is_better=False, goal=0.5),
        Metric("rss_mb", "peak RSS", "MB", higher_is_better=False, goal=0.5),
    )

    def __enter__(self) -> Self:
        self.note = f"peak RSS of a bare interpreter: {run_child(_BARE)['rss_mb']:.1f} MB"
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        pass

    def run(self, impl: str) -> dict[str, float]:
        return run_child(_CHILD.format(package=impl))


def benchmark(quick: bool) -> ImportClientBench:
    return ImportClientBench()


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
