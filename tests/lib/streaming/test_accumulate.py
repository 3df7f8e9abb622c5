"""Accumulation: any split of a message or run step into deltas gives the same snapshot;
inputs are never mutated; sparse and out-of-order indexes are fine; cost stays linear."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from typed_openai.lib.streaming import accumulate_message_delta, accumulate_run_step_delta, merge_delta
from typed_openai.lib.streaming._state import AssistantStreamState
from typed_openai.testing import message_object, run_step_object
from typed_openai.types.beta.threads import Message, MessageDelta
from typed_openai.types.beta.threads.runs import RunStep, RunStepDelta
from typed_openai.types import ThreadMessageCreated, ThreadMessageDelta

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@st.composite
def split(draw: st.DrawFn, text: str) -> list[str]:
    """`text` cut at random points into non-empty pieces."""
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=6)))
    bounds = [0, *[c for c in cuts if c < len(text)], len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


@st.composite
def message_stream(draw: st.DrawFn, in_order: bool = True) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The final content parts, and deltas that build them, interleaved across parts."""
    parts = draw(st.lists(texts, min_size=1, max_size=4))
    final: list[dict[str, Any]] = []
    per_part: list[list[dict[str, Any]]] = []
    for index, text in enumerate(parts):
        pieces = draw(split(text))
        cite_at = draw(st.none() | st.integers(0, len(pieces) - 1))
        annotations: list[dict[str, Any]] = []
        deltas = []
        for i, piece in enumerate(pieces):
            body: dict[str, Any] = {"value": piece}
            if i == cite_at:
                note = {"type": "file_path", "text": "sandbox:/x", "start_index": 0, "end_index": 1, "file_path": {"file_id": f"file-{index}"}}
                annotations.append(note)
                body["annotations"] = [{"index": 0, **note}]
            deltas.append({"index": index, "type": "text", "text": body})
        per_part.append(deltas)
        final.append({"type": "text", "text": {"value": text, "annotations": annotations}})
    # interleave: keep each part's own order, mix the parts; with `in_order`, parts start
    # in index order, as the API numbers them (the public functions match on position)
    order = draw(st.permutations([i for i, deltas in enumerate(per_part) for _ in deltas]))
    cursors = [0] * len(per_part)
    stream = []
    for i in order:
        stream.append(per_part[i][cursors[i]])
        cursors[i] += 1
    if in_order:  # renumber the parts by first appearance
        number: dict[int, int] = {}
        for delta in stream:
            number.setdefault(delta["index"], len(number))
        stream = [{**delta, "index": number[delta["index"]]} for delta in stream]
        final = [final[old] for old, _new in sorted(number.items(), key=lambda item: item[1])]
    return final, stream


