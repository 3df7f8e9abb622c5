"""The user-code corpus type-checks against the wheel as users install it (issue 6), and
against the editable checkout as developers work in it (issue 15).

Builds the wheel, installs it with only its runtime dependencies (and mypy and pyright)
into a fresh venv, runs `mypy --strict` and `pyright --strict` once each over
`tests/typing/corpus/`, and compares what they report with the corpus's `# E:` markers
(the format is in `corpus_check.py`); then does the same in the development venv.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.typing import corpus_check

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def user_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(work dir, the fresh venv's python), made once per test session."""
    work = tmp_path_factory.mktemp("typing-corpus")
    return work, corpus_check.make_user_venv(work)


def test_the_corpus_is_reported_exactly_as_marked(user_env: tuple[Path, Path]) -> None:
    work, python = user_env
    problems = corpus_check.check_corpus(python, work)
    assert not problems, "the checkers and the corpus's markers differ:\n" + "\n".join(problems)


def test_the_editable_checkout_reports_the_corpus_exactly_as_the_wheel(tmp_path: Path) -> None:
    """The development venv the README sets up (`pip install -e '.[dev]'`, this interpreter)
    resolves the package from `generated/` alone, as the wheel's layout; both checkers
    must report the corpus exactly as marked there too."""
    script = "import typed_openai, typed_openai._core, typed_openai.lib; print(typed_openai.__path__, typed_openai.lib.__file__)"
    where = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    generated = str(corpus_check.CORPUS.parents[2] / "generated" / "typed_openai")
    assert where.startswith(f"[{generated!r}]") and f"{generated}/lib/" in where, where
    problems = corpus_check.check_corpus(Path(sys.executable), tmp_path)
    assert not problems, "in the editable checkout, the checkers and the corpus's markers differ:\n" + "\n".join(problems)


def test_the_venv_has_the_wheel_and_only_its_runtime_dependencies(user_env: tuple[Path, Path]) -> None:
    _work, python = user_env
    script = "import typed_openai; print(typed_openai.__file__)"
    where = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True).stdout
    assert "site-packages" in where, f"typed_openai imported from {where}, not the installed wheel"
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=True
    ).stdout
    installed = {line.split("==")[0].lower().replace("_", "-") for line in listed.splitlines()}
    for dev_only in ("pytest", "hypothesis", "jinja2", "datamodel-code-generator", "openai"):
        assert dev_only not in installed, f"{dev_only} is in the user venv: it is not a runtime dependency"


def test_the_wheel_ships_py_typed(user_env: tuple[Path, Path]) -> None:
    work, _python = user_env
    (wheel,) = (work / "dist").glob("typed_openai-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "typed_openai/py.typed" in names
    assert names.count("typed_openai/py.typed") == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x = 1  # E: mypy=arg-type pyright=reportArgumentType", {"mypy": {"arg-type"}, "pyright": {"reportArgumentType"}}),
        (
            "x = 1  # E: mypy=call-arg,arg-type pyright=reportCallIssue -- why",
            {"mypy": {"call-arg", "arg-type"}, "pyright": {"reportCallIssue"}},
        ),
    ],
)
def test_markers_parse(tmp_path: Path, line: str, expected: dict[str, set[str]]) -> None:
    path = tmp_path / "bad_x.py"
    path.write_text(f"import os\n{line}\n")
    assert corpus_check.parse_markers(path) == {(c, path, 2): frozenset(k) for c, k in expected.items()}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad_x.py", "x = 1  # E: mypy=arg-type\n", "must name both checkers"),
        ("bad_x.py", "x = 1  # E: mypy=a mypy=b pyright=c\n", "named twice"),
        ("bad_x.py", "x = 1  # E: pyre=a mypy=b pyright=c\n", "bad marker entry"),
        ("bad_x.py", "x = 1\n", "checks nothing"),
        ("ok_x.py", "x = 1  # E: mypy=a pyright=b\n", "positive case carries"),
    ],
)
def test_bad_markers_are_refused(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        corpus_check.parse_markers(path)


def test_compare_names_each_difference() -> None:
    corpus = corpus_check.CORPUS
    path = corpus / "bad_x.py"
    expected = {("mypy", path, 3): frozenset({"arg-type"}), ("pyright", path, 3): frozenset({"reportArgumentType"})}
    findings = [
        corpus_check.Finding("mypy", path, 3, "call-arg", "Unexpected keyword"),
        corpus_check.Finding("pyright", path, 3, "reportArgumentType", "bad"),
        corpus_check.Finding("pyright", path, 3, "reportUnknownMemberType", "echo of the marked error"),
        corpus_check.Finding("pyright", path, 7, "reportUnknownMemberType", "unmarked"),
    ]
    assert corpus_check.compare(expected, findings) == [
        "corpus/bad_x.py:3: mypy did not report [arg-type]",
        "corpus/bad_x.py:3: mypy reported [call-arg] Unexpected keyword (the line is marked for mypy=arg-type)",
        "corpus/bad_x.py:7: pyright reported [reportUnknownMemberType] unmarked",
    ]


def _any_variadics(source: str, module: str) -> list[str]:
    """Public functions and methods (not nested, no `_name` in the path) taking `*args: Any`
    or `**kwargs: Any`."""
    import ast

    found: list[str] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                if not child.name.startswith("_"):
                    visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                public = not child.name.startswith("_") or (child.name.startswith("__") and child.name.endswith("__"))
                for arg in (child.args.vararg, child.args.kwarg):
                    annotation = arg.annotation if arg is not None else None
                    if public and arg is not None and annotation is not None and ast.unparse(annotation) in ("Any", "typing.Any"):
                        found.append(f"{module}: {prefix}{child.name}(..{arg.arg}: Any)")
            elif isinstance(child, ast.If | ast.Try):
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def test_no_public_signature_takes_variadic_any(user_env: tuple[Path, Path]) -> None:
    work, _python = user_env
    (wheel,) = (work / "dist").glob("typed_openai-*.whl")
    found: list[str] = []
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith(".py"):
                found += _any_variadics(archive.read(name).decode(), name)
    assert not found, "public signatures with `*args: Any` / `**kwargs: Any`:\n" + "\n".join(found)


def test_the_variadic_any_scan_finds_what_it_should() -> None:
    source = (
        "from typing import Any\n"
        "def public(**kw: Any) -> None: ...\n"
        "def _private(**kw: Any) -> None: ...\n"
        "def fine(**kw: object) -> None: ...\n"
        "class C:\n    def m(self, *a: Any) -> None: ...\n    def __init__(self, **kw: Any) -> None: ...\n"
        "class _Hidden:\n    def m(self, **kw: Any) -> None: ...\n"
    )
    assert _any_variadics(source, "m.py") == [
        "m.py: public(..kw: Any)",
        "m.py: C.m(..a: Any)",
        "m.py: C.__init__(..kw: Any)",
    ]
