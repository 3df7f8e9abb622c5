"""Realistic assistant streams, event by event, as the API sends them.

Each builder returns the SSE events of one run; the tests replay them from the local
server and check every hook the handler saw.
"""

from __future__ import annotations

from typing import Any

from typed_openai.testing import SSEEvent, message_object, run_object, run_step_object

THREAD, RUN = "thread_1", "run_1"
DONE = SSEEvent("[DONE]", event="done")


def event(name: str, data: dict[str, Any]) -> SSEEvent:
    return SSEEvent.from_json(data, event=name)


def run(status: str, **fields: Any) -> SSEEvent:
    name = {"queued": "thread.run.queued", "in_progress": "thread.run.in_progress"}.get(status, f"thread.run.{status}")
    return event(name, run_object(id=RUN, thread_id=THREAD, status=status, **fields))


def run_start() -> list[SSEEvent]:
    return [
        event("thread.run.created", run_object(id=RUN, thread_id=THREAD, status="queued")),
        run("queued"),
        run("in_progress"),
    ]


def step(name: str, step_id: str, status: str, details: dict[str, Any] | None = None, **fields: Any) -> SSEEvent:
    data = run_step_object(id=step_id, run_id=RUN, thread_id=THREAD, status=status, **fields)
    if details is not None:
        data = data | {"type": details["type"], "step_details": details}
    return event(f"thread.run.step.{name}", data)


def step_delta(step_id: str, tool_calls: list[dict[str, Any]]) -> SSEEvent:
    delta = {"step_details": {"type": "tool_calls", "tool_calls": tool_calls}}
    return event("thread.run.step.delta", {"id": step_id, "object": "thread.run.step.delta", "delta": delta})


def message(name: str, message_id: str, status: str, content: list[dict[str, Any]] | None = None) -> SSEEvent:
    data = message_object(id=message_id, thread_id=THREAD, run_id=RUN, status=status) | {"content": content or []}
    return event(f"thread.message.{name}", data)


def message_delta(message_id: str, parts: list[dict[str, Any]]) -> SSEEvent:
    return event("thread.message.delta", {"id": message_id, "object": "thread.message.delta", "delta": {"content": parts}})


