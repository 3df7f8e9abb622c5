# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Only the text: `stream.text_deltas` yields each piece as it arrives. Also shows
`threads.create_and_run_stream`, which creates the thread and the run in one call.

    python examples/streaming_text_deltas.py
"""

from __future__ import annotations

import warnings

from _local import client


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)
    with client() as openai:
        assistant = openai.beta.assistants.create(model="gpt-4o", instructions="You are a personal math tutor.")
        with openai.beta.threads.create_and_run_stream(
            assistant_id=assistant.id,
            thread={"messages": [{"role": "user", "content": "Solve 3x + 11 = 14."}]},
        ) as stream:
            for text in stream.text_deltas:
                print(text, end="", flush=True)
            print()
        for message in stream.get_final_messages():
            print(f"({message.id}: {message.status})")


if __name__ == "__main__":
    main()
