"""`OPENAI_LOG=debug|info` turns on the `typed_openai` logger at import, as the official
package's switch does; the lines name method and URL but never the key, a header, a body
or the query. Each case is a fresh interpreter: the switch is read when the package loads."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from typed_openai.testing import JSONResponse, MockServer

SECRET = "sk-logging-test-secret-0123456789abcdef"
QUERY_SECRET = "query-secret-value"
_PROGRAM = """
import os, typed_openai
client = typed_openai.OpenAI(api_key=os.environ["TEST_KEY"], base_url=os.environ["TEST_URL"])
client.with_options(max_retries=1).models.list(extra_query={"token": os.environ["TEST_QUERY"]})
client.close()
"""


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        models = JSONResponse({"object": "list", "data": []})
        running.route("GET", "/models", [JSONResponse({"error": {"message": "busy"}}, status=503, headers={"retry-after-ms": "1"}), models])
        yield running


def _run(server: MockServer, log: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_LOG"}
    env.update(TEST_KEY=SECRET, TEST_URL=server.base_url, TEST_QUERY=QUERY_SECRET)
    if log is not None:
        env["OPENAI_LOG"] = log
    done = subprocess.run([sys.executable, "-c", _PROGRAM], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_debug_logs_requests_and_retries_without_secrets(server: MockServer) -> None:
    logged = _run(server, "debug")
    url = f"{server.base_url}/models"
    assert f"Request: GET {url}" in logged
    assert f"GET {url} returned 503; retrying in" in logged
    assert f"GET {url} -> 200" in logged
    assert "typed_openai DEBUG" in logged
    assert SECRET not in logged and QUERY_SECRET not in logged and "token=" not in logged


@pytest.mark.parametrize("value", [None, "", "info", "verbose"])
def test_other_values_log_no_debug_lines(server: MockServer, value: str | None) -> None:
    # `info` turns the logger on at INFO; the runtime logs requests at DEBUG only
    assert "Request: GET" not in _run(server, value)
