"""What each kind of object's polling waits for: its final and its in-between statuses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ._flow import PollTarget

# Models for annotations only: each loads when a call parses one.
if TYPE_CHECKING:
    from typed_openai.types import Run, VectorStoreFileBatch, VectorStoreFile

__all__ = ["batch_target", "run_target", "vector_store_file_target"]

# A run also stops at `requires_action`: it waits for the caller's tool outputs.
RUN_TERMINAL = frozenset({"requires_action", "cancelled", "completed", "failed", "expired", "incomplete"})
RUN_PENDING = frozenset({"queued", "in_progress", "cancelling"})
# Vector store files and file batches share their statuses.
FILE_TERMINAL = frozenset({"completed", "failed", "cancelled"})
FILE_PENDING = frozenset({"in_progress"})


class _HasStatus(Protocol):
    @property
    def status(self) -> str: ...


def _status(value: _HasStatus) -> str:
    return value.status


def run_target(run_id: str, thread_id: str) -> PollTarget[Run]:
    return PollTarget(f"run {run_id!r} of thread {thread_id!r}", _status, RUN_TERMINAL, RUN_PENDING)


def vector_store_file_target(file_id: str, vector_store_id: str) -> PollTarget[VectorStoreFile]:
    return PollTarget(
        f"file {file_id!r} of vector store {vector_store_id!r}", _status, FILE_TERMINAL, FILE_PENDING
    )


def batch_target(batch_id: str, vector_store_id: str) -> PollTarget[VectorStoreFileBatch]:
    # The batch's own status, not `file_counts.in_progress == 0`: counts can reach zero
    # a moment before the batch is marked final.
    return PollTarget(
        f"file batch {batch_id!r} of vector store {vector_store_id!r}", _status, FILE_TERMINAL, FILE_PENDING
    )
