"""Merging streamed deltas into snapshots, on plain JSON data, without mutating anything.

The rules, the same for messages and run steps:
- a key the snapshot lacks (or holds as null) takes the delta's value;
- streamed text (`value`, `arguments`, `input`, `logs`, `refusal`) is concatenated;
- a list of objects carrying `index` (content parts, tool calls, annotations, outputs) is
  merged item by item on that index, a new index appended, whatever the order;
- other lists are extended; other values are replaced; a null in the delta changes nothing.

Every merge returns new containers and leaves its inputs untouched, so a snapshot handed
to user code earlier never changes under it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TypeVar, cast

from typed_openai._core._models import parse_data
from typed_openai.types import MessageDelta, MessageObject, RunStepDelta, RunStep

__all__ = [
    "JSONObject",
    "accumulate_message_delta",
    "accumulate_run_step_delta",
    "index_items",
    "indexed_snapshot",
    "merge_delta",
    "merge_delta_into",
    "full_form",
]

JSONObject = dict[str, object]
_M = TypeVar("_M", MessageObject, RunStep)

# Keys whose string values arrive in pieces. Everything else (ids, types, statuses) is
# replaced, so a delta repeating an id cannot corrupt it.
_STREAMED_TEXT = frozenset({"value", "arguments", "input", "logs", "refusal"})


def merge_delta(snapshot: Mapping[str, object], delta: Mapping[str, object]) -> JSONObject:
    """A new object: `snapshot` with `delta` merged in by the rules above; both inputs are
    left as they were and share nothing with the result."""
    merged = copy.deepcopy(dict(snapshot))
    merge_delta_into(merged, copy.deepcopy(dict(delta)))
    return merged


def merge_delta_into(target: JSONObject, delta: JSONObject) -> None:
    """`merge_delta` in place, for a snapshot nobody else holds: `target` and the
    containers in it change, and parts of `delta` become parts of `target`, so neither may
    be shared. Each delta then costs its own size, not the snapshot's."""
    for key, new in delta.items():
        if new is None:
            continue
        old = target.get(key)
        if old is None:
            target[key] = new
        elif isinstance(old, str) and isinstance(new, str) and key in _STREAMED_TEXT:
            target[key] = old + new
        elif isinstance(old, dict) and isinstance(new, dict):
            merge_delta_into(cast(JSONObject, old), cast(JSONObject, new))
        elif isinstance(old, list) and isinstance(new, list):
            _merge_list_into(cast("list[object]", old), cast("list[object]", new))
        else:
            target[key] = new


def _merge_list_into(old: list[object], new: list[object]) -> None:
    if not new:
        return
    position = {i: at for at, item in enumerate(old) if (i := _index_of(item)) is not None}
    for item in new:
        index = _index_of(item)
        if index is None:
            old.append(item)
        elif index in position:
            merge_delta_into(cast(JSONObject, old[position[index]]), cast(JSONObject, item))
        else:
            position[index] = len(old)
            old.append(item)


def _index_of(item: object) -> int | None:
    if isinstance(item, dict):
        index = cast(JSONObject, item).get("index")
        if isinstance(index, int) and not isinstance(index, bool):
            return index
    return None


def index_items(items: list[object]) -> list[object]:
    """Give a full object's list items the `index` its later deltas will name: their position."""
    out: list[object] = []
    for at, item in enumerate(items):
        obj = _as_object(item)
        out.append({**obj, "index": at} if obj is not None and "index" not in obj else item)
    return out


def _as_object(value: object) -> JSONObject | None:
    return cast(JSONObject, value) if isinstance(value, dict) else None


# Lists a full object always has, which a stream may never send: text with no
# annotations, code that printed nothing.
_LISTS_OF_FULL_PARTS = {"text": "annotations", "code_interpreter": "outputs"}


def full_form(value: object) -> object:
    """A copy for building the full model from accumulated deltas: indexed lists sorted by
    `index` and the key dropped (full objects have none: it only orders a stream's parts),
    and the lists a full part always has filled in when the stream sent none."""
    if isinstance(value, dict):
        obj = {k: full_form(v) for k, v in cast(JSONObject, value).items()}
        kind = obj.get("type")
        if isinstance(kind, str) and kind in _LISTS_OF_FULL_PARTS:
            body = _as_object(obj.get(kind))
            if body is not None:
                body.setdefault(_LISTS_OF_FULL_PARTS[kind], [])
        return obj
    if isinstance(value, list):
        items = cast("list[object]", value)
        if items and all(_index_of(item) is not None for item in items):
            items = sorted(items, key=lambda item: cast(int, _index_of(item)))
            items = [{k: v for k, v in cast(JSONObject, item).items() if k != "index"} for item in items]
        return [full_form(item) for item in items]
    return value


def indexed_snapshot(obj: MessageObject | RunStep) -> JSONObject:
    """A full object as JSON data in which every list item (content part, tool call,
    annotation, output) carries the `index` later deltas will name: its position."""
    return cast(JSONObject, _index_lists(obj.model_dump(mode="json", exclude_unset=True, warnings=False)))


def _index_lists(value: object) -> object:
    if isinstance(value, dict):
        return {k: _index_lists(v) for k, v in cast(JSONObject, value).items()}
    if isinstance(value, list):
        return index_items([_index_lists(item) for item in cast("list[object]", value)])
    return value


def _rebuild(model: type[_M], raw: JSONObject) -> _M:
    return parse_data(model, full_form(raw))


def accumulate_message_delta(snapshot: MessageObject, delta: MessageDelta) -> MessageObject:
    """The message after `delta`: a new object; `snapshot` is left as it was."""
    raw = indexed_snapshot(snapshot)  # fresh JSON data: merged in place
    merge_delta_into(raw, delta.model_dump(mode="json", exclude_unset=True, warnings=False))
    return _rebuild(MessageObject, raw)


def accumulate_run_step_delta(snapshot: RunStep, delta: RunStepDelta) -> RunStep:
    """The run step after `delta`: a new object; `snapshot` is left as it was."""
    raw = indexed_snapshot(snapshot)  # fresh JSON data: merged in place
    merge_delta_into(raw, delta.model_dump(mode="json", exclude_unset=True, warnings=False))
    return _rebuild(RunStep, raw)
