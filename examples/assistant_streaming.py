"""Stream an assistant's answer and print the text as it arrives.

Against the real API when OPENAI_API_KEY is set; otherwise against the bundled local
mock server (`typed_openai.testing`), which replays a realistic Assistants stream.

    python examples/assistant_streaming.py
"""

from __future__ import annotations

import os
from contextlib import ExitStack

from typed_openai import OpenAI
from typed_openai.testing import MockServer


def main() -> None:
    with ExitStack() as stack:
        if os.environ.get("OPENAI_API_KEY"):
            client = stack.enter_context(OpenAI())
        else:
            server = stack.enter_context(MockServer.with_assistants_demo())
            client = stack.enter_context(OpenAI(api_key="sk-local-demo", base_url=server.base_url))
            print(f"(no OPENAI_API_KEY: using the local mock server at {server.base_url})")

        assistant = client.beta.assistants.create(
            model="gpt-4o", name="Math Tutor", instructions="You are a personal math tutor."
        )
        thread = client.beta.threads.create()
        client.beta.threads.messages.create(thread.id, role="user", content="Solve 3x + 11 = 14.")

        with client.beta.threads.runs.create(thread.id, assistant_id=assistant.id, stream=True) as stream:
            for event in stream:
                # `event.event` narrows `event.data`: here it is a typed message delta.
                if event.event == "thread.message.delta":
                    for part in event.data.delta.content or []:
                        if part.type == "text" and part.text and part.text.value:
                            print(part.text.value, end="", flush=True)
                elif event.event == "thread.run.completed":
                    print(f"\n\nrun {event.data.id}: {event.data.status}")


if __name__ == "__main__":
    main()
