# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""The async client: handlers, stream helpers, polling, pages and chat streams."""

from __future__ import annotations

from typing_extensions import assert_type, override

from typed_openai import AsyncAssistantEventHandler, AsyncAssistantStreamManager, AsyncOpenAI, AsyncStream
from typed_openai.types import ChatCompletion, ChatCompletionChunk
from typed_openai.types.beta import Assistant, AssistantStreamEvent
from typed_openai.types.beta.threads import Message, Run, Text, TextDelta
from typed_openai.types.beta.threads.runs import RunStep
from typed_openai.types.vector_stores import VectorStoreFile, VectorStoreFileBatch


class AsyncHandler(AsyncAssistantEventHandler):
    @override
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value, end="", flush=True)

    @override
    async def on_end(self) -> None:
        print()


async def streaming(client: AsyncOpenAI, thread_id: str, assistant_id: str) -> None:
    manager = client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=AsyncHandler())
    assert_type(manager, AsyncAssistantStreamManager[AsyncHandler])
    async with manager as stream:
        assert_type(stream, AsyncHandler)
        await stream.until_done()
    async with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as events:
        assert_type(events, AsyncAssistantEventHandler)
        async for event in events:
            assert_type(event, AssistantStreamEvent)
            if event.event == "thread.message.completed":
                assert_type(event.data, Message)
            assert_type(events.current_run(), Run | None)
        assert_type(await events.get_final_run(), Run)
        assert_type(await events.get_final_messages(), list[Message])
        assert_type(await events.get_final_run_steps(), list[RunStep])
    async with client.beta.threads.create_and_run_stream(assistant_id=assistant_id) as texts:
        async for text in texts.text_deltas:
            assert_type(text, str)
    async with client.beta.threads.runs.submit_tool_outputs_stream(
        "run_1", thread_id=thread_id, tool_outputs=[{"tool_call_id": "call_1", "output": "42"}], event_handler=AsyncHandler()
    ) as submitted:
        assert_type(submitted, AsyncHandler)


async def polling(client: AsyncOpenAI, thread_id: str, assistant_id: str, vector_store_id: str) -> None:
    run = await client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    assert_type(run, Run)
    assert_type(await client.beta.threads.runs.poll(run.id, thread_id), Run)
    assert_type(
        await client.beta.threads.runs.submit_tool_outputs_and_poll(run.id, thread_id=thread_id, tool_outputs=[]), Run
    )
    assert_type(await client.beta.threads.create_and_run_poll(assistant_id=assistant_id), Run)
    files = client.vector_stores.files
    assert_type(await files.create_and_poll(vector_store_id=vector_store_id, file_id="file-1"), VectorStoreFile)
    assert_type(await files.upload(vector_store_id=vector_store_id, file=b"data"), VectorStoreFile)
    assert_type(await files.upload_and_poll(vector_store_id=vector_store_id, file=b"data"), VectorStoreFile)
    assert_type(await files.poll("file-1", vector_store_id=vector_store_id), VectorStoreFile)
    batches = client.beta.vector_stores.file_batches
    assert_type(await batches.create_and_poll(vector_store_id=vector_store_id, file_ids=["f"]), VectorStoreFileBatch)
    assert_type(await batches.upload_and_poll(vector_store_id=vector_store_id, files=[b"a", b"b"]), VectorStoreFileBatch)
    assert_type(await batches.poll("batch-1", vector_store_id=vector_store_id), VectorStoreFileBatch)


async def pages_and_crud(client: AsyncOpenAI) -> None:
    async for assistant in client.beta.assistants.list(order="desc", limit=20):
        assert_type(assistant, Assistant)
    first_page = await client.beta.assistants.list()
    for item in first_page.data:
        assert_type(item, Assistant)
    if first_page.has_next_page():
        second = await first_page.get_next_page()
        print(len(second.data))
    created = await client.beta.assistants.create(model="gpt-4o", name="Math Tutor")
    assert_type(created, Assistant)
    await client.beta.assistants.delete(created.id)


async def chat(client: AsyncOpenAI) -> None:
    completion = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    assert_type(completion, ChatCompletion)
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], stream=True
    )
    assert_type(stream, AsyncStream[ChatCompletionChunk])
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            print(chunk.choices[0].delta.content, end="")
