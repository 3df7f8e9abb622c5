"""Polling helpers: wait for a run, a vector store file or a file batch to finish.

The resource classes with the helpers live in the submodules (`runs`, `threads`,
`vector_store_files`, `file_batches`) and are attached to the client through the
`extensions` of the generator's config; importing this package loads no model.
"""

from ._errors import FileUploadError, PollingTimeoutError

__all__ = ["FileUploadError", "PollingTimeoutError"]
