"""`beta.threads` with `create_and_run_poll`: create a thread and a run, wait for the run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from typed_openai._core import Body, Headers, Omit, Query, Timeout, omit
from typed_openai.resources.beta.threads import AsyncThreads, Threads
from typed_openai.resources.beta.threads.runs import AsyncRuns, Runs
from typed_openai.types._models import RunObject

from ._flow import PollOptions
from ._request_options import RequestOptions
from .runs import poll_run, poll_run_async

if TYPE_CHECKING:
    from typed_openai.types._params import (
        AssistantsApiResponseFormatOptionParam,
        AssistantsApiToolChoiceOptionParam,
        CreateThreadAndRunRequestParamMaxCompletionTokensParam,
        CreateThreadAndRunRequestParamMaxPromptTokensParam,
        CreateThreadAndRunRequestParamTemperatureParam,
        CreateThreadAndRunRequestParamToolResourcesParam,
        CreateThreadAndRunRequestParamToolsParam,
        CreateThreadAndRunRequestParamTopPParam,
        CreateThreadRequestParam,
        MetadataParam,
        ParallelToolCallsParam,
        TruncationObjectParam,
    )

__all__ = ["AsyncThreadsWithPolling", "ThreadsWithPolling"]


class ThreadsWithPolling(Threads):
    """Threads, plus `create_and_run_poll` (see `RunsWithPolling` for how polling works)."""

    def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        thread: CreateThreadRequestParam | Omit = omit,
        model: str | Literal['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-2025-08-07', 'gpt-5-mini-2025-08-07', 'gpt-5-nano-2025-08-07', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14', 'gpt-4o', 'gpt-4o-2024-11-20', 'gpt-4o-2024-08-06', 'gpt-4o-2024-05-13', 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 'gpt-4.5-preview', 'gpt-4.5-preview-2025-02-27', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4-0125-preview', 'gpt-4-turbo-preview', 'gpt-4-1106-preview', 'gpt-4-vision-preview', 'gpt-4', 'gpt-4-0314', 'gpt-4-0613', 'gpt-4-32k', 'gpt-4-32k-0314', 'gpt-4-32k-0613', 'gpt-3.5-turbo', 'gpt-3.5-turbo-16k', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-1106', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo-16k-0613'] | None | Omit = omit,
        instructions: str | None | Omit = omit,
        tools: CreateThreadAndRunRequestParamToolsParam | None | Omit = omit,
        tool_resources: CreateThreadAndRunRequestParamToolResourcesParam | None | Omit = omit,
        metadata: MetadataParam | Omit = omit,
        temperature: CreateThreadAndRunRequestParamTemperatureParam | None | Omit = omit,
        top_p: CreateThreadAndRunRequestParamTopPParam | None | Omit = omit,
        max_prompt_tokens: CreateThreadAndRunRequestParamMaxPromptTokensParam | None | Omit = omit,
        max_completion_tokens: CreateThreadAndRunRequestParamMaxCompletionTokensParam | None | Omit = omit,
        truncation_strategy: TruncationObjectParam | None | Omit = omit,
        tool_choice: AssistantsApiToolChoiceOptionParam | None | Omit = omit,
        parallel_tool_calls: ParallelToolCallsParam | Omit = omit,
        response_format: AssistantsApiResponseFormatOptionParam | None | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> RunObject:
        """Create a thread and run it, then poll the run until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = self.create_and_run(
            assistant_id=assistant_id,
            thread=thread,
            model=model,
            instructions=instructions,
            tools=tools,
            tool_resources=tool_resources,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            stream=False,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        # The generated Runs is enough to retrieve: whichever class the config puts at
        # `self.runs` (this module does not depend on that choice).
        request = RequestOptions(extra_headers, extra_query, None, timeout)
        return poll_run(Runs(self._client), run.id, run.thread_id, options, request, last=run)


class AsyncThreadsWithPolling(AsyncThreads):
    """Async twin of `ThreadsWithPolling`."""

    async def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        thread: CreateThreadRequestParam | Omit = omit,
        model: str | Literal['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-2025-08-07', 'gpt-5-mini-2025-08-07', 'gpt-5-nano-2025-08-07', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14', 'gpt-4o', 'gpt-4o-2024-11-20', 'gpt-4o-2024-08-06', 'gpt-4o-2024-05-13', 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 'gpt-4.5-preview', 'gpt-4.5-preview-2025-02-27', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4-0125-preview', 'gpt-4-turbo-preview', 'gpt-4-1106-preview', 'gpt-4-vision-preview', 'gpt-4', 'gpt-4-0314', 'gpt-4-0613', 'gpt-4-32k', 'gpt-4-32k-0314', 'gpt-4-32k-0613', 'gpt-3.5-turbo', 'gpt-3.5-turbo-16k', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-1106', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo-16k-0613'] | None | Omit = omit,
        instructions: str | None | Omit = omit,
        tools: CreateThreadAndRunRequestParamToolsParam | None | Omit = omit,
        tool_resources: CreateThreadAndRunRequestParamToolResourcesParam | None | Omit = omit,
        metadata: MetadataParam | Omit = omit,
        temperature: CreateThreadAndRunRequestParamTemperatureParam | None | Omit = omit,
        top_p: CreateThreadAndRunRequestParamTopPParam | None | Omit = omit,
        max_prompt_tokens: CreateThreadAndRunRequestParamMaxPromptTokensParam | None | Omit = omit,
        max_completion_tokens: CreateThreadAndRunRequestParamMaxCompletionTokensParam | None | Omit = omit,
        truncation_strategy: TruncationObjectParam | None | Omit = omit,
        tool_choice: AssistantsApiToolChoiceOptionParam | None | Omit = omit,
        parallel_tool_calls: ParallelToolCallsParam | Omit = omit,
        response_format: AssistantsApiResponseFormatOptionParam | None | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | Omit = omit,
    ) -> RunObject:
        """Create a thread and run it, then poll the run until its status is final."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        run = await self.create_and_run(
            assistant_id=assistant_id,
            thread=thread,
            model=model,
            instructions=instructions,
            tools=tools,
            tool_resources=tool_resources,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            stream=False,
            max_prompt_tokens=max_prompt_tokens,
            max_completion_tokens=max_completion_tokens,
            truncation_strategy=truncation_strategy,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        request = RequestOptions(extra_headers, extra_query, None, timeout)
        return await poll_run_async(AsyncRuns(self._client), run.id, run.thread_id, options, request, last=run)
