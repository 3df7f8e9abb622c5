"""Realistic streams replayed over real SSE on 127.0.0.1: the exact hooks, in order, with
their arguments, and the final run, steps and messages (sync and async handlers)."""

from __future__ import annotations

import json
from typing import Any

from typed_openai import AssistantEventHandler, OpenAI
from typed_openai.testing import MockServer, SSEResponse

from . import scenarios
from .conftest import Played, Player
from .recorder import RecordingHandler


def M(message_id: str, status: str, parts: int) -> tuple[Any, ...]:
    return ("message", message_id, status, parts)


def S(step_id: str, status: str) -> tuple[Any, ...]:
    return ("step", step_id, status)


def T(value: str, annotations: int = 0) -> tuple[Any, ...]:
    return ("text", value, annotations)


def text_deltas(message_id: str, chunks: list[str], annotations: list[int] | None = None) -> list[tuple[Any, ...]]:
    """`text_delta` (after `text_created` for the first) then `message_delta` per chunk, as
    the official SDK orders them; the snapshot grows by each chunk."""
    calls: list[tuple[Any, ...]] = []
    so_far = ""
    for i, chunk in enumerate(chunks):
        so_far += chunk
        n = (annotations or [0] * len(chunks))[i]
        if i == 0:
            calls.append(("text_created", T(so_far, n)))
        calls.append(("text_delta", ("text_delta", chunk), T(so_far, n)))
        calls.append(("message_delta", M(message_id, "in_progress", 1)))
    return calls


def test_text_with_annotations(play: Player) -> None:
    played = play(scenarios.text_with_annotations())
    final_text = "See the notes for x. 【4:0†notes.txt】"
    assert played.calls == [
        ("run_step_created", S("step_1", "in_progress")),
        ("message_created", M("msg_1", "in_progress", 0)),
        *text_deltas("msg_1", ["See the notes", " for x. ", "【4:0†notes.txt】"], [0, 0, 1]),
        ("text_done", T(final_text, 1)),
        ("message_done", M("msg_1", "completed", 1)),
        ("run_step_done", S("step_1", "completed")),
        ("end",),
    ]
    assert played.error is None and played.run.status == "completed"
    (message,) = played.messages
    assert message.content[0].text.value == final_text
    assert message.content[0].text.annotations[0].file_citation.file_id == "file-notes"
    assert [(s.id, s.status, s.usage is not None) for s in played.steps] == [("step_1", "completed", True)]
    assert played.events[0] == "thread.run.created" and played.events[-1] == "done"


def test_two_messages_one_with_an_image_file(play: Player) -> None:
    played = play(scenarios.two_messages_one_with_image())
    assert played.calls == [
        ("run_step_created", S("step_1", "in_progress")),
        ("message_created", M("msg_1", "in_progress", 0)),
        *text_deltas("msg_1", ["Here is the plot."]),
        ("text_done", T("Here is the plot.")),
        ("message_done", M("msg_1", "completed", 1)),
        ("run_step_done", S("step_1", "completed")),
        ("run_step_created", S("step_2", "in_progress")),
        ("message_created", M("msg_2", "in_progress", 0)),
        ("message_delta", M("msg_2", "in_progress", 1)),
        # the image part is done when the next part of the same message starts
        ("image_file_done", ("image_file", "file-plot")),
        ("text_created", T("It rises")),
        ("text_delta", ("text_delta", "It rises"), T("It rises")),
        ("message_delta", M("msg_2", "in_progress", 2)),
        ("text_delta", ("text_delta", " steadily."), T("It rises steadily.")),
        ("message_delta", M("msg_2", "in_progress", 2)),
        ("text_done", T("It rises steadily.")),
        ("message_done", M("msg_2", "completed", 2)),
        ("run_step_done", S("step_2", "completed")),
        ("end",),
    ]
    assert [(m.id, [c.type for c in m.content]) for m in played.messages] == [
        ("msg_1", ["text"]),
        ("msg_2", ["image_file", "text"]),
    ]


def test_code_interpreter_input_logs_and_image(play: Player) -> None:
    played = play(scenarios.code_interpreter())
    snap = lambda code, outputs: ("code_interpreter", 0, "call_code", (code, outputs))  # the index kept  # noqa: E731
    step = ("run_step_delta", S("step_1", "in_progress"))
    assert played.calls == [
        ("run_step_created", S("step_1", "in_progress")),
        ("tool_call_created", snap("", 0)),
        ("tool_call_delta", ("code_interpreter", 0, "call_code", ("", 0)), snap("", 0)),
        step,
        ("tool_call_delta", ("code_interpreter", 0, None, ("print(", 0)), snap("print(", 0)),
        step,
        ("tool_call_delta", ("code_interpreter", 0, None, ("1 + 1)", 0)), snap("print(1 + 1)", 0)),
        step,
        ("tool_call_delta", ("code_interpreter", 0, None, (None, 1)), snap("print(1 + 1)", 1)),
        step,
        ("tool_call_delta", ("code_interpreter", 0, None, (None, 1)), snap("print(1 + 1)", 2)),
        step,
        ("tool_call_done", snap("print(1 + 1)", 2)),  # once, with the server's final version
        ("run_step_done", S("step_1", "completed")),
        ("end",),
    ]
    (step_done,) = played.steps
    outputs = step_done.step_details.tool_calls[0].code_interpreter.outputs
    assert [o.type for o in outputs] == ["logs", "image"] and outputs[0].logs == "2\n"


