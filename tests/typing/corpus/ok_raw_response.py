# Calls the deprecated Assistants API on purpose; bad_deprecated.py checks that it is reported.
# pyright: reportDeprecated=false
"""`with_raw_response`: headers and status, then `parse()` for what the call returns."""

from __future__ import annotations

from typing_extensions import assert_type

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.types import ChatCompletion, FileObject
from typed_openai.types.beta.threads import Run


def raw(client: OpenAI, thread_id: str, assistant_id: str) -> None:
    response = client.chat.completions.with_raw_response.create(
        messages=[{"role": "user", "content": "Say this is a test"}], model="gpt-4o"
    )
    print(response.headers.get("x-ratelimit-limit-tokens"), response.status_code, response.request_id)
    completion = response.parse()
    assert_type(completion, ChatCompletion)
    print(completion.choices[0].message.content)
    files = client.files.with_raw_response.list()
    for file in files.parse():
        assert_type(file, FileObject)
    assert_type(files.http_response.status_code, int)
    retrieved = client.files.with_raw_response.retrieve("file-1")
    assert_type(retrieved.parse(), FileObject)
    run = client.beta.threads.runs.with_raw_response.retrieve("run_1", thread_id=thread_id)
    assert_type(run.parse(), Run)
    print(run.text, run.content, run.url)


    assert response.is_closed and response.http_request.headers.get("X-Stainless-Lang") == "python"
    assert_type(response.retries_taken, int)


def streamed(client: OpenAI) -> None:
    with client.files.with_streaming_response.retrieve("file-1") as response:
        assert not response.is_closed
        assert_type(response.parse(), FileObject)
        for line in response.iter_lines():
            assert_type(line, str)
        assert_type(response.text(), str)


async def raw_async(client: AsyncOpenAI) -> None:
    response = await client.files.with_raw_response.retrieve("file-1")
    assert_type(response.parse(), FileObject)  # not awaited, as the official SDK's
    assert_type(response.status_code, int)
    async with client.files.with_streaming_response.retrieve("file-1") as streamed:
        assert_type(await streamed.parse(), FileObject)
        async for chunk in streamed.iter_bytes():
            assert_type(chunk, bytes)
