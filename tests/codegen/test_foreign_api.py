"""A second API, not OpenAI's, generated from its own spec and config
(`tests/codegen/foreign_api/`) into a temporary folder: the package and classes are the
config's, the base URL and auth the spec's, and each verb sends exactly the request the
spec describes to a local server."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from codegen.config import load_config
from codegen.load import load_spec
from codegen.output import overlay_links, write_tree
from codegen.pipeline import generate_files
from codegen.progress import Progress

HERE = Path(__file__).resolve().parent / "foreign_api"
PET = {"id": "p1", "name": "Tom", "kind": "cat", "tags": []}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("foreign") / "generated"
    files, _tree = generate_files(load_spec(HERE / "openapi.yaml"), load_config(HERE), Progress(quiet=True))
    write_tree(out, files, overlay_links(out, HERE, "petstore"))  # no overlay: the runtime only
    return out


@pytest.fixture(scope="module")
def petstore(generated: Path) -> Iterator[Any]:
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module("petstore")
    finally:
        sys.path.remove(str(generated))
        for name in [n for n in sys.modules if n == "petstore" or n.startswith("petstore.")]:
            del sys.modules[name]


@dataclass
class Seen:
    method: str
    target: str
    headers: dict[str, str]
    body: Any


class PetServer:
    """Answers every request with the next reply given (a `/v2` base path, as the spec's
    server), and records what it received."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.replies: list[tuple[int, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                body = json.loads(raw) if raw else None
                outer.seen.append(Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                status, payload = outer.replies.pop(0)
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v2"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> PetServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_the_package_is_the_configs_with_the_runtime_and_no_overlay(generated: Path) -> None:
    package = generated / "petstore"
    assert sorted(p.name for p in package.iterdir() if p.is_symlink()) == ["_core"]  # the runtime only
    sources = [p for p in package.rglob("*.py") if "_core" not in p.relative_to(package).parts]
    assert sources and not [p for p in sources if "typed_openai" in p.read_text()]
    assert not (generated / "typed_openai").exists()


def test_identity_is_the_configs_and_the_specs(petstore: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert petstore.Petstore.__name__ == "Petstore" and petstore.AsyncPetstore.__name__ == "AsyncPetstore"
    assert petstore.Client is petstore.Petstore and petstore.AsyncClient is petstore.AsyncPetstore
    assert petstore.Petstore.__module__ == "petstore._client"
    monkeypatch.delenv("PETSTORE_BASE_URL", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-not-this-one")
    with pytest.raises(petstore.OpenAIError, match="PETSTORE_API_KEY"):
        petstore.Petstore()
    monkeypatch.setenv("PETSTORE_API_KEY", "from-env")
    client = petstore.Petstore()
    assert str(client.base_url) == "https://eu.petstore.example/v2/"  # the spec's server, its variable's default
    assert client.api_key == "from-env"


def test_each_verb_sends_exactly_the_request(petstore: Any) -> None:
    with PetServer() as server:
        client = petstore.Petstore(api_key="pets-key", base_url=server.url, max_retries=0)
        server.replies = [
            (200, {"data": [PET], "next_page_token": "t2"}),
            (200, {"data": [{**PET, "id": "p2"}], "next_page_token": None}),
            (201, PET), (200, PET), (200, PET), (200, PET), (204, None),
        ]
        pets = [pet.id for pet in client.pets.list(kind="cat", page_size=1)]
        created = client.pets.create(name="Tom", kind="cat", idempotency_key="idem-1")
        client.pets.retrieve("p1")
        client.pets.replace("p1", name="Tom", kind="cat", tags=["old"])
        client.pets.update("p1", name="Thomas")
        assert client.pets.delete("p1") is None
    assert pets == ["p1", "p2"] and created.kind == "cat"
    assert [(s.method, s.target, s.body) for s in server.seen] == [
        ("GET", "/v2/pets?kind=cat&page_size=1", None),
        ("GET", "/v2/pets?kind=cat&page_size=1&page_token=t2", None),  # the config's `token` shape
        ("POST", "/v2/pets", {"name": "Tom", "kind": "cat"}),
        ("GET", "/v2/pets/p1", None),
        ("PUT", "/v2/pets/p1", {"name": "Tom", "kind": "cat", "tags": ["old"]}),
        ("PATCH", "/v2/pets/p1", {"name": "Thomas"}),
        ("DELETE", "/v2/pets/p1", None),
    ]
    for seen in server.seen:
        assert seen.headers["x-pets-key"] == "pets-key"  # the spec's apiKey header, no bearer
        assert "authorization" not in seen.headers
        assert seen.headers["petstore-version"] == "2026-01"  # the config's default header
        assert not any(name.startswith(("openai-", "x-stainless")) for name in seen.headers)
        assert ("content-type" in seen.headers) == (seen.body is not None)
    assert server.seen[2].headers["idempotency-key"] == "idem-1"  # a header parameter
    assert dict(parse_qsl(urlsplit(server.seen[1].target).query))["page_token"] == "t2"


@pytest.mark.slow
def test_the_generated_package_and_its_use_pass_mypy_strict(generated: Path) -> None:
    user = generated.parent / "user.py"
    user.write_text(textwrap.dedent("""
        from petstore import AsyncPetstore, Petstore
        from petstore.types import Pet

        def names(client: Petstore) -> list[str]:
            return [pet.name for pet in client.pets.list(kind="dog")]

        def add(client: Petstore) -> Pet:
            return client.pets.create(name="Rex", kind="dog", idempotency_key="k")

        async def first(client: AsyncPetstore) -> Pet:
            page = await client.pets.list()
            return page.data[0]
    """))
    bad = generated.parent / "bad.py"
    bad.write_text(textwrap.dedent("""
        from petstore import Petstore

        Petstore(api_key="k").pets.create(name="Rex", kind="lizard", idempotency_key="k")
    """))
    env = dict(os.environ, MYPYPATH=str(generated))
    argv = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", str(HERE.parents[2] / "pyproject.toml")]
    run = subprocess.run([*argv, str(generated / "petstore"), str(user)], cwd=generated.parent, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    checked = int(run.stdout.rsplit(" in ", 1)[1].split()[0])  # "Success: no issues found in N source files"
    assert checked > 20, run.stdout  # the generated modules, the runtime's, and user.py
    run = subprocess.run([*argv, str(bad)], cwd=generated.parent, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and 'Argument "kind" to "create"' in run.stdout, run.stdout + run.stderr


@pytest.mark.anyio
async def test_the_async_client_pages_as_the_sync_one(petstore: Any) -> None:
    with PetServer() as server:
        server.replies = [(200, {"data": [PET], "next_page_token": "t2"}), (200, {"data": [{**PET, "id": "p2"}]})]
        async with petstore.AsyncPetstore(api_key="pets-key", base_url=server.url, max_retries=0) as client:
            ids = [pet.id async for pet in client.pets.list(page_size=1)]
    assert ids == ["p1", "p2"]
    assert [s.target for s in server.seen] == ["/v2/pets?page_size=1", "/v2/pets?page_size=1&page_token=t2"]
    assert all(s.headers["x-pets-key"] == "pets-key" for s in server.seen)
