# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Create a run and wait for it: `create_and_poll` polls until the run stops, honouring the
server's `openai-poll-after-ms` hint unless `poll_interval_ms` is given.

    python examples/polling.py
"""

from __future__ import annotations

import warnings

from _local import client, tutor


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)
    with client() as openai:
        assistant_id, thread_id = tutor(openai)
        run = openai.beta.threads.runs.create_and_poll(
            thread_id=thread_id, assistant_id=assistant_id, poll_interval_ms=200, max_wait_seconds=60
        )
        print(f"run {run.id}: {run.status}")
        if run.status == "completed":
            for message in openai.beta.threads.messages.list(thread_id, order="asc"):
                for part in message.content:
                    if part.type == "text":
                        print(f"{message.role} > {part.text.value}")


if __name__ == "__main__":
    main()
