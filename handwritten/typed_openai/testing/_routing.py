"""Routes: a method and a path pattern with `{placeholders}`, and what to answer."""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Sequence
from typing import cast

from ._recording import RecordedRequest
from ._responses import RESPONSE_TYPES, Responder, ResponderFunc, Response

__all__ = ["Route", "Router", "strip_api_prefix"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_API_PREFIX = "/v1"


def strip_api_prefix(path: str) -> str:
    """`/v1/threads` -> `/threads`; other paths are left alone."""
    if path == _API_PREFIX:
        return "/"
    if path.startswith(_API_PREFIX + "/"):
        return path[len(_API_PREFIX) :]
    return path


def _compile(pattern: str) -> tuple[re.Pattern[str], int]:
    """The regex for `pattern` and its count of placeholder-free segments."""
    if not pattern.startswith("/"):
        raise ValueError(f"a path pattern must start with '/', got {pattern!r}")
    names = _PLACEHOLDER.findall(pattern)
    if len(names) != len(set(names)):
        raise ValueError(f"a placeholder name is repeated in {pattern!r}")
    regex = ""
    position = 0
    for match in _PLACEHOLDER.finditer(pattern):
        regex += re.escape(pattern[position : match.start()]) + f"(?P<{match.group(1)}>[^/]+)"
        position = match.end()
    leftover = _PLACEHOLDER.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        raise ValueError(f"unbalanced or invalid placeholder in {pattern!r}: write {{name}}")
    regex += re.escape(pattern[position:])
    literal_segments = sum(1 for segment in pattern.split("/") if segment and "{" not in segment)
    return re.compile(regex), literal_segments


class Route:
    """One route. `requests` and `call_count` say which requests it answered."""

    def __init__(self, method: str, pattern: str, responder: Responder) -> None:
        self.method = method.upper()
        self.pattern = strip_api_prefix(pattern)
        self._regex, self.literal_segments = _compile(self.pattern)
        self._steps = _steps_of(responder, f"{self.method} {self.pattern}")
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []

    def __repr__(self) -> str:
        return f"Route({self.method!r}, {self.pattern!r}, {len(self._steps)} response(s))"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def call_count(self) -> int:
        with self._lock:
            return len(self._requests)

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if method.upper() != self.method:
            return None
        found = self._regex.fullmatch(path)
        if found is None:
            return None
        return {name: urllib.parse.unquote(value) for name, value in found.groupdict().items()}

    def respond(self, request: RecordedRequest) -> Response:
        """The answer to `request`: the next step of a sequence, the last one repeating."""
        with self._lock:
            step = self._steps[min(len(self._requests), len(self._steps) - 1)]
            self._requests.append(request)
        if isinstance(step, RESPONSE_TYPES):
            return step
        result = cast(object, step(request))  # untyped code may return anything
        if not isinstance(result, RESPONSE_TYPES):
            raise TypeError(
                f"the responder {step!r} for {self.method} {self.pattern} returned {result!r}; "
                "a responder function must return a response such as JSONResponse"
            )
        return result


def _steps_of(responder: Responder, where: str) -> tuple[Response | ResponderFunc, ...]:
    candidates: tuple[object, ...]
    if isinstance(responder, (list, tuple)):
        candidates = tuple(cast(Sequence[object], responder))
    else:
        candidates = (responder,)
    if not candidates:
        raise ValueError(f"{where}: a sequence of responses must not be empty")
    steps: list[Response | ResponderFunc] = []
    for candidate in candidates:
        if isinstance(candidate, RESPONSE_TYPES):
            steps.append(candidate)
        elif callable(candidate) and not isinstance(candidate, type):
            # Only its result can be checked (in `respond`), not its signature.
            steps.append(cast(ResponderFunc, candidate))
        else:
            raise TypeError(f"{where}: {candidate!r} is not a response or a function returning one")
    return tuple(steps)


class Router:
    """The routes of one server. The most specific match wins, then the newest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: list[Route] = []

    def add(self, route: Route) -> None:
        with self._lock:
            # Routing the same method and pattern again replaces the old route.
            self._routes = [old for old in self._routes if (old.method, old.pattern) != (route.method, route.pattern)]
            self._routes.append(route)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        with self._lock:
            routes = list(self._routes)
        best: tuple[Route, dict[str, str]] | None = None
        for route in routes:
            params = route.match(method, path)
            # `>=` so that among equally specific routes the newest wins.
            if params is not None and (best is None or route.literal_segments >= best[0].literal_segments):
                best = (route, params)
        return best
