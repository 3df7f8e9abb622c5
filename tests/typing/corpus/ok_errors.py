"""Error handling by status class, as the official README does it."""

from __future__ import annotations

import typed_openai
from typing_extensions import assert_type

from typed_openai import APIConnectionError, APIError, APIStatusError, NotFoundError, OpenAI, RateLimitError


def handle(client: OpenAI) -> None:
    try:
        client.fine_tuning.jobs.create(model="gpt-4o", training_file="file-abc123")
    except typed_openai.APIConnectionError as e:
        print("The server could not be reached")
        print(e.__cause__)
    except typed_openai.RateLimitError as e:
        assert_type(e.status_code, int)
        print("A 429 status code was received; we should back off a bit.", e.response.headers.get("retry-after"))
    except typed_openai.APIStatusError as e:
        print("Another non-200-range status code was received")
        assert_type(e.status_code, int)
        assert_type(e.request_id, str | None)
        print(e.response.json())


def by_class(client: OpenAI, file_id: str) -> str | None:
    try:
        return client.files.retrieve(file_id).filename
    except NotFoundError:
        return None
    except (RateLimitError, APIConnectionError) as transient:
        assert_type(transient, RateLimitError | APIConnectionError)
        raise
    except APIStatusError as e:
        if e.status_code >= 500:
            raise
        return e.message
    except APIError as e:
        assert_type(e.body, object | None)
        assert_type(e.code, str | None)
        raise


def client_options() -> OpenAI:
    client = OpenAI(max_retries=0, timeout=20.0)
    return client.with_options(max_retries=5)
