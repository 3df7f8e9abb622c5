"""After a spec update, a config or overlay entry that no longer matches is reported by name,
before the slow models stage, all at once (`codegen/validate.py`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.config import Config, ConfigError, load_config
from codegen.normalize import normalize
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress
from codegen.validate import STALE, WARNING, check_config, raise_on_problems

PROJECT = Path(__file__).resolve().parents[2]
RAW_CONFIG: dict[str, Any] = yaml.safe_load((PROJECT / "spec" / "config.yaml").read_text())


@pytest.fixture(scope="module")
def normalized(pinned_spec: dict[str, Any]) -> dict[str, Any]:
    return normalize(pinned_spec)


def _config(tmp_path: Path, edit: Callable[[dict[str, Any]], object]) -> Config:
    raw = yaml.safe_load(yaml.safe_dump(RAW_CONFIG))
    edit(raw)
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(raw))
    return load_config(tmp_path)


def test_the_project_config_matches_the_pinned_spec(normalized: dict[str, Any]) -> None:
    assert check_config(normalized, load_config(PROJECT / "spec"), PROJECT / "handwritten") == []


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c["resource_tree"]["overrides"].update(noSuchOperation="things.do"),
         "resource_tree.overrides.noSuchOperation: operation 'noSuchOperation' is not in the spec"),
        (lambda c: c["streams"].update(noSuchOperation={"events": "AssistantStreamEvent", "framing": "named"}),
         "streams.noSuchOperation: operation 'noSuchOperation' is not in the spec"),
        (lambda c: c["streams"]["createRun"].update(events="NoSuchStreamEvent"),
         "streams.createRun: event schema 'NoSuchStreamEvent' is not in the spec's components"),
        (lambda c: c["streams"].update(listRuns={"events": "AssistantStreamEvent", "framing": "named"}),
         "streams.listRuns: the operation has no `stream` body field or query parameter"),
        (lambda c: c["headers"].update(Assistans={"OpenAI-Beta": "assistants=v2"}),
         "headers.Assistans: no operation has the tag 'Assistans'"),
        (lambda c: c["resource_tree"].update(beta_tags=["Assistants", "Gone"]),
         "resource_tree.beta_tags.Gone: no operation has the tag 'Gone'"),
        (lambda c: c.update(keyword_types=["createRun", "goneOperation"]),
         "keyword_types.goneOperation: operation 'goneOperation' is not in the spec"),
        (lambda c: c["resource_tree"]["aliases"].update({"beta.files": "filez"}),
         "resource_tree.aliases.beta.files: target resource `filez` is not on the client tree"),
        (lambda c: c["resource_tree"]["aliases"].update({"nowhere.files": "files"}),
         "resource_tree.aliases.nowhere.files: parent resource `nowhere` is not on the client tree"),
        (lambda c: c["resource_tree"]["aliases"].update({"beta.threads": "files"}),
         "resource_tree.aliases.beta.threads: `beta.threads` is already a resource or method"),
        (lambda c: c.update(extensions={"beta.threads.runz": "typed_openai.lib.runs:Runs"}),
         "extensions.beta.threads.runz: resource `beta.threads.runz` is not on the client tree"),
        (lambda c: c["resource_tree"]["overrides"].update(getRun="beta.threads.runs.list"),
         "getRun and listRuns both map to `beta.threads.runs.list`"),
        (lambda c: c["resource_tree"].update(query_variant_prefixes={}),
         "resource_tree.query_variant_prefixes: paths with `?beta=true` have no entry"),
        (lambda c: c["methods"]["single_page"].append("activateCertificatez"),
         "methods.single_page.activateCertificatez: operation 'activateCertificatez' is not in the spec"),
        (lambda c: c["methods"]["binary"].append("RetrieveContainerFileContentz"),
         "methods.binary.RetrieveContainerFileContentz: operation 'RetrieveContainerFileContentz' is not in the spec"),
        (lambda c: c["methods"]["optional"].update(CreateSkillz=["files"]),
         "methods.optional.CreateSkillz: operation 'CreateSkillz' is not in the spec"),
        (lambda c: c["methods"]["optional"].update(CreateSkill=["filez"]),
         "methods.optional.CreateSkill.filez: the request body has no field 'filez'"),
        (lambda c: c["methods"]["also_named"].update(goneOperation={"name": "older"}),
         "methods.also_named.goneOperation: operation 'goneOperation' is not in the spec"),
        (lambda c: c["methods"]["also_named"].update(downloadFile={"name": "retrieve"}),
         "methods.also_named.downloadFile: `files.retrieve` is already retrieveFile's method"),
        (lambda c: c["methods"]["returns_by"].update(goneOperation={"param": "format", "default": "str", "values": {"a": "str"}}),
         "methods.returns_by.goneOperation: operation 'goneOperation' is not in the spec"),
        (lambda c: c["methods"]["returns_by"]["createTranslation"].update(param="formatz"),
         "methods.returns_by.createTranslation.param: the operation has no body field or query parameter 'formatz'"),
        (lambda c: c["optional_fields"].update(NoSuchSchema=["x"]),
         "optional_fields.NoSuchSchema: schema 'NoSuchSchema' is not in the spec's components"),
        (lambda c: c["optional_fields"].update(OutputTextContent=["logprobz"]),
         "optional_fields.OutputTextContent.logprobz: the schema has no property 'logprobz'"),
        (lambda c: c["optional_fields"].update(OpenAIFile=["status_details"]),
         "optional_fields.OpenAIFile.status_details: the spec no longer requires it"),
        (lambda c: c["computed_properties"].update(NoSuchModel={"x": {"function": "typed_openai.lib.responses:output_text", "returns": "str"}}),
         "computed_properties.NoSuchModel: schema 'NoSuchModel' is not in the spec's components"),
        (lambda c: c["computed_properties"]["Response"].update(output_text={"function": "typed_openai.lib.responses:gone", "returns": "str"}),
         "computed_properties.Response.output_text: typed_openai.lib.responses defines no function gone"),
        (lambda c: c.update(overlay_resources={"nowhere.hooks": "typed_openai.lib.webhooks:Webhooks"}),
         "overlay_resources.nowhere.hooks: parent resource `nowhere` is not on the client tree"),
        (lambda c: c.update(overlay_resources={"files": "typed_openai.lib.webhooks:Webhooks"}),
         "overlay_resources.files: `files` is already a resource or method of the spec"),
        (lambda c: c.update(overlay_resources={"hooks": "typed_openai.lib.output_text:Hooks"}),
         "overlay_resources.hooks: typed_openai.lib.output_text defines no class Hooks"),
        (lambda c: c.update(webhook_events="OpenAIFile"), "webhook_events.OpenAIFile: the spec already has a schema 'OpenAIFile'"),
        (lambda c: c.update(module_client="typed_openai.nowhere"), "module_client: module typed_openai.nowhere is not under"),
        (lambda c: c.update(module_client="typed_openai.lib.output_text"),
         "module_client: typed_openai.lib.output_text defines no function client()"),
        (lambda c: c.update(overlay_types={"typed_openai.nowhere": ["chat.Parsed"]}),
         "overlay_types.typed_openai.nowhere: module typed_openai.nowhere is not under"),
        (lambda c: c["overlay_types"].update({"typed_openai.lib.chat._types": ["chat.NotThere"]}),
         "overlay_types.typed_openai.lib.chat._types: typed_openai.lib.chat._types's __all__ has no NotThere"),
    ],
)
def test_a_stale_entry_is_reported_by_name(
    tmp_path: Path, normalized: dict[str, Any], edit: Callable[[dict[str, Any]], object], message: str
) -> None:
    problems = check_config(normalized, _config(tmp_path, edit), PROJECT / "handwritten")
    assert [p for p in problems if p.removeprefix(STALE).startswith(message)] != [], problems
    with pytest.raises(ConfigError, match="does not match the spec"):
        raise_on_problems(problems)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "2nd"}, "methods.also_named.downloadFile.name: '2nd' is not a public Python identifier"),
        ({"name": "older", "returns": "page"}, "methods.also_named.downloadFile.returns: expected 'object' or 'text', not 'page'"),
        ({"name": "older", "why": "x"}, "methods.also_named.downloadFile: unknown keys ['why']"),
    ],
)
def test_a_malformed_second_name_is_refused_when_loaded(tmp_path: Path, entry: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        _config(tmp_path, lambda c: c["methods"]["also_named"].update(downloadFile=entry))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"param": "response_format", "default": "str"}, "methods.returns_by.createTranslation.values: expected at least one"),
        ({"param": "response_format", "default": "str", "values": {"text": "list[str]"}},
         "methods.returns_by.createTranslation: 'list[str]' is not a type name"),
        ({"param": "", "default": "str", "values": {"text": "str"}}, "methods.returns_by.createTranslation.param: expected"),
        ({"param": "response_format", "default": "str", "values": {"text": "str"}, "why": 1},
         "methods.returns_by.createTranslation: unknown keys ['why']"),
    ],
)
def test_a_malformed_returns_by_is_refused_when_loaded(tmp_path: Path, entry: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        _config(tmp_path, lambda c: c["methods"]["returns_by"].update(createTranslation=entry))


def test_rules_that_match_nothing_are_warnings(tmp_path: Path, normalized: dict[str, Any]) -> None:
    config = _config(tmp_path, lambda c: c["resource_tree"].update(beta_path_prefixes=["/chatkit", "/gone"]))
    problems = check_config(normalized, config, PROJECT / "handwritten")
    assert problems == [f"{WARNING}resource_tree.beta_path_prefixes: no path starts with '/gone'"]
    assert raise_on_problems(problems) == problems  # returned for display, not raised


def test_all_problems_are_reported_at_once(tmp_path: Path, normalized: dict[str, Any]) -> None:
    def edit(c: dict[str, Any]) -> None:
        c["resource_tree"]["overrides"]["goneA"] = "a.b"
        c["streams"]["goneB"] = {"events": "AssistantStreamEvent", "framing": "named"}

    with pytest.raises(ConfigError) as caught:
        raise_on_problems(check_config(normalized, _config(tmp_path, edit), None))
    assert "goneA" in str(caught.value) and "goneB" in str(caught.value) and "(2 problem(s))" in str(caught.value)


# -- extensions: the overlay module, read without importing it ---------------------------

_GOOD = """
from typed_openai.resources.beta.threads.runs import AsyncRuns as _AsyncRuns, Runs as _Runs

