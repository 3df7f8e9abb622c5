"""Stream a chat completion: typed events as they arrive, then the accumulated completion.

    python examples/chat_streaming.py
"""

from __future__ import annotations

from _local import client


def main() -> None:
    with client() as openai:
        with openai.chat.completions.stream(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Solve 3x + 11 = 14."}],
        ) as stream:
            for event in stream:
                if event.type == "content.delta":
                    print(event.delta, end="", flush=True)
                elif event.type == "content.done":
                    print()
        completion = stream.get_final_completion()
        print(f"({completion.id}: finish_reason={completion.choices[0].finish_reason})")


if __name__ == "__main__":
    main()
