"""Stream builders, object factories and the Assistants demo, checked against the
pinned OpenAPI spec, over real HTTP, and with the official SDK as a second client."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

import typed_openai.testing
from typed_openai.testing import (
    DEMO_ANSWER,
    JSONResponse,
    MockServer,
    SSEEvent,
    SSEResponse,
    assistant_object,
    assistant_text_stream,
    chat_completion_stream,
    message_object,
    run_object,
    run_step_object,
    thread_object,
)

BETA = {"OpenAI-Beta": "assistants=v2"}
RUN_EVENTS = [
    "thread.run.created",
    "thread.run.queued",
    "thread.run.in_progress",
    "thread.run.step.created",
    "thread.run.step.in_progress",
    "thread.message.created",
    "thread.message.in_progress",
    "thread.message.delta",
    "thread.message.completed",
    "thread.run.step.completed",
    "thread.run.completed",
    "done",
]


# -- helpers ---------------------------------------------------------------------------


def parse_sse(text: str) -> list[tuple[str | None, str]]:
    """(event name, data) pairs; enough SSE for streams these builders make."""
    events: list[tuple[str | None, str]] = []
    name: str | None = None
    data: list[str] = []
    for line in text.split("\n"):
        if line == "":
            if data:
                events.append((name, "\n".join(data)))
            name, data = None, []
        elif not line.startswith(":"):
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
    return events


def encoded(events: list[SSEEvent]) -> str:
    return b"".join(event.encode() for event in events).decode()


def distinct_in_order(names: list[str | None]) -> list[str | None]:
    return list(dict.fromkeys(names))


def schema_problems(value: Any, schema: dict[str, Any], schemas: dict[str, Any], where: str) -> list[str]:
    """Why `value` does not fit `schema`: types, enums, required fields, nesting.

    Just enough JSON Schema for these objects; formats and bounds are not checked.
    """
    if value is None and (schema.get("nullable") or any(part.get("nullable") for part in schema.get("allOf", []))):
        return []
    if "$ref" in schema:
        return schema_problems(value, schemas[schema["$ref"].rsplit("/", 1)[-1]], schemas, where)
    problems: list[str] = []
    for key in ("anyOf", "oneOf"):
        if key in schema and all(schema_problems(value, branch, schemas, where) for branch in schema[key]):
            problems.append(f"{where}: {value!r} fits no branch of {key}")
    for part in schema.get("allOf", []):
        problems += schema_problems(value, part, schemas, where)
    expected = schema.get("type")
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    if expected is not None and not checks[expected](value):
        return problems + [f"{where}: {value!r} is not of type {expected}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        problems += [f"{where}: missing required {name!r}" for name in schema.get("required", []) if name not in value]
        for name, subschema in schema.get("properties", {}).items():
            if name in value:
                problems += schema_problems(value[name], subschema, schemas, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += schema_problems(item, schema["items"], schemas, f"{where}[{index}]")
    return problems


@pytest.fixture(scope="module")
def schemas(pinned_spec_path: Path) -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    with pinned_spec_path.open() as file:
        spec: dict[str, Any] = yaml.load(file, Loader=yaml.CSafeLoader)
    return dict(spec["components"]["schemas"])


def stream_event_schemas(schemas: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Event name -> schema of its data, read from the spec's AssistantStreamEvent."""
    found: dict[str, dict[str, Any]] = {}

    def walk(schema: dict[str, Any]) -> None:
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        for branch in schema.get("oneOf", []):
            walk(branch)
        properties = schema.get("properties", {})
        if "event" in properties and "data" in properties:
            for name in properties["event"]["enum"]:
                found[name] = properties["data"]

    walk(schemas["AssistantStreamEvent"])
    return found


# -- builders --------------------------------------------------------------------------