class Runs(_Runs):
    def helper(self) -> None: ...

class _Middle(_AsyncRuns):
    pass

class AsyncRuns(_Middle):
    pass
"""
_RELATIVE = """
from ..resources.beta.threads import runs

class Runs(runs.Runs): ...
class AsyncRuns(runs.AsyncRuns): ...
"""
_NO_ASYNC = """
from typed_openai.resources.beta.threads.runs import Runs as _Runs

class Runs(_Runs): ...
"""
_WRONG_BASE = """
from typed_openai.resources.beta.threads import AsyncThreads, Threads

class Runs(Threads): ...
class AsyncRuns(AsyncThreads): ...
"""


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (_GOOD, "typed_openai.lib.runs:Runs", []),
        (_RELATIVE, "typed_openai.lib.runs:Runs", []),
        (_GOOD, "typed_openai.lib.nope:Runs", ["module typed_openai.lib.nope is not under"]),
        (_NO_ASYNC, "typed_openai.lib.runs:Runs", ["typed_openai.lib.runs defines no class AsyncRuns"]),
        (_WRONG_BASE, "typed_openai.lib.runs:Runs", [
            "typed_openai.lib.runs:Runs does not subclass the generated typed_openai.resources.beta.threads.runs.Runs",
            "typed_openai.lib.runs:AsyncRuns does not subclass the generated typed_openai.resources.beta.threads.runs.AsyncRuns",
        ]),
        (_GOOD, "typed_openai.lib.runs.Runs", ["'typed_openai.lib.runs.Runs' is not `module:Class`"]),
    ],
)
def test_an_extension_must_subclass_the_generated_class(
    tmp_path: Path, normalized: dict[str, Any], source: str, target: str, expected: list[str]
) -> None:
    overlay = tmp_path / "handwritten" / "typed_openai" / "lib"
    overlay.mkdir(parents=True)
    (overlay / "runs.py").write_text(textwrap.dedent(source))
    (tmp_path / "spec").mkdir()
    # only the extension is under this test's overlay root
    config = _config(tmp_path / "spec", lambda c: c.update(
        extensions={"beta.threads.runs": target}, computed_properties={}, module_client=None, overlay_resources={},
        overlay_types={},
    ))
    problems = check_config(normalized, config, tmp_path / "handwritten")
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected):
        assert problem.startswith(f"extensions.beta.threads.runs: {start}"), problems


# -- through the CLI, and with the overlay imported for real -----------------------------


def test_a_broken_override_fails_the_cli_with_its_name_before_the_models_stage(tmp_path: Path, pinned_spec_path: Path) -> None:
    _config(tmp_path, lambda c: c["resource_tree"]["overrides"].update(createThreadAndRunz="beta.threads.create_and_run"))
    (tmp_path / "pin.yaml").write_bytes((PROJECT / "spec" / "pin.yaml").read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(pinned_spec_path), "--spec-dir", str(tmp_path),
         "--out", str(tmp_path / "generated")],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 2
    assert "resource_tree.overrides.createThreadAndRunz: operation 'createThreadAndRunz' is not in the spec" in run.stderr
    assert "models (datamodel-code-generator)" not in run.stderr  # found in a second, not after the models
    assert not (tmp_path / "generated").exists()


_TINY: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {"/things": {"post": {
        "operationId": "createThing",
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
    }}},
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}},
}


def test_an_extension_is_what_the_client_builds_and_subclasses_the_generated_class(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "config.yaml").write_text("extensions:\n  things: typed_openai_overlay.things:Things\n")
    overlay = tmp_path / "handwritten" / "typed_openai_overlay"
    overlay.mkdir(parents=True)
    (overlay / "__init__.py").write_text("")
    (overlay / "things.py").write_text(textwrap.dedent("""
        from typed_openai.resources import things as generated

        class Things(generated.Things):
            def count(self) -> int:
                return 0

        class AsyncThings(generated.AsyncThings):
            pass
    """))
    files, _tree = generate_files(_TINY, load_config(tmp_path / "spec"), Progress(quiet=True))
    write_tree(tmp_path / "generated", files, overlay_links(tmp_path / "generated", PROJECT / "handwritten"))
    code = (
        "from typed_openai import Client, AsyncClient\n"
        "from typed_openai.resources.things import Things, AsyncThings\n"
        "import typed_openai_overlay.things as overlay\n"
        "c = Client(api_key='k', base_url='http://127.0.0.1:9')\n"
        "a = AsyncClient(api_key='k', base_url='http://127.0.0.1:9')\n"
        "assert type(c.things) is overlay.Things and issubclass(overlay.Things, Things)\n"
        "assert type(a.things) is overlay.AsyncThings and issubclass(overlay.AsyncThings, AsyncThings)\n"
        "print(c.things.count())\n"
    )
    paths = os.pathsep.join(str(p) for p in (tmp_path / "generated", tmp_path / "handwritten"))
    run = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=paths), capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0"


_EXTENSIONS = sorted(load_config(PROJECT / "spec").extensions.items())


@pytest.mark.parametrize(("dotted", "target"), _EXTENSIONS)
def test_the_project_extensions_import_and_subclass_the_generated_classes(dotted: str, target: str) -> None:
    """Live once the streaming and polling overlays (#4, #5) declare their extension points."""
    import importlib

    from codegen.render import class_names, module_of

    module, _, cls = target.partition(":")
    generated = importlib.import_module(module_of(tuple(dotted.split("."))))
    overlay = importlib.import_module(module)
    for mode, name in class_names(tuple(dotted.split("."))).items():
        assert issubclass(getattr(overlay, cls if mode == "sync" else "Async" + cls), getattr(generated, name))
