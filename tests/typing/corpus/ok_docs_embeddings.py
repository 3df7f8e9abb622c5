"""Embeddings as OpenAI's docs write them (only the import line changed)."""

from typed_openai import OpenAI

client = OpenAI()

response = client.embeddings.create(
    input="Your text string goes here",
    model="text-embedding-3-small",
)

print(response.data[0].embedding)

batch = client.embeddings.create(
    model="text-embedding-3-small",
    input=["The food was delicious and the waiter...", "The service was slow."],
    dimensions=256,
)
for item in batch.data:
    print(item.index, len(item.embedding))
print(batch.usage.total_tokens)
