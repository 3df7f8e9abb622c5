from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from typed_openai import AsyncOpenAI, OpenAI
from typed_openai.testing import MockServer, SSEEvent, SSEResponse
from typed_openai.testing._responses import Response

from .recorder import AsyncRecordingHandler, RecordingHandler
from .scenarios import THREAD


@dataclass
class Played:
    """What one replayed stream left behind."""

    calls: list[tuple[Any, ...]]
    events: list[str]
    run: Any
    steps: list[Any]
    messages: list[Any]
    error: BaseException | None


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as s:
        yield s


def play_sync(server: MockServer, events: list[SSEEvent] | Response, **client_options: Any) -> Played:
    server.route("POST", f"/threads/{THREAD}/runs", SSEResponse(events) if isinstance(events, list) else events)
    handler = RecordingHandler()
    error: BaseException | None = None
    run = steps = messages = None
    with OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, **client_options) as client:
        try:
            with client.beta.threads.runs.stream(thread_id=THREAD, assistant_id="asst_1", event_handler=handler) as stream:
                run, steps, messages = stream.get_final_run(), stream.get_final_run_steps(), stream.get_final_messages()
        except Exception as exc:
            error = exc
    return Played(handler.calls, handler.events, run, steps or [], messages or [], error)


def play_async(server: MockServer, events: list[SSEEvent] | Response, **client_options: Any) -> Played:
    server.route("POST", f"/threads/{THREAD}/runs", SSEResponse(events) if isinstance(events, list) else events)
    handler = AsyncRecordingHandler()

    async def main() -> Played:
        error: BaseException | None = None
        run = steps = messages = None
        async with AsyncOpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, **client_options) as client:
            try:
                async with client.beta.threads.runs.stream(thread_id=THREAD, assistant_id="asst_1", event_handler=handler) as stream:
                    run = await stream.get_final_run()
                    steps, messages = await stream.get_final_run_steps(), await stream.get_final_messages()
            except Exception as exc:
                error = exc
        return Played(handler.calls, handler.events, run, steps or [], messages or [], error)

    return asyncio.run(main())


Player = Callable[..., Played]


@pytest.fixture(params=["sync", "async"])
def play(request: pytest.FixtureRequest, server: MockServer) -> Callable[..., Played]:
    player = play_sync if request.param == "sync" else play_async
    return lambda events, **options: player(server, events, **options)
