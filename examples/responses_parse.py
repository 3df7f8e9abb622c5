"""Structured outputs with the Responses API: `text_format=` parses the output text.

    python examples/responses_parse.py
"""

from __future__ import annotations

import asyncio

import pydantic

from _local import async_client


class MathAnswer(pydantic.BaseModel):
    answer: str
    steps: list[str]


async def main() -> None:
    async with async_client() as openai:
        response = await openai.responses.parse(model="gpt-4o", input="Solve 3x + 11 = 14.", text_format=MathAnswer)
        if response.output_parsed is not None:
            print(response.output_parsed.answer)
        print(f"({response.id}: {response.status})")


if __name__ == "__main__":
    asyncio.run(main())
