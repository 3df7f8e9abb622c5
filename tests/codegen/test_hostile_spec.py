"""A spec written to break the generator: quotes, backslashes and code in descriptions,
names that are keywords or not identifiers. The output must compile, import, type-check
and run nothing from the spec."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from codegen.config import load_config
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress

PROJECT = Path(__file__).resolve().parents[2]
PAYLOAD = '""" + __import__("pathlib").Path("PWNED").write_text("x") + """'

HOSTILE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "hostile", "version": "1"},
    "paths": {
        "/things/{thing-id}": {
            "get": {
                "operationId": "getThing",
                "summary": 'Get a thing """ and \\ backslash',
                "description": PAYLOAD + "\n\nends with a quote\"",
                "parameters": [
                    {"name": "thing-id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "include[]", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "class", "in": "query", "schema": {"type": "string", "enum": ["and", "in", "1024x1024", 'a"b', "x\\y"]}},
                ],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing-2"}}}}},
            },
            "post": {
                "operationId": "update-thing",
                "parameters": [{"name": "thing-id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"from": {"type": "string"}, "self": {"type": "integer"}, "timeout": {"type": "number"}},
                    "required": ["from"],
                }}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing-2"}}}}},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing-2": {
                "type": "object",
                "description": PAYLOAD + ' \\N{BULLET} \\x00 "',
                "properties": {
                    "class": {"type": "string", "description": '"""'},
                    "self-harm/instructions": {"type": "boolean"},
                    "model_config": {"type": "string"},
                    "schema": {"type": "string"},
                    "1st": {"type": "integer"},
                    "kind": {"type": "string", "enum": ["and", "in", "pass", "1024x1024", 'a"b']},
                },
                "required": ["class"],
            }
        }
    },
}


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    spec_dir = root / "spec"
    spec_dir.mkdir()
    (spec_dir / "config.yaml").write_text("{}\n")
    files, _tree = generate_files(HOSTILE, load_config(spec_dir), Progress(quiet=True))
    write_tree(root / "generated", files, overlay_links(root / "generated", PROJECT / "handwritten"))
    return root


def _run(code: str, root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root / "generated"))
    return subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=False)


def test_hostile_spec_compiles_imports_and_runs_nothing(hostile_tree: Path) -> None:
    code = (
        "import typed_openai.types as t\n"
        "from typed_openai import Client\n"
        "c = Client(api_key='k', base_url='http://127.0.0.1:9')\n"
        "c.things.retrieve; c.things.update\n"
        "m = t.Thing2.model_validate({'class': 'x', 'self-harm/instructions': True, 'kind': 'and', '1st': 1})\n"
        "print(m.class_, m.model_dump(by_alias=True)['self-harm/instructions'], t.Thing2.__doc__.count('PWNED'))\n"
    )
    run = _run(code, hostile_tree)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["x", "True", "1"]  # the payload is text in a docstring, nothing more
    assert not (hostile_tree / "PWNED").exists()


@pytest.mark.slow  # a whole generation (or type check) in a child process
def test_hostile_spec_passes_mypy_strict(hostile_tree: Path) -> None:
    env = dict(os.environ, MYPYPATH=str(hostile_tree / "generated"))
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--namespace-packages", "--explicit-package-bases",
         "-p", "typed_openai.resources", "-p", "typed_openai.types", "-m", "typed_openai._client"],
        cwd=hostile_tree, env=env, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
