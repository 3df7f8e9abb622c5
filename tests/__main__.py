"""`python -m tests`: everything CI checks, in order, stopping at the first failure.

1. `codegen check`: generated/ is exactly what the pinned spec makes.
2. `mypy --strict` and `pyright --strict` over the whole package, as the built wheel ships
   it; `mypy --strict` and pyright's standard mode over the generator (`codegen/`, whose
   walks over the spec's untyped JSON strict pyright reports as unknown types).
3. pytest, on two workers (pytest-xdist).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests import package

PROJECT = Path(__file__).resolve().parent.parent
PINNED = PROJECT.parent / "shared" / "spec" / "openai-openapi-f85dbe2.yaml"


def _step(title: str, argv: list[str], cwd: Path = PROJECT) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run(argv, cwd=cwd, check=False)
    if result.returncode != 0:
        print(f"== FAILED: {title} (exit {result.returncode})", flush=True)
        sys.exit(result.returncode)


def _together(steps: list[tuple[str, list[str], Path]]) -> None:
    """Run independent steps at once (the machine has two cores), reporting each in turn."""
    running = [(title, subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)) for title, argv, cwd in steps]
    failed = 0
    for title, process in running:
        output, _ = process.communicate()
        print(f"\n== {title}", flush=True)
        print(output, end="", flush=True)
        if process.returncode != 0:
            print(f"== FAILED: {title} (exit {process.returncode})", flush=True)
            failed = failed or process.returncode
    if failed:
        sys.exit(failed)


def main() -> None:
    python = sys.executable
    _step("generated/ matches the pinned spec", [python, "-m", "codegen", "check", "--spec", str(PINNED)])
    with tempfile.TemporaryDirectory(prefix="typed-openai-wheel-") as tmp:
        print("\n== building the wheel", flush=True)
        root = package.unpack(package.build_wheel(Path(tmp) / "dist"), Path(tmp) / "site")
        _together([
            ("mypy --strict over the wheel", package.mypy_argv(["typed_openai"]), root),
            ("pyright --strict over the wheel", package.pyright_argv(root, ["typed_openai"]), root),
        ])
        _together([
            ("mypy --strict over codegen/", package.mypy_argv(["codegen"]), PROJECT),
            ("pyright over codegen/", [python, "-m", "pyright", "--pythonpath", python, "codegen"], PROJECT),
        ])
    # Two workers, one test module each at a time (module fixtures stay in one process):
    # most of the slow tests wait on child processes or sockets, so the two cores overlap.
    _step("pytest", [python, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", *sys.argv[1:]])


if __name__ == "__main__":
    main()
