"""The module-level client, as the official SDK's README writes it (`import openai`, here
`import typed_openai as openai`): settings are module attributes, resources module names."""

import os

import typed_openai as openai

# optional; defaults to `os.environ['OPENAI_API_KEY']`
openai.api_key = os.environ["OPENAI_API_KEY"]
openai.base_url = os.environ["OPENAI_BASE_URL"]
openai.default_headers = {"x-foo": "true"}
openai.max_retries = 1

completion = openai.chat.completions.create(
    model="gpt-4o",
    messages=[
        {
            "role": "user",
            "content": "How do I output all files in a directory using Python?",
        },
    ],
)
print(completion.choices[0].message.content)

for model in openai.models.list():
    print(model.id)
    break

response = openai.responses.create(model="gpt-4o", input="Say hi")
print(response.output_text)
