# pyright: reportDeprecated=false
# (these helpers wrap the Videos API, which the spec deprecates: their callers are reported)
"""`videos` with `poll` and `create_and_poll`: wait for a video job to finish."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from typed_openai._core import LegacyAPIResponse, Omit, omit
from typed_openai.resources.videos import AsyncVideos as GeneratedAsyncVideos, CreateVideoKeywords, Videos as GeneratedVideos

from .._signatures import keywords_of
from ._drivers import async_sleep, poll_async, poll_sync, sync_sleep
from ._flow import PollOptions, PollTarget
from ._request_options import RequestOptions

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import Video

__all__ = ["AsyncVideos", "Videos"]

_TERMINAL = frozenset({"completed", "failed"})
_PENDING = frozenset({"queued", "in_progress"})


def _target(video_id: str) -> PollTarget[Video]:
    return PollTarget(f"video {video_id!r}", lambda video: str(video.status), _TERMINAL, _PENDING)


class Videos(GeneratedVideos):
    def poll(
        self,
        video_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        request: RequestOptions | None = None,
        last: Video | None = None,
    ) -> Video:
        """Retrieve the video until its status is `completed` or `failed`: every
        `poll_interval_ms`, else as the server's `openai-poll-after-ms` says, else every
        second; `max_wait_seconds` bounds the wait (`PollingTimeoutError`)."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        sent = request or RequestOptions()

        def fetch() -> LegacyAPIResponse[Video]:
            return self.with_raw_response.retrieve(
                video_id, extra_headers=sent.extra_headers, extra_query=sent.extra_query, timeout=sent.timeout
            )

        return poll_sync(_target(video_id), options, fetch=fetch, sleep=sync_sleep(self), last=last)

    @keywords_of(GeneratedVideos.create)
    def create_and_poll(
        self,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateVideoKeywords],
    ) -> Video:
        """Create a video job (every argument of `create`), then poll it until it ends."""
        PollOptions(poll_interval_ms, max_wait_seconds)  # checked before the create request
        video = self.create(**params)
        return self.poll(
            video.id,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
            request=RequestOptions.after_create(params),
            last=video,
        )


class AsyncVideos(GeneratedAsyncVideos):
    async def poll(
        self,
        video_id: str,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        request: RequestOptions | None = None,
        last: Video | None = None,
    ) -> Video:
        """The async twin of `Videos.poll`."""
        options = PollOptions(poll_interval_ms, max_wait_seconds)
        sent = request or RequestOptions()

        async def fetch() -> LegacyAPIResponse[Video]:
            return await self.with_raw_response.retrieve(
                video_id, extra_headers=sent.extra_headers, extra_query=sent.extra_query, timeout=sent.timeout
            )

        return await poll_async(_target(video_id), options, fetch=fetch, sleep=async_sleep(self), last=last)

    @keywords_of(GeneratedAsyncVideos.create)
    async def create_and_poll(
        self,
        *,
        poll_interval_ms: int | Omit = omit,
        max_wait_seconds: float | Omit = omit,
        **params: Unpack[CreateVideoKeywords],
    ) -> Video:
        """The async twin of `Videos.create_and_poll`."""
        PollOptions(poll_interval_ms, max_wait_seconds)
        video = await self.create(**params)
        return await self.poll(
            video.id,
            poll_interval_ms=poll_interval_ms,
            max_wait_seconds=max_wait_seconds,
            request=RequestOptions.after_create(params),
            last=video,
        )
