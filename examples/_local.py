# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""Shared by the examples: a client for the real API when OPENAI_API_KEY is set, else for
the bundled local mock server (`typed_openai.testing`), which speaks real HTTP and SSE."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from typed_openai import AsyncOpenAI, AzureOpenAI, OpenAI
from typed_openai.testing import MockServer
from typed_openai.testing._helpers_demo import install_chat_and_responses_demo


@contextmanager
def _local_server() -> Iterator[MockServer]:
    server = MockServer.with_api_demo()  # Assistants, files, vector stores, ...
    install_chat_and_responses_demo(server)  # chat completions and responses that parse and call tools
    with server:
        print(f"(no OPENAI_API_KEY: using the local mock server at {server.base_url})")
        yield server


@contextmanager
def client() -> Iterator[OpenAI]:
    if os.environ.get("OPENAI_API_KEY"):
        with OpenAI() as real:
            yield real
        return
    with _local_server() as server, OpenAI(api_key="sk-local-demo", base_url=server.base_url) as local:
        yield local


@contextmanager
def azure_client() -> Iterator[AzureOpenAI]:
    """Azure OpenAI when AZURE_OPENAI_API_KEY (and AZURE_OPENAI_ENDPOINT, OPENAI_API_VERSION)
    are set, else the local mock server answering at Azure's paths."""
    if os.environ.get("AZURE_OPENAI_API_KEY"):
        with AzureOpenAI() as real:
            yield real
        return
    with _local_server() as server, AzureOpenAI(
        api_key="local-azure-key", api_version="2024-10-21", azure_endpoint=server.url
    ) as local:
        yield local


@asynccontextmanager
async def async_client() -> AsyncIterator[AsyncOpenAI]:
    if os.environ.get("OPENAI_API_KEY"):
        async with AsyncOpenAI() as real:
            yield real
        return
    with _local_server() as server:
        async with AsyncOpenAI(api_key="sk-local-demo", base_url=server.base_url) as local:
            yield local


def tutor(client: OpenAI) -> tuple[str, str]:
    """An assistant and a thread holding one question: (assistant_id, thread_id)."""
    assistant = client.beta.assistants.create(
        model="gpt-4o", name="Math Tutor", instructions="You are a personal math tutor. Answer briefly."
    )
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread.id, role="user", content="Solve 3x + 11 = 14.")
    return assistant.id, thread.id


async def async_tutor(client: AsyncOpenAI) -> tuple[str, str]:
    assistant = await client.beta.assistants.create(
        model="gpt-4o", name="Math Tutor", instructions="You are a personal math tutor. Answer briefly."
    )
    thread = await client.beta.threads.create()
    await client.beta.threads.messages.create(thread.id, role="user", content="Solve 3x + 11 = 14.")
    return assistant.id, thread.id
