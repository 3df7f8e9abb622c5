# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing the stream helpers: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import AssistantEventHandler, OpenAI


class Handler(AssistantEventHandler):
    pass


def handler_class_instead_of_instance(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=Handler)  # E: mypy=call-overload pyright=reportCallIssue,reportArgumentType


def missing_assistant_id(client: OpenAI, thread_id: str) -> None:
    client.beta.threads.runs.stream(thread_id=thread_id)  # E: mypy=call-overload pyright=reportCallIssue


def misspelled_keyword(client: OpenAI, assistant_id: str) -> None:
    client.beta.threads.create_and_run_stream(assistant_id=assistant_id, instruction="Be brief.")  # E: mypy=call-overload pyright=reportCallIssue


def stream_is_not_a_helper_keyword(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, stream=True)  # E: mypy=call-overload pyright=reportCallIssue


def tool_outputs_required(client: OpenAI, run_id: str, thread_id: str) -> None:
    client.beta.threads.runs.submit_tool_outputs_stream(run_id, thread_id=thread_id)  # E: mypy=call-overload pyright=reportCallIssue


def tool_output_shape(client: OpenAI, run_id: str, thread_id: str) -> None:
    client.beta.threads.runs.submit_tool_outputs_stream(run_id, thread_id=thread_id, tool_outputs=[{"id": "c", "output": "1"}])  # E: mypy=typeddict-unknown-key pyright=reportArgumentType


def stream_true_is_not_a_run(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    run = client.beta.threads.runs.create(thread_id, assistant_id=assistant_id, stream=True)
    print(run.status)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def manager_is_not_the_handler(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    manager = client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id)
    manager.until_done()  # E: mypy=attr-defined pyright=reportAttributeAccessIssue
