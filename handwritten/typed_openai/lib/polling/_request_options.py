"""The per-request options a helper passes on to each of its polling requests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

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

    @classmethod
    def after_create(cls, params: Mapping[str, object]) -> RequestOptions:
        """The options of a `*_and_poll` call's keyword arguments, for the requests after
        its create (`extra_body` belonged to the create request alone)."""
        return cls(
            cast("Headers | None", params.get("extra_headers")),
            cast("Query | None", params.get("extra_query")),
            None,
            cast("Timeout | Omit", params.get("timeout", omit)),
        )
