"""The polling loop, written once and free of I/O.

`poll_flow` is a generator: it yields `Fetch` (get the object again) or `Sleep` (wait
that long), and the sync or async driver performs the action and sends back the result.
Everything else (terminal states, the interval, the deadline, the log line for a status
this client does not know) is decided here, so both drivers behave identically.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar, cast

from typed_openai._core import APITimeoutError, Omit, OpenAIError

from ._errors import PollingTimeoutError

__all__ = [
    "DEFAULT_INTERVAL_SECONDS",
    "POLL_AFTER_HEADER",
    "Fetch",
    "PollAction",
    "PollFlow",
    "PollOptions",
    "PollTarget",
    "Polled",
    "Sleep",
    "interval_seconds",
    "poll_flow",
]

log = logging.getLogger("typed_openai")

_T = TypeVar("_T")

DEFAULT_INTERVAL_SECONDS = 1.0
POLL_AFTER_HEADER = "openai-poll-after-ms"


@dataclass(frozen=True)
class Fetch:
    """Retrieve the object once more; send back a `Polled`."""


@dataclass(frozen=True)
class Sleep:
    """Wait `seconds`; send back None."""

    seconds: float


@dataclass(frozen=True)
class Polled(Generic[_T]):
    """One retrieved object and the headers of the response that carried it."""

    value: _T
    headers: Mapping[str, str]


@dataclass(frozen=True)
class PollTarget(Generic[_T]):
    """What is polled: its description, how to read its status, which statuses end it.

    `pending` lists the statuses known to mean "not yet"; any other non-terminal status
    comes from a newer API than this client knows, and polling carries on (with a log
    line) rather than guessing that it is final.
    """

    description: str
    status_of: Callable[[_T], str]
    terminal: frozenset[str]
    pending: frozenset[str]


@dataclass(frozen=True)
class PollOptions:
    """The caller's choices: a fixed interval, and an overall deadline in seconds."""

    poll_interval_ms: int | Omit
    max_wait_seconds: float | Omit

    def __post_init__(self) -> None:
        # Checked before any request so that a bad value costs nothing. As `object`:
        # untyped callers may pass anything.
        interval = cast(object, self.poll_interval_ms)
        if not isinstance(interval, Omit) and (
            isinstance(interval, bool) or not isinstance(interval, int) or interval < 0
        ):
            raise ValueError(f"poll_interval_ms must be an int >= 0, got {interval!r}")
        wait = cast(object, self.max_wait_seconds)
        if not isinstance(wait, Omit) and (
            isinstance(wait, bool)
            or not isinstance(wait, (int, float))
            or not math.isfinite(wait)
            or wait < 0
        ):
            raise ValueError(f"max_wait_seconds must be a finite number >= 0, got {wait!r}")


PollAction: TypeAlias = Fetch | Sleep
PollFlow: TypeAlias = Generator[PollAction, Polled[_T] | None, _T]


def interval_seconds(poll_interval_ms: int | Omit, headers: Mapping[str, str]) -> float:
    """How long to wait before the next request.

    The caller's `poll_interval_ms` wins; otherwise the server's `openai-poll-after-ms`
    of this very response (it may change from one response to the next); otherwise one
    second. A header that is not a finite number >= 0 is ignored, never fatal.
    """
    if not isinstance(poll_interval_ms, Omit):
        return poll_interval_ms / 1000
    raw = headers.get(POLL_AFTER_HEADER)
    if raw is None:
        return DEFAULT_INTERVAL_SECONDS
    try:
        milliseconds = float(raw.strip())
    except ValueError:
        milliseconds = math.nan
    if not math.isfinite(milliseconds) or milliseconds < 0:
        log.warning(
            "Ignoring malformed %s header %r; polling again in %s s",
            POLL_AFTER_HEADER,
            raw,
            DEFAULT_INTERVAL_SECONDS,
        )
        return DEFAULT_INTERVAL_SECONDS
    return milliseconds / 1000


def poll_flow(
    target: PollTarget[_T],
    options: PollOptions,
    *,
    clock: Callable[[], float],
    last: _T | None = None,
) -> PollFlow[_T]:
    """Fetch until the status is terminal; return that object.

    The deadline (`max_wait_seconds`) is only checked after a fetch, so the object is
    always fetched once more after the last wait, and a deadline of 0 means "look once".
    On expiry `PollingTimeoutError` carries the last object seen (`last` is the created
    object for the `*_and_poll` helpers). An API error during a fetch (retries already
    spent by the client) gets a note naming the object and its last status.
    """
    deadline = (
        None
        if isinstance(options.max_wait_seconds, Omit)
        else clock() + options.max_wait_seconds
    )
    unknown_seen: set[str] = set()
    while True:
        try:
            polled = yield Fetch()
        except APITimeoutError as exc:
            if deadline is not None and clock() >= deadline:  # cut off by max_wait_seconds
                raise _timed_out(target, options, last) from exc
            exc.add_note(f"while polling {target.description}; {_last_status(target, last)}")
            raise
        except OpenAIError as exc:
            exc.add_note(f"while polling {target.description}; {_last_status(target, last)}")
            raise
        if polled is None:
            raise RuntimeError("the polling driver must send a Polled after Fetch")
        last = polled.value
        status = target.status_of(last)
        if status in target.terminal:
            return last
        if status not in target.pending and status not in unknown_seen:
            unknown_seen.add(status)
            log.warning(
                "%s has status %r, which this client does not know; "
                "polling continues until a known final status or the deadline",
                target.description.capitalize(),
                status,
            )
        wait = interval_seconds(options.poll_interval_ms, polled.headers)
        if deadline is not None:
            remaining = deadline - clock()
            if remaining <= 0:
                raise _timed_out(target, options, last)
            wait = min(wait, remaining)
        yield Sleep(wait)


def _timed_out(target: PollTarget[_T], options: PollOptions, last: _T | None) -> PollingTimeoutError[_T]:
    status = "without a status seen" if last is None else f"still {target.status_of(last)!r}"
    return PollingTimeoutError(
        f"{target.description.capitalize()} is {status} after max_wait_seconds={options.max_wait_seconds}",
        last=last,
    )


def _last_status(target: PollTarget[_T], last: _T | None) -> str:
    if last is None:
        return "no status seen yet"
    return f"last status seen: {target.status_of(last)!r}"
