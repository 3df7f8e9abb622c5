"""Type-check the user-code corpus against the built wheel, installed in a fresh venv.

    python -m tests.typing.corpus_check [--venv DIR]   # print what differs; exit 1 if anything does

The corpus (`tests/typing/corpus/`) holds user programs, never run, only checked:

- `ok_*.py`: positive cases. Both checkers must report nothing at all.
- `bad_*.py`: negative cases. Every line that must be reported carries a marker naming
  the error kind each checker must give there, and nothing else may be reported:

      run.no_such_field  # E: mypy=attr-defined pyright=reportAttributeAccessIssue

  `mypy=` takes mypy error codes, `pyright=` pyright rule names; several kinds for one
  checker are comma-separated (`mypy=call-arg,arg-type`), and each one must be reported
  on that line. Both checkers must be named; `none` says that checker must report
  nothing there (`mypy=none pyright=reportDeprecated`). Text after ` -- ` is a free comment.

Only errors count (mypy's notes and pyright's information lines are context, not
findings); pyright's warnings count as errors, since a user of `--strict` sees them.
One allowance: on a marked line whose marked pyright error is reported, pyright's
strict-mode echoes of that error (`reportUnknownMemberType`, `...VariableType`,
`...ArgumentType`: the broken expression's type is unknown) are not findings of their
own. Anywhere else they are, as in every positive case.
Both checkers run once over the whole corpus, `mypy --strict` without any plugin and
`pyright --strict`, as a user would run them, with the tools installed in the venv.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from tests import package

CORPUS = Path(__file__).resolve().parent / "corpus"
CHECKERS = ("mypy", "pyright")

_MARKER = re.compile(r"#\s*E:\s*(?P<spec>[^#]*?)\s*(?:--.*)?$")
_ENTRY = re.compile(r"^(?P<checker>[a-z]+)=(?P<codes>[A-Za-z0-9_,-]+)$")


# -- markers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One error a checker reports: where, and its kind (mypy code / pyright rule)."""

    checker: str
    path: Path
    line: int
    kind: str
    message: str = field(default="", compare=False)

    def location(self) -> str:
        return f"{self.path.relative_to(CORPUS.parent)}:{self.line}"


Expected = dict[tuple[str, Path, int], frozenset[str]]


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    files = sorted(corpus.glob("*.py"))
    odd = [f.name for f in files if not f.name.startswith(("ok_", "bad_"))]
    if odd:
        raise ValueError(f"corpus files must be named ok_*.py or bad_*.py: {odd}")
    return files


def parse_markers(path: Path) -> Expected:
    """The `# E:` markers of one file: (checker, path, line) -> the kinds expected there."""
    expected: Expected = {}
    for number, text in enumerate(path.read_text().splitlines(), start=1):
        match = _MARKER.search(text)
        if match is None:
            continue
        where = f"{path.name}:{number}"
        seen: set[str] = set()
        for entry in match["spec"].split():
            parsed = _ENTRY.match(entry)
            if parsed is None or parsed["checker"] not in CHECKERS:
                raise ValueError(f"{where}: bad marker entry {entry!r} (expected mypy=CODE or pyright=RULE)")
            checker = parsed["checker"]
            if checker in seen:
                raise ValueError(f"{where}: {checker} named twice in one marker")
            seen.add(checker)
            codes = parsed["codes"]
            expected[(checker, path, number)] = frozenset() if codes == "none" else frozenset(codes.split(","))
        if seen != set(CHECKERS):
            raise ValueError(f"{where}: the marker must name both checkers, got {sorted(seen)}")
    if path.name.startswith("ok_") and expected:
        raise ValueError(f"{path.name}: a positive case carries `# E:` markers")
    if path.name.startswith("bad_") and not expected:
        raise ValueError(f"{path.name}: a negative case without any `# E:` marker checks nothing")
    return expected


# What pyright --strict adds wherever an expression's type is unknown (see the docstring).
ECHOES = frozenset({"reportUnknownMemberType", "reportUnknownVariableType", "reportUnknownArgumentType"})


