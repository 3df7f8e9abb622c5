# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""The three ways to consume an assistant stream, with `AsyncOpenAI`: a handler
subclass, iterating events, and `text_deltas`.

    python examples/streaming_async.py
"""

from __future__ import annotations

import asyncio
import warnings

from typing_extensions import override

from _local import async_client, async_tutor
from typed_openai import AsyncAssistantEventHandler
from typed_openai.types.beta.threads import Text, TextDelta


class EventHandler(AsyncAssistantEventHandler):
    @override
    async def on_text_created(self, text: Text) -> None:
        print("\nassistant > ", end="", flush=True)

    @override
    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value or "", end="", flush=True)


async def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)
    async with async_client() as openai:
        assistant_id, thread_id = await async_tutor(openai)
        runs = openai.beta.threads.runs

        async with runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=EventHandler()) as handler:
            await handler.until_done()

        print("\n\n-- events")
        async with runs.stream(thread_id=thread_id, assistant_id=assistant_id) as events:
            async for event in events:
                if event.event == "thread.message.delta" and event.data.delta.content:
                    for part in event.data.delta.content:
                        if part.type == "text" and part.text and part.text.value:
                            print(part.text.value, end="", flush=True)

        print("\n\n-- text_deltas")
        async with runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
            async for text in stream.text_deltas:
                print(text, end="", flush=True)
        run = await stream.get_final_run()
        print(f"\n\nrun {run.id}: {run.status}")


if __name__ == "__main__":
    asyncio.run(main())
