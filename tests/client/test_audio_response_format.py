"""Audio transcriptions and translations answer the type their `response_format` asks for
(config `methods.returns_by`): plain text for "text", "srt" and "vtt", the verbose or
diarized object for those formats, the plain object otherwise. The spec gives one union for
all of them, which would parse plain text as JSON (and fail) and pick a union member by the
body's fields. Over real HTTP against the local mock."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import BytesResponse, JSONResponse, MockServer, RecordedRequest, Response
from typed_openai.types.audio import (
    Transcription,
    TranscriptionDiarized,
    TranscriptionVerbose,
    Translation,
    TranslationVerbose,
)

# A body every JSON format could parse: the type must come from the request, not the body.
RICH_BODY = {"text": "hello", "duration": 1.0, "language": "english", "segments": [], "task": "transcribe"}
SRT = "1\n00:00:00,000 --> 00:00:01,000\nhello\n"


def answer(request: RecordedRequest) -> Response:
    fmt = request.form().get("response_format", ["json"])[0]
    if fmt in ("text", "srt", "vtt"):
        return BytesResponse(SRT.encode(), content_type="text/plain; charset=utf-8")
    return JSONResponse(RICH_BODY)


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        s.route("POST", "/audio/transcriptions", answer)
        s.route("POST", "/audio/translations", answer)
        yield s


TRANSCRIPTIONS: list[tuple[dict[str, Any], type[object]]] = [
    ({}, Transcription),
    ({"response_format": "json"}, Transcription),
    ({"response_format": "verbose_json"}, TranscriptionVerbose),
    ({"response_format": "diarized_json"}, TranscriptionDiarized),
    ({"response_format": "text"}, str),
    ({"response_format": "srt"}, str),
    ({"response_format": "vtt"}, str),
]
TRANSLATIONS: list[tuple[dict[str, Any], type[object]]] = [
    ({}, Translation),
    ({"response_format": "verbose_json"}, TranslationVerbose),
    ({"response_format": "text"}, str),
    ({"response_format": "diarized_json"}, Translation),  # not a translation format: the default
]


@pytest.mark.parametrize(("kwargs", "expected"), TRANSCRIPTIONS)
def test_transcriptions_answer_the_format_asked_for(server: MockServer, kwargs: dict[str, Any], expected: type[object]) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        got: object = client.audio.transcriptions.create(file=b"audio", model="whisper-1", **kwargs)
        raw: object = client.audio.transcriptions.with_raw_response.create(file=b"audio", model="whisper-1", **kwargs).parse()
    assert type(got) is expected and type(raw) is expected
    if expected is str:
        assert got == SRT
    sent = server.requests[0].form().get("response_format")
    assert sent == ([kwargs["response_format"]] if kwargs else None)


@pytest.mark.parametrize(("kwargs", "expected"), TRANSLATIONS)
def test_translations_answer_the_format_asked_for(server: MockServer, kwargs: dict[str, Any], expected: type[object]) -> None:
    async def main() -> tuple[object, object]:
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
            got: object = await client.audio.translations.create(file=b"audio", model="whisper-1", **kwargs)
            async with client.audio.translations.with_streaming_response.create(file=b"audio", model="whisper-1", **kwargs) as r:
                streamed: object = await r.parse()
            return got, streamed

    got, streamed = asyncio.run(main())
    assert type(got) is expected and type(streamed) is expected


def test_a_plain_text_answer_is_not_parsed_as_json(server: MockServer) -> None:
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, _strict_response_validation=True) as client:
        text = client.audio.transcriptions.create(file=b"audio", model="whisper-1", response_format="text")
        verbose = client.audio.transcriptions.create(file=b"audio", model="whisper-1", response_format="verbose_json")
    assert text.startswith("1\n")  # typed `str` by its overload
    assert verbose.duration == 1.0 and json.loads(verbose.model_dump_json())["language"] == "english"
