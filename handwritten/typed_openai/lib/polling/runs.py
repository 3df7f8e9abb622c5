# pyright: reportDeprecated=false
# (these helpers wrap the Assistants API, which the official SDK deprecates: their callers are reported)
"""`beta.threads.runs` with `poll`, `create_and_poll` and `submit_tool_outputs_and_poll`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from typed_openai._core import Body, Headers, LegacyAPIResponse, Omit, Query, Timeout, omit
from typed_openai.resources.beta.threads.runs import AsyncRuns, CreateRunKeywords, Runs, SubmitToolOuputsToRunKeywords

from .._signatures import keywords_of
from ._drivers import async_sleep, poll_async, poll_sync, sync_sleep
from ._flow import PollOptions
from ._request_options import RequestOptions
from ._targets import run_target

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import Run

__all__ = ["AsyncRunsWithPolling", "RunsWithPolling", "poll_run", "poll_run_async"]

def poll_run(
    runs: Runs,
    run_id: str,
    thread_id: str,
    options: PollOptions,
    request: RequestOptions,
    *,
    last: Run | None = None,
) -> Run:
    """Retrieve run `run_id` until its status is final (`last`: the run already in hand)."""

    def fetch() -> LegacyAPIResponse[Run]:
        return runs.with_raw_response.retrieve(
            run_id,
            thread_id=thread_id,
            extra_headers=request.extra_headers,
            extra_query=request.extra_query,
            extra_body=request.extra_body,
            timeout=request.timeout,
        )

    return poll_sync(run_target(run_id, thread_id), options, fetch=fetch, sleep=sync_sleep(runs), last=last)


async def poll_run_async(
    runs: AsyncRuns,
    run_id: str,
    thread_id: str,
    options: PollOptions,
    request: RequestOptions,
    *,
    last: Run | None = None,
) -> Run:
    """Async twin of `poll_run`."""

    async def fetch() -> LegacyAPIResponse[Run]:
        return await runs.with_raw_response.retrieve(
            run_id,
            thread_id=thread_id,
            extra_headers=request.extra_headers,
            extra_query=request.extra_query,
            extra_body=request.extra_body,
            timeout=request.timeout,
        )

    return await poll_async(run_target(run_id, thread_id), options, fetch=fetch, sleep=async_sleep(runs), last=last)


class RunsWithPolling(Runs):
    """Runs, plus helpers that wait until a run stops (`Run.status` is final).

    A run stops at `requires_action` too: submit the tool outputs, then poll again.
    Polling waits `poll_interval_ms` when given, else the server's
    `openai-poll-after-ms` hint of each response, else one second. `max_wait_seconds`
    bounds the wait and raises `PollingTimeoutError` with the last run seen; the run
    itself goes on. The `extra_*` options and `timeout` apply to every request, except
    `extra_body`, which `*_and_poll` only sends with the create or submit request.
    """

    def poll(
        self,
        run_id: str,
        thread_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> Run:
        """Retrieve the run until its status is final, and return it."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        return poll_run(self, run_id, thread_id, options, RequestOptions(extra_headers, extra_query, extra_body, timeout))

    @keywords_of(Runs.create)
    def create_and_poll(
        self,
        thread_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateRunKeywords],
    ) -> Run:
        """Create a run (every argument of `create` but `stream`), then poll it until its
        status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = self.create(thread_id, stream=False, **params)
        return poll_run(self, run.id, run.thread_id, options, RequestOptions.after_create(params), last=run)

    @keywords_of(Runs.submit_tool_outputs)
    def submit_tool_outputs_and_poll(
        self,
        run_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[SubmitToolOuputsToRunKeywords],
    ) -> Run:
        """Submit tool outputs to a run waiting for them, then poll it until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = self.submit_tool_outputs(run_id, stream=False, **params)
        return poll_run(self, run.id, run.thread_id, options, RequestOptions.after_create(params), last=run)


class AsyncRunsWithPolling(AsyncRuns):
    """Async twin of `RunsWithPolling`."""

    async def poll(
        self,
        run_id: str,
        thread_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> Run:
        """Retrieve the run until its status is final, and return it."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        request = RequestOptions(extra_headers, extra_query, extra_body, timeout)
        return await poll_run_async(self, run_id, thread_id, options, request)

    @keywords_of(AsyncRuns.create)
    async def create_and_poll(
        self,
        thread_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateRunKeywords],
    ) -> Run:
        """Create a run (every argument of `create` but `stream`), then poll it until its
        status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = await self.create(thread_id, stream=False, **params)
        return await poll_run_async(self, run.id, run.thread_id, options, RequestOptions.after_create(params), last=run)

    @keywords_of(AsyncRuns.submit_tool_outputs)
    async def submit_tool_outputs_and_poll(
        self,
        run_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[SubmitToolOuputsToRunKeywords],
    ) -> Run:
        """Submit tool outputs to a run waiting for them, then poll it until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = await self.submit_tool_outputs(run_id, stream=False, **params)
        return await poll_run_async(self, run.id, run.thread_id, options, RequestOptions.after_create(params), last=run)
