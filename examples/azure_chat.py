"""Azure OpenAI: `AzureOpenAI` sends the request to the deployment named by `model`, with
the `api-key` header and `api-version`. Set AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT
and OPENAI_API_VERSION to use your resource (or pass `azure_ad_token_provider=`).

    python examples/azure_chat.py
"""

from __future__ import annotations

from _local import azure_client


def main() -> None:
    with azure_client() as azure:
        with azure.chat.completions.stream(
            model="gpt-4o",  # the deployment's name
            messages=[{"role": "user", "content": "Solve 3x + 11 = 14."}],
        ) as stream:
            for text in stream.text_deltas:
                print(text, end="", flush=True)
            print()
        print(f"(finish_reason={stream.get_final_completion().choices[0].finish_reason})")


if __name__ == "__main__":
    main()
