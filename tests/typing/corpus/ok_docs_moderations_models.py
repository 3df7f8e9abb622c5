"""Moderations and models as OpenAI's docs write them (only the import line changed)."""

from typed_openai import OpenAI

client = OpenAI()

response = client.moderations.create(
    model="omni-moderation-latest",
    input="...text to classify goes here...",
)

print(response)
print(response.results[0].flagged)

models = client.models.list()
for model in models:
    print(model.id)

print(client.models.retrieve("gpt-4o"))