def text_part(index: int, value: str, annotations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    text: dict[str, Any] = {"value": value}
    if annotations is not None:
        text["annotations"] = annotations
    return {"index": index, "type": "text", "text": text}


def text_block(value: str, annotations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"type": "text", "text": {"value": value, "annotations": annotations or []}}


CITATION = {"type": "file_citation", "text": "【4:0†notes.txt】", "start_index": 18, "end_index": 33, "file_citation": {"file_id": "file-notes"}}


def message_creation_step(step_id: str, message_id: str, status: str) -> dict[str, Any]:
    return {"type": "message_creation", "message_creation": {"message_id": message_id}}


def _message_run(message_id: str, content_events: list[SSEEvent], final: list[dict[str, Any]], step_id: str = "step_1") -> list[SSEEvent]:
    details = message_creation_step(step_id, message_id, "in_progress")
    return [
        step("created", step_id, "in_progress", details),
        step("in_progress", step_id, "in_progress", details),
        message("created", message_id, "in_progress"),
        message("in_progress", message_id, "in_progress"),
        *content_events,
        message("completed", message_id, "completed", final),
        step("completed", step_id, "completed", details),
    ]


def text_with_annotations() -> list[SSEEvent]:
    cited = "See the notes for x. " + CITATION["text"]
    return [
        *run_start(),
        *_message_run(
            "msg_1",
            [
                message_delta("msg_1", [text_part(0, "See the notes", [])]),
                message_delta("msg_1", [text_part(0, " for x. ")]),
                message_delta("msg_1", [text_part(0, CITATION["text"], [{"index": 0, **CITATION}])]),
            ],
            [text_block(cited, [CITATION])],
        ),
        run("completed"),
        DONE,
    ]


def two_messages_one_with_image() -> list[SSEEvent]:
    image = {"file_id": "file-plot", "detail": "auto"}
    return [
        *run_start(),
        *_message_run("msg_1", [message_delta("msg_1", [text_part(0, "Here is the plot.", [])])], [text_block("Here is the plot.")]),
        *_message_run(
            "msg_2",
            [
                message_delta("msg_2", [{"index": 0, "type": "image_file", "image_file": image}]),
                message_delta("msg_2", [text_part(1, "It rises", [])]),
                message_delta("msg_2", [text_part(1, " steadily.")]),
            ],
            [{"type": "image_file", "image_file": image}, text_block("It rises steadily.")],
            step_id="step_2",
        ),
        run("completed"),
        DONE,
    ]


def _tool_run(step_id: str, deltas: list[SSEEvent], final_call: dict[str, Any], end: list[SSEEvent]) -> list[SSEEvent]:
    empty = {"type": "tool_calls", "tool_calls": []}
    return [
        step("created", step_id, "in_progress", empty),
        step("in_progress", step_id, "in_progress", empty),
        *deltas,
        *end,
    ]


def code_interpreter() -> list[SSEEvent]:
    final_call = {
        "id": "call_code",
        "type": "code_interpreter",
        "code_interpreter": {
            "input": "print(1 + 1)",
            "outputs": [{"type": "logs", "logs": "2\n"}, {"type": "image", "image": {"file_id": "file-png"}}],
        },
    }
    first = {"index": 0, "id": "call_code", "type": "code_interpreter", "code_interpreter": {"input": "", "outputs": []}}
    deltas = [
        step_delta("step_1", [first]),
        step_delta("step_1", [{"index": 0, "type": "code_interpreter", "code_interpreter": {"input": "print("}}]),
        step_delta("step_1", [{"index": 0, "type": "code_interpreter", "code_interpreter": {"input": "1 + 1)"}}]),
        step_delta("step_1", [{"index": 0, "type": "code_interpreter", "code_interpreter": {"outputs": [{"index": 0, "type": "logs", "logs": "2\n"}]}}]),
        step_delta("step_1", [{"index": 0, "type": "code_interpreter", "code_interpreter": {"outputs": [{"index": 1, "type": "image", "image": {"file_id": "file-png"}}]}}]),
    ]
    done = step("completed", "step_1", "completed", {"type": "tool_calls", "tool_calls": [final_call]})
    return [*run_start(), *_tool_run("step_1", deltas, final_call, [done]), run("completed"), DONE]


FUNCTION_CALL = {"id": "call_fn", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}', "output": None}}


def function_call_requires_action() -> list[SSEEvent]:
    first = {"index": 0, "id": "call_fn", "type": "function", "function": {"name": "get_weather", "arguments": ""}}
    deltas = [
        step_delta("step_1", [first]),
        step_delta("step_1", [{"index": 0, "type": "function", "function": {"arguments": '{"city": '}}]),
        step_delta("step_1", [{"index": 0, "type": "function", "function": {"arguments": '"Paris"}'}}]),
    ]
    required = {
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {"tool_calls": [{"id": "call_fn", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}]},
    }
    return [*run_start(), *_tool_run("step_1", deltas, FUNCTION_CALL, []), run("requires_action", required_action=required), DONE]


def after_tool_outputs() -> list[SSEEvent]:
    """The continuation stream once the function's output was submitted."""
    done_call = {**FUNCTION_CALL, "function": {**FUNCTION_CALL["function"], "output": "18C, sunny"}}
    return [
        run("queued"),
        run("in_progress"),
        step("completed", "step_1", "completed", {"type": "tool_calls", "tool_calls": [done_call]}),
        *_message_run("msg_1", [message_delta("msg_1", [text_part(0, "It is 18C in Paris.", [])])], [text_block("It is 18C in Paris.")], step_id="step_2"),
        run("completed"),
        DONE,
    ]


def file_search() -> list[SSEEvent]:
    call = {"id": "call_fs", "type": "file_search", "file_search": {"ranking_options": {"ranker": "auto", "score_threshold": 0.0}, "results": []}}
    deltas = [step_delta("step_1", [{"index": 0, "id": "call_fs", "type": "file_search", "file_search": {}}])]
    done = step("completed", "step_1", "completed", {"type": "tool_calls", "tool_calls": [call]})
    cited = "Per the notes: " + CITATION["text"]
    return [
        *run_start(),
        *_tool_run("step_1", deltas, call, [done]),
        *_message_run("msg_1", [message_delta("msg_1", [text_part(0, cited, [{"index": 0, **CITATION}])])], [text_block(cited, [CITATION])], step_id="step_2"),
        run("completed"),
        DONE,
    ]


def ended_run(status: str) -> list[SSEEvent]:
    """A run that fails, stops incomplete, or expires after a partial message."""
    message_end = "incomplete" if status != "failed" else "incomplete"
    details = message_creation_step("step_1", "msg_1", "in_progress")
    return [
        *run_start(),
        step("created", "step_1", "in_progress", details),
        message("created", "msg_1", "in_progress"),
        message_delta("msg_1", [text_part(0, "Partial", [])]),
        message(message_end, "msg_1", "incomplete", [text_block("Partial")]),
        step("failed" if status == "failed" else ("expired" if status == "expired" else "completed"), "step_1",
             "failed" if status == "failed" else ("expired" if status == "expired" else "completed"), details),
        run(status),
        DONE,
    ]
