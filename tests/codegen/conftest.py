from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen.config import load_config
from codegen.ir import Resource
from codegen.load import load_spec
from codegen.pipeline import generate_files
from codegen.progress import Progress

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pinned_spec(pinned_spec_path: Path) -> dict[str, Any]:
    return load_spec(pinned_spec_path)


@pytest.fixture(scope="session")
def pinned_generation(pinned_spec: dict[str, Any]) -> tuple[dict[str, str], Resource]:
    return generate_files(pinned_spec, load_config(PROJECT / "spec"), Progress(quiet=True))
