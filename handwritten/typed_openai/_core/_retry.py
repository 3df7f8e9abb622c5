"""Retry policy as an I/O-free generator, driven by the sync and async clients.

`retry_flow` yields `Send` (the driver sends the request and sends back the response or
the transport error) and `Sleep` (the driver sleeps, sync or async, and sends back None).
It returns the successful response or raises the final error: every retry decision and
delay lives here once.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import TypeAlias

import httpx2

from ._errors import APIError, APITimeoutError, connection_error, status_error
from ._logs import log, logged_url

__all__ = [
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_DELAY",
    "Outcome",
    "RetryFlow",
    "Send",
    "Sleep",
    "backoff_delay",
    "may_resend",
    "retry_after",
    "retry_delay",
    "retry_flow",
    "should_retry",
]


INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
_MAX_SERVER_DELAY = 60.0
_RETRY_STATUSES = frozenset({408, 409, 429})


@dataclass(frozen=True, slots=True)
class Send:
    request: httpx2.Request


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


# Sent back into the flow: a response (the driver has read and closed error bodies), the
# request's failure (a transport error, an undecodable body, a redirect loop), or None
# after a Sleep.
Outcome: TypeAlias = httpx2.Response | httpx2.RequestError | None
RetryFlow: TypeAlias = Generator[Send | Sleep, Outcome, httpx2.Response]


def should_retry(response: httpx2.Response) -> bool:
    """Retry 408/409/429/5xx, unless the server says otherwise with `x-should-retry`."""
    override = response.headers.get("x-should-retry", "").strip().lower()
    if override == "true":
        return True
    if override == "false":
        return False
    return response.status_code in _RETRY_STATUSES or response.status_code >= 500


def retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, then `retry-after` as
    seconds or an HTTP date), if that is a sane value: 0 < delay <= 60 s."""
    delay: float | None = None
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            delay = float(ms) / 1000
        except ValueError:
            delay = None
    if delay is None:
        value = headers.get("retry-after")
        if value is not None:
            try:
                delay = float(value)
            except ValueError:
                parsed = email.utils.parsedate_tz(value)
                if parsed is not None:
                    delay = email.utils.mktime_tz(parsed) - now
    if delay is not None and 0 < delay <= _MAX_SERVER_DELAY:
        return delay
    return None


def backoff_delay(retries_taken: int, random: Callable[[], float]) -> float:
    """0.5 s * 2**n, capped at 8 s, minus up to 25% jitter so clients spread out."""
    base = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 32), MAX_RETRY_DELAY)
    return base * (1 - 0.25 * random())


def retry_delay(
    retries_taken: int,
    response: httpx2.Response | None,
    *,
    random: Callable[[], float],
    now: Callable[[], float] = time.time,
) -> float:
    if response is not None:
        asked = retry_after(response.headers, now())
        if asked is not None:
            return asked
    return backoff_delay(retries_taken, random)


# Failures that prove the server never got the whole request: resending cannot repeat it.
# (A LocalProtocolError is the client refusing its own request before it went out.)
_NOT_RECEIVED = (
    httpx2.ConnectError,
    httpx2.ConnectTimeout,
    httpx2.PoolTimeout,
    httpx2.WriteError,
    httpx2.WriteTimeout,
    httpx2.LocalProtocolError,
)
# Methods whose repetition has the effect of one call (RFC 9110 9.2.2).
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def may_resend(request: httpx2.Request, error: httpx2.TransportError, *, resend_unsafe: bool = False) -> bool:
    """Whether a request that failed in transport may be sent again.

    A POST that timed out while waiting for the answer may have been received and acted
    on (a run created); sending it again could do it twice. Only an idempotent method,
    a failure before the request was fully sent, or the caller's opt-in allows it.
    """
    return resend_unsafe or request.method in _IDEMPOTENT_METHODS or isinstance(error, _NOT_RECEIVED)


