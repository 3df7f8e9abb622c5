"""Programs written as OpenAI's docs write them (`tests/typing/corpus/ok_docs_*.py`, only
the import line changed) run unchanged against the local mock server, configured the way
a user configures the official SDK: `OPENAI_BASE_URL` and `OPENAI_API_KEY`.

The same files are type-checked by `mypy --strict` and `pyright --strict` as part of the
typing corpus (`tests/typing/test_typing_corpus.py`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from typed_openai.testing import DEMO_ANSWER, DEMO_CHAT_ANSWER, MockServer

CORPUS = Path(__file__).resolve().parents[1] / "typing" / "corpus"
PROGRAMS = sorted(p.name for p in CORPUS.glob("ok_docs_*.py"))

# What each program must print: it got the mock's answers through every call it makes.
EXPECTED: dict[str, list[str]] = {
    "ok_docs_assistants.py": [DEMO_ANSWER, "assistant > "],
    "ok_docs_audio.py": ["3072\n", "True"],
    "ok_docs_async.py": [DEMO_CHAT_ANSWER, "text-embedding-3-small", "chatcmpl-"],
    "ok_docs_chat.py": [DEMO_CHAT_ANSWER, "object='chat.completion'", '"object": "chat.completion"'],
    "ok_docs_embeddings.py": ["0 256", "1 256"],
    "ok_docs_errors.py": ["Another non-200-status code was received\n404", "404 model_not_found", "gpt-4o"],
    "ok_docs_files.py": ["mydata.jsonl 18", "fine-tune", "number of items we just fetched: 1", '{"prompt": "hi"}', "True"],
    "ok_docs_module_client.py": [DEMO_CHAT_ANSWER + "\ngpt-4o\n" + DEMO_CHAT_ANSWER],
    "ok_docs_moderations_models.py": ["False", "omni-moderation-latest", "owned_by='system'"],
    "ok_docs_responses.py": [DEMO_CHAT_ANSWER, "response.output_text.delta", "response.completed"],
    "ok_docs_vector_stores.py": ["completed", "Financial Statements 2024", "True"],
    "ok_docs_webhooks.py": ["Response completed: ResponseCompletedWebhookEventData(id='resp_1')", "Verified event: response.completed",
                            "Invalid signature: The given webhook signature does not match"],
}


def test_every_doc_program_has_expectations() -> None:
    assert set(PROGRAMS) == set(EXPECTED)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer.with_api_demo() as running:
        yield running


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A user's directory, holding the files the docs' programs open."""
    (tmp_path / "mydata.jsonl").write_text('{"prompt": "hi"}\n\n')
    (tmp_path / "edgar").mkdir()
    (tmp_path / "edgar" / "goog-10k.txt").write_text("Alphabet Inc. annual report\n")
    (tmp_path / "edgar" / "brka-10k.txt").write_text("Berkshire Hathaway annual report\n")
    return tmp_path


@pytest.mark.parametrize("program", PROGRAMS)
def test_doc_program_runs_against_the_mock(program: str, server: MockServer, workdir: Path) -> None:
    env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-local-docs"}
    done = subprocess.run(
        [sys.executable, str(CORPUS / program)], cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    for expected in EXPECTED[program]:
        assert expected in done.stdout, f"{program} did not print {expected!r}:\n{done.stdout[-3000:]}"
