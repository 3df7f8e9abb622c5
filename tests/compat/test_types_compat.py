"""Code that imports the official SDK's types finds them here, under the same module and name.

The schema half of the compatibility tests. `spec/names.yaml` says, for each schema of the
pinned spec, where the official `openai` package exposes it (written by
`python -m codegen names`, which matches the two by structure). Here, for every one of
those locations:

- `typed_openai.types.<module>` has the name, and it is the same kind of thing as the
  official one (a pydantic model, a TypedDict, or a type alias);
- a model class prints under the official name (`Run`, not `RunObject`);
- the fields agree: the official class's fields are (nearly all) fields here too, which
  checks the matching itself, not only that the generator followed it.

The differences that remain are deliberate, each kind listed in `DELIBERATE` with its
reason (and in the README). Counts are printed (`pytest -s`).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import pydantic
import pytest
import typing_extensions
import yaml

openai = pytest.importorskip("openai")

PROJECT = Path(__file__).resolve().parents[2]
NAMES = yaml.safe_load((PROJECT / "spec" / "names.yaml").read_text(encoding="utf-8"))
OFFICIAL_VERSION = "3.4.0"

# Kinds of difference that are on purpose. Each is recognised by a rule in the tests
# below, never by a list of names, so a new case is reported rather than hidden.
DELIBERATE = {
    "class name taken": (
        "the generated models share one namespace, and the spec already gives the official "
        "name to another schema (the Assistants `types.beta.FileSearchTool` prints as "
        "`AssistantToolsFileSearch`: the spec's `FileSearchTool` is `types.responses.FileSearchTool`); "
        "it is still exported under its official path and name"
    ),
    "one of several": (
        "the official SDK names one response shape after each operation that returns it "
        "(`EvalCreateResponse`, `EvalListResponse`, ...), and may name its request twin apart "
        "(`AudioTranscriptionParam` beside `SessionInputAudioTranscription`); here they are one "
        "class, under each name"
    ),
    "one request type": (
        "the official SDK spells a request body that may stream as a union of two TypedDicts "
        "that differ in `stream` (`CompletionCreateParams = Union[...NonStreaming, ...Streaming]`); "
        "here it is one TypedDict, and `stream`'s type picks the return type through overloads"
    ),
    "free-form object": (
        "an object the spec leaves open (`FunctionParameters`) is a `Dict` alias in the official "
        "SDK; here it is a model that keeps every key, and on the request side a TypedDict"
    ),
    "no request type": (
        "the official SDK also has a `...Param` TypedDict for some response-only schemas; no "
        "operation of the spec sends them, so none is generated"
    ),
}


def _locations() -> list[tuple[str, str, str]]:
    """(schema, side, location) for every official location in `spec/names.yaml`."""
    return [
        (schema, side, location)
        for schema, entry in sorted(NAMES["schemas"].items())
        for side in ("models", "params")
        for location in entry.get(side, ())
    ]


def _resolve(package: str, location: str) -> Any:
    module, _, name = location.rpartition(".")
    return getattr(importlib.import_module(f"{package}.types{'.' + module if module else ''}"), name)


def _kind(obj: object) -> str:
    if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel):
        return "model"
    if typing_extensions.is_typeddict(obj):
        return "typeddict"
    return "alias"


def test_the_official_package_is_the_reference_release() -> None:
    assert openai.__version__ == OFFICIAL_VERSION, (
        f"spec/names.yaml was read from openai {OFFICIAL_VERSION}; {openai.__version__} is installed"
    )
    assert NAMES["source"] == f"openai {OFFICIAL_VERSION}"


@pytest.mark.slow
def test_names_file_is_what_the_matcher_writes(pinned_spec_path: Path, tmp_path: Path) -> None:
    """`spec/names.yaml` is current: `python -m codegen names` against this official
    package and the pinned spec writes exactly the committed file.

    It runs in a fresh interpreter, as users run it: the matcher tells official objects
    apart by identity, and typing caches equal `Literal[...]` aliases, so which ones are one
    object depends on what the process imported before."""
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    # The config says what the matcher leaves out (`overlay_types`) and adds a schema it
    # names too (`webhook_events`, the webhooks' union).
    for name in ("pin.yaml", "config.yaml"):
        (spec_dir / name).write_bytes((PROJECT / "spec" / name).read_bytes())
    package = Path(openai.__file__).parent
    argv = [sys.executable, "-m", "codegen", "names", "--official", str(package), "--spec", str(pinned_spec_path)]
    subprocess.run([*argv, "--spec-dir", str(spec_dir)], cwd=PROJECT, check=True, capture_output=True)
    written = (spec_dir / "names.yaml").read_text(encoding="utf-8")
    assert written == (PROJECT / "spec" / "names.yaml").read_text(encoding="utf-8"), (
        "spec/names.yaml is stale: run `python -m codegen names --official <site-packages>/openai --spec PINNED`"
    )


def test_every_official_location_is_here_with_the_same_kind() -> None:
    counts: Counter[str] = Counter()
    missing: list[str] = []
    wrong_kind: list[str] = []
    for schema, side, location in _locations():
        official = _resolve("openai", location)
        try:
            ours = _resolve("typed_openai", location)
        except (ImportError, AttributeError):
            if side == "params" and not _generated_param(schema):
                counts["no request type"] += 1
                continue
            missing.append(f"types.{location} ({schema})")
            continue
        counts[side] += 1
        if _kind(official) == "alias" and _kind(ours) == "typeddict" and _split_by_stream(official, location.rpartition(".")[2]):
            counts["one request type"] += 1
        elif _kind(official) == "alias" and typing.get_origin(official) is dict and _kind(ours) in ("model", "typeddict"):
            counts["free-form object"] += 1
        elif _kind(official) != _kind(ours):
            wrong_kind.append(f"types.{location}: official {_kind(official)}, here {_kind(ours)} ({schema})")
    schemas = {s for s in NAMES["schemas"] if "/" not in s}
    print(
        f"\n{len(schemas)} spec schemas and {len(NAMES['schemas']) - len(schemas)} inline schemas have official names; "
        f"{counts['models']} model and {counts['params']} request-type locations found here; "
        f"deliberately absent: {counts['no request type']} request types ({DELIBERATE['no request type'][:40]}...)"
    )
    assert missing == [], f"{len(missing)} official locations are missing here: {missing[:20]}"
    assert wrong_kind == [], f"{len(wrong_kind)} locations are another kind of thing: {wrong_kind[:20]}"


def _split_by_stream(official: object, name: str) -> bool:
    """`CompletionCreateParams = Union[CompletionCreateParamsNonStreaming, ...Streaming]`."""
    members = typing.get_args(official)
    return bool(members) and all(typing_extensions.is_typeddict(m) and m.__name__.startswith(name) for m in members)


def _generated_param(schema: str) -> bool:
    name = NAMES["schemas"][schema].get("rename", schema)
    from typed_openai.types import _params

    return hasattr(_params, name + "Param") or hasattr(_params, name + "InputParam")


def test_models_print_under_their_official_names() -> None:
    """`Run.__name__ == "Run"`; where it differs, the reason is one of `DELIBERATE`'s."""
    import typed_openai.types as types

    counts: Counter[str] = Counter()
    wrong: list[str] = []
    # every generated model, by its class name (the package maps each name to its module)
    generated = {attr: source for source, attr in types._NAMES.values() if source.startswith("typed_openai.types._models.")}
    generated = {attr: getattr(importlib.import_module(source), attr) for attr, source in generated.items()}
    for schema, side, location in _locations():
        official = _resolve("openai", location)
        if side != "models" or not isinstance(official, type):
            continue
        ours = _resolve("typed_openai", location)
        entry = NAMES["schemas"][schema]
        official_names = {loc.rpartition(".")[2].removesuffix("Param") for loc in entry["models"] + entry.get("params", [])}
        if ours.__name__ == official.__name__:
            counts["same"] += 1
        elif ours.__name__ in official_names:
            counts["one of several"] += 1
        elif (official.__name__ in generated and generated[official.__name__] is not ours) or (
            official.__name__ + "Param" in generated  # its TypedDict's name is a spec model's
        ):
            counts["class name taken"] += 1
        else:
            wrong.append(f"types.{location} prints as {ours.__name__}")
    print(
        f"\n{counts['same']} official model locations print under their own name; {counts['one of several']} under "
        f"another official name of the same schema (`EvalListResponse` is `EvalCreateResponse`); "
        f"{counts['class name taken']} cannot: {DELIBERATE['class name taken'][:60]}..."
    )
    assert wrong == [], f"{len(wrong)} classes print under another name for no reason: {wrong[:20]}"


