"""Assistant streaming: event handlers, stream managers, and delta accumulation."""

from ._accumulate import accumulate_message_delta, accumulate_run_step_delta, merge_delta
from ._errors import StreamNotFinishedError
from ._handler import AssistantEventHandler, AsyncAssistantEventHandler
from ._managers import AssistantStreamManager, AsyncAssistantStreamManager

__all__ = [
    "AssistantEventHandler",
    "AssistantStreamManager",
    "AsyncAssistantEventHandler",
    "AsyncAssistantStreamManager",
    "StreamNotFinishedError",
    "accumulate_message_delta",
    "accumulate_run_step_delta",
    "merge_delta",
]
