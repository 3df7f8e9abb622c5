"""Fill a vector store and wait until its files are indexed, then ask an assistant that
searches it. `files.upload_and_poll` uploads one file, attaches it and polls until it is
processed; `file_batches.upload_and_poll` does the same for several files at once.

    python examples/vector_store_polling.py
"""

from __future__ import annotations

import warnings

from _local import client

NOTES = {
    "pricing.md": b"# Pricing\nThe starter plan costs 12 EUR a month.\n",
    "support.md": b"# Support\nSupport answers within one business day.\n",
    "security.md": b"# Security\nData is encrypted at rest and in transit.\n",
}


def main() -> None:
    warnings.simplefilter("ignore", DeprecationWarning)  # the Assistants API is deprecated
    with client() as openai:
        store = openai.vector_stores.create(name="Product notes")

        first = openai.vector_stores.files.upload_and_poll(
            vector_store_id=store.id, file=("pricing.md", NOTES["pricing.md"]), poll_interval_ms=200
        )
        print(f"file {first.id}: {first.status}")

        rest = [(name, content) for name, content in NOTES.items() if name != "pricing.md"]
        batch = openai.vector_stores.file_batches.upload_and_poll(
            vector_store_id=store.id, files=rest, poll_interval_ms=200, max_concurrency=2
        )
        print(f"batch {batch.id}: {batch.status}, {batch.file_counts.completed} of {batch.file_counts.total} files")
        print(f"store {store.id}: {openai.vector_stores.retrieve(store.id).file_counts.completed} files ready")

        assistant = openai.beta.assistants.create(
            model="gpt-4o",
            name="Product helper",
            instructions="Answer from the product notes.",
            tools=[{"type": "file_search"}],
            tool_resources={"file_search": {"vector_store_ids": [store.id]}},
        )
        thread = openai.beta.threads.create()
        openai.beta.threads.messages.create(thread.id, role="user", content="How much is the starter plan?")
        run = openai.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id, poll_interval_ms=200)
        print(f"run {run.id}: {run.status}")
        for message in openai.beta.threads.messages.list(thread.id, order="asc"):
            for part in message.content:
                if part.type == "text":
                    print(f"{message.role} > {part.text.value}")


if __name__ == "__main__":
    main()