def _deadline_passed(request: httpx2.Request) -> APITimeoutError:
    return APITimeoutError(
        request, "The call's deadline (total_timeout or a helper's max_wait_seconds) passed; attempts and retry waits count."
    )


# A timeout this close to the deadline is the deadline (clock granularity).
_DEADLINE_TOLERANCE = 0.005


def _not_retried(outcome: httpx2.Response | httpx2.RequestError, request: httpx2.Request, delay: float) -> APIError:
    """The failure at hand, when waiting `delay` for a retry would pass the deadline: the
    server's own answer (status and body) tells more than a timeout would."""
    error: APIError = (
        status_error(outcome) if isinstance(outcome, httpx2.Response) else connection_error(outcome, request)
    )
    error.add_note(f"Not retried: waiting {delay:.2f} s for a retry would pass the call's deadline (total_timeout).")
    return error


def _fit_timeouts(request: httpx2.Request, remaining: float) -> None:
    """Shorten the next attempt's timeouts to what is left of the call's deadline."""
    if remaining <= 0:
        raise _deadline_passed(request)
    timeouts = dict(request.extensions.get("timeout", {}))
    for phase in ("connect", "read", "write", "pool"):
        current = timeouts.get(phase)
        timeouts[phase] = remaining if current is None else min(current, remaining)
    request.extensions["timeout"] = timeouts


def retry_flow(
    request: httpx2.Request,
    *,
    max_retries: int,
    random: Callable[[], float],
    now: Callable[[], float] = time.time,
    resend_unsafe: bool = False,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> RetryFlow:
    """`deadline` (on `clock`): the whole call, every attempt and wait, ends by then."""
    retries_taken = 0
    while True:
        if deadline is not None:
            _fit_timeouts(request, deadline - clock())
        outcome = yield Send(request)
        can_retry = retries_taken < max_retries
        if isinstance(outcome, httpx2.RequestError):
            if (
                deadline is not None
                and isinstance(outcome, httpx2.TimeoutException)
                and clock() >= deadline - _DEADLINE_TOLERANCE
            ):
                raise _deadline_passed(request) from outcome
            if not isinstance(outcome, httpx2.TransportError):
                # An undecodable body or a redirect loop: sending again would give the same.
                raise connection_error(outcome, request) from outcome
            if can_retry and not may_resend(request, outcome, resend_unsafe=resend_unsafe):
                error = connection_error(outcome, request)
                error.add_note(
                    f"Not retried: the server may have received this {request.method} before the "
                    f"{type(outcome).__name__}, and sending it again could repeat its effect. "
                    "Pass retry_unsafe_requests=True to the client to retry anyway."
                )
                raise error from outcome
            if not can_retry:
                raise connection_error(outcome, request) from outcome
            delay = retry_delay(retries_taken, None, random=random, now=now)
            log.debug(
                "%s %s failed (%s); retrying in %.2f s",
                request.method,
                logged_url(request.url),
                type(outcome).__name__,
                delay,
            )
        elif outcome is None:
            raise RuntimeError(
                "retry_flow expects a response or a transport error after Send"
            )
        elif outcome.status_code < 400:
            log.debug(
                "%s %s -> %d (request id %s)",
                request.method,
                logged_url(request.url),
                outcome.status_code,
                outcome.headers.get("x-request-id"),
            )
            return outcome
        elif can_retry and should_retry(outcome):
            delay = retry_delay(retries_taken, outcome, random=random, now=now)
            log.debug(
                "%s %s returned %d; retrying in %.2f s",
                request.method,
                logged_url(request.url),
                outcome.status_code,
                delay,
            )
        else:
            raise status_error(outcome)
        if deadline is not None and clock() + delay >= deadline:
            unretried = _not_retried(outcome, request, delay)
            raise unretried from outcome if isinstance(outcome, Exception) else None
        yield Sleep(delay)
        retries_taken += 1
