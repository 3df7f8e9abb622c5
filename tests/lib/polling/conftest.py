"""Fixtures for the polling tests: a mock API server on 127.0.0.1 and a fake clock.

The fake clock stands in for both the deadline's clock and the client's sleep (polling
waits and retry backoff alike): sleeping advances it, so no test waits for real.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.lib.polling import _drivers
from typed_openai.testing import MockServer


class FakeClock:
    """Monotonic time that only moves when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(_drivers, "monotonic", fake.monotonic)
    return fake


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        yield running


@pytest.fixture
def client(server: MockServer, clock: FakeClock) -> Iterator[OpenAI]:
    with OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=2) as opened:
        opened._sleep = clock.sleep  # type: ignore[method-assign]  # the client's test hook
        yield opened


@pytest.fixture
def async_client(server: MockServer, clock: FakeClock) -> AsyncOpenAI:
    # Not closed here: the connection pool belongs to the test's event loop.
    opened = AsyncOpenAI(base_url=server.base_url, api_key="sk-test", max_retries=2)
    opened._sleep = clock.async_sleep  # type: ignore[method-assign]  # the client's test hook
    return opened
