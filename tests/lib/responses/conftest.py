from __future__ import annotations

from collections.abc import Iterator

import pytest

from typed_openai.testing import MockServer


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s
