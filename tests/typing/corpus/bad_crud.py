# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing the CRUD methods: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import OpenAI


def misspelled_keyword(client: OpenAI) -> None:
    client.beta.assistants.create(model="gpt-4o", instruction="Be concise.")  # E: mypy=call-arg pyright=reportCallIssue


def missing_required_argument(client: OpenAI) -> None:
    client.beta.assistants.create(name="Math Tutor")  # E: mypy=call-arg pyright=reportCallIssue


def wrong_argument_type(client: OpenAI) -> None:
    client.beta.assistants.create(model="gpt-4o", temperature="warm")  # E: mypy=arg-type pyright=reportArgumentType


def unknown_role(client: OpenAI, thread_id: str) -> None:
    client.beta.threads.messages.create(thread_id=thread_id, role="system", content="Hi")  # E: mypy=arg-type pyright=reportArgumentType


def unknown_tool_type(client: OpenAI) -> None:
    client.beta.assistants.create(model="gpt-4o", tools=[{"type": "browser"}])  # E: mypy=list-item,misc pyright=reportArgumentType


def unknown_purpose(client: OpenAI) -> None:
    client.files.create(file=b"{}", purpose="finetune")  # E: mypy=arg-type pyright=reportArgumentType


def no_such_attribute(client: OpenAI, thread_id: str, message_id: str) -> None:
    message = client.beta.threads.messages.retrieve(message_id, thread_id=thread_id)
    print(message.text)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def content_needs_narrowing(client: OpenAI, thread_id: str, message_id: str) -> None:
    message = client.beta.threads.messages.retrieve(message_id, thread_id=thread_id)
    print(message.content[0].text.value)  # E: mypy=union-attr pyright=reportAttributeAccessIssue


def positional_thread_id_for_retrieve(client: OpenAI, run_id: str, thread_id: str) -> None:
    client.beta.threads.runs.retrieve(run_id, thread_id)  # E: mypy=call-arg pyright=reportCallIssue


def metadata_values_are_strings(client: OpenAI) -> None:
    client.vector_stores.create(name="s", metadata={"count": 3})  # E: mypy=dict-item pyright=reportArgumentType
