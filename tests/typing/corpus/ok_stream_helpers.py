# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""The three stream helpers (and the deprecated fourth), plus `create(stream=True)` itself."""

from __future__ import annotations

import json

from typing_extensions import assert_type, override

from typed_openai import AssistantEventHandler, AssistantStreamManager, OpenAI, Stream
from typed_openai.types import ToolOutputParam
from typed_openai.types.beta import AssistantStreamEvent
from typed_openai.types.beta.threads import Run


class ToolHandler(AssistantEventHandler):
    @override
    def on_event(self, event: AssistantStreamEvent) -> None:
        if event.event == "thread.run.requires_action":
            self.run_waiting = event.data


def run_stream(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=assistant_id,
        additional_instructions="Be brief.",
        temperature=0.2,
        tool_choice="auto",
        event_handler=ToolHandler(),
    ) as stream:
        assert_type(stream, ToolHandler)
        stream.until_done()


def create_and_run_stream(client: OpenAI, assistant_id: str) -> None:
    manager = client.beta.threads.create_and_run_stream(
        assistant_id=assistant_id,
        thread={"messages": [{"role": "user", "content": "Solve 3x + 11 = 14."}]},
    )
    assert_type(manager, AssistantStreamManager[AssistantEventHandler])
    with manager as stream:
        for text in stream.text_deltas:
            print(text, end="")
    with client.beta.threads.create_and_run_stream(assistant_id=assistant_id, event_handler=ToolHandler()) as mine:
        assert_type(mine, ToolHandler)
        assert_type(mine.get_final_run(), Run)


def submit_tool_outputs_stream(client: OpenAI, run: Run) -> None:
    if run.required_action is None:
        return
    outputs: list[ToolOutputParam] = [
        {"tool_call_id": call.id, "output": json.dumps({"temperature": 21})}
        for call in run.required_action.submit_tool_outputs.tool_calls
    ]
    with client.beta.threads.runs.submit_tool_outputs_stream(
        run.id, thread_id=run.thread_id, tool_outputs=outputs, event_handler=ToolHandler()
    ) as stream:
        assert_type(stream, ToolHandler)
        stream.until_done()
    with client.beta.threads.runs.submit_tool_outputs_stream(
        run_id=run.id, thread_id=run.thread_id, tool_outputs=[{"tool_call_id": "call_1", "output": "ok"}]
    ) as default:
        assert_type(default, AssistantEventHandler)


def create_and_stream_is_kept(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.create_and_stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        assert_type(stream, AssistantEventHandler)


def create_with_stream_true(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    stream = client.beta.threads.runs.create(thread_id, assistant_id=assistant_id, stream=True)
    assert_type(stream, Stream[AssistantStreamEvent])
    with stream:
        for event in stream:
            if event.event == "thread.message.delta":
                for part in event.data.delta.content or []:
                    if part.type == "text" and part.text and part.text.value:
                        print(part.text.value, end="")
    run = client.beta.threads.runs.create(thread_id, assistant_id=assistant_id)
    assert_type(run, Run)
    either = client.beta.threads.runs.create(thread_id, assistant_id=assistant_id, stream=bool(run.id))
    assert_type(either, Run | Stream[AssistantStreamEvent])
    thread_stream = client.beta.threads.create_and_run(assistant_id=assistant_id, stream=True)
    assert_type(thread_stream, Stream[AssistantStreamEvent])
