"""The I/O-free polling core, driven by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from typed_openai._core import omit
from typed_openai.lib.polling import PollingTimeoutError
from typed_openai.lib.polling._flow import Fetch, Polled, PollOptions, PollTarget, Sleep, interval_seconds, poll_flow


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("1500", 1.5), (" 200 ", 0.2), ("250.5", 0.2505), ("0", 0.0), ("", 1.0), ("nan", 1.0), ("inf", 1.0), ("-1", 1.0), ("1e3", 1.0)],
)
def test_interval_from_the_header(header: str, seconds: float) -> None:
    assert interval_seconds(omit, {"openai-poll-after-ms": header}) == pytest.approx(seconds)


def test_poll_interval_ms_wins_over_the_header() -> None:
    assert interval_seconds(20, {"openai-poll-after-ms": "5000"}) == 0.02
    assert interval_seconds(omit, {}) == 1.0


@pytest.mark.parametrize("options", [(True, omit), (-1, omit), (omit, -0.1), (omit, float("nan")), (omit, "3")])
def test_bad_options_are_rejected(options: tuple[object, object]) -> None:
    with pytest.raises(ValueError):
        PollOptions(*options)  # type: ignore[arg-type]  # deliberately wrong types


@dataclass
class Job:
    status: str


TARGET = PollTarget[Job]("job 'j1'", lambda job: job.status, frozenset({"done"}), frozenset({"waiting"}))


def test_the_flow_fetches_sleeps_and_returns() -> None:
    flow = poll_flow(TARGET, PollOptions(100, omit), clock=lambda: 0.0)
    assert next(flow) == Fetch()
    assert flow.send(Polled(Job("waiting"), {})) == Sleep(0.1)
    assert flow.send(None) == Fetch()
    with pytest.raises(StopIteration) as stopped:
        flow.send(Polled(Job("done"), {}))
    assert stopped.value.value == Job("done")


def test_the_deadline_cuts_the_last_wait_short_then_raises() -> None:
    now = [0.0]
    flow = poll_flow(TARGET, PollOptions(omit, 1.5), clock=lambda: now[0], last=Job("created"))
    assert next(flow) == Fetch()
    assert flow.send(Polled(Job("waiting"), {})) == Sleep(1.0)
    now[0] = 1.0
    assert flow.send(None) == Fetch()
    assert flow.send(Polled(Job("waiting"), {})) == Sleep(0.5)
    now[0] = 1.5
    assert flow.send(None) == Fetch()
    with pytest.raises(PollingTimeoutError) as raised:
        flow.send(Polled(Job("waiting"), {}))
    assert raised.value.last == Job("waiting")
