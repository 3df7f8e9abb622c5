"""Every program in examples/ runs against the local mock server and prints the answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from typed_openai.testing import DEMO_ANSWER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROGRAMS = sorted(p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))


ASSISTANTS = {
    "assistant_streaming.py",
    "streaming_events.py",
    "streaming_text_deltas.py",
    "streaming_async.py",
    "polling.py",
    "vector_store_polling.py",
}
HELPERS = {"chat_streaming.py", "chat_parse.py", "responses_streaming.py", "responses_parse.py", "azure_chat.py"}
# What a polling example prints once everything it waited for is done.
POLLED = {"vector_store_polling.py": ["file file-", ": completed\n", "completed, 2 of 2 files", "3 files ready"]}


def test_every_example_is_listed() -> None:
    assert set(PROGRAMS) >= ASSISTANTS | HELPERS


@pytest.mark.parametrize("program", PROGRAMS)
def test_example_runs_against_the_local_server(program: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / program)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert DEMO_ANSWER in done.stdout
    if program in ASSISTANTS:  # the run's final status
        assert "completed" in done.stdout
    for line in POLLED.get(program, []):
        assert line in done.stdout
