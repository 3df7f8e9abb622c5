"""The path a new user takes first, in a fresh process: import, client, first call.

    python -m bench.first_request [--quick] [--runs N] [--json]

Four rows, each a new interpreter per run that times (from before `import`) and reports
its peak resident set size (VmHWM, as in `bench.import_client`):
- `client.beta.threads.runs.create`: import + client + reaching the method (no request);
- the same, then one `runs.create` and one `runs.stream` (read to the end) against the
  project's mock server (`typed_openai.testing.MockServer`, in this process; the child
  talks to it over 127.0.0.1), each answer parsed into the library's types;
- import + client + one `chat.completions.create`;
- import + client + one `responses.create`.
Goal for every row: typed_openai takes at most half the time and 0.6x the memory.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Self

from typed_openai.testing import (
    JSONResponse,
    MockServer,
    RecordedRequest,
    Response,
    SSEResponse,
    assistant_text_stream,
    chat_completion_object,
    response_object,
    run_object,
)

from ._harness import PEAK_RSS, Metric, run_child, standalone

__all__ = ["FirstRequestBench", "benchmarks"]

THREAD_ID = "thread_abc123"
ASSISTANT_ID = "asst_abc123"
ANSWER = "The first answer, streamed in a few small deltas."

# Each step is the body of the timed block; `client` is the constructed client.
_REACH_RUNS = "create = client.beta.threads.runs.create"
_RUN_AND_STREAM = f"""
run = client.beta.threads.runs.create(thread_id={THREAD_ID!r}, assistant_id={ASSISTANT_ID!r})
assert run.status == "queued", run
with client.beta.threads.runs.stream(thread_id={THREAD_ID!r}, assistant_id={ASSISTANT_ID!r}) as stream:
    stream.until_done()
assert stream.get_final_run().status == "completed"
assert "".join(block.text.value for message in stream.get_final_messages() for block in message.content) == {ANSWER!r}
"""
_CHAT = f"""
completion = client.chat.completions.create(model="gpt-4o-mini", messages=[{{"role": "user", "content": "Hi"}}])
assert completion.choices[0].message.content == {ANSWER!r}, completion
"""
_RESPONSES = f"""
response = client.responses.create(model="gpt-4o", input="Hi")
assert response.output_text == {ANSWER!r}, response
"""

_CHILD = PEAK_RSS.replace("{", "{{").replace("}", "}}") + """
import json, time
start = time.perf_counter()
import {package}
client = {package}.OpenAI(api_key="sk-bench", base_url={base_url!r}, max_retries=0)
{steps}
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "rss_mb": peak_rss_mb()}}))
"""


def _runs(request: RecordedRequest) -> Response:
    if request.json().get("stream") is True:
        return SSEResponse(assistant_text_stream(ANSWER, thread_id=THREAD_ID, assistant_id=ASSISTANT_ID))
    return JSONResponse(run_object(thread_id=THREAD_ID, assistant_id=ASSISTANT_ID))


class FirstRequestBench:
    metrics = (
        Metric("seconds", "time", "s", higher_is_better=False, goal=0.5),
        Metric("rss_mb", "peak RSS", "MB", higher_is_better=False, goal=0.6),
    )

    def __init__(self, title: str, steps: str) -> None:
        self.title = title
        self._steps = steps
        self._server = MockServer()
        self._server.route("POST", f"/threads/{THREAD_ID}/runs", _runs)
        self._server.route("POST", "/chat/completions", JSONResponse(chat_completion_object(ANSWER)))
        self._server.route("POST", "/responses", JSONResponse(response_object(ANSWER)))

    def __enter__(self) -> Self:
        self._server.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.stop()

    def run(self, impl: str) -> dict[str, float]:
        return run_child(_CHILD.format(package=impl, base_url=self._server.base_url, steps=self._steps))


def benchmarks(quick: bool) -> list[FirstRequestBench]:
    return [
        FirstRequestBench("import + client + reach beta.threads.runs.create, fresh process", _REACH_RUNS),
        FirstRequestBench("... + one runs.create + one runs.stream, fresh process", _RUN_AND_STREAM),
        FirstRequestBench("import + client + one chat.completions.create, fresh process", _CHAT),
        FirstRequestBench("import + client + one responses.create, fresh process", _RESPONSES),
    ]


if __name__ == "__main__":
    sys.exit(standalone(benchmarks))
