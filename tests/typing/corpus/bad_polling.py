# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing the polling helpers: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import OpenAI


def interval_is_milliseconds(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id, poll_interval_ms="1s")  # E: mypy=arg-type pyright=reportArgumentType


def assistant_id_is_required(client: OpenAI, thread_id: str) -> None:
    client.beta.threads.runs.create_and_poll(thread_id=thread_id)  # E: mypy=call-arg pyright=reportCallIssue


def misspelled_keyword(client: OpenAI, run_id: str, thread_id: str) -> None:
    client.beta.threads.runs.poll(run_id, thread_id, max_wait=30)  # E: mypy=call-arg pyright=reportCallIssue


def no_such_status(client: OpenAI, assistant_id: str) -> None:
    run = client.beta.threads.create_and_run_poll(assistant_id=assistant_id)
    if run.status == "done":  # E: mypy=comparison-overlap pyright=reportUnnecessaryComparison
        print("never")


def a_path_string_is_not_a_file(client: OpenAI, vector_store_id: str) -> None:
    client.vector_stores.files.upload_and_poll(vector_store_id=vector_store_id, file="notes.md")  # E: mypy=arg-type pyright=reportArgumentType


def batch_takes_files_not_one_file(client: OpenAI, vector_store_id: str) -> None:
    client.vector_stores.file_batches.upload_and_poll(vector_store_id=vector_store_id, files=b"hello")  # E: mypy=arg-type pyright=reportArgumentType


def tool_outputs_required(client: OpenAI, run_id: str, thread_id: str) -> None:
    client.beta.threads.runs.submit_tool_outputs_and_poll(run_id, thread_id=thread_id)  # E: mypy=call-arg pyright=reportCallIssue


def poll_returns_the_file_not_a_run(client: OpenAI, file_id: str, vector_store_id: str) -> None:
    done = client.vector_stores.files.poll(file_id, vector_store_id=vector_store_id)
    print(done.thread_id)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def batch_create_and_poll_has_no_file_id(client: OpenAI, vector_store_id: str) -> None:
    client.vector_stores.file_batches.create_and_poll(vector_store_id=vector_store_id, file_id="file-1")  # E: mypy=call-arg pyright=reportCallIssue
