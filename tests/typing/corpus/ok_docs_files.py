"""Files as OpenAI's docs write them (only the import line changed): upload, list (with
auto-pagination and by page), retrieve, download, delete. Expects `mydata.jsonl` in the
working directory."""

from pathlib import Path

from typed_openai import OpenAI

client = OpenAI()

uploaded = client.files.create(
    file=open("mydata.jsonl", "rb"),
    purpose="fine-tune",
)
print(uploaded.id, uploaded.filename, uploaded.bytes)

client.files.create(file=Path("mydata.jsonl"), purpose="batch")

for file in client.files.list():
    print(file.id, file.purpose)

first_page = client.files.list(limit=1)
print(first_page.data[0].id)
if first_page.has_next_page():
    next_page = first_page.get_next_page()
    print(f"number of items we just fetched: {len(next_page.data)}")

print(client.files.retrieve(uploaded.id))

content = client.files.content(uploaded.id)
print(content.text)
content.write_to_file("downloaded.jsonl")

deleted = client.files.delete(uploaded.id)
print(deleted.deleted)
