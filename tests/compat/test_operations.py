"""Code written against the official `openai` package calls the same methods here.

For every operation of the pinned spec, the official client (sync and async) is walked to
the method that sends it, and typed-openai must have a method at the same path with the
same positional parameters (in order), keyword parameters, required parameters, kind of
return (object, page, stream, binary, none) and deprecation. The differences that remain
are deliberate: each is listed in `EXPECTED` with its reason (and in the README).
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from dataclasses import dataclass
from typing import Any

import openai
import pytest

import typed_openai
from codegen.normalize import operations

from .official import Shape, method_shape, official_methods_by_operation, resolve, walk_methods


@dataclass(frozen=True)
class Expected:
    aspect: str  # "missing", "positional", "keyword", "required", "returns", "deprecated"
    methods: str  # an fnmatch pattern over official method paths
    reason: str


EXPECTED: tuple[Expected, ...] = (
    Expected(
        "keyword", "admin.organization.projects.[cu][rp]*",
        "the official `projects.create`/`update` keep `geography`, which the pinned spec no longer has "
        "(`residency` replaced it); send it with `extra_body` if needed",
    ),
    Expected(
        "keyword", "beta.realtime.*sessions.create",
        "the official `beta.realtime` sessions keep an older request shape (`model`, `input_audio_noise_reduction`, "
        "`modalities`); here they take the pinned spec's fields (`prompt`, `truncation`)",
    ),
)


@dataclass(frozen=True)
class Difference:
    operation_id: str
    method: str  # the official method's dotted path
    aspect: str
    official: object
    ours: object

    def __str__(self) -> str:
        return f"{self.method} ({self.operation_id}): {self.aspect}: official {self.official!r}, here {self.ours!r}"


def _differences(operation_id: str, dotted: str, official: Shape, ours: Shape | None) -> list[Difference]:
    if ours is None:
        return [Difference(operation_id, dotted, "missing", "method", None)]
    out = []
    for aspect in ("positional", "keyword", "required", "returns", "deprecated"):
        theirs, mine = getattr(official, aspect), getattr(ours, aspect)
        if theirs != mine:
            if isinstance(theirs, frozenset):
                theirs, mine = sorted(theirs - mine), sorted(mine - theirs)
            out.append(Difference(operation_id, dotted, aspect, theirs, mine))
    return out


def _expected(diff: Difference) -> bool:
    return any(e.aspect == diff.aspect and fnmatch.fnmatchcase(diff.method, e.methods) for e in EXPECTED)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_every_operation_has_the_official_shape(pinned_spec: dict[str, Any], mode: str) -> None:
    if mode == "sync":
        official_client: object = openai.OpenAI(api_key="sk-compat")
        client: object = typed_openai.OpenAI(api_key="sk-compat")
    else:
        official_client = openai.AsyncOpenAI(api_key="sk-compat")
        client = typed_openai.AsyncOpenAI(api_key="sk-compat")
    spec_operations = list(operations(pinned_spec))
    official = official_methods_by_operation(spec_operations, walk_methods(official_client))
    differences: list[Difference] = []
    matched = 0
    for _path, _method, op in spec_operations:
        candidates = official.get(op["operationId"])
        if not candidates:
            continue
        matched += 1
        dotted = candidates[0]
        ours = resolve(client, dotted)
        differences += _differences(
            op["operationId"], dotted, method_shape(resolve(official_client, dotted)),
            method_shape(ours) if callable(ours) else None,
        )
    unexpected = [d for d in differences if not _expected(d)]
    differing = {d.operation_id for d in differences}
    listed = differing - {d.operation_id for d in unexpected}
    print(
        f"\n{mode}: {len(spec_operations)} operations in the pinned spec, {matched} with an official method: "
        f"{matched - len(differing)} the same, {len(listed)} differing only as listed, {len(differing - listed)} otherwise"
    )
    for entry in EXPECTED:  # a stale entry would hide nothing and mislead the README's list
        assert any(e.aspect == entry.aspect and fnmatch.fnmatchcase(e.method, entry.methods) for e in differences), entry
    if os.environ.get("COMPAT_DUMP"):
        Path(os.environ["COMPAT_DUMP"]).write_text("\n".join(map(str, unexpected)))
    assert [str(d) for d in unexpected] == []


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_older_deprecated_methods_of_an_operation_are_here_too(pinned_spec: dict[str, Any], mode: str) -> None:
    """Where the official SDK keeps a deprecated second method for an operation (config
    `methods.also_named`: `files.retrieve_content` beside `files.content`), it is here with
    the same shape, deprecation included; and every second name in the config is one."""
    from codegen.config import load_config

    if mode == "sync":
        official_client: object = openai.OpenAI(api_key="sk-compat")
        client: object = typed_openai.OpenAI(api_key="sk-compat")
    else:
        official_client = openai.AsyncOpenAI(api_key="sk-compat")
        client = typed_openai.AsyncOpenAI(api_key="sk-compat")
    official = official_methods_by_operation(list(operations(pinned_spec)), walk_methods(official_client))
    seconds: dict[str, str] = {}  # official dotted path -> operationId
    for op_id, candidates in official.items():
        for dotted in candidates[1:]:
            if method_shape(resolve(official_client, dotted)).deprecated:
                seconds[dotted] = op_id
    differences: list[Difference] = []
    for dotted, op_id in sorted(seconds.items()):
        ours = resolve(client, dotted)
        differences += _differences(
            op_id, dotted, method_shape(resolve(official_client, dotted)), method_shape(ours) if callable(ours) else None
        )
    print(f"\n{mode}: {len(seconds)} deprecated second methods in the official SDK, {len(seconds) - len({d.method for d in differences})} the same here")
    assert [str(d) for d in differences] == []
    also_named = load_config(Path(__file__).resolve().parents[2] / "spec").methods.also_named
    configured = {op_id: sorted(s.name for s in names) for op_id, names in also_named.items()}
    found: dict[str, list[str]] = {}
    for dotted, op_id in seconds.items():
        found.setdefault(op_id, []).append(dotted.rpartition(".")[2])
    assert {k: sorted(v) for k, v in found.items()} == configured


def test_resource_classes_import_from_the_official_module_paths() -> None:
    """The official SDK defines a resource with sub-resources in a module named after it
    (`resources/beta/threads/threads.py`); code imports its classes from there. Each such
    module is here too, with the classes the client uses (the overlay's, helpers and all)."""
    import importlib
    import pkgutil

    import openai.resources

    layout = [
        m.name for m in pkgutil.walk_packages(openai.resources.__path__, "openai.resources.")
        if len(m.name.split(".")) >= 4 and m.name.split(".")[-1] == m.name.split(".")[-2]
    ]
    assert len(layout) >= 30  # the official SDK's layout, read from the package
    for official in layout:
        ours = importlib.import_module("typed_openai" + official.removeprefix("openai"))
        name = "".join(part.title() for part in official.rpartition(".")[2].split("_"))
        assert hasattr(ours, name) and hasattr(ours, "Async" + name), official
    threads = importlib.import_module("typed_openai.resources.beta.threads.threads")
    assert type(typed_openai.OpenAI(api_key="k").beta.threads) is threads.Threads
