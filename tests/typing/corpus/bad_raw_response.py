"""Misusing raw responses: each marked line must be reported by both checkers."""

from __future__ import annotations

from typed_openai import AsyncOpenAI, OpenAI


def parse_first(client: OpenAI) -> None:
    response = client.files.with_raw_response.retrieve("file-1")
    print(response.filename)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def status_is_status_code(client: OpenAI) -> None:
    response = client.files.with_raw_response.list()
    print(response.status)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def same_arguments_as_the_method(client: OpenAI) -> None:
    client.files.with_raw_response.retrieve(file="file-1")  # E: mypy=call-arg pyright=reportCallIssue


async def async_streamed_parse_is_awaited(client: AsyncOpenAI) -> None:
    async with client.files.with_streaming_response.retrieve("file-1") as response:
        print(response.parse().filename)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue


def streamed_text_is_a_method(client: OpenAI) -> None:
    with client.files.with_streaming_response.retrieve("file-1") as response:
        print(response.text.upper())  # E: mypy=attr-defined pyright=reportAttributeAccessIssue