def test_assistant_text_stream_events_and_text() -> None:
    text = "To solve 3x + 11 = 14, subtract 11: x = 1."
    events = parse_sse(encoded(assistant_text_stream(text, chunk_size=5)))
    names = [name for name, _ in events]
    assert distinct_in_order(names) == RUN_EVENTS
    assert names.count("thread.message.delta") == 9  # ceil(42 / 5)
    assert events[-1] == ("done", "[DONE]")
    payloads = [json.loads(data) for _, data in events[:-1]]  # every other data line is JSON
    assert all("event" not in payload for payload in payloads)  # the name is only on the event: line
    deltas = [payload for name, payload in zip(names, payloads) if name == "thread.message.delta"]
    assert "".join(delta["delta"]["content"][0]["text"]["value"] for delta in deltas) == text
    assert deltas[0] == {
        "id": "msg_abc123",
        "object": "thread.message.delta",
        "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "To so", "annotations": []}}]},
    }
    completed_message = payloads[names.index("thread.message.completed")]
    assert completed_message["content"] == [{"type": "text", "text": {"value": text, "annotations": []}}]
    final_run = payloads[names.index("thread.run.completed")]
    assert final_run["status"] == "completed"
    assert final_run["usage"]["completion_tokens"] == 9


def test_create_and_run_stream_starts_with_thread_created() -> None:
    events = parse_sse(encoded(assistant_text_stream("hi", thread_id="thread_x", thread_created=True)))
    names = distinct_in_order([name for name, _ in events])
    assert names == ["thread.created", *RUN_EVENTS]
    assert len(names) == 13
    assert json.loads(events[0][1])["id"] == "thread_x"


def test_assistant_stream_ids_are_consistent() -> None:
    events = assistant_text_stream(
        "abc", thread_id="thread_1", run_id="run_1", assistant_id="asst_1", message_id="msg_1"
    )
    payloads = [json.loads(event.data) for event in events[:-1]]
    assert {p["thread_id"] for p in payloads if "thread_id" in p} == {"thread_1"}
    assert {p["run_id"] for p in payloads if p["object"] in ("thread.run.step", "thread.message")} == {"run_1"}
    assert {p["id"] for p in payloads if p["object"].startswith("thread.message")} == {"msg_1"}
    step = next(p for p in payloads if p["object"] == "thread.run.step")
    assert step["step_details"] == {"type": "message_creation", "message_creation": {"message_id": "msg_1"}}


def test_assistant_stream_payloads_match_the_spec(schemas: dict[str, Any]) -> None:
    by_event = stream_event_schemas(schemas)
    assert "thread.message.delta" in by_event and "thread.run.completed" in by_event
    events = assistant_text_stream("Hello there, world!", thread_created=True)
    problems: list[str] = []
    for event in events[:-1]:
        assert event.event is not None
        problems += schema_problems(json.loads(event.data), by_event[event.event], schemas, event.event)
    assert problems == []


@pytest.mark.parametrize(
    ("schema_name", "payload"),
    [
        ("RunObject", run_object()),
        ("RunObject", run_object(status="completed")),
        ("RunObject", run_object(status="failed")),
        ("RunObject", run_object(status="incomplete")),
        ("MessageObject", message_object(text="hi")),
        ("MessageObject", message_object(status="in_progress")),
        ("RunStepObject", run_step_object()),
        ("ThreadObject", thread_object()),
        ("AssistantObject", assistant_object()),
    ],
)
def test_objects_have_every_required_field(schemas: dict[str, Any], schema_name: str, payload: dict[str, Any]) -> None:
    assert set(schemas[schema_name]["required"]) <= set(payload)
    assert schema_problems(payload, schemas[schema_name], schemas, schema_name) == []


def test_objects_are_consistent_with_their_status_and_take_overrides() -> None:
    queued, done = run_object(status="queued"), run_object(status="completed")
    assert (queued["started_at"], queued["completed_at"], queued["usage"]) == (None, None, None)
    assert isinstance(queued["expires_at"], int)
    assert done["completed_at"] > done["started_at"] >= done["created_at"]
    assert done["expires_at"] is None and done["usage"]["total_tokens"] > 0
    future = run_object(status="requires_action", brand_new_field={"x": 1})
    assert future["brand_new_field"] == {"x": 1}  # unknown fields, for forward-compatibility tests


