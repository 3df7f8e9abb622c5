"""Stream a response (the Responses API): the text as it arrives, then the final response.
The async client works the same way with `async with` and `async for`.

    python examples/responses_streaming.py
"""

from __future__ import annotations

from _local import client


def main() -> None:
    with client() as openai:
        with openai.responses.stream(model="gpt-4o", input="Solve 3x + 11 = 14.") as stream:
            for text in stream.text_deltas:
                print(text, end="", flush=True)
            print()
        response = stream.get_final_response()
        print(f"({response.id}: {response.status})")


if __name__ == "__main__":
    main()
