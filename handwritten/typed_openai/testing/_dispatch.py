"""Deciding answers, with no I/O: record the request, route it, catch what breaks."""

from __future__ import annotations

import dataclasses
import itertools
import json
import threading
import traceback

from ._multipart import MultipartError, boundary_of, parse_multipart
from ._recording import RecordedError, RecordedRequest
from ._responses import Responder, Response, error_response
from ._routing import Route, Router

__all__ = ["Dispatcher"]


class Dispatcher:
    """The routes, the records and the decision for each request of one server."""

    def __init__(self) -> None:
        self._router = Router()
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._errors: list[RecordedError] = []
        self._request_ids = itertools.count(1)

    def route(self, method: str, path: str, responder: Responder) -> Route:
        route = Route(method, path, responder)
        self._router.add(route)
        return route

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def errors(self) -> list[RecordedError]:
        with self._lock:
            return list(self._errors)

    def next_request_id(self) -> str:
        return f"req_mock{next(self._request_ids):06d}"

    def answer(self, request: RecordedRequest) -> Response:
        """Record `request` and decide the response; never raises."""
        found = self._router.match(request.method, request.path)
        if found is not None:
            request = dataclasses.replace(request, path_params=found[1])
        with self._lock:
            self._requests.append(request)
        problem = _body_problem(request)
        if problem is not None:
            return error_response(400, problem)
        if found is None:
            return error_response(
                404,
                f"Invalid URL ({request.method} {request.target}): no route on this mock server matches it",
                code="not_found",
            )
        try:
            return found[0].respond(request)
        except Exception as exc:
            return self.record_error(request, exc)

    def record_error(self, request: RecordedRequest | None, exc: BaseException) -> Response:
        """Keep `exc` in `errors`; return the 500 that tells the client about it."""
        text = "".join(traceback.format_exception(exc))
        with self._lock:
            self._errors.append(RecordedError(request, exc, text))
        where = f" answering {request.method} {request.path}" if request else ""
        return error_response(500, f"mock server error{where}: {exc!r}\n{text}")


def _body_problem(request: RecordedRequest) -> str | None:
    """Why a body declared as JSON or multipart cannot be parsed, or None."""
    if not request.body:
        return None
    if request.content_type == "application/json":
        try:
            json.loads(request.body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return f"We could not parse the JSON body of your request ({exc}). The API expects a JSON payload."
    elif request.content_type == "multipart/form-data":
        boundary = boundary_of(request.headers["content-type"])
        if boundary is None:
            return "The multipart/form-data Content-Type has no boundary parameter."
        try:
            parse_multipart(request.body, boundary)
        except MultipartError as exc:
            return f"We could not parse the multipart/form-data body of your request: {exc}."
    return None
