"""Header parameters the spec declares become keyword arguments (Anthropic's spec has 270,
`anthropic-version` on every operation; OpenAI's has `openai-beta`, the official SDK's
`betas=`). Generated from a small inline spec, called against the local mock server."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from codegen.config import load_config
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress

PROJECT = Path(__file__).resolve().parents[2]

_OK = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "headers", "version": "1"},
    "paths": {"/things/{thing_id}": {
        "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "get": {
            "operationId": "getThing",
            "parameters": [
                {"name": "api-version", "in": "header", "required": True, "schema": {"type": "string"}},
                {"name": "openai-beta", "in": "header", "schema": {"type": "array", "items": {"type": "string", "enum": ["a=v1", "b=v2"]}}},
                {"name": "X-Dry-Run", "in": "header", "schema": {"type": "boolean"}},
                {"name": "Authorization", "in": "header", "schema": {"type": "string"}},  # ignored, as OpenAPI says
                {"name": "session", "in": "cookie", "schema": {"type": "string"}},  # not sent
            ],
            "responses": _OK,
        },
    }},
    "components": {
        "schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}},
        "securitySchemes": {"Token": {"type": "http", "scheme": "bearer"}},
    },
    "security": [{"Token": []}],
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("headers")
    (root / "spec").mkdir()
    (root / "spec" / "config.yaml").write_text("header_parameters:\n  OpenAI-Beta: betas\n")
    files, _tree = generate_files(SPEC, load_config(root / "spec"), Progress(quiet=True))
    write_tree(root / "generated", files, overlay_links(root / "generated", PROJECT / "handwritten"))
    return root


def _run(code: str, root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root / "generated"))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=root, env=env, capture_output=True, text=True, check=False)


def test_header_parameters_are_keyword_arguments_sent_as_headers(tree: Path) -> None:
    run = _run("""
        import inspect
        from typed_openai import Client
        from typed_openai.testing import JSONResponse, MockServer

        with MockServer() as server:
            server.route("GET", "/things/{thing_id}", JSONResponse({"id": "t1"}))
            client = Client(api_key="k", base_url=server.base_url, max_retries=0)
            print(list(inspect.signature(client.things.retrieve).parameters)[:5])
            client.things.retrieve("t1", api_version="2024-10-01", betas=["a=v1", "b=v2"], x_dry_run=False)
            client.things.retrieve("t1", api_version="2024-10-01")
            first, second = server.requests
            print(first.headers.get("api-version"), first.headers.get("openai-beta"), first.headers.get("x-dry-run"))
            print(second.headers.get("api-version"), second.headers.get("openai-beta"), second.headers.get("x-dry-run"))
            print(first.headers.get("authorization"), "session" in (first.headers.get("cookie") or ""))
    """, tree)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "['thing_id', 'api_version', 'betas', 'x_dry_run', 'extra_headers']"
    assert lines[1:] == ["2024-10-01 a=v1,b=v2 false", "2024-10-01 None None", "Bearer k False"]


@pytest.mark.slow
def test_a_required_header_parameter_is_required_for_mypy(tree: Path) -> None:
    user = tree / "user.py"
    user.write_text(textwrap.dedent("""
        from typed_openai import Client

        client = Client(api_key="k")
        client.things.retrieve("t1", api_version="v", betas=["a=v1"])
        client.things.retrieve("t1")  # E: missing api_version
        client.things.retrieve("t1", api_version="v", betas=["c=v3"])  # E: not an allowed value
    """))
    env = dict(os.environ, MYPYPATH=str(tree / "generated"))
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--namespace-packages", "--explicit-package-bases", str(user)],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert [int(line.split(":")[1]) for line in errors] == [6, 7], run.stdout


def test_header_values_drop_omitted_and_join_lists() -> None:
    from typed_openai._core import header_values, omit

    values: dict[str, object] = {"a": omit, "b": None, "c": ("x", "y"), "d": True, "e": 3, "f": "text"}
    assert header_values(values) == {"c": "x,y", "d": "true", "e": "3", "f": "text"}
