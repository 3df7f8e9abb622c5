# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing the event handler: each marked line must be reported by both checkers."""

from __future__ import annotations

from typing_extensions import override

from typed_openai import AssistantEventHandler, OpenAI
from typed_openai.types.beta.threads import Text, TextDelta


class WrongHookSignature(AssistantEventHandler):
    @override
    def on_text_delta(self, delta: str, snapshot: Text) -> None:  # E: mypy=override pyright=reportIncompatibleMethodOverride
        print(delta)


class MissingHookParameter(AssistantEventHandler):
    @override
    def on_text_delta(self, delta: TextDelta) -> None:  # E: mypy=override pyright=reportIncompatibleMethodOverride
        print(delta.value)


def readers_are_methods(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        stream.until_done()
        print(stream.current_run.status)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def text_deltas_is_a_property(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        for _ in stream.text_deltas():  # E: mypy=operator pyright=reportCallIssue
            pass


def narrowing_is_needed(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        for event in stream:
            if event.event == "thread.run.completed":
                print(event.data.delta)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def final_run_is_not_optional(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        run = stream.current_run()
        print(run.status)  # E: mypy=union-attr pyright=reportOptionalMemberAccess
