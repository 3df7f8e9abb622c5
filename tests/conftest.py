"""Shared fixtures: where the project and the shared spec files are."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED_SPEC = PROJECT.parent / "shared" / "spec"
PINNED_SPEC = SHARED_SPEC / "openai-openapi-f85dbe2.yaml"
OLDER_SPEC = SHARED_SPEC / "openai-openapi-5162af9.yaml"
OPENAPI30_SPEC = SHARED_SPEC / "openai-openapi-25be478.yaml"


@pytest.fixture(scope="session")
def pinned_spec_path() -> Path:
    if not PINNED_SPEC.is_file():
        pytest.fail(f"the pinned spec is not at {PINNED_SPEC}: check out ../shared beside the project")
    return PINNED_SPEC
