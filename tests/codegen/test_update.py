"""`codegen update`: a new pin, a regenerated client, a change report; and issue 7's
acceptance test, generating from 5162af9 then updating to f85dbe2 in a copy of the project."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

import pytest

from codegen.config import ConfigError, Pin, load_pin, write_pin
from codegen.output import check_tree, overlay_links
from codegen.update import commit_from_url, find_by_sha256, new_pin, pin_address
from tests import package

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared" / "spec"
OLDER = SHARED / "openai-openapi-5162af9.yaml"
PINNED = SHARED / "openai-openapi-f85dbe2.yaml"
SPEC30 = SHARED / "openai-openapi-25be478.yaml"
OLDER_COMMIT = "5162af98d3147432c14680df789e8e12d4891e6b"
OLDER_SHA256 = "74cbcf73838f4cd7e209b2d3f2e9ddc9fa155f21a44360b6fac7646a6d4f5f8b"
SPEC30_COMMIT = "25be47865ea2df1179a46be045c2f6b65f38e982"
PINNED_COMMIT = "f85dbe223d40e1a31cba812ab2d755c7e98a92a3"

# The suites that drive the overlay through generated resources, run against the older
# generation (the runtime's own tests in tests/client, deadlines, leaks, uploads, do not
# depend on which spec generated the resources).
SUITES = ("tests/client/test_end_to_end.py", "tests/client/test_input_checks.py", "tests/lib/streaming", "tests/lib/polling")


def _codegen(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "codegen", *args], cwd=cwd, capture_output=True, text=True, check=False)


# -- the pin ------------------------------------------------------------------------------


def test_commit_and_address() -> None:
    url = f"https://raw.githubusercontent.com/openai/openai-openapi/{PINNED_COMMIT}/openapi.yaml"
    assert commit_from_url(url) == PINNED_COMMIT
    assert commit_from_url("https://example.com/openapi.yaml") is None
    previous = Pin(url=url, commit=PINNED_COMMIT, sha256="0" * 64)
    assert pin_address(None, OLDER_COMMIT, previous) == url.replace(PINNED_COMMIT, OLDER_COMMIT)
    assert pin_address("https://example.com/x.yaml", OLDER_COMMIT, previous) == "https://example.com/x.yaml"
    assert pin_address(None, None, previous) is None


def test_the_previous_spec_is_found_by_its_sha256(tmp_path: Path) -> None:
    pin = load_pin(PROJECT / "spec")
    assert find_by_sha256(SHARED, pin.sha256) == PINNED
    assert find_by_sha256(tmp_path, pin.sha256) is None


# -- refusals leave the pin and generated/ as they were -----------------------------------


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    shutil.copytree(PROJECT / "spec", folder)
    return folder


def test_with_strict_a_stale_config_entry_leaves_everything_unchanged(spec_dir: Path) -> None:
    pin_before = (spec_dir / "pin.yaml").read_bytes()
    out = spec_dir.parent / "generated"
    run = _codegen("update", "--spec", str(OLDER), "--strict", "--spec-dir", str(spec_dir), "--out", str(out))
    assert run.returncode == 2, run.stderr
    # The report against the pinned spec (found beside OLDER by the name and sha256 the pin
    # records) still prints: it is what the maintainer needs to fix the config.
    assert run.stdout.startswith("API changes openai-openapi-f85dbe2.yaml -> openai-openapi-5162af9.yaml")
    assert "resource_tree.overrides.beta_Getinputtokencounts: operation 'beta_Getinputtokencounts' is not in the spec" in run.stderr
    assert "streams.beta_createResponse: operation 'beta_createResponse' is not in the spec" in run.stderr
    assert "spec/pin.yaml and" in run.stderr and "are unchanged" in run.stderr
    assert "models (datamodel-code-generator)" not in run.stderr  # refused in a second, before the models
    assert (spec_dir / "pin.yaml").read_bytes() == pin_before
    assert not out.exists()


def test_without_the_previous_spec_the_update_says_so(spec_dir: Path) -> None:
    lonely = spec_dir.parent / "new" / "openapi.yaml"
    lonely.parent.mkdir()
    shutil.copyfile(OLDER, lonely)
    run = _codegen("update", "--spec", str(lonely), "--strict", "--spec-dir", str(spec_dir), "--out", str(spec_dir.parent / "g"))
    assert "no change report: the previously pinned spec is unknown (openai-openapi-f85dbe2.yaml, not found beside" in run.stderr
    assert "--old-spec" in run.stderr
    assert run.stdout == ""


def test_a_download_with_the_wrong_sha256_is_refused(spec_dir: Path) -> None:
    pin_before = (spec_dir / "pin.yaml").read_bytes()
    run = _codegen("update", "--url", OLDER.as_uri(), "--sha256", "0" * 64, "--spec-dir", str(spec_dir), "--out", str(spec_dir.parent / "g"))
    assert run.returncode == 2
    assert "not the expected" in run.stderr
    assert (spec_dir / "pin.yaml").read_bytes() == pin_before


# -- a pin records what is known ------------------------------------------------------------


def test_a_local_file_is_pinned_by_name_and_sha256_without_an_address(spec_dir: Path) -> None:
    previous = load_pin(spec_dir)
    lonely = Pin(sha256="1" * 64, file="downloaded.yaml")
    assert new_pin(Path("/x/downloaded.yaml"), "1" * 64, None, None, Pin(sha256="0" * 64, file="old.yaml")) == lonely
    write_pin(spec_dir, lonely)
    assert (spec_dir / "pin.yaml").read_text().splitlines()[1:] == ["file: downloaded.yaml", f"sha256: {'1' * 64}"]
    assert load_pin(spec_dir) == lonely
    # with a commit, the address follows from the previous pin's; the same file keeps its pin
    moved = new_pin(Path("/x/o.yaml"), "2" * 64, None, OLDER_COMMIT, previous)
    assert previous.url is not None and moved.url == previous.url.replace(PINNED_COMMIT, OLDER_COMMIT)
    assert new_pin(Path("/x/o.yaml"), previous.sha256, None, None, previous) == previous
    # an address given is recorded with the commit it names
    url = f"https://example.com/{OLDER_COMMIT}/openapi.yaml"
    assert new_pin(Path("/tmp/openapi.yaml"), "3" * 64, url, None, None) == Pin("3" * 64, "openapi.yaml", url, OLDER_COMMIT)


def test_generate_without_spec_needs_an_address_in_the_pin(spec_dir: Path) -> None:
    write_pin(spec_dir, Pin(sha256="1" * 64, file="downloaded.yaml"))
    run = _codegen("generate", "--spec-dir", str(spec_dir), "--out", str(spec_dir.parent / "g"))
    assert run.returncode == 2
    assert "records no address to download downloaded.yaml from" in run.stderr and "pass --spec PATH" in run.stderr


def test_a_pin_must_have_a_sha256(spec_dir: Path) -> None:
    (spec_dir / "pin.yaml").write_text("file: a.yaml\n")
    with pytest.raises(ConfigError, match="`sha256` must be 64 hex digits"):
        load_pin(spec_dir)
    (spec_dir / "pin.yaml").write_text(f"sha256: {'a' * 64}\nadress: x\n")
    with pytest.raises(ConfigError, match="unknown keys \\['adress'\\]"):
        load_pin(spec_dir)


# -- issue 7, acceptance 1 ----------------------------------------------------------------


def _copy_project(dest: Path) -> Path:
    for name in ("codegen", "spec", "handwritten", "tests"):
        shutil.copytree(PROJECT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache", ".pytest_cache"))
    shutil.copyfile(PROJECT / "pyproject.toml", dest / "pyproject.toml")
    shutil.copyfile(PROJECT / "README.md", dest / "README.md")  # the wheel's metadata reads it
    return dest


def _isolated_env(site: Path) -> dict[str, str]:
    """Run with `python -S` and this path: the wheel, then the venv's libraries, and not the
    editable install's `.pth` (which would put this checkout's generated/ on the path too)."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]]))


def _wheel_site(project: Path, tmp: Path) -> Path:
    return package.unpack(package.build_wheel(tmp / "dist", project), tmp / "site")


def _imports(site: Path, label: str) -> None:
    code = (
        "import typed_openai, typed_openai.types as t\n"
        "from typed_openai import AsyncOpenAI, OpenAI\n"
        "c = OpenAI(api_key='k', base_url='http://127.0.0.1:9')\n"
        "c.beta.threads.runs.create; c.chat.completions.create; AsyncOpenAI(api_key='k').files.list\n"
        "print(typed_openai.__path__[0], t.Run.__name__)\n"
    )
    imported = subprocess.run([sys.executable, "-S", "-c", code], env=_isolated_env(site), capture_output=True, text=True, check=False)
    assert imported.returncode == 0, f"{label}: {imported.stderr}"
    assert imported.stdout.split() == [str(site / "typed_openai"), "Run"], imported.stdout


def _module_files(site: Path, modules: list[str]) -> list[str]:
    out = []
    for module in modules:
        base = site.joinpath(*module.split("."))
        out.append(str((base / "__init__.py") if base.is_dir() else base.with_suffix(".py")))
    return out


def _mypy(site: Path, label: str, skip: list[str]) -> None:
    """`mypy --strict` over the wheel, without the overlay modules the update reported broken."""
    argv = [*package.mypy_argv([]), "typed_openai"]  # a directory, not `-p`: mypy ignores --exclude under -p
    for path in _module_files(site, skip):
        argv += ["--exclude", "^" + re.escape(str(Path(path).relative_to(site))) + "$"]
    checked = subprocess.run(argv, cwd=site, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, f"{label}: mypy --strict\n{checked.stdout[-3000:]}"


def _pyright(site: Path, label: str, skip: list[str]) -> None:
    argv = package.pyright_argv(site, ["typed_openai"])
    config = site / "pyrightconfig.json"
    settings = json.loads(config.read_text())
    settings["exclude"] = [str(Path(p).relative_to(site)) for p in _module_files(site, skip)]
    config.write_text(json.dumps(settings))
    checked = subprocess.run(argv, cwd=site, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, f"{label}: pyright --strict\n{checked.stdout[-3000:]}"


def _suites(project: Path, site: Path, label: str) -> None:
    suites = [str(project / s) for s in SUITES]
    missing = [s for s in suites if not Path(s).exists()]
    assert not missing, f"SUITES names folders that do not exist: {missing}"
    tested = subprocess.run(
        [sys.executable, "-S", "-m", "pytest", "-q", "-p", "no:cacheprovider", *suites],
        cwd=project, env=_isolated_env(site), capture_output=True, text=True, check=False,
    )
    assert tested.returncode == 0, f"{label}: {' '.join(SUITES)}\n{tested.stdout[-3000:]}"


def _update(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`codegen update --json ARGS` in `project`; the run and its change report."""
    run = _codegen("update", *args, "--json", "--quiet", cwd=project)
    assert run.returncode == 0, run.stderr
    return run, json.loads(run.stdout)


def _back_to_the_pin(project: Path, *address: str) -> None:
    """`update` back to the pinned spec restores generated/ and the pin byte for byte."""
    run, report = _update(project, "--spec", str(PINNED), *address)
    assert report["stale_config"] == [] and report["broken_overlay"] == [], report
    assert (project / "spec" / "pin.yaml").read_bytes() == (PROJECT / "spec" / "pin.yaml").read_bytes()
    generated = project / "generated"
    assert check_tree(PROJECT / "generated", {
        p.relative_to(generated).as_posix(): p.read_text() for p in generated.rglob("*")
        if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts  # links: compared below
    }, overlay_links(PROJECT / "generated", PROJECT / "handwritten")) == []
    assert {
        p.relative_to(generated).as_posix(): os.readlink(p) for p in generated.rglob("*") if p.is_symlink()
    } == overlay_links(generated, project / "handwritten")


def _outermost(modules: list[str]) -> list[str]:
    """The broken modules but those inside a broken package (its submodules break with it)."""
    return sorted(m for m in modules if not any(m.startswith(other + ".") for other in modules))


@pytest.mark.slow
def test_update_to_the_older_spec_with_the_config_as_it_is_then_back(tmp_path: Path) -> None:
    """Issue 17: today's config names three operations 5162af9 does not have yet (the
    `?beta=true` Responses variants) and their `openai-beta` header parameter. The update leaves those entries out, reports them
    with what users lose, and the client it makes passes the checkers and the suites."""
    project = _copy_project(tmp_path / "project")
    run, report = _update(project, "--spec", str(OLDER))  # a local file: no address needed
    config_entries = [e for e in report["stale_config"] if not e["key"].startswith("names.")]
    assert [e["key"] for e in config_entries] == [
        "computed_properties.BetaResponse", "extensions.responses", "header_parameters.openai-beta",
        "optional_fields.BetaOutputTextContent", "overlay_types.typed_openai.lib.responses._types",
        "resource_tree.overrides.beta_Getinputtokencounts",
        "streams.beta_createResponse", "streams.beta_getResponse",
    ]
    loss = {e["key"]: e["loss"] for e in config_entries}
    assert loss["resource_tree.overrides.beta_Getinputtokencounts"] == "the method `client.beta.responses.input_tokens.count`"
    assert loss["optional_fields.BetaOutputTextContent"].startswith("nothing: ")
    # spec/names.yaml names schemas of the pinned spec too; those 5162af9 lacks are left out
    names = [e for e in report["stale_config"] if e["key"].startswith("names.")]
    assert names and all(e["loss"].startswith("the official names `typed_openai.types.") for e in names)
    broken = [b["module"] for b in report["broken_overlay"]]
    # lib.responses imports BetaResponse, newer than 5162af9; the official path to its parser with it
    assert _outermost(broken) == ["typed_openai.lib._parsing._responses", "typed_openai.lib.responses"]
    assert "beta_createResponse" in {c["subject"] for c in report["changes"] if c["kind"] == "operation-removed"}
    assert "note: left out stale config entry streams.beta_createResponse" in run.stderr
    assert load_pin(project / "spec") == Pin(sha256=OLDER_SHA256, file=OLDER.name)
    assert "no address recorded" in run.stderr
    assert not (project / "generated" / "typed_openai" / "resources" / "beta" / "responses").exists()
    with tempfile.TemporaryDirectory(prefix="typed-openai-5162af9-") as tmp:
        site = _wheel_site(project, Path(tmp))
        _imports(site, "5162af9")
        _mypy(site, "5162af9", broken)
        _suites(project, site, "5162af9")
    # the pin at 5162af9 has no address to move to another commit: give it
    pinned_url = load_pin(PROJECT / "spec").url
    assert pinned_url is not None
    _back_to_the_pin(project, "--url", pinned_url)


@pytest.mark.slow
def test_update_to_the_openapi30_spec_with_the_config_as_it_is_then_back(tmp_path: Path) -> None:
    """The API as of December 2024, in OpenAPI 3.0: 15 config entries name operations or
    event unions it lacks; the chat, vector store, video and Responses helpers need types it lacks. All
    are left out with a note; the client imports and passes both checkers."""
    project = _copy_project(tmp_path / "project")
    run, report = _update(project, "--spec", str(SPEC30), "--commit", SPEC30_COMMIT)
    stale = {e["key"] for e in report["stale_config"]}
    assert {"streams.createResponse", "resource_tree.overrides.cancelEvalRun", "streams.createImage"} <= stale
    assert {"extensions.vector_stores.files", "extensions.vector_stores.file_batches"} <= stale
    # the realtime session's `client_secret` is not in its request body yet: nothing to make optional
    assert "methods.optional.create-realtime-session.client_secret" in stale
    broken = sorted(b["module"] for b in report["broken_overlay"])
    assert _outermost(broken) == [  # custom tool calls, vector store file attributes, videos and the Responses API are newer
        "typed_openai.lib._parsing._completions", "typed_openai.lib._parsing._responses",  # the official paths to them
        "typed_openai.lib.chat", "typed_openai.lib.polling.file_batches", "typed_openai.lib.polling.vector_store_files",
        "typed_openai.lib.polling.videos", "typed_openai.lib.responses", "typed_openai.lib.streaming.chat",
        "typed_openai.lib.webhooks",
    ]
    # no `webhooks:` section in that spec: no event union, so no `client.webhooks` to return it
    assert {"webhook_events.WebhookEvent", "overlay_resources.webhooks"} <= stale
    # diarized transcriptions are newer too: the audio methods answer the spec's one union
    assert "methods.returns_by.createTranscription" in stale
    pinned_url = load_pin(PROJECT / "spec").url
    assert pinned_url is not None and load_pin(project / "spec").url == pinned_url.replace(PINNED_COMMIT, SPEC30_COMMIT)
    client = (project / "generated" / "typed_openai" / "resources" / "vector_stores" / "__init__.py").read_text()
    assert "typed_openai.lib.polling" not in client  # the generated classes take the broken helpers' place
    with tempfile.TemporaryDirectory(prefix="typed-openai-25be478-") as tmp:
        site = _wheel_site(project, Path(tmp))
        _imports(site, "25be478")
        _mypy(site, "25be478", broken)
        _pyright(site, "25be478", broken)
    _back_to_the_pin(project, "--commit", PINNED_COMMIT)  # the address follows from the pin's


# -- the overlay need not sit beside --spec-dir ----------------------------------------------

_TINY = {
    "openapi": "3.1.0",
    "paths": {"/things": {"get": {"operationId": "listThings", "responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}},
}


def test_the_overlay_root_is_an_option(tmp_path: Path) -> None:
    (tmp_path / "tiny.json").write_text(json.dumps(_TINY))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("extensions:\n  things: my_overlay.things:Things\n")
    overlay = tmp_path / "elsewhere" / "my_overlay"
    overlay.mkdir(parents=True)
    (overlay / "things.py").write_text(
        "from typed_openai.resources import things\n\n"
        "class Things(things.Things): ...\n\nclass AsyncThings(things.AsyncThings): ...\n"
    )
    args = ["generate", "--spec", str(tmp_path / "tiny.json"), "--no-pin", "--quiet",
            "--spec-dir", str(tmp_path / "config"), "--out", str(tmp_path / "out")]
    beside = _codegen(*args)  # handwritten/ beside the config folder: not there
    assert beside.returncode == 2 and "module my_overlay.things is not under" in beside.stderr
    found = _codegen(*args, "--overlay", str(tmp_path / "elsewhere"))
    assert found.returncode == 0, found.stderr
    assert "my_overlay.things" in (tmp_path / "out" / "typed_openai" / "_client.py").read_text()
    missing = _codegen(*args, "--overlay", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "--overlay" in missing.stderr and "no such folder" in missing.stderr
