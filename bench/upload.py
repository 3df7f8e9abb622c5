"""A 200 MB file upload (`files.create`), in a fresh process per run: peak memory and time.

    python -m bench.upload [--quick] [--runs N] [--json]

Each run starts a new interpreter that imports the package, makes a client and uploads
the same 200 MB file (50 MB with `--quick`), opened in binary mode, as a multipart body
to the loopback server in another process (which reads and drops it). It reports the
peak resident set size of the whole process (VmHWM) and the upload's time. Goal: peak
RSS at most 1.2x the official package's, whose file uploads stream from the file too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self

from ._harness import Metric, run_child, standalone
from ._loopback import LoopbackServer, json_response

__all__ = ["UploadBench", "benchmark"]

_FILE_OBJECT = {
    "id": "file-bench",
    "object": "file",
    "bytes": 0,
    "created_at": 1735689600,
    "filename": "upload.bin",
    "purpose": "assistants",
    "status": "processed",
}

_CHILD = """
import json, time
def peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
import {package}
client = {package}.OpenAI(api_key="sk-bench", base_url={base_url!r}, max_retries=0)
with open({path!r}, "rb") as file:
    start = time.perf_counter()
    uploaded = client.files.create(file=file, purpose="assistants")
    elapsed = time.perf_counter() - start
assert uploaded.id == "file-bench", uploaded
print(json.dumps({{"seconds": elapsed, "rss_mb": peak_rss_mb()}}))
"""


class UploadBench:
    metrics = (
        Metric("rss_mb", "peak RSS", "MB", higher_is_better=False, goal=1.2),
        Metric("seconds", "upload time", "s", higher_is_better=False, goal=None),
    )

    def __init__(self, megabytes: int) -> None:
        self.megabytes = megabytes
        self.title = f"{megabytes} MB upload (files.create), fresh process"
        self._dir = tempfile.TemporaryDirectory(prefix="typed-openai-bench-upload-")
        self._path = Path(self._dir.name) / "upload.bin"
        self._server = LoopbackServer({("POST", "/v1/files"): json_response(_FILE_OBJECT)})

    def __enter__(self) -> Self:
        with open(self._path, "wb") as out:
            block = os.urandom(1 << 20)
            for _ in range(self.megabytes):
                out.write(block)
        self._server.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.__exit__(exc_type, exc, tb)
        self._dir.cleanup()

    def run(self, impl: str) -> dict[str, float]:
        code = _CHILD.format(package=impl, base_url=self._server.url + "/v1", path=str(self._path))
        found = run_child(code)
        return {"rss_mb": found["rss_mb"], "seconds": found["seconds"]}


def benchmark(quick: bool) -> UploadBench:
    return UploadBench(50 if quick else 200)


if __name__ == "__main__":
    sys.exit(standalone(benchmark))
