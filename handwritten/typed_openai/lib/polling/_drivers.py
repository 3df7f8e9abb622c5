"""Thin sync and async drivers of `poll_flow`: they fetch and sleep, nothing more."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from typed_openai._core import (
    AsyncAPIResource,
    LegacyAPIResponse,
    Omit,
    OpenAIError,
    SyncAPIResource,
    deadline_cap,
)

from ._flow import Fetch, PollAction, PollFlow, Polled, PollOptions, PollTarget, Sleep, poll_flow

__all__ = ["async_sleep", "monotonic", "poll_async", "poll_sync", "sync_sleep"]

_T = TypeVar("_T")

# The deadline's clock, looked up on each call so that tests can replace it with a fake.
monotonic: Callable[[], float] = time.monotonic


def sync_sleep(resource: SyncAPIResource) -> Callable[[float], None]:
    """The client's sleep: `time.sleep`, unless a test injected its own (as for retries)."""
    return resource._client._sleep  # pyright: ignore[reportPrivateUsage]  # the client's injectable hook


def async_sleep(resource: AsyncAPIResource) -> Callable[[float], Awaitable[None]]:
    """The async client's sleep: `anyio.sleep`, unless a test injected its own."""
    return resource._client._sleep  # pyright: ignore[reportPrivateUsage]  # the client's injectable hook


# A fetch may run this much past `max_wait_seconds` (the last look happens at the deadline).
_FETCH_GRACE_SECONDS = 0.05


def _request_deadline(options: PollOptions) -> float | None:
    """When the poll's requests must end, on the clock the client's timeouts use: with
    `max_wait_seconds`, a request in flight cannot hold the poll past its deadline."""
    wait = options.max_wait_seconds
    return None if isinstance(wait, Omit) else time.monotonic() + wait + _FETCH_GRACE_SECONDS


@dataclass(frozen=True)
class _Done(Generic[_T]):
    result: _T


def _advance(flow: PollFlow[_T], outcome: Polled[_T] | OpenAIError | None) -> PollAction | _Done[_T]:
    """The flow's next action, or its result once it has finished."""
    try:
        return flow.throw(outcome) if isinstance(outcome, OpenAIError) else flow.send(outcome)
    except StopIteration as stop:
        result: _T = stop.value
        return _Done(result)


def poll_sync(
    target: PollTarget[_T],
    options: PollOptions,
    *,
    fetch: Callable[[], LegacyAPIResponse[_T]],
    sleep: Callable[[float], None],
    last: _T | None = None,
) -> _T:
    flow = poll_flow(target, options, clock=lambda: monotonic(), last=last)
    requests_end = _request_deadline(options)
    outcome: Polled[_T] | OpenAIError | None = None
    while True:
        step = _advance(flow, outcome)
        outcome = None
        if isinstance(step, Fetch):
            try:
                with deadline_cap(requests_end):
                    response = fetch()
                outcome = Polled(response.parse(), response.headers)
            except OpenAIError as exc:  # handed to the flow, which notes what was polled
                outcome = exc
        elif isinstance(step, Sleep):
            sleep(step.seconds)
        else:
            return step.result


async def poll_async(
    target: PollTarget[_T],
    options: PollOptions,
    *,
    fetch: Callable[[], Awaitable[LegacyAPIResponse[_T]]],
    sleep: Callable[[float], Awaitable[None]],
    last: _T | None = None,
) -> _T:
    flow = poll_flow(target, options, clock=lambda: monotonic(), last=last)
    requests_end = _request_deadline(options)
    outcome: Polled[_T] | OpenAIError | None = None
    while True:
        step = _advance(flow, outcome)
        outcome = None
        if isinstance(step, Fetch):
            try:
                with deadline_cap(requests_end):
                    response = await fetch()
                outcome = Polled(response.parse(), response.headers)
            except OpenAIError as exc:
                outcome = exc
        elif isinstance(step, Sleep):
            await sleep(step.seconds)
        else:
            return step.result
