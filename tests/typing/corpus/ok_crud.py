# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Create, read, update, delete: assistants, threads, messages, runs, vector stores, files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from typing_extensions import assert_type

from typed_openai import OpenAI
from typed_openai.types import FileDeleted, MessageDeleted, VectorStoreDeleted, FileObject
from typed_openai.types.beta import Assistant, AssistantDeleted, Thread, ThreadDeleted
from typed_openai.types.beta.threads import Message, MessageDeleted, Run
from typed_openai.types import VectorStore


def assistants(client: OpenAI) -> None:
    assistant = client.beta.assistants.create(
        name="Math Tutor",
        instructions="You are a personal math tutor. Write and run code to answer math questions.",
        tools=[{"type": "code_interpreter"}],
        model="gpt-4o",
        temperature=0.5,
        metadata={"team": "maths"},
    )
    assert_type(assistant, Assistant)
    assert_type(assistant.id, str)
    assert_type(client.beta.assistants.retrieve(assistant.id), Assistant)
    updated = client.beta.assistants.update(assistant.id, instructions="Be concise.", tools=[{"type": "file_search"}])
    assert_type(updated.model, str)
    assert_type(client.beta.assistants.delete(assistant.id), AssistantDeleted)


def threads_and_messages(client: OpenAI) -> None:
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "I need to solve `3x + 11 = 14`."}])
    assert_type(thread, Thread)
    assert_type(client.beta.threads.retrieve(thread.id), Thread)
    assert_type(client.beta.threads.update(thread.id, metadata={"user": "u_1"}), Thread)
    message = client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Can you help me?")
    assert_type(message, Message)
    assert_type(message.role, Literal["user", "assistant"])
    for part in message.content:
        if part.type == "text":
            print(part.text.value, [annotation.type for annotation in part.text.annotations])
        elif part.type == "image_file":
            print(part.image_file.file_id)
    assert_type(client.beta.threads.messages.retrieve(message.id, thread_id=thread.id), Message)
    assert_type(client.beta.threads.messages.update(message.id, thread_id=thread.id, metadata={"k": "v"}), Message)
    assert_type(client.beta.threads.messages.delete(message.id, thread_id=thread.id), MessageDeleted)
    assert_type(client.beta.threads.messages.delete(message.id, thread_id=thread.id), MessageDeleted)
    assert_type(client.beta.threads.delete(thread.id), ThreadDeleted)


def runs(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    run = client.beta.threads.runs.create(
        thread_id=thread_id,
        assistant_id=assistant_id,
        model="gpt-4o",
        additional_messages=[{"role": "user", "content": "And 2x = 4?"}],
        truncation_strategy={"type": "last_messages", "last_messages": 10},
    )
    assert_type(run, Run)
    assert_type(client.beta.threads.runs.retrieve(run.id, thread_id=thread_id), Run)
    assert_type(client.beta.threads.runs.update(run.id, thread_id=thread_id, metadata={"k": "v"}), Run)
    assert_type(client.beta.threads.runs.cancel(run.id, thread_id=thread_id), Run)
    if run.usage is not None:
        assert_type(run.usage.total_tokens, int)


def vector_stores_and_files(client: OpenAI) -> None:
    store = client.vector_stores.create(name="Financial Statements", expires_after={"anchor": "last_active_at", "days": 7})
    assert_type(store, VectorStore)
    assert_type(client.vector_stores.retrieve(store.id), VectorStore)
    assert_type(client.vector_stores.update(store.id, name="Statements"), VectorStore)
    assert_type(client.vector_stores.delete(store.id), VectorStoreDeleted)
    uploaded = client.files.create(file=Path("input.jsonl"), purpose="assistants")
    assert_type(uploaded, FileObject)
    assert_type(client.files.retrieve(uploaded.id).bytes, int)
    content = client.files.content(uploaded.id)
    assert_type(content.content, bytes)
    content.write_to_file("copy.jsonl")
    assert_type(client.files.delete(uploaded.id), FileDeleted)
