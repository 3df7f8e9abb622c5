"""The mock's routes beyond Assistants answer as the API does, with schema-valid objects:
every call here goes through a client with `_strict_response_validation=True`, which
raises on any body that does not validate against the generated models, and every
streamed event is validated against its union the same way."""

from __future__ import annotations

import base64
import json
import struct
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from typed_openai import BadRequestError, NotFoundError, OpenAI
from typed_openai._core._models import validate_or_construct
from typed_openai.testing import DEMO_CHAT_ANSWER, DEMO_MODELS, MockServer
from typed_openai.types import ChatCompletionChunk, ResponseStreamEvent


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer.with_api_demo() as running:
        yield running


@pytest.fixture
def client(server: MockServer) -> Iterator[OpenAI]:
    with OpenAI(api_key="sk-test", base_url=server.base_url, _strict_response_validation=True, max_retries=0) as strict:
        yield strict


def _events(server: MockServer, path: str, body: dict[str, object]) -> list[dict[str, object]]:
    """The JSON payloads of a stream, read off the wire."""
    payloads: list[dict[str, object]] = []
    with httpx2.stream("POST", f"{server.base_url}{path}", json=body, headers={"Authorization": "Bearer t"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                payloads.append(json.loads(line[len("data: ") :]))
    return payloads


def test_chat_completions(client: OpenAI, server: MockServer) -> None:
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hello!"}])
    assert completion.choices[0].message.content == DEMO_CHAT_ANSWER
    assert completion.model == "gpt-4o" and completion.usage is not None
    stream = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hello!"}], stream=True,
        stream_options={"include_usage": True},
    )  # fmt: skip
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text == DEMO_CHAT_ANSWER
    events = _events(server, "/chat/completions", {"model": "m", "messages": [{"role": "user", "content": "x"}], "stream": True})
    for event in events:
        assert validate_or_construct(ChatCompletionChunk, event)[1], event
    with pytest.raises(BadRequestError, match="messages"):
        client.chat.completions.create(model="gpt-4o", messages=[])


def test_responses(client: OpenAI, server: MockServer) -> None:
    response = client.responses.create(model="gpt-4o", input="Tell me a story.", instructions="Be brief.")
    assert response.status == "completed" and response.instructions == "Be brief."
    assert response.output_text == DEMO_CHAT_ANSWER  # computed, as the official SDK's
    assert client.responses.retrieve(response.id).id == response.id
    events = _events(server, "/responses", {"model": "gpt-4o", "input": "hi", "stream": True})
    types = [event["type"] for event in events]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert "".join(str(e["delta"]) for e in events if e["type"] == "response.output_text.delta") == DEMO_CHAT_ANSWER
    for event in events:
        assert validate_or_construct(ResponseStreamEvent, event)[1], event
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    streamed = list(client.responses.create(model="gpt-4o", input="hi", stream=True))
    assert len(streamed) == len(events)


def test_embeddings(client: OpenAI, server: MockServer) -> None:
    result = client.embeddings.create(model="text-embedding-3-small", input=["a cat", "a dog", "a cat"])
    assert [e.index for e in result.data] == [0, 1, 2]
    vectors = [e.embedding for e in result.data]
    assert isinstance(vectors[0], list) and len(vectors[0]) == 1536
    assert vectors[0] == vectors[2] != vectors[1]  # deterministic per text
    # The spec types `embedding` as floats only, though `base64` answers a string: lenient client.
    with OpenAI(api_key="sk-test", base_url=server.base_url) as lenient:
        small = lenient.embeddings.create(model="text-embedding-3-small", input="x", dimensions=8, encoding_format="base64")
    packed: object = small.data[0].embedding
    assert isinstance(packed, str) and len(struct.unpack("<8f", base64.b64decode(packed))) == 8


def test_models_and_moderations(client: OpenAI) -> None:
    assert [model.id for model in client.models.list()] == list(DEMO_MODELS)
    assert client.models.retrieve("gpt-4o").owned_by == "system"
    with pytest.raises(NotFoundError):
        client.models.retrieve("gpt-0")
    moderation = client.moderations.create(input=["I will kill the process", "hello"])
    assert [r.flagged for r in moderation.results] == [True, False]


def test_files(client: OpenAI) -> None:
    uploaded = client.files.create(file=("notes.jsonl", b'{"a": 1}\n'), purpose="assistants")
    assert uploaded.filename == "notes.jsonl" and uploaded.bytes == 9
    other = client.files.create(file=("batch.jsonl", b"{}\n"), purpose="batch")
    assert {f.id for f in client.files.list()} == {uploaded.id, other.id}
    assert [f.id for f in client.files.list(purpose="batch")] == [other.id]
    assert client.files.retrieve(uploaded.id).id == uploaded.id
    assert client.files.content(uploaded.id).content == b'{"a": 1}\n'
    assert client.files.delete(uploaded.id).deleted is True
    with pytest.raises(NotFoundError):
        client.files.retrieve(uploaded.id)
    with pytest.raises(BadRequestError, match="purpose"):
        client.files.create(file=b"x", purpose="nonsense")  # type: ignore[arg-type]  # a wrong purpose on purpose


def test_files_pages(client: OpenAI) -> None:
    ids = [client.files.create(file=(f"f{i}.txt", b"x"), purpose="assistants").id for i in range(5)]
    first = client.files.list(limit=2, order="asc")
    assert [f.id for f in first.data] == ids[:2] and first.has_next_page()
    assert [f.id for f in client.files.list(limit=2, order="asc")] == ids  # every page


def test_vector_stores(client: OpenAI) -> None:
    file = client.files.create(file=("faq.md", b"# FAQ\n"), purpose="assistants")
    store = client.vector_stores.create(name="Support FAQ", file_ids=[file.id])
    assert store.file_counts.completed == 1 and store.status == "completed"
    assert [s.id for s in client.vector_stores.list()] == [store.id]
    assert client.vector_stores.update(store.id, name="Renamed").name == "Renamed"
    attached = client.vector_stores.files.list(vector_store_id=store.id)
    assert [f.id for f in attached] == [file.id]
    assert client.vector_stores.files.retrieve(file.id, vector_store_id=store.id).status == "completed"
    second = client.files.create(file=("b.md", b"b"), purpose="assistants")
    batch = client.vector_stores.file_batches.create_and_poll(vector_store_id=store.id, file_ids=[second.id])
    assert batch.status == "completed" and batch.file_counts.completed == 1
    listed = client.vector_stores.file_batches.list_files(batch.id, vector_store_id=store.id)
    assert [f.id for f in listed] == [second.id]
    uploaded = client.vector_stores.file_batches.upload_and_poll(store.id, files=[("c.md", b"c")])
    assert uploaded.file_counts.completed == 1
    assert client.vector_stores.retrieve(store.id).file_counts.completed == 3
    assert client.vector_stores.delete(store.id).deleted is True
    with pytest.raises(NotFoundError):
        client.vector_stores.retrieve(store.id)


def test_speech(client: OpenAI, tmp_path: Path) -> None:
    text = "Today is a wonderful day to build something people love!"
    with client.audio.speech.with_streaming_response.create(model="gpt-4o-mini-tts", voice="coral", input=text) as response:
        assert response.headers["content-type"] == "audio/mpeg"
        response.stream_to_file(tmp_path / "speech.mp3")
    assert len((tmp_path / "speech.mp3").read_bytes()) == 1024 * (len(text) // 16)
    assert client.audio.speech.create(model="tts-1", voice="alloy", input=text).content == (tmp_path / "speech.mp3").read_bytes()
    with pytest.raises(BadRequestError, match="voice"):
        client.audio.speech.create(model="tts-1", voice=None, input=text)  # type: ignore[arg-type]  # missing on purpose
