"""Empty or blank path ids fail before any request, naming the argument."""

from __future__ import annotations

import pytest

from typed_openai import OpenAI
from typed_openai.testing import MockServer


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_ids_raise_before_any_request(blank: str) -> None:
    with MockServer() as server, OpenAI(api_key="sk-test", base_url=server.base_url) as client:
        with pytest.raises(ValueError, match="`run_id`"):
            client.beta.threads.runs.retrieve(blank, thread_id="thread_1")
        with pytest.raises(ValueError, match="`thread_id`"):
            client.beta.threads.runs.retrieve("run_1", thread_id=blank)
        with pytest.raises(ValueError, match="`thread_id`"):
            with client.beta.threads.runs.stream(thread_id=blank, assistant_id="asst_1"):
                pass
        with pytest.raises(ValueError, match="`thread_id`"):
            client.beta.threads.runs.create_and_poll(thread_id=blank, assistant_id="asst_1")
        assert server.requests == []