def test_official_fields_are_fields_here() -> None:
    """The matching's own check: an official model's fields are the ones generated here."""
    pairs = disagree = 0
    worst: list[tuple[float, str]] = []
    for _schema, side, location in _locations():
        official = _resolve("openai", location)
        if side != "models" or _kind(official) != "model":
            continue
        ours = _resolve("typed_openai", location)
        ours.model_rebuild()  # a model built on first use has no field aliases before
        theirs = {f.alias or n for n, f in official.model_fields.items()}
        here = {f.alias or n for n, f in ours.model_fields.items()}
        pairs += 1
        share = len(theirs & here) / max(len(theirs), 1)
        if share < 1:
            disagree += 1
            worst.append((share, f"types.{location}: official fields missing here {sorted(theirs - here)}"))
    print(f"\n{pairs} official models compared field by field; {disagree} have official fields the spec does not declare")
    worst.sort()
    assert all(share >= 0.5 for share, _ in worst), f"models that do not look like their official twin: {worst[:10]}"


# What the official docs' programs import (examples from the official README and API reference).
DOC_NAMES = [
    "FileObject",
    "VectorStore",
    "ChatModel",
    "Batch",
    "chat.ChatCompletion",
    "chat.ChatCompletionChunk",
    "chat.ChatCompletionDeleted",
    "chat.ChatCompletionMessageParam",
    "chat.ChatCompletionUserMessageParam",
    "chat.ChatCompletionToolParam",
    "chat.completion_create_params.CompletionCreateParams",
    "beta.Assistant",
    "beta.AssistantTool",
    "beta.AssistantStreamEvent",
    "beta.threads.Run",
    "beta.threads.RunStatus",
    "beta.threads.Message",
    "beta.threads.Text",
    "beta.threads.runs.RunStep",
    "beta.threads.runs.ToolCall",
    "beta.threads.run_submit_tool_outputs_params.ToolOutput",
    "shared.ChatModel",
    "shared_params.Metadata",
    "responses.Response",
    "responses.ResponseStreamEvent",
]


