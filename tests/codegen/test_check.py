"""`python -m codegen check`: the committed generated/ is exactly what the pinned spec makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.config import load_config
from codegen.ir import Resource
from codegen.output import check_tree, overlay_links, write_tree

PROJECT = Path(__file__).resolve().parents[2]


def test_committed_tree_matches_the_pinned_spec(pinned_generation: tuple[dict[str, str], Resource]) -> None:
    files, _tree = pinned_generation
    assert check_tree(PROJECT / "generated", files, overlay_links(PROJECT / "generated", PROJECT / "handwritten")) == []


# Here, not in test_generated_tree.py: the tests that need the whole generation share
# one module, so the worker that runs them generates once.
def test_the_ir_places_all_288_operations(pinned_generation: tuple[dict[str, str], Resource]) -> None:
    _files, tree = pinned_generation
    ops = [op for node in tree.walk() for op in node.operations]
    assert len({op.operation_id for op in ops}) == 288
    # and the config's second names (`methods.also_named`): the official SDK's older methods
    also_named = load_config(PROJECT / "spec").methods.also_named
    seconds = sorted(
        f"{'.'.join(node.path)}.{op.method_name}" for node in tree.walk() for op in node.operations
        if op.method_name in {s.name for s in also_named.get(op.operation_id, ())}
    )
    assert len(ops) == 288 + len(seconds)
    assert seconds == ["files.retrieve_content", "fine_tuning.checkpoints.permissions.retrieve"]


# A spec small enough that the CLI generates it in a second: what is under test is the
# CLI's verdict on an edited tree; the pinned spec's tree is compared in-process above.
_TINY_SPEC = {
    "openapi": "3.1.0",
    "paths": {
        "/things/{thing_id}": {"get": {
            "operationId": "getThing",
            "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
        }},
        "/widgets": {"get": {
            "operationId": "listWidgets",
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
        }},
    },
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}},
}


def test_a_one_character_edit_is_caught_by_the_cli(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.json"
    spec.write_text(json.dumps(_TINY_SPEC))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("")
    out = tmp_path / "generated"

    def codegen(command: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "codegen", command, "--spec", str(spec), "--no-pin", "--quiet",
                "--spec-dir", str(tmp_path / "config"), "--out", str(out)]
        return subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, check=False)

    assert codegen("generate").returncode == 0
    assert codegen("check").returncode == 0
    victim = out / "typed_openai" / "resources" / "things.py"
    text = victim.read_text()
    assert "def retrieve(" in text
    victim.write_text(text.replace("def retrieve(", "def retrievE(", 1))
    run = codegen("check")
    assert run.returncode == 1, run.stderr
    assert "typed_openai/resources/things.py" in run.stderr
    assert "widgets.py" not in run.stderr and "_client.py" not in run.stderr


def test_write_removes_stale_files_and_is_idempotent(tmp_path: Path) -> None:
    files = {"typed_openai/a.py": "A = 1\n", "typed_openai/sub/b.py": "B = 2\n"}
    assert write_tree(tmp_path, files) == ["typed_openai/a.py", "typed_openai/sub/b.py"]
    assert write_tree(tmp_path, files) == []
    (tmp_path / "typed_openai" / "stale.py").write_text("x = 1\n")
    assert check_tree(tmp_path, files) == ["typed_openai/stale.py"]
    assert write_tree(tmp_path, {"typed_openai/a.py": "A = 1\n"}) == ["typed_openai/stale.py", "typed_openai/sub/b.py"]
    assert not (tmp_path / "typed_openai" / "sub").exists()


def test_a_spec_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "openapi.yaml"
    other.write_text("openapi: 3.1.0\npaths: {}\n")
    run = subprocess.run(
        [sys.executable, "-m", "codegen", "check", "--spec", str(other), "--quiet"],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 2
    assert "sha256" in run.stderr and "codegen update" in run.stderr


@pytest.mark.slow  # a whole generation (or type check) in a child process
def test_output_does_not_depend_on_the_hash_seed(
    tmp_path: Path, pinned_spec_path: Path, pinned_generation: tuple[dict[str, str], Resource]
) -> None:
    # One generation in a child with a fixed seed, compared with this process's own (the
    # session's, under another seed): two seeds, one extra generation.
    current = os.environ.get("PYTHONHASHSEED")
    seed = "2" if current == "1" else "1"
    out = tmp_path / "generated"
    run = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(pinned_spec_path), "--out", str(out), "--quiet"],
        cwd=PROJECT, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONHASHSEED": seed},
    )
    assert run.returncode == 0, run.stderr
    files, _tree = pinned_generation
    assert check_tree(out, files, overlay_links(out, PROJECT / "handwritten")) == []


def test_overlay_links_are_written_checked_and_never_followed(tmp_path: Path) -> None:
    overlay = tmp_path / "handwritten" / "typed_openai"
    for package in ("_core", "lib"):
        (overlay / package).mkdir(parents=True)
        (overlay / package / "__init__.py").write_text("")
    (overlay / "notes").mkdir()  # not a package: not linked
    out = tmp_path / "generated"
    files = {"typed_openai/__init__.py": "", "typed_openai/_client.py": "X = 1\n"}
    links = overlay_links(out, tmp_path / "handwritten")
    assert links == {"typed_openai/_core": "../../handwritten/typed_openai/_core", "typed_openai/lib": "../../handwritten/typed_openai/lib"}
    assert write_tree(out, files, links) == [*sorted(files), *sorted(links)]
    assert (out / "typed_openai" / "lib" / "__init__.py").is_file()
    assert check_tree(out, files, links) == [] and write_tree(out, files, links) == []
    assert check_tree(out, files, {}) == ["typed_openai/_core", "typed_openai/lib"]
    # a link the generator no longer makes goes, and what it pointed to stays
    assert write_tree(out, files, {"typed_openai/_core": links["typed_openai/_core"]}) == ["typed_openai/lib"]
    assert not (out / "typed_openai" / "lib").exists() and (overlay / "lib" / "__init__.py").is_file()
    with pytest.raises(ValueError, match="inside typed_openai/_core"):
        write_tree(out, {**files, "typed_openai/_core/x.py": ""}, links)
