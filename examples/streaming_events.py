# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Iterate an assistant stream's typed events; `event.event` narrows `event.data`.

    python examples/streaming_events.py
"""

from __future__ import annotations

import warnings

from _local import client, tutor


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)
    with client() as openai:
        assistant_id, thread_id = tutor(openai)
        with openai.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
            for event in stream:
                if event.event == "thread.message.delta" and event.data.delta.content:
                    for part in event.data.delta.content:
                        if part.type == "text" and part.text and part.text.value:
                            print(part.text.value, end="", flush=True)
                elif event.event == "thread.run.completed":
                    print(f"\n\nrun {event.data.id}: {event.data.status}")


if __name__ == "__main__":
    main()
