# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing pages: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import OpenAI


def unknown_order(client: OpenAI) -> None:
    client.files.list(order="ascending")  # E: mypy=arg-type pyright=reportArgumentType


def limit_is_an_int(client: OpenAI, thread_id: str) -> None:
    client.beta.threads.messages.list(thread_id, limit="20")  # E: mypy=arg-type pyright=reportArgumentType


def items_are_models_not_dicts(client: OpenAI) -> None:
    for file in client.files.list():
        print(file["id"])  # E: mypy=index pyright=reportIndexIssue


def page_has_no_such_field(client: OpenAI) -> None:
    page = client.beta.assistants.list()
    print(page.next_cursor)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def items_have_their_own_fields(client: OpenAI, thread_id: str) -> None:
    for run in client.beta.threads.runs.list(thread_id):
        print(run.text)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue
