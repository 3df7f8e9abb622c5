"""`codegen update`: a new pin, a regenerated client, a change report; and issue 7's
acceptance test, generating from 5162af9 then updating to f85dbe2 in a copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.config import Pin, load_config, load_pin, write_pin
from codegen.load import load_spec
from codegen.normalize import normalize
from codegen.output import check_tree, overlay_links
from codegen.update import commit_from_url, find_by_sha256, pin_address
from codegen.validate import WARNING, check_config
from tests import package

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared" / "spec"
OLDER = SHARED / "openai-openapi-5162af9.yaml"
PINNED = SHARED / "openai-openapi-f85dbe2.yaml"
OLDER_COMMIT = "5162af98d3147432c14680df789e8e12d4891e6b"
PINNED_COMMIT = "f85dbe223d40e1a31cba812ab2d755c7e98a92a3"

# The test suites run against both generations. Add the overlay's suites here as they land
# (the streaming and polling helpers of issues 4 and 5: `tests/lib/...`).
SUITES = ("tests/client", "tests/lib/streaming", "tests/lib/polling")


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


def test_a_config_that_does_not_fit_the_new_spec_leaves_everything_unchanged(spec_dir: Path) -> None:
    pin_before = (spec_dir / "pin.yaml").read_bytes()
    out = spec_dir.parent / "generated"
    run = _codegen("update", "--spec", str(OLDER), "--commit", OLDER_COMMIT, "--spec-dir", str(spec_dir), "--out", str(out))
    assert run.returncode == 2, run.stderr
    # The report against the pinned spec (found beside OLDER by its sha256) still prints: it
    # is what the maintainer needs to fix the config.
    assert run.stdout.startswith("API changes openai-openapi-f85dbe2.yaml -> openai-openapi-5162af9.yaml")
    assert "resource_tree.overrides.beta_Getinputtokencounts: operation 'beta_Getinputtokencounts' is not in the spec" in run.stderr
    assert "streams.beta_createResponse: operation 'beta_createResponse' is not in the spec" in run.stderr
    assert "spec/pin.yaml and" in run.stderr and "are unchanged" in run.stderr
    assert (spec_dir / "pin.yaml").read_bytes() == pin_before
    assert not out.exists()


def test_without_the_previous_spec_the_update_says_so(spec_dir: Path) -> None:
    lonely = spec_dir.parent / "new" / "openapi.yaml"
    lonely.parent.mkdir()
    shutil.copyfile(OLDER, lonely)
    run = _codegen("update", "--spec", str(lonely), "--commit", OLDER_COMMIT, "--spec-dir", str(spec_dir), "--out", str(spec_dir.parent / "g"))
    assert "no change report: the previously pinned spec is unknown" in run.stderr
    assert "--old-spec" in run.stderr
    assert run.stdout == ""


def test_a_download_with_the_wrong_sha256_is_refused(spec_dir: Path) -> None:
    pin_before = (spec_dir / "pin.yaml").read_bytes()
    run = _codegen("update", "--url", OLDER.as_uri(), "--sha256", "0" * 64, "--spec-dir", str(spec_dir), "--out", str(spec_dir.parent / "g"))
    assert run.returncode == 2
    assert "not the expected" in run.stderr
    assert (spec_dir / "pin.yaml").read_bytes() == pin_before


def test_a_spec_without_a_known_address_is_refused(spec_dir: Path) -> None:
    write_pin(spec_dir, Pin(url="https://example.com/openapi.yaml", commit="unknown", sha256="0" * 64))
    run = _codegen("update", "--spec", str(PINNED), "--spec-dir", str(spec_dir), "--out", str(spec_dir.parent / "g"))
    assert run.returncode == 2
    assert "pass --url" in run.stderr


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


def _verify_generation(project: Path, label: str) -> None:
    """The generation in `project` imports, passes `mypy --strict` over the built wheel, and
    passes SUITES, all against the wheel."""
    with tempfile.TemporaryDirectory(prefix=f"typed-openai-{label}-") as tmp:
        site = package.unpack(package.build_wheel(Path(tmp) / "dist", project), Path(tmp) / "site")
        env = _isolated_env(site)
        code = (
            "import typed_openai, typed_openai.types as t\n"
            "from typed_openai import AsyncOpenAI, OpenAI\n"
            "c = OpenAI(api_key='k', base_url='http://127.0.0.1:9')\n"
            "c.beta.threads.runs.create; c.chat.completions.create; AsyncOpenAI(api_key='k').files.list\n"
            "print(typed_openai.__path__[0], t.RunObject.__name__)\n"
        )
        imported = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, check=False)
        assert imported.returncode == 0, f"{label}: {imported.stderr}"
        assert imported.stdout.split() == [str(site / "typed_openai"), "RunObject"], imported.stdout
        checked = subprocess.run(package.mypy_argv(["typed_openai"]), cwd=site, capture_output=True, text=True, check=False)
        assert checked.returncode == 0, f"{label}: mypy --strict\n{checked.stdout[-3000:]}"
        suites = [str(project / s) for s in SUITES]
        missing = [s for s in suites if not Path(s).is_dir()]
        assert not missing, f"SUITES names folders that do not exist: {missing}"
        tested = subprocess.run(
            [sys.executable, "-S", "-m", "pytest", "-q", "-p", "no:cacheprovider", *suites],
            cwd=project, env=env, capture_output=True, text=True, check=False,
        )
        assert tested.returncode == 0, f"{label}: {' '.join(SUITES)}\n{tested.stdout[-3000:]}"


def _config_for(raw: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """The project's config without the entries `problems` names (operations the older spec lacks)."""
    raw = yaml.safe_load(yaml.safe_dump(raw))
    for problem in problems:
        section, _, rest = problem.partition(": ")[0].partition(".")
        if section == "resource_tree" and rest.startswith("overrides."):
            del raw["resource_tree"]["overrides"][rest.removeprefix("overrides.")]
        elif section == "streams":
            del raw["streams"][rest]
        else:
            raise AssertionError(f"unexpected config problem for the older spec: {problem}")
    return raw


@pytest.mark.slow
def test_generate_from_the_older_spec_then_update_to_the_pinned_one(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    spec_dir = project / "spec"
    current_config = (spec_dir / "config.yaml").read_text()

    # Today's config names two operations 5162af9 does not have yet (the `?beta=true`
    # Responses variants). The check names exactly those; the project as it stood at
    # 5162af9 had a config without them, which is what the older generation uses.
    older = normalize(load_spec(OLDER))
    problems = check_config(older, load_config(spec_dir), project / "handwritten")
    errors = sorted(p for p in problems if not p.startswith(WARNING))
    assert errors == [
        "resource_tree.overrides.beta_Getinputtokencounts: operation 'beta_Getinputtokencounts' is not in the spec",
        "streams.beta_createResponse: operation 'beta_createResponse' is not in the spec",
    ]
    (spec_dir / "config.yaml").write_text(yaml.safe_dump(_config_for(yaml.safe_load(current_config), errors)))
    pinned = load_pin(spec_dir)
    write_pin(spec_dir, Pin(url=pinned.url.replace(PINNED_COMMIT, OLDER_COMMIT), commit=OLDER_COMMIT,
                            sha256="74cbcf73838f4cd7e209b2d3f2e9ddc9fa155f21a44360b6fac7646a6d4f5f8b"))
    run = _codegen("generate", "--spec", str(OLDER), "--quiet", cwd=project)
    assert run.returncode == 0, run.stderr
    assert not (project / "generated" / "typed_openai" / "resources" / "beta" / "responses").exists()
    _verify_generation(project, "5162af9")

    # The update: today's config, the pinned file, its commit (the address follows from the
    # old pin's). The report finds 5162af9 beside the new file by the old pin's sha256.
    (spec_dir / "config.yaml").write_text(current_config)
    run = _codegen("update", "--spec", str(PINNED), "--commit", PINNED_COMMIT, "--quiet", cwd=project)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("API changes openai-openapi-5162af9.yaml -> openai-openapi-f85dbe2.yaml")
    assert "  beta_createResponse  POST /responses?beta=true" in run.stdout.splitlines()
    # The result is exactly the committed project: same pin file, same generated tree.
    assert (spec_dir / "pin.yaml").read_bytes() == (PROJECT / "spec" / "pin.yaml").read_bytes()
    generated = project / "generated"
    assert check_tree(PROJECT / "generated", {
        p.relative_to(generated).as_posix(): p.read_text() for p in generated.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }, overlay_links(PROJECT / "generated", PROJECT / "handwritten")) == []
    _verify_generation(project, "f85dbe2")
