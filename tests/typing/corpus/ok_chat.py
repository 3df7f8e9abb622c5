"""Chat completions, with and without `stream=True`."""

from __future__ import annotations

from typing_extensions import assert_type

from typed_openai import OpenAI, Stream
from typed_openai.types import (
    ChatCompletionRequestMessageParam,
    ChatCompletion,
    ChatCompletionChunk,
)


def complete(client: OpenAI) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "developer", "content": "Talk like a pirate."},
            {"role": "user", "content": "How do I check if a Python object is an instance of a class?"},
        ],
        temperature=0.2,
    )
    assert_type(completion, ChatCompletion)
    choice = completion.choices[0]
    assert_type(choice.message.content, str | None)
    print(choice.finish_reason, completion.usage)


def stream(client: OpenAI) -> None:
    history: list[ChatCompletionRequestMessageParam] = [{"role": "user", "content": "Say this is a test"}]
    chunks = client.chat.completions.create(model="gpt-4o", messages=history, stream=True)
    assert_type(chunks, Stream[ChatCompletionChunk])
    for chunk in chunks:
        assert_type(chunk, ChatCompletionChunk)
        if chunk.choices:
            print(chunk.choices[0].delta.content or "", end="")
    with client.chat.completions.create(model="gpt-4o", messages=history, stream=True) as managed:
        for chunk in managed:
            print(chunk.id)


def either(client: OpenAI, streaming: bool) -> None:
    result = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], stream=streaming)
    assert_type(result, ChatCompletion | Stream[ChatCompletionChunk])
    if isinstance(result, Stream):
        result.close()
    else:
        print(result.choices[0].message.content)
