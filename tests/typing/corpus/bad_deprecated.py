"""Operations the API marks deprecated: pyright --strict reports each call, as it does for
the official SDK. mypy reports them only with `--enable-error-code deprecated`, which a
bare `--strict` leaves off."""

from __future__ import annotations

from typed_openai import AsyncOpenAI, OpenAI


def create_an_assistant(client: OpenAI) -> None:
    client.beta.assistants.create(model="gpt-4o")  # E: mypy=none pyright=reportDeprecated


def list_assistants(client: OpenAI) -> None:
    for assistant in client.beta.assistants.list():  # E: mypy=none pyright=reportDeprecated
        print(assistant.id)


async def delete_an_assistant(client: AsyncOpenAI, assistant_id: str) -> None:
    await client.beta.assistants.delete(assistant_id)  # E: mypy=none pyright=reportDeprecated


def create_a_thread(client: OpenAI) -> None:
    # the official SDK deprecates the Assistants threads too (config `methods.deprecated`)
    client.beta.threads.create()  # E: mypy=none pyright=reportDeprecated