@pytest.mark.parametrize("location", DOC_NAMES)
def test_names_the_official_docs_use(location: str) -> None:
    official = _resolve("openai", location)
    ours = _resolve("typed_openai", location)
    if _kind(official) == "alias" and _split_by_stream(official, location.rpartition(".")[2]):
        assert _kind(ours) == "typeddict"  # DELIBERATE["one request type"]
        return
    assert _kind(ours) == _kind(official)
    if isinstance(official, type) and isinstance(ours, type) and _kind(official) == "model":
        assert {n for n in official.model_fields} <= {n for n in ours.model_fields} | {"parsed"}


_LAZY_CHILD = """
import json, sys
import importlib
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("typed_openai.types._"))))
"""


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("typed_openai.types.beta.threads.runs", set()),  # a package: its names load on first access
        ("typed_openai.types.shared", set()),
        ("typed_openai.types.beta.threads.run", {"beta", "beta_threads", "_shared"}),  # a leaf loads what it names
    ],
)
def test_official_modules_load_only_what_they_name(module: str, allowed: set[str]) -> None:
    out = subprocess.run([sys.executable, "-c", _LAZY_CHILD, module], check=True, capture_output=True, text=True, timeout=120)
    loaded = {m.removeprefix("typed_openai.types.").removeprefix("_models.") for m in yaml.safe_load(out.stdout)} - {"_models"}
    strays = {m for m in loaded if not any(part in allowed for part in m.split("__"))}
    assert strays == set(), f"importing {module} loaded {sorted(strays)}"

