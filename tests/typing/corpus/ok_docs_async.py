"""The async client as the official README uses it (only the import line changed):
awaiting calls, streaming, `async for` over pages, `close()`."""

import asyncio

from typed_openai import AsyncOpenAI

client = AsyncOpenAI()


async def main() -> None:
    completion = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Say this is a test"}],
    )
    print(completion.choices[0].message.content)

    stream = await client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Say this is a test"}],
        stream=True,
    )
    async for chunk in stream:
        print(chunk.choices[0].delta.content or "", end="")
    print()

    async for model in client.models.list():
        print(model.id)

    response = await client.chat.completions.with_raw_response.create(
        messages=[{"role": "user", "content": "Say this is a test"}],
        model="gpt-4o",
    )
    print(response.headers.get("x-request-id"), response.parse().id)

    async with client.chat.completions.with_streaming_response.create(
        messages=[{"role": "user", "content": "Say this is a test"}],
        model="gpt-4o",
    ) as streamed:
        async for line in streamed.iter_lines():
            print(line)

    await client.close()


asyncio.run(main())
