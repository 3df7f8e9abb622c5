# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Pagination: iterate items across pages, walk pages by hand, read a page's fields."""

from __future__ import annotations

from typing_extensions import assert_type

from typed_openai import OpenAI
from typed_openai.types import FileObject
from typed_openai.types.beta import Assistant
from typed_openai.types.beta.threads import Message, Run
from typed_openai.types.beta.threads.runs import RunStep


def auto_paginate(client: OpenAI, thread_id: str, run_id: str) -> None:
    all_files: list[FileObject] = []
    for file in client.files.list(purpose="assistants", limit=100):
        assert_type(file, FileObject)
        all_files.append(file)
    for message in client.beta.threads.messages.list(thread_id, order="asc"):
        assert_type(message, Message)
    for run in client.beta.threads.runs.list(thread_id, limit=5, order="desc"):
        assert_type(run, Run)
    for step in client.beta.threads.runs.steps.list(run_id, thread_id=thread_id):
        assert_type(step, RunStep)


def page_by_page(client: OpenAI) -> None:
    first_page = client.beta.assistants.list(limit=20)
    assert_type(first_page.data, list[Assistant])
    assert_type(first_page.has_more, bool | None)
    assert_type(first_page.last_id, str | None)
    if first_page.has_next_page():
        next_page = first_page.get_next_page()
        print(f"number of items we just fetched: {len(next_page.data)}")
    for page in first_page.iter_pages():
        for assistant in page.data:
            assert_type(assistant, Assistant)


def cursor_by_hand(client: OpenAI) -> None:
    after: str | None = None
    while True:
        page = client.files.list(after=after) if after else client.files.list()
        if not page.data:
            break
        after = page.data[-1].id
