"""Structured outputs with chat completions: the answer parsed into a pydantic model, and
a tool whose arguments parse into another (`pydantic_function_tool`).

    python examples/chat_parse.py
"""

from __future__ import annotations

import pydantic

from typed_openai import pydantic_function_tool

from _local import client


class MathAnswer(pydantic.BaseModel):
    answer: str
    steps: list[str]


class LookUpFormula(pydantic.BaseModel):
    """Look up a formula by name."""

    name: str


def main() -> None:
    with client() as openai:
        completion = openai.chat.completions.parse(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Solve 3x + 11 = 14."}],
            response_format=MathAnswer,
        )
        parsed = completion.choices[0].message.parsed
        if parsed is not None:
            print(parsed.answer)
        called = openai.chat.completions.parse(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Which formula solves linear equations?"}],
            tools=[pydantic_function_tool(LookUpFormula)],
        )
        for call in called.choices[0].message.tool_calls or []:
            if call.type == "function":
                print(f"tool call {call.function.name}: {call.function.parsed_arguments!r}")


if __name__ == "__main__":
    main()