def test_chat_completion_stream(schemas: dict[str, Any]) -> None:
    text = "Hello! How can I help?"
    events = parse_sse(encoded(chat_completion_stream(text, chunk_size=4, include_usage=True)))
    assert all(name is None for name, _ in events)  # data: lines only
    assert events[-1] == (None, "[DONE]")
    chunks = [json.loads(data) for _, data in events[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert content == text
    assert [c["choices"][0]["finish_reason"] for c in chunks if c["choices"]][-1] == "stop"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 6
    schema = schemas["CreateChatCompletionStreamResponse"]
    assert [schema_problems(c, schema, schemas, "chunk") for c in chunks] == [[]] * len(chunks)


# -- the demo over HTTP ----------------------------------------------------------------


@pytest.fixture
def demo() -> Iterator[MockServer]:
    with MockServer.with_assistants_demo() as server:
        yield server


@pytest.fixture
def client(demo: MockServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=demo.base_url, headers=BETA, timeout=5) as client:
        yield client


def test_demo_streams_a_run_on_a_thread(client: httpx2.Client, demo: MockServer) -> None:
    thread = client.post("/threads", json={}).json()
    assert thread["object"] == "thread" and thread["id"].startswith("thread_")
    message = client.post(f"/threads/{thread['id']}/messages", json={"role": "user", "content": "Solve 3x + 11 = 14"})
    assert message.json()["content"][0]["text"]["value"] == "Solve 3x + 11 = 14"

    with client.stream(
        "POST", f"/threads/{thread['id']}/runs", json={"assistant_id": "asst_1", "stream": True}
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(response.read().decode())
    assert distinct_in_order([name for name, _ in events]) == RUN_EVENTS
    deltas = [json.loads(data) for name, data in events if name == "thread.message.delta"]
    assert "".join(d["delta"]["content"][0]["text"]["value"] for d in deltas) == DEMO_ANSWER
    created = json.loads(events[0][1])
    assert (created["thread_id"], created["assistant_id"]) == (thread["id"], "asst_1")
    assert demo.requests[-1].path_params == {"thread_id": thread["id"]}


def test_demo_run_without_stream_is_polled_to_completion(client: httpx2.Client) -> None:
    thread_id = client.post("/threads").json()["id"]
    run = client.post(f"/threads/{thread_id}/runs", json={"assistant_id": "asst_1"}).json()
    assert (run["object"], run["status"], run["required_action"]) == ("thread.run", "queued", None)
    statuses = [client.get(f"/threads/{thread_id}/runs/{run['id']}").json()["status"] for _ in range(3)]
    assert statuses == ["in_progress", "completed", "completed"]
    messages = client.get(f"/threads/{thread_id}/messages").json()
    assert messages["object"] == "list"
    assert messages["data"][0]["content"][0]["text"]["value"] == DEMO_ANSWER


def test_demo_create_thread_and_run_stream(client: httpx2.Client) -> None:
    with client.stream("POST", "/threads/runs", json={"assistant_id": "asst_1", "stream": True}) as response:
        events = parse_sse(response.read().decode())
    assert distinct_in_order([name for name, _ in events]) == ["thread.created", *RUN_EVENTS]


def test_demo_assistant_echoes_its_parameters(client: httpx2.Client) -> None:
    assistant = client.post("/assistants", json={"model": "gpt-4o-mini", "name": "Tutor"}).json()
    assert (assistant["object"], assistant["model"], assistant["name"]) == ("assistant", "gpt-4o-mini", "Tutor")


def test_demo_errors_look_like_the_api(client: httpx2.Client, demo: MockServer) -> None:
    without_beta = httpx2.post(demo.base_url + "/threads", json={})
    assert without_beta.status_code == 400
    assert "OpenAI-Beta: assistants=v2" in without_beta.json()["error"]["message"]

    thread_id = client.post("/threads").json()["id"]
    missing = client.post(f"/threads/{thread_id}/runs", json={"stream": True})
    assert missing.status_code == 400
    assert missing.json()["error"] == {
        "message": "Missing required parameter: 'assistant_id'.",
        "type": "invalid_request_error",
        "param": "assistant_id",
        "code": "missing_required_parameter",
    }
    unknown = client.post("/threads/thread_nope/runs", json={"assistant_id": "asst_1"})
    assert unknown.status_code == 404
    not_json = client.post("/threads", content=b"hello", headers={"Content-Type": "text/plain"})
    assert not_json.status_code == 400
    assert "not valid JSON" in not_json.json()["error"]["message"]
    assert demo.errors == []


def test_demo_thread_keeps_its_initial_messages(client: httpx2.Client) -> None:
    thread = client.post("/threads", json={"messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]})
    messages = client.get(f"/threads/{thread.json()['id']}/messages", params={"order": "asc"}).json()["data"]
    assert [(m["role"], m["content"][0]["text"]["value"]) for m in messages] == [("user", "Hi")]


def test_demo_routes_can_be_overridden(demo: MockServer, client: httpx2.Client) -> None:
    demo.route("POST", "/threads/{thread_id}/runs", SSEResponse(assistant_text_stream("custom"), drop_after=3))
    with client.stream("POST", "/threads/t/runs", json={"assistant_id": "a", "stream": True}) as response:
        with pytest.raises(httpx2.RemoteProtocolError):
            response.read()


# -- the official SDK as an independent client ------------------------------------------


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_official_sdk_streams_and_polls_against_the_demo(demo: MockServer) -> None:
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=demo.base_url, api_key="test", max_retries=0)
    assistant = client.beta.assistants.create(model="gpt-4o", name="Math Tutor")
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Solve 3x + 11 = 14")

    deltas: list[str] = []

    class Handler(openai.AssistantEventHandler):  # type: ignore[misc, name-defined]
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            deltas.append(delta.value)

    with client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id=assistant.id, event_handler=Handler()
    ) as stream:
        stream.until_done()
    assert "".join(deltas) == DEMO_ANSWER
    assert stream.get_final_run().status == "completed"
    assert stream.get_final_messages()[0].content[0].text.value == DEMO_ANSWER

    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id, poll_interval_ms=1)
    assert run.status == "completed"
    assert demo.requests[-1].headers["openai-beta"] == "assistants=v2"
    assert demo.errors == []


def test_official_sdk_reads_the_chat_completion_stream() -> None:
    openai = pytest.importorskip("openai")
    with MockServer() as server:
        server.route("POST", "/chat/completions", SSEResponse(chat_completion_stream("Hi there!", include_usage=True)))
        client = openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        chunks = list(client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True))
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Hi there!"
        assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens > 0
        assert server.requests[0].json()["stream"] is True


def test_official_sdk_sees_a_mock_error_as_an_api_error() -> None:
    openai = pytest.importorskip("openai")
    with MockServer() as server:
        server.route(
            "GET",
            "/models/{model}",
            JSONResponse({"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}),
        )
        client = openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        assert client.models.retrieve("gpt-4o").owned_by == "openai"
        with pytest.raises(openai.NotFoundError) as caught:
            client.models.list()
        assert caught.value.code == "not_found"
        assert caught.value.request_id is not None and caught.value.request_id.startswith("req_")


# -- python -m typed_openai.testing ---------------------------------------------------------


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_module_entry_point_serves_the_demo_until_interrupted() -> None:
    source_root = Path(typed_openai.testing.__file__).resolve().parents[2]
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(source_root), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        [sys.executable, "-m", "typed_openai.testing", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A shell that starts a job in the background makes it ignore SIGINT, and Python then
        # installs no KeyboardInterrupt handler: give the server Ctrl-C back, as a terminal would.
        preexec_fn=_default_sigint,
    )
    assert process.stdout is not None
    try:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "the demo server printed nothing within 20 s"
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        thread = httpx2.post(base_url + "/threads", headers=BETA, json={}, timeout=5)
        assert thread.json()["object"] == "thread"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)  # generous: a loaded machine may take seconds to stop it
        except subprocess.TimeoutExpired:
            process.kill()  # never leave the server running past the test
            process.wait()
            raise
    assert process.returncode == 0
