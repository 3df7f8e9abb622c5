"""The first call of a rarely used resource, in a fresh process: lazy loading must not
make it slow.

    python -m bench.rare_resource [--quick] [--runs N] [--json]

Each run starts a new interpreter that imports the package and builds a client (not
timed), then times `client.evals.retrieve("eval_abc123")` against the loopback server:
attribute access, loading the resource and its types, the request, parsing the answer.
The time of the whole child (import + client + call) is reported too, without a goal.
Goal: typed_openai's first call takes at most 1.2x the official package's.
"""

from __future__ import annotations

import sys

from ._harness import Metric, run_child, standalone
from ._loopback import LoopbackServer, Served, json_response

__all__ = ["RareResourceBench", "benchmark"]

EVAL_ID = "eval_abc123"
EVAL = {
    "object": "eval",
    "id": EVAL_ID,
    "name": "bench",
    "created_at": 1735689600,
    "metadata": {},
    "data_source_config": {
        "type": "custom",
        "schema": {"type": "object", "properties": {"item": {"type": "object"}}, "required": ["item"]},
    },
    "testing_criteria": [
        {
            "type": "string_check",
            "name": "Match",
            "input": "{{sample.output_text}}",
            "reference": "{{item.expected}}",
            "operation": "eq",
        }
    ],
}

_CHILD = """
import json, time
start = time.perf_counter()
import {package}
client = {package}.OpenAI(api_key="sk-bench", base_url={base_url!r}, max_retries=0)
ready = time.perf_counter()
found = client.evals.retrieve({eval_id!r})
done = time.perf_counter()
assert found.id == {eval_id!r} and found.testing_criteria[0].name == "Match", found
print(json.dumps({{"first_call": done - ready, "total": done - start}}))
"""


class RareResourceBench(Served):
    title = "first call of a rare resource (evals.retrieve), fresh process"
    metrics = (
        Metric("first_call", "first call", "s", higher_is_better=False, goal=1.2),
        Metric("total", "import + client + first call", "s", higher_is_better=False, goal=None),
    )

    def __init__(self) -> None:
        self._server = LoopbackServer({("GET", f"/v1/evals/{EVAL_ID}"): json_response(EVAL)})

    def run(self, impl: str) -> dict[str, float]:
        return run_child(_CHILD.format(package=impl, base_url=self._server.url + "/v1", eval_id=EVAL_ID))


def benchmark(quick: bool) -> RareResourceBench:
    return RareResourceBench()


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
