"""Fixtures of the compatibility tests: the pinned spec, and both packages' clients."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen.load import load_spec


@pytest.fixture(scope="session")
def pinned_spec(pinned_spec_path: Path) -> dict[str, Any]:
    return load_spec(pinned_spec_path)