@settings(max_examples=500, deadline=None)
@given(message_stream())
def test_any_split_of_a_message_accumulates_to_the_same_snapshot(case: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    final, stream = case
    snapshot = Message.model_validate(message_object(text=None, status="in_progress"))
    for part in stream:
        snapshot = accumulate_message_delta(snapshot, MessageDelta.model_validate({"content": [part]}))
    got = [part.model_dump(mode="json", exclude_unset=True) for part in snapshot.content]
    assert got == final


@st.composite
def step_stream(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    calls = draw(st.lists(st.sampled_from(["function", "code_interpreter"]), min_size=1, max_size=3))
    final: list[dict[str, Any]] = []
    stream: list[dict[str, Any]] = []
    for index, kind in enumerate(calls):
        code = draw(texts)
        pieces = draw(split(code))
        if kind == "function":
            final.append({"id": f"call_{index}", "type": "function", "function": {"name": "f", "arguments": code, "output": None}})
            stream.append({"index": index, "id": f"call_{index}", "type": "function", "function": {"name": "f", "arguments": ""}})
            stream += [{"index": index, "type": "function", "function": {"arguments": p}} for p in pieces]
        else:
            logs = draw(st.lists(texts, max_size=3))
            final.append({"id": f"call_{index}", "type": "code_interpreter", "code_interpreter": {"input": code, "outputs": [{"type": "logs", "logs": log} for log in logs]}})
            stream.append({"index": index, "id": f"call_{index}", "type": "code_interpreter", "code_interpreter": {"input": "", "outputs": []}})
            stream += [{"index": index, "type": "code_interpreter", "code_interpreter": {"input": p}} for p in pieces]
            stream += [
                {"index": index, "type": "code_interpreter", "code_interpreter": {"outputs": [{"index": i, "type": "logs", "logs": log}]}}
                for i, log in enumerate(logs)
            ]
    return final, stream


@settings(max_examples=500, deadline=None)
@given(message_stream(in_order=False))
def test_the_handler_state_accumulates_any_interleaving_to_the_same_snapshot(
    case: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    """Through the handler's state, parts may even start out of index order."""
    final, stream = case
    state = AssistantStreamState(lambda hook: True)
    created = Message.model_validate(message_object(id="msg_1", text=None, status="in_progress"))
    state.handle(ThreadMessageCreated(event="thread.message.created", data=created))
    for part in stream:
        delta = {"id": "msg_1", "object": "thread.message.delta", "delta": {"content": [part]}}
        state.handle(ThreadMessageDelta.model_validate({"event": "thread.message.delta", "data": delta}))
    snapshot = state.message_snapshot("msg_1")
    assert snapshot is not None
    assert [part.model_dump(mode="json", exclude_unset=True) for part in snapshot.content] == final


@settings(max_examples=500, deadline=None)
@given(step_stream())
def test_any_split_of_a_run_step_accumulates_to_the_same_snapshot(case: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    final, stream = case
    empty = run_step_object(status="in_progress") | {"type": "tool_calls", "step_details": {"type": "tool_calls", "tool_calls": []}}
    snapshot = RunStep.model_validate(empty)
    for call in stream:
        delta = RunStepDelta.model_validate({"step_details": {"type": "tool_calls", "tool_calls": [call]}})
        snapshot = accumulate_run_step_delta(snapshot, delta)
    assert snapshot.step_details.type == "tool_calls"
    got = [call.model_dump(mode="json", exclude_unset=True) for call in snapshot.step_details.tool_calls]
    for call in got:  # the output is only in the server's final version
        if call["type"] == "function":
            call["function"].setdefault("output", None)
    assert got == final


def test_merging_never_mutates_its_inputs() -> None:
    snapshot = {"content": [{"index": 0, "type": "text", "text": {"value": "a", "annotations": [{"index": 0}]}}]}
    delta = {"content": [{"index": 0, "type": "text", "text": {"value": "b", "annotations": [{"index": 1}]}}]}
    before = copy.deepcopy((snapshot, delta))
    merged = merge_delta(snapshot, delta)
    assert (snapshot, delta) == before
    assert merged["content"] == [{"index": 0, "type": "text", "text": {"value": "ab", "annotations": [{"index": 0}, {"index": 1}]}}]


def test_sparse_and_out_of_order_indexes_do_not_fail() -> None:
    merged = merge_delta({}, {"content": [{"index": 5, "type": "text", "text": {"value": "five"}}]})
    merged = merge_delta(merged, {"content": [{"index": 2, "type": "text", "text": {"value": "two"}}]})
    merged = merge_delta(merged, {"content": [{"index": 5, "type": "text", "text": {"value": "!"}}]})
    snapshot = accumulate_message_delta(
        Message.model_validate(message_object(text=None)), MessageDelta.model_validate({"content": merged["content"]})
    )
    assert [part.text.value for part in snapshot.content if part.type == "text"] == ["two", "five!"]


def test_ids_and_types_are_replaced_not_concatenated() -> None:
    merged = merge_delta({"id": "call_1", "type": "function", "function": {"arguments": "{"}}, {"id": "call_1", "type": "function", "function": {"arguments": "}"}})
    assert merged == {"id": "call_1", "type": "function", "function": {"arguments": "{}"}}


@settings(max_examples=500, deadline=None)
@given(message_stream(in_order=False), st.data())
def test_each_text_snapshot_is_the_text_so_far_and_never_changes_later(
    case: tuple[list[dict[str, Any]], list[dict[str, Any]]], data: st.DataObject
) -> None:
    """The handler's state appends plain text deltas to the last text snapshot instead of
    rebuilding it; every snapshot must still be what the general merge rules give, and
    stay as it was when handed out. Deltas carrying more than text (annotations, a role)
    take the general path in between."""
    _final, stream = case
    state = AssistantStreamState(lambda hook: True)
    created = Message.model_validate(message_object(id="msg_1", text=None, status="in_progress"))
    state.handle(ThreadMessageCreated(event="thread.message.created", data=created))
    reference: dict[str, Any] = {}
    handed_out: list[tuple[Any, dict[str, Any]]] = []
    for part in stream:
        body: dict[str, Any] = {"content": [part]}
        if data.draw(st.booleans()):
            body["role"] = "assistant"
        reference = merge_delta(reference, body)
        delta = {"id": "msg_1", "object": "thread.message.delta", "delta": body}
        calls = state.handle(ThreadMessageDelta.model_validate({"event": "thread.message.delta", "data": delta}))
        [(_delta, snapshot)] = [args for hook, args in calls if hook == "on_text_delta"]
        expected = next(p for p in reference["content"] if p["index"] == part["index"])["text"]
        notes = sorted(expected.get("annotations", []), key=lambda note: note["index"])
        assert snapshot.value == expected["value"]
        assert [note.model_dump(mode="json", exclude_unset=True) for note in snapshot.annotations] == [
            {k: v for k, v in note.items() if k != "index"} for note in notes
        ]
        handed_out.append((snapshot, snapshot.model_dump(mode="json")))
    for snapshot, dumped in handed_out:
        assert snapshot.model_dump(mode="json") == dumped
