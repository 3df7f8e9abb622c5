"""Vector stores as the file search guide writes them (only the import line changed).
Expects `edgar/goog-10k.txt` and `edgar/brka-10k.txt` in the working directory."""

from typed_openai import OpenAI

client = OpenAI()

# Create a vector store called "Financial Statements"
vector_store = client.vector_stores.create(name="Financial Statements")

# Ready the files for upload to OpenAI
file_paths = ["edgar/goog-10k.txt", "edgar/brka-10k.txt"]
file_streams = [open(path, "rb") for path in file_paths]

# Use the upload and poll SDK helper to upload the files, add them to the vector store,
# and poll the status of the file batch for completion.
file_batch = client.vector_stores.file_batches.upload_and_poll(vector_store_id=vector_store.id, files=file_streams)

# You can print the status and the file counts of the batch to see the result of this operation.
print(file_batch.status)
print(file_batch.file_counts)

vector_store_files = client.vector_stores.files.list(vector_store_id=vector_store.id)
for vector_store_file in vector_store_files:
    print(vector_store_file.id, vector_store_file.status)

print(client.vector_stores.retrieve(vector_store.id).file_counts.completed)

updated = client.vector_stores.update(vector_store_id=vector_store.id, name="Financial Statements 2024")
print(updated.name)

for store in client.vector_stores.list():
    print(store.id, store.name)

deleted_vector_store = client.vector_stores.delete(vector_store_id=vector_store.id)
print(deleted_vector_store.deleted)
