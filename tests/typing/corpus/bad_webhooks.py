"""Misuse of `client.webhooks` that both checkers report."""

from typed_openai import AsyncOpenAI, OpenAI

client = OpenAI()

client.webhooks.unwrap("{}")  # E: mypy=call-arg pyright=reportCallIssue -- the headers are required
client.webhooks.unwrap("{}", {}, "whsec_x")  # E: mypy=call-arg pyright=reportCallIssue -- the secret is keyword-only
client.webhooks.verify_signature("{}", {}, tolerance="300")  # E: mypy=arg-type pyright=reportArgumentType
client.webhooks.verify_signature({"id": "evt"}, {})  # E: mypy=arg-type pyright=reportArgumentType -- the body as received

event = client.webhooks.unwrap("{}", {})
if event.type == "batch.completed":
    print(event.data.status)  # E: mypy=attr-defined pyright=reportAttributeAccessIssue -- batch events carry the id only
if event.type == "batch.finished":  # E: mypy=comparison-overlap pyright=reportUnnecessaryComparison
    pass


async def main() -> None:
    async_client = AsyncOpenAI()
    await async_client.webhooks.unwrap("{}", {})  # E: mypy=misc pyright=reportGeneralTypeIssues -- a plain method
