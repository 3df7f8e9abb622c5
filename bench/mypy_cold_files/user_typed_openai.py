"""A small user program: create a run and poll it, then stream another with a handler."""

from __future__ import annotations

from typed_openai import AssistantEventHandler, OpenAI
from typed_openai.types.beta.threads import Text, TextDelta


class Handler(AssistantEventHandler):
    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None:
        print(delta.value or "", end="")


def main(thread_id: str, assistant_id: str) -> None:
    client = OpenAI()
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    print(run.status)
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, event_handler=Handler()) as stream:
        stream.until_done()
