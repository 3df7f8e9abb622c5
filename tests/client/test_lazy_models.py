"""Import cost is paid per area used (DESIGN.md invariant 7): in a fresh interpreter,
importing the package and building a client load no model module, and the first call of
one resource loads only its area's models and the modules it shares with other areas."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from typed_openai.testing import JSONResponse, MockServer

_CHILD = """
import json, sys
import typed_openai

def loaded():
    return sorted(m for m in sys.modules if m.startswith("typed_openai.types"))

client = typed_openai.OpenAI(api_key="sk-test", base_url=sys.argv[1], max_retries=0)
after_client = loaded()
found = client.evals.retrieve("eval_1")
assert found.id == "eval_1", found
print(json.dumps({"after_client": after_client, "after_call": loaded()}))
"""

_EVAL = {
    "object": "eval",
    "id": "eval_1",
    "name": "lazy",
    "created_at": 1735689600,
    "metadata": {},
    "data_source_config": {"type": "custom", "schema": {"type": "object"}},
    "testing_criteria": [
        {"type": "string_check", "name": "Match", "input": "{{sample.output_text}}", "reference": "x", "operation": "eq"}
    ],
}


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        s.route("GET", "/evals/{eval_id}", JSONResponse(_EVAL))
        yield s


def test_first_use_of_a_resource_loads_only_its_areas_models(server: MockServer) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, server.base_url], check=True, capture_output=True, text=True, timeout=120
    )
    loaded = json.loads(out.stdout)
    assert loaded["after_client"] == [], "importing the package or building a client loaded types"
    models = [m.removeprefix("typed_openai.types._models.") for m in loaded["after_call"] if m.startswith("typed_openai.types._models.")]
    assert "evals" in models
    # the area's own module, the modules it shares with one other area, and `_shared`
    strays = [m for m in models if m != "_shared" and "evals" not in m.split("__")]
    assert strays == [], f"the first evals call loaded other areas' models: {strays}"
    assert "typed_openai.types._params" not in loaded["after_call"]


_HELPER_CHILD = """
import json, sys
import typed_openai

def loaded():
    return sorted(m for m in sys.modules if m.startswith(("typed_openai.types", "typed_openai.lib")))

client = typed_openai.OpenAI(api_key="sk-test", base_url=sys.argv[1], max_retries=0)
if sys.argv[2] == "chat":
    create = client.chat.completions.create
    reached = loaded()
    answer = create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]).choices[0].message.content
else:
    create = client.responses.create
    reached = loaded()
    answer = create(model="gpt-4o", input="Hi").output_text
assert answer == "Hello", answer
print(json.dumps({"reached": reached, "after_call": loaded()}))
"""


@pytest.mark.parametrize("area", ["chat", "responses"])
def test_create_of_a_helper_resource_loads_no_helper(area: str) -> None:
    """`chat.completions` and `responses` are overlay subclasses with `parse()` and
    `stream()`: reaching `create()` loads no model, and calling it loads only the models
    it answers with, none of the helpers' modules or the request TypedDicts."""
    from typed_openai.testing import chat_completion_object, response_object

    with MockServer() as s:
        s.route("POST", "/chat/completions", JSONResponse(chat_completion_object("Hello")))
        s.route("POST", "/responses", JSONResponse(response_object("Hello")))
        out = subprocess.run(
            [sys.executable, "-c", _HELPER_CHILD, s.base_url, area], check=True, capture_output=True, text=True, timeout=120
        )
    loaded = json.loads(out.stdout)
    assert [m for m in loaded["reached"] if m.startswith("typed_openai.types")] == []
    helpers = [m for m in loaded["after_call"] if m.rsplit(".", 1)[-1] in {"_events", "_parsing", "_state", "_stream", "_types"}]
    assert helpers == [], "create() loaded the parse() and stream() helpers"
    assert "typed_openai.types._params" not in loaded["after_call"]
    assert "typed_openai.lib.structured" not in loaded["after_call"]
