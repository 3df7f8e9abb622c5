"""Realistic Files and Vector Store objects, with every field the spec marks required.

Shapes follow `FileObject`, `VectorStoreFile` and `VectorStoreFileBatch`
of the pinned OpenAPI spec. As in `_objects.py`, any field can be overridden by keyword,
including fields the spec does not know yet.
"""

from __future__ import annotations

from typing import Any

from ._objects import DEFAULT_CREATED_AT

__all__ = ["file_object", "vector_store_file_batch_object", "vector_store_file_object"]


def file_object(
    *,
    id: str = "file-abc123",
    filename: str = "notes.txt",
    size: int = 120,
    purpose: str = "assistants",
    created_at: int = DEFAULT_CREATED_AT,
    **overrides: object,
) -> dict[str, Any]:
    """An uploaded file (`POST /files`); `size` is its `bytes` field."""
    file: dict[str, Any] = {
        "id": id,
        "object": "file",
        "bytes": size,
        "created_at": created_at,
        "expires_at": None,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "status_details": None,
    }
    return {**file, **overrides}


def vector_store_file_object(
    *,
    id: str = "file-abc123",
    vector_store_id: str = "vs_abc123",
    status: str = "in_progress",
    created_at: int = DEFAULT_CREATED_AT,
    **overrides: object,
) -> dict[str, Any]:
    """A file attached to a vector store; a failed one has a `last_error`."""
    file: dict[str, Any] = {
        "id": id,
        "object": "vector_store.file",
        "usage_bytes": 1024 if status == "completed" else 0,
        "created_at": created_at,
        "vector_store_id": vector_store_id,
        "status": status,
        "last_error": (
            {"code": "unsupported_file", "message": "The file type is not supported."} if status == "failed" else None
        ),
        "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}},
        "attributes": {},
    }
    return {**file, **overrides}


def vector_store_file_batch_object(
    *,
    id: str = "vsfb_abc123",
    vector_store_id: str = "vs_abc123",
    status: str = "in_progress",
    in_progress: int = 0,
    completed: int = 0,
    failed: int = 0,
    cancelled: int = 0,
    created_at: int = DEFAULT_CREATED_AT,
    **overrides: object,
) -> dict[str, Any]:
    """A file batch; `file_counts.total` is the sum of the four counts."""
    batch: dict[str, Any] = {
        "id": id,
        "object": "vector_store.files_batch",
        "created_at": created_at,
        "vector_store_id": vector_store_id,
        "status": status,
        "file_counts": {
            "in_progress": in_progress,
            "completed": completed,
            "failed": failed,
            "cancelled": cancelled,
            "total": in_progress + completed + failed + cancelled,
        },
    }
    return {**batch, **overrides}
