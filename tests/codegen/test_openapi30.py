"""The generator reads the OpenAPI 3.0 spec of December 2024 (`nullable: true`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from codegen.load import load_spec
from codegen.normalize import operations

PROJECT = Path(__file__).resolve().parents[2]
SPEC30 = PROJECT.parent / "shared" / "spec" / "openai-openapi-25be478.yaml"


def test_openapi30_spec_generates_imports_and_passes_mypy_strict(tmp_path: Path) -> None:
    spec = load_spec(SPEC30)
    ops = {op["operationId"] for _p, _m, op in operations(spec)}
    config = yaml.safe_load((PROJECT / "spec" / "config.yaml").read_text())
    # This older API lacks some operations and event unions the pinned config names.
    config["resource_tree"]["overrides"] = {k: v for k, v in config["resource_tree"]["overrides"].items() if k in ops}
    config["streams"] = {k: v for k, v in config["streams"].items() if k in ops and v["events"] in spec["components"]["schemas"]}
    # The overlay targets today's API; this test is about the generator reading 3.0.
    for section in ("extensions", "keyword_types", "exports"):
        config.pop(section, None)
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "config.yaml").write_text(yaml.safe_dump(config))
    out = tmp_path / "generated"
    run = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(SPEC30), "--no-pin", "--quiet",
         "--spec-dir", str(tmp_path / "spec"), "--out", str(out)],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    paths = f"{out}{os.pathsep}{PROJECT / 'handwritten'}"
    imported = subprocess.run(
        [sys.executable, "-c", "from typed_openai import OpenAI; c = OpenAI(api_key='k'); c.beta.threads.runs.create;"
         "import typed_openai.types as t; print(t.RunObject.__name__)"],
        env=dict(os.environ, PYTHONPATH=paths), capture_output=True, text=True, check=False,
    )
    assert imported.stdout.strip() == "RunObject", imported.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--namespace-packages", "--explicit-package-bases",
         "-p", "typed_openai.resources", "-m", "typed_openai._client"],
        env=dict(os.environ, MYPYPATH=paths), cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert checked.returncode == 0, checked.stdout
