# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Stream an assistant's answer through an event handler, printing text as it arrives.

    python examples/assistant_streaming.py

Against the real API when OPENAI_API_KEY is set, else against the local mock server.
"""

from __future__ import annotations

import warnings

from typing_extensions import override

from _local import client, tutor
from typed_openai import AssistantEventHandler
from typed_openai.types.beta.threads import Text, TextDelta
from typed_openai.types.beta.threads.runs import ToolCall, ToolCallDelta


class EventHandler(AssistantEventHandler):
    @override
    def on_text_created(self, text: Text) -> None:
        print("\nassistant > ", end="", flush=True)

    @override
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value or "", end="", flush=True)

    @override
    def on_tool_call_created(self, tool_call: ToolCall) -> None:
        print(f"\nassistant > {tool_call.type}\n", flush=True)

    @override
    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None:
        if delta.type == "code_interpreter" and delta.code_interpreter and delta.code_interpreter.input:
            print(delta.code_interpreter.input, end="", flush=True)


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)  # the Assistants API is deprecated upstream
    with client() as openai:
        assistant_id, thread_id = tutor(openai)
        with openai.beta.threads.runs.stream(
            thread_id=thread_id, assistant_id=assistant_id, event_handler=EventHandler()
        ) as stream:
            stream.until_done()
        run = stream.get_final_run()
        print(f"\n\nrun {run.id}: {run.status}")


if __name__ == "__main__":
    main()
