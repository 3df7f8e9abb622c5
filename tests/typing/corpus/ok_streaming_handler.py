# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Assistant streaming with an event handler, as the official docs write it."""

from __future__ import annotations

from typing_extensions import assert_type, override

from typed_openai import AssistantEventHandler, AssistantStreamManager, OpenAI
from typed_openai.types.beta import AssistantStreamEvent
from typed_openai.types.beta.threads import Message, MessageDelta, Run, Text, TextDelta
from typed_openai.types.beta.threads.runs import RunStep, RunStepDelta, ToolCall, ToolCallDelta


class EventHandler(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    @override
    def on_text_created(self, text: Text) -> None:
        print("\nassistant > ", end="", flush=True)

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        if delta.value:
            self.chunks.append(delta.value)
        assert_type(snapshot.value, str)

    @override
    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        print(f"\nassistant > {tool_call.type}\n", flush=True)

    @override
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        if delta.type == "code_interpreter" and delta.code_interpreter:
            if delta.code_interpreter.input:
                print(delta.code_interpreter.input, end="", flush=True)
            for output in delta.code_interpreter.outputs or []:
                if output.type == "logs":
                    print(f"\n{output.logs}", flush=True)

    @override
    def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None:
        assert_type(snapshot, Message)

    @override
    def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None:
        assert_type(snapshot.id, str)

    @override
    def on_event(self, event: AssistantStreamEvent) -> None:
        if event.event == "thread.run.requires_action":
            assert_type(event.data, Run)

    @override
    def on_exception(self, exception: Exception) -> None:
        print(f"failed: {exception}")


def until_done(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    manager = client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id=assistant_id,
        instructions="Please address the user as Jane Doe. The user has a premium account.",
        event_handler=EventHandler(),
    )
    assert_type(manager, AssistantStreamManager[EventHandler])
    with manager as stream:
        assert_type(stream, EventHandler)
        stream.until_done()
        print("".join(stream.chunks))


def default_handler(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        assert_type(stream, AssistantEventHandler)
        for text in stream.text_deltas:
            assert_type(text, str)
            print(text, end="", flush=True)


def iterate_events(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        for event in stream:
            assert_type(event, AssistantStreamEvent)
            if event.event == "thread.message.delta":
                assert_type(event.data.delta, MessageDelta)
                for part in event.data.delta.content or []:
                    if part.type == "text" and part.text and part.text.value:
                        print(part.text.value, end="")
            elif event.event == "thread.run.step.created":
                assert_type(event.data, RunStep)
            elif event.event == "thread.run.completed":
                assert_type(event.data, Run)
                print(event.data.usage)


def readers_and_finals(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        for _event in stream:
            assert_type(stream.current_event(), AssistantStreamEvent | None)
            assert_type(stream.current_run(), Run | None)
            assert_type(stream.current_message_snapshot(), Message | None)
            assert_type(stream.current_run_step_snapshot(), RunStep | None)
            run = stream.current_run()
            if run is not None:
                print(run.status)
        final_run = stream.get_final_run()
        assert_type(final_run, Run)
        assert_type(stream.get_final_run_steps(), list[RunStep])
        messages = stream.get_final_messages()
        assert_type(messages, list[Message])
        for message in messages:
            for content in message.content:
                if content.type == "text":
                    print(content.text.value)