def compare(expected: Expected, findings: list[Finding]) -> list[str]:
    """Every difference between the markers and what the checkers reported, one per line."""
    reported: dict[tuple[str, Path, int], dict[str, Finding]] = {}
    for finding in findings:
        reported.setdefault((finding.checker, finding.path, finding.line), {}).setdefault(finding.kind, finding)
    for key, got in reported.items():
        want = expected.get(key, frozenset())
        if key[0] == "pyright" and want and want <= set(got):
            for echo in ECHOES - want:
                got.pop(echo, None)
    problems: list[str] = []
    for key in sorted(set(expected) | set(reported), key=lambda k: (k[1], k[2], k[0])):
        checker, path, line = key
        want = expected.get(key, frozenset())
        got = reported.get(key, {})
        where = f"{path.relative_to(CORPUS.parent)}:{line}"
        for kind in sorted(want - set(got)):
            problems.append(f"{where}: {checker} did not report [{kind}]")
        for kind in sorted(set(got) - want):
            marked = f" (the line is marked for {checker}={','.join(sorted(want))})" if want else ""
            problems.append(f"{where}: {checker} reported [{kind}] {got[kind].message}{marked}")
    return problems


# -- the venv -----------------------------------------------------------------------------


def checker_requirements() -> list[str]:
    """mypy and pyright at the versions the dev environment pins, so results match CI's."""
    return [f"mypy=={metadata.version('mypy')}", f"pyright=={metadata.version('pyright')}"]


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def make_user_venv(work: Path, *, reuse: bool = False) -> Path:
    """Build the wheel and install it, with only its runtime dependencies and the two
    checkers, into a fresh venv under `work`; return the venv's interpreter.

    `reuse`: keep a venv already there and only reinstall the freshly built wheel (for
    iterating on the package; the test always starts from a fresh venv)."""
    dist = work / "dist"
    for old in dist.glob("*.whl"):
        old.unlink()
    wheel = package.build_wheel(dist)
    env = work / "venv"
    python = venv_python(env)
    if reuse and python.exists():
        argv = [str(python), "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(wheel)]
    else:
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
        argv = [str(python), "-m", "pip", "install", "--quiet", str(wheel), *checker_requirements()]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"installing the wheel failed:\n{result.stdout}\n{result.stderr}")
    return python


# -- running the checkers -----------------------------------------------------------------


def run_mypy(python: Path, files: list[Path], work: Path) -> list[Finding]:
    config = work / "mypy.ini"
    config.write_text("[mypy]\n")  # no project settings, no plugin: what a user's bare `--strict` does
    argv = [
        str(python), "-m", "mypy", "--strict", "--config-file", str(config),
        "--cache-dir", str(work / "mypy-cache"), "--output", "json", "--no-error-summary",
        *map(str, files),
    ]  # fmt: skip
    result = subprocess.run(argv, cwd=work, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"mypy failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    findings: list[Finding] = []
    for text in result.stdout.splitlines():
        if not text.strip():
            continue
        row = json.loads(text)
        if row["severity"] != "error":
            continue
        findings.append(
            Finding("mypy", Path(row["file"]).resolve(), row["line"], row["code"] or "misc", row["message"])
        )
    return findings


def run_pyright(python: Path, files: list[Path], work: Path) -> list[Finding]:
    config = work / "pyrightconfig.json"
    # pyright takes `include` entries relative to the config file's directory only
    include = [os.path.relpath(f, work) for f in files]
    config.write_text(json.dumps({"include": include, "typeCheckingMode": "strict"}))
    argv = [str(python), "-m", "pyright", "--project", str(config), "--pythonpath", str(python), "--outputjson"]
    result = subprocess.run(argv, cwd=work, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"pyright failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    report = json.loads(result.stdout)
    analyzed = report["summary"]["filesAnalyzed"]
    if analyzed != len(files):
        raise RuntimeError(f"pyright analyzed {analyzed} files, not the corpus's {len(files)}")
    findings: list[Finding] = []
    for diag in report["generalDiagnostics"]:
        if diag["severity"] not in ("error", "warning"):
            continue
        findings.append(
            Finding(
                "pyright",
                Path(diag["file"]).resolve(),
                diag["range"]["start"]["line"] + 1,
                diag.get("rule", "unknown"),
                " ".join(diag["message"].split()),
            )
        )
    return findings


def check_corpus(python: Path, work: Path, corpus: Path = CORPUS) -> list[str]:
    """Run both checkers over the corpus with `python`'s environment; return the differences."""
    files = [f.resolve() for f in corpus_files(corpus)]
    expected: Expected = {}
    for path in files:
        expected.update(parse_markers(path))
    findings = run_mypy(python, files, work) + run_pyright(python, files, work)
    return compare(expected, findings)


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tests.typing.corpus_check", description=__doc__.split("\n")[0])
    parser.add_argument("--work", help="keep the venv in this directory and reuse it (the wheel is rebuilt)")
    args = parser.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="typed-openai-corpus-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    python = make_user_venv(work, reuse=args.work is not None)
    problems = check_corpus(python, work)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} difference(s) between the corpus's markers and the checkers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
