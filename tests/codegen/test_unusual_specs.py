"""Shapes that real specs have and the OpenAI spec does not (found by running the generator
over a public collection of example specs): each generates a client that imports and
works, or is refused with the JSON pointer of the place that cannot be generated."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from codegen.config import load_config
from codegen.document import SpecError
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress

PROJECT = Path(__file__).resolve().parents[2]
_OK = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}


def _spec(paths: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "unusual", "version": "1"}, "paths": paths}


def _generate(spec: dict[str, Any], root: Path) -> dict[str, str]:
    spec_dir = root / "spec"
    spec_dir.mkdir(exist_ok=True)
    (spec_dir / "config.yaml").write_text("{}\n")
    files, _tree = generate_files(spec, load_config(spec_dir), Progress(quiet=True))
    write_tree(root / "generated", files, overlay_links(root / "generated", PROJECT / "handwritten"))
    return files


def _run(code: str, root: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(root / "generated"))
    run = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_put_and_patch_on_a_collection_have_method_names_and_head_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": {"name": {"type": "string"}}}}}}
    _generate(_spec({
        "/pets": {"put": {"operationId": "replacePets", "requestBody": body, "responses": _OK}},
        "/tags": {"patch": {"operationId": "patchTags", "requestBody": body, "responses": _OK}},
        "/status": {"head": {"operationId": "checkStatus", "responses": {"200": {"description": "ok"}}}},
    }), tmp_path)
    out = _run(
        "from typed_openai import Client\n"
        "c = Client(api_key='k', base_url='http://127.0.0.1:9')\n"
        "print(callable(c.pets.update), callable(c.tags.update), hasattr(c, 'status'))\n",
        tmp_path,
    )
    assert out.split() == ["True", "True", "False"]
    assert "#/paths/~1status/head: HEAD operations are not generated" in capsys.readouterr().err


def test_string_formats_in_parameters_are_imported(tmp_path: Path) -> None:
    formats = ["duration", "uuid", "time", "date", "date-time"]  # only `duration` is not a str parameter
    parameters = [{"name": f"p{i}", "in": "query", "schema": {"type": "string", "format": f}} for i, f in enumerate(formats)]
    files = _generate(_spec({"/events": {"get": {"operationId": "listEvents", "parameters": parameters, "responses": _OK}}}), tmp_path)
    resource = files["typed_openai/resources/events.py"]
    assert "from datetime import timedelta" in resource and "p0: timedelta | Omit = omit" in resource
    assert _run("import typed_openai.resources.events as m; print(m.Events.__name__)", tmp_path).split() == ["Events"]


def test_a_spec_without_operations_makes_a_bare_client(tmp_path: Path) -> None:
    _generate(_spec({}), tmp_path)
    out = _run(
        "from typed_openai import AsyncClient, Client\n"
        "c = Client(api_key='k', base_url='http://127.0.0.1:9')\n"
        "print(type(c.with_raw_response).__name__, AsyncClient.__name__)\n",
        tmp_path,
    )
    assert out.split() == ["ClientWithRawResponse", "AsyncClient"]


def test_a_body_mixing_properties_and_one_of_is_refused_at_its_pointer(tmp_path: Path) -> None:
    body = {"content": {"application/json": {"schema": {
        "type": "object",
        "properties": {"kind": {"type": "string"}},
        "oneOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"type": "object", "properties": {"b": {"type": "string"}}}],
    }}}}
    with pytest.raises(SpecError) as refused:
        _generate(_spec({"/mixed": {"patch": {"operationId": "patchMixed", "requestBody": body, "responses": _OK}}}), tmp_path)
    assert "#/paths/~1mixed/patch/requestBody" in str(refused.value)