def test_function_call_then_submit_tool_outputs_stream(server: MockServer) -> None:
    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(scenarios.function_call_requires_action()))
    submit = server.route(
        "POST", f"/threads/{scenarios.THREAD}/runs/{scenarios.RUN}/submit_tool_outputs", SSEResponse(scenarios.after_tool_outputs())
    )
    fn = lambda args, output=None: ("function", 0, "call_fn", ("get_weather", args, output))  # the index kept  # noqa: E731
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        first = RecordingHandler()
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="asst_1", event_handler=first) as stream:
            run = stream.get_final_run()
        assert run.status == "requires_action"
        assert run.required_action is not None
        calls = run.required_action.submit_tool_outputs.tool_calls
        assert [(c.id, c.function.name) for c in calls] == [("call_fn", "get_weather")]
        step = ("run_step_delta", S("step_1", "in_progress"))
        assert first.calls == [
            ("run_step_created", S("step_1", "in_progress")),
            ("tool_call_created", fn("")),
            ("tool_call_delta", ("function", 0, "call_fn", ("get_weather", "", None)), fn("")),
            step,
            ("tool_call_delta", ("function", 0, None, (None, '{"city": ', None)), fn('{"city": ')),
            step,
            ("tool_call_delta", ("function", 0, None, (None, '"Paris"}', None)), fn('{"city": "Paris"}')),
            step,
            ("tool_call_done", fn('{"city": "Paris"}')),  # the run waits for its output: the call is done
            ("end",),
        ]

        second = RecordingHandler()
        with client.beta.threads.runs.submit_tool_outputs_stream(
            run.id, thread_id=run.thread_id, tool_outputs=[{"tool_call_id": "call_fn", "output": "18C, sunny"}], event_handler=second
        ) as stream:
            stream.until_done()
        assert second.calls[:3] == [
            # never streamed here: announced and finished from the step's final version
            ("tool_call_created", fn('{"city": "Paris"}', "18C, sunny")),
            ("tool_call_done", fn('{"city": "Paris"}', "18C, sunny")),
            ("run_step_done", S("step_1", "completed")),
        ]
        assert second.calls[-1] == ("end",) and stream.get_final_run().status == "completed"
        assert [m.content[0].text.value for m in stream.get_final_messages()] == ["It is 18C in Paris."]
    (request,) = submit.requests
    assert json.loads(request.body) == {"tool_outputs": [{"tool_call_id": "call_fn", "output": "18C, sunny"}], "stream": True}
    assert request.headers["openai-beta"] == "assistants=v2"


def test_file_search_then_a_cited_answer(play: Player) -> None:
    played = play(scenarios.file_search())
    call = ("file_search", 0, "call_fs", None)  # the index kept
    assert played.calls[:5] == [
        ("run_step_created", S("step_1", "in_progress")),
        ("tool_call_created", call),
        ("tool_call_delta", ("file_search", 0, "call_fs", None), call),
        ("run_step_delta", S("step_1", "in_progress")),
        ("tool_call_done", call),
    ]
    assert ("text_done", T("Per the notes: 【4:0†notes.txt】", 1)) in played.calls
    assert [s.step_details.type for s in played.steps] == ["tool_calls", "message_creation"]


def _ended(played: Played, run_status: str, step_status: str) -> None:
    assert played.calls == [
        ("run_step_created", S("step_1", "in_progress")),
        ("message_created", M("msg_1", "in_progress", 0)),
        *text_deltas("msg_1", ["Partial"]),
        ("text_done", T("Partial")),
        ("message_done", M("msg_1", "incomplete", 1)),
        ("run_step_done", S("step_1", step_status)),
        ("end",),
    ]
    assert played.error is None
    assert played.run.status == run_status
    assert [(m.id, m.status) for m in played.messages] == [("msg_1", "incomplete")]


def test_failed_run(play: Player) -> None:
    played = play(scenarios.ended_run("failed"))
    _ended(played, "failed", "failed")
    assert played.run.last_error.code == "server_error"


def test_incomplete_run(play: Player) -> None:
    played = play(scenarios.ended_run("incomplete"))
    _ended(played, "incomplete", "completed")
    assert played.run.incomplete_details.reason == "max_completion_tokens"


def test_expired_run(play: Player) -> None:
    _ended(play(scenarios.ended_run("expired")), "expired", "expired")


def test_hooks_a_subclass_does_not_override_cost_nothing_and_still_work(server: MockServer) -> None:
    """A handler overriding only `on_text_delta` sees the same text as one overriding all."""
    seen: list[str] = []

    class OnlyText(AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(snapshot.value)

    server.route("POST", f"/threads/{scenarios.THREAD}/runs", SSEResponse(scenarios.text_with_annotations()))
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        with client.beta.threads.runs.stream(thread_id=scenarios.THREAD, assistant_id="a", event_handler=OnlyText()) as stream:
            stream.until_done()
            assert stream.current_message_snapshot() is not None
    assert seen == ["See the notes", "See the notes for x. ", "See the notes for x. 【4:0†notes.txt】"]
