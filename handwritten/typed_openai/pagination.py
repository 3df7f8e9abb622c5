"""The page classes under the official SDK's names (`from typed_openai.pagination import SyncCursorPage`).

The official SDK has one class per cursor field (`last_id`, `next`, the last item's `id`);
here one cursor page follows whichever the API sends, so those names are aliases of it.
"""

from __future__ import annotations

from typed_openai._core import (
    AsyncCursorPage,
    AsyncPageTokenPage,
    AsyncSinglePage,
    SyncCursorPage,
    SyncPageTokenPage,
    SyncSinglePage,
)

__all__ = [
    "AsyncConversationCursorPage",
    "AsyncCursorPage",
    "AsyncNextCursorPage",
    "AsyncPage",
    "AsyncPageTokenPage",
    "AsyncSinglePage",
    "SyncConversationCursorPage",
    "SyncCursorPage",
    "SyncNextCursorPage",
    "SyncPage",
    "SyncPageTokenPage",
    "SyncSinglePage",
]

# A list endpoint that answers with every item at once.
SyncPage = SyncSinglePage
AsyncPage = AsyncSinglePage
# Cursor pages that carry `last_id` (conversation items) or `next`.
SyncConversationCursorPage = SyncCursorPage
AsyncConversationCursorPage = AsyncCursorPage
SyncNextCursorPage = SyncCursorPage
AsyncNextCursorPage = AsyncCursorPage
