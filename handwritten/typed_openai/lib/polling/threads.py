# pyright: reportDeprecated=false
# (these helpers wrap the Assistants API, which the official SDK deprecates: their callers are reported)
"""`beta.threads` with `create_and_run_poll`: create a thread and a run, wait for the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from typed_openai._core import Omit, omit
from typed_openai.resources.beta.threads import AsyncThreads, CreateThreadAndRunKeywords, Threads
from typed_openai.resources.beta.threads.runs import AsyncRuns, Runs

from .._signatures import keywords_of
from ._flow import PollOptions
from ._request_options import RequestOptions
from .runs import poll_run, poll_run_async

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import Run

__all__ = ["AsyncThreadsWithPolling", "ThreadsWithPolling"]


class ThreadsWithPolling(Threads):
    """Threads, plus `create_and_run_poll` (see `RunsWithPolling` for how polling works)."""

    @keywords_of(Threads.create_and_run)
    def create_and_run_poll(
        self,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateThreadAndRunKeywords],
    ) -> Run:
        """Create a thread and run it (every argument of `create_and_run` but `stream`),
        then poll the run until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = self.create_and_run(stream=False, **params)
        # The generated Runs is enough to retrieve: whichever class the config puts at
        # `self.runs` (this module does not depend on that choice).
        return poll_run(Runs(self._client), run.id, run.thread_id, options, RequestOptions.after_create(params), last=run)


class AsyncThreadsWithPolling(AsyncThreads):
    """Async twin of `ThreadsWithPolling`."""

    @keywords_of(AsyncThreads.create_and_run)
    async def create_and_run_poll(
        self,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateThreadAndRunKeywords],
    ) -> Run:
        """Create a thread and run it (every argument of `create_and_run` but `stream`),
        then poll the run until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = await self.create_and_run(stream=False, **params)
        request = RequestOptions.after_create(params)
        return await poll_run_async(AsyncRuns(self._client), run.id, run.thread_id, options, request, last=run)
