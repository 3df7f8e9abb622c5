"""The per-request options a helper passes on to each of its polling requests."""

from __future__ import annotations

from dataclasses import dataclass

from typed_openai._core import Body, Headers, Omit, Query, Timeout, omit

__all__ = ["RequestOptions"]


@dataclass(frozen=True)
class RequestOptions:
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | Omit = omit

    def without_body(self) -> RequestOptions:
        """For the retrieves after a create: `extra_body` belonged to the create request."""
        return RequestOptions(self.extra_headers, self.extra_query, None, self.timeout)
