"""Chat completions as OpenAI's docs and the official README write them (only the import
line changed). Run against the local mock by tests/examples/test_doc_programs.py."""

from typed_openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-4o",
    messages=[
        {"role": "developer", "content": "Talk like a pirate."},
        {
            "role": "user",
            "content": "How do I check if a Python object is an instance of a class?",
        },
    ],
)

print(completion.choices[0].message.content)

stream = client.chat.completions.create(
    model="gpt-4o",
    messages=[{"role": "user", "content": "Say this is a test"}],
    stream=True,
)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="")
print()

response = client.chat.completions.with_raw_response.create(
    messages=[{"role": "user", "content": "Say this is a test"}],
    model="gpt-4o",
)
print(response.headers.get("X-My-Header"))

completion = response.parse()  # get the object that `chat.completions.create()` would have returned
print(completion)

with client.chat.completions.with_streaming_response.create(
    messages=[{"role": "user", "content": "Say this is a test"}],
    model="gpt-4o",
) as streamed:
    print(streamed.headers.get("X-My-Header"))

    for line in streamed.iter_lines():
        print(line)
