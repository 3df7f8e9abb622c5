# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Misusing the async client: each marked line must be reported by both checkers."""

from __future__ import annotations

from typing_extensions import override

from typed_openai import AssistantEventHandler, AsyncAssistantEventHandler, AsyncOpenAI
from typed_openai.types.beta.threads import Text, TextDelta


class SyncHookInAsyncHandler(AsyncAssistantEventHandler):
    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:  # E: mypy=override pyright=reportIncompatibleMethodOverride
        print(delta.value)


async def forgot_await(client: AsyncOpenAI, thread_id: str, assistant_id: str) -> None:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    print(run.status)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


async def sync_with_on_async_manager(client: AsyncOpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as _stream:  # E: mypy=attr-defined pyright=reportGeneralTypeIssues
        pass


async def sync_handler_on_async_client(client: AsyncOpenAI, thread_id: str, assistant_id: str) -> None:
    client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=AssistantEventHandler())  # E: mypy=call-overload pyright=reportCallIssue,reportArgumentType


async def until_done_is_a_coroutine(client: AsyncOpenAI, thread_id: str, assistant_id: str) -> None:
    async with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        stream.until_done()  # E: mypy=unused-coroutine pyright=reportUnusedCoroutine


async def sync_for_over_async_pages(client: AsyncOpenAI) -> None:
    for _ in client.beta.assistants.list():  # E: mypy=attr-defined pyright=reportGeneralTypeIssues
        pass
