# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Every `_and_poll` helper, `poll`, and the upload helpers, as the official docs use them."""

from __future__ import annotations

from pathlib import Path

from typing_extensions import assert_type

from typed_openai import OpenAI
from typed_openai.types import ToolOutputParam
from typed_openai.types.beta.threads import Run
from typed_openai.types.vector_stores import VectorStoreFile, VectorStoreFileBatch


def runs(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    run = client.beta.threads.runs.create_and_poll(
        thread_id=thread_id,
        assistant_id=assistant_id,
        instructions="Please address the user as Jane Doe.",
        poll_interval_ms=500,
        max_wait_seconds=60,
    )
    assert_type(run, Run)
    if run.status == "completed":
        messages = client.beta.threads.messages.list(thread_id=thread_id, run_id=run.id)
        for message in messages:
            print(message.role, message.content)
    elif run.status == "requires_action" and run.required_action is not None:
        tool_outputs: list[ToolOutputParam] = []
        for tool in run.required_action.submit_tool_outputs.tool_calls:
            if tool.function.name == "get_current_temperature":
                tool_outputs.append({"tool_call_id": tool.id, "output": "57"})
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id, run_id=run.id, tool_outputs=tool_outputs
        )
        assert_type(run, Run)
    again = client.beta.threads.runs.poll(run.id, thread_id, poll_interval_ms=100, timeout=10.0)
    assert_type(again, Run)


def threads(client: OpenAI, assistant_id: str) -> None:
    run = client.beta.threads.create_and_run_poll(
        assistant_id=assistant_id,
        thread={"messages": [{"role": "user", "content": "Explain deep learning to a 5 year old."}]},
    )
    assert_type(run, Run)


def vector_store_files(client: OpenAI, vector_store_id: str, file_id: str) -> None:
    created = client.vector_stores.files.create_and_poll(vector_store_id=vector_store_id, file_id=file_id)
    assert_type(created, VectorStoreFile)
    with open("notes.md", "rb") as handle:
        uploaded = client.vector_stores.files.upload(vector_store_id=vector_store_id, file=handle)
    assert_type(uploaded, VectorStoreFile)
    ready = client.vector_stores.files.upload_and_poll(
        vector_store_id=vector_store_id, file=Path("notes.md"), chunking_strategy={"type": "auto"}
    )
    assert_type(ready, VectorStoreFile)
    polled = client.vector_stores.files.poll(ready.id, vector_store_id=vector_store_id, max_wait_seconds=30)
    assert_type(polled, VectorStoreFile)
    if polled.status == "failed" and polled.last_error is not None:
        print(polled.last_error.message)


def file_batches(client: OpenAI, vector_store_id: str, file_ids: list[str]) -> None:
    batch = client.vector_stores.file_batches.create_and_poll(vector_store_id=vector_store_id, file_ids=file_ids)
    assert_type(batch, VectorStoreFileBatch)
    paths = ["edgar/goog-10k.pdf", "edgar/brka-10k.txt"]
    file_streams = [open(path, "rb") for path in paths]
    uploaded = client.vector_stores.file_batches.upload_and_poll(vector_store_id=vector_store_id, files=file_streams)
    assert_type(uploaded, VectorStoreFileBatch)
    print(uploaded.status, uploaded.file_counts.completed)
    polled = client.vector_stores.file_batches.poll(uploaded.id, vector_store_id=vector_store_id)
    assert_type(polled, VectorStoreFileBatch)


def under_beta(client: OpenAI, vector_store_id: str, file_id: str) -> None:
    assert_type(client.beta.vector_stores.files.create_and_poll(vector_store_id=vector_store_id, file_id=file_id), VectorStoreFile)
    batch = client.beta.vector_stores.file_batches.upload_and_poll(
        vector_store_id=vector_store_id, files=[("a.txt", b"hello")], max_concurrency=2
    )
    assert_type(batch, VectorStoreFileBatch)
