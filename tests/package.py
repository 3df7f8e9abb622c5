"""The package as users get it: the wheel, built from both source roots and unpacked.

Type checkers run here because this is what ships. (The checkout resolves the same way:
`generated/typed_openai/` links to the handwritten subpackages, see the README; the typing
corpus is checked in both.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def build_wheel(out_dir: Path, project: Path = PROJECT) -> Path:
    """Build the wheel of `project` (a checkout or a copy of one) with the current
    interpreter's hatchling; return its path."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir), str(project)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (wheel,) = out_dir.glob("typed_openai-*.whl")
    return wheel


def unpack(wheel: Path, dest: Path) -> Path:
    """Unpack a pure-Python wheel: the result is the installed package's layout."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(dest)
    return dest


def pyright_argv(root: Path, targets: list[str]) -> list[str]:
    """`pyright --strict` over `targets` in `root`, resolving dependencies through this interpreter.

    An explicit config keeps pyright from picking up one from a parent directory.
    """
    config = root / "pyrightconfig.json"
    config.write_text(json.dumps({"include": targets, "typeCheckingMode": "strict", "pythonVersion": "3.11"}))
    return [sys.executable, "-m", "pyright", "--project", str(config), "--pythonpath", sys.executable]


def mypy_argv(targets: list[str]) -> list[str]:
    """`mypy --strict` with the project's settings (the pydantic plugin) over `-p` packages."""
    argv = [sys.executable, "-m", "mypy", "--strict", "--config-file", str(PROJECT / "pyproject.toml")]
    for target in targets:
        argv += ["-p", target]
    return argv
