"""A small stateful mock of the API beyond Assistants: enough for programs copied from
OpenAI's docs to run (chat, responses, embeddings, files, vector stores, models,
moderations, text to speech). Every answer is a schema-valid object (see `_api_objects`).

Chat and responses answer with a fixed text (`DEMO_CHAT_ANSWER` unless given), plain or
streamed with `"stream": true`. Files are kept in memory, with their content; a vector
store counts the files attached to it, and every attachment is processed at once (a
poller sees `completed` on its first look). Missing required parameters get the API's
400, unknown ids its 404.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from ._api_objects import (
    chat_completion_object,
    deleted_object,
    embedding_list_object,
    model_object,
    moderation_object,
    response_object,
    response_stream,
    vector_store_object,
)
from ._file_objects import file_object, vector_store_file_batch_object, vector_store_file_object
from ._recording import RecordedRequest, RequestBodyError
from ._responses import BytesResponse, JSONResponse, Responder, Response, SSEResponse, error_response
from ._streams import chat_completion_stream

__all__ = ["DEMO_CHAT_ANSWER", "DEMO_MODELS", "install_api_demo"]

DEMO_CHAT_ANSWER = "This is a test. The local mock server answered your request."
DEMO_MODELS = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "text-embedding-3-small", "omni-moderation-latest")
_FILE_PURPOSES = {"assistants", "batch", "fine-tune", "vision", "user_data", "evals"}
_EMBEDDING_DIMENSIONS = {"text-embedding-3-large": 3072}


class _Routable(Protocol):
    def route(self, method: str, path: str, responder: Responder) -> object: ...


def install_api_demo(server: _Routable, *, answer: str = DEMO_CHAT_ANSWER, chunk_size: int = 8) -> None:
    """Add the demo routes of chat, responses, embeddings, files, vector stores, models
    and moderations to `server` (a `MockServer`)."""
    demo = _APIDemo(answer, chunk_size)
    handlers: dict[tuple[str, str], Callable[[RecordedRequest], Response]] = {
        ("POST", "/chat/completions"): demo.create_chat_completion,
        ("POST", "/responses"): demo.create_response,
        ("GET", "/responses/{response_id}"): demo.retrieve_response,
        ("POST", "/embeddings"): demo.create_embedding,
        ("POST", "/moderations"): demo.create_moderation,
        ("POST", "/audio/speech"): demo.create_speech,
        ("GET", "/models"): demo.list_models,
        ("GET", "/models/{model}"): demo.retrieve_model,
        ("POST", "/files"): demo.create_file,
        ("GET", "/files"): demo.list_files,
        ("GET", "/files/{file_id}"): demo.retrieve_file,
        ("GET", "/files/{file_id}/content"): demo.file_content,
        ("DELETE", "/files/{file_id}"): demo.delete_file,
        ("POST", "/vector_stores"): demo.create_vector_store,
        ("GET", "/vector_stores"): demo.list_vector_stores,
        ("GET", "/vector_stores/{vector_store_id}"): demo.retrieve_vector_store,
        ("POST", "/vector_stores/{vector_store_id}"): demo.update_vector_store,
        ("DELETE", "/vector_stores/{vector_store_id}"): demo.delete_vector_store,
        ("POST", "/vector_stores/{vector_store_id}/files"): demo.attach_file,
        ("GET", "/vector_stores/{vector_store_id}/files"): demo.list_store_files,
        ("GET", "/vector_stores/{vector_store_id}/files/{file_id}"): demo.retrieve_store_file,
        ("DELETE", "/vector_stores/{vector_store_id}/files/{file_id}"): demo.detach_file,
        ("POST", "/vector_stores/{vector_store_id}/file_batches"): demo.create_file_batch,
        ("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}"): demo.retrieve_file_batch,
        ("GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/files"): demo.list_batch_files,
    }
    for (method, path), handler in handlers.items():
        server.route(method, path, demo.guarded(handler))


class _BadRequest(Exception):
    def __init__(self, response: JSONResponse) -> None:
        self.response = response


@dataclass
class _StoredFile:
    object: dict[str, Any]
    content: bytes
    content_type: str


@dataclass
class _VectorStore:
    object: dict[str, Any]
    files: dict[str, dict[str, Any]] = field(default_factory=dict[str, dict[str, Any]])  # file id -> attachment
    batches: dict[str, tuple[dict[str, Any], list[str]]] = field(
        default_factory=dict[str, tuple[dict[str, Any], list[str]]]
    )  # batch id -> (batch, file ids)


class _APIDemo:
    def __init__(self, answer: str, chunk_size: int) -> None:
        self._answer = answer
        self._chunk_size = chunk_size
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self._files: dict[str, _StoredFile] = {}
        self._stores: dict[str, _VectorStore] = {}
        self._responses: dict[str, dict[str, Any]] = {}

    def guarded(self, handler: Callable[[RecordedRequest], Response]) -> Callable[[RecordedRequest], Response]:
        def respond(request: RecordedRequest) -> Response:
            try:
                return handler(request)
            except _BadRequest as bad:
                return bad.response

        return respond

    # -- generation ------------------------------------------------------------------

    def create_chat_completion(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        model = _required_str(body, "model")
        messages = _required(body, "messages")
        if not isinstance(messages, list) or not messages:
            raise _BadRequest(error_response(400, "Invalid 'messages': expected a non-empty array.", param="messages"))
        completion_id = self._new_id("chatcmpl")
        if body.get("stream"):
            options = body.get("stream_options")
            include_usage = isinstance(options, dict) and bool(cast(dict[str, Any], options).get("include_usage"))
            events = chat_completion_stream(
                self._answer, id=completion_id, model=model, chunk_size=self._chunk_size,
                created=_now(), include_usage=include_usage,
            )  # fmt: skip
            return SSEResponse(events)
        return JSONResponse(chat_completion_object(self._answer, id=completion_id, model=model, created=_now()))

    def create_response(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        model = _required_str(body, "model")
        instructions = body.get("instructions")
        instructions = instructions if isinstance(instructions, str) else None
        response_id, message_id = self._new_id("resp"), self._new_id("msg")
        created = _now()
        final = response_object(
            self._answer, id=response_id, model=model, created_at=created,
            instructions=instructions, message_id=message_id,
        )  # fmt: skip
        with self._lock:
            self._responses[response_id] = final
        if body.get("stream"):
            events = response_stream(
                self._answer, id=response_id, model=model, message_id=message_id,
                chunk_size=self._chunk_size, created_at=created, instructions=instructions,
            )  # fmt: skip
            return SSEResponse(events)
        return JSONResponse(final)

    def retrieve_response(self, request: RecordedRequest) -> Response:
        response_id = request.path_params["response_id"]
        with self._lock:
            found = self._responses.get(response_id)
        if found is None:
            return error_response(404, f"Response with id '{response_id}' not found.")
        return JSONResponse(found)

    def create_embedding(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        model = _required_str(body, "model")
        inputs = _texts(_required(body, "input"), "input")
        encoding = body.get("encoding_format", "float")
        if encoding not in ("float", "base64"):
            raise _BadRequest(error_response(400, f"Invalid 'encoding_format': {encoding!r}.", param="encoding_format"))
        dimensions = body.get("dimensions", _EMBEDDING_DIMENSIONS.get(model, 1536))
        if not isinstance(dimensions, int) or dimensions < 1:
            raise _BadRequest(error_response(400, "Invalid 'dimensions': expected a positive integer.", param="dimensions"))
        return JSONResponse(embedding_list_object(inputs, model=model, dimensions=dimensions, encoding_format=encoding))

    def create_moderation(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        inputs = _texts(_required(body, "input"), "input")
        model = body.get("model") or "omni-moderation-latest"
        return JSONResponse(moderation_object(inputs, id=self._new_id("modr"), model=str(model)))

    def create_speech(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        _required_str(body, "model")
        text = _required_str(body, "input")
        _required(body, "voice")
        audio_format = body.get("response_format", "mp3")
        content_types = {"mp3": "audio/mpeg", "opus": "audio/ogg", "aac": "audio/aac", "flac": "audio/flac", "wav": "audio/wav", "pcm": "audio/pcm"}
        if audio_format not in content_types:
            raise _BadRequest(error_response(400, f"Invalid 'response_format': {audio_format!r}.", param="response_format"))
        # Not audio: a deterministic stand-in of a plausible size, 1 KiB per 16 characters.
        frame = hashlib.sha256(text.encode()).digest() * 32
        return BytesResponse(frame * max(1, len(text) // 16), content_type=content_types[audio_format])

    # -- models ----------------------------------------------------------------------

    def list_models(self, request: RecordedRequest) -> Response:
        return JSONResponse({"object": "list", "data": [model_object(name) for name in DEMO_MODELS]})

    def retrieve_model(self, request: RecordedRequest) -> Response:
        name = request.path_params["model"]
        if name not in DEMO_MODELS:
            return error_response(404, f"The model '{name}' does not exist", code="model_not_found", param="model")
        return JSONResponse(model_object(name))

    # -- files -----------------------------------------------------------------------

    def create_file(self, request: RecordedRequest) -> Response:
        try:
            fields, files = request.form(), request.files()
        except RequestBodyError as exc:
            return error_response(400, str(exc))
        purposes = fields.get("purpose") or []
        purpose = purposes[-1] if purposes else None
        if purpose is None:
            return error_response(400, "Missing required parameter: 'purpose'.", param="purpose")
        if purpose not in _FILE_PURPOSES:
            return error_response(400, f"Invalid value for 'purpose': {purpose!r}.", param="purpose")
        uploads = files.get("file") or []
        if not uploads:
            return error_response(400, "Missing required parameter: 'file'.", param="file")
        upload = uploads[-1]
        stored = file_object(
            id=self._new_id("file"), filename=upload.filename, size=len(upload.content),
            purpose=purpose, created_at=_now(),
        )  # fmt: skip
        with self._lock:
            self._files[stored["id"]] = _StoredFile(stored, upload.content, upload.content_type or "application/octet-stream")
        return JSONResponse(stored)

    def list_files(self, request: RecordedRequest) -> Response:
        purpose = _query(request, "purpose")
        with self._lock:
            files = [f.object for f in self._files.values() if purpose is None or f.object["purpose"] == purpose]
        return JSONResponse(_page(request, files))

    def retrieve_file(self, request: RecordedRequest) -> Response:
        return JSONResponse(self._file(request.path_params["file_id"]).object)

    def file_content(self, request: RecordedRequest) -> Response:
        stored = self._file(request.path_params["file_id"])
        return BytesResponse(stored.content, content_type=stored.content_type)

    def delete_file(self, request: RecordedRequest) -> Response:
        file_id = request.path_params["file_id"]
        self._file(file_id)
        with self._lock:
            del self._files[file_id]
            for store in self._stores.values():
                store.files.pop(file_id, None)
        return JSONResponse(deleted_object(file_id, "file"))

    # -- vector stores -----------------------------------------------------------------

    def create_vector_store(self, request: RecordedRequest) -> Response:
        body = _json_object(request)
        name = body.get("name")
        store = _VectorStore(
            vector_store_object(
                id=self._new_id("vs"), name=name if isinstance(name, str) else "", created_at=_now(),
                metadata=cast(dict[str, str], body.get("metadata") or {}),
            )
        )  # fmt: skip
        for file_id in _ids(body.get("file_ids"), "file_ids"):
            self._attach(store, file_id)
        with self._lock:
            self._stores[store.object["id"]] = store
        return JSONResponse(self._store_snapshot(store))

    def list_vector_stores(self, request: RecordedRequest) -> Response:
        with self._lock:
            stores = list(self._stores.values())
        return JSONResponse(_page(request, [self._store_snapshot(store) for store in stores]))

    def retrieve_vector_store(self, request: RecordedRequest) -> Response:
        return JSONResponse(self._store_snapshot(self._store(request)))

    def update_vector_store(self, request: RecordedRequest) -> Response:
        store = self._store(request)
        body = _json_object(request)
        with self._lock:
            for key in ("name", "metadata", "expires_after"):
                if key in body:
                    store.object[key] = body[key]
        return JSONResponse(self._store_snapshot(store))

    def delete_vector_store(self, request: RecordedRequest) -> Response:
        store = self._store(request)
        with self._lock:
            del self._stores[store.object["id"]]
        return JSONResponse(deleted_object(store.object["id"], "vector_store.deleted"))

    def attach_file(self, request: RecordedRequest) -> Response:
        store = self._store(request)
        body = _json_object(request)
        return JSONResponse(self._attach(store, _required_str(body, "file_id")))

    def list_store_files(self, request: RecordedRequest) -> Response:
        store = self._store(request)
        with self._lock:
            attached = list(store.files.values())
        return JSONResponse(_page(request, attached))

    def retrieve_store_file(self, request: RecordedRequest) -> Response:
        return JSONResponse(self._attachment(request))

    def detach_file(self, request: RecordedRequest) -> Response:
        store, attachment = self._store(request), self._attachment(request)
        with self._lock:
            del store.files[attachment["id"]]
        return JSONResponse(deleted_object(attachment["id"], "vector_store.file.deleted"))

    def create_file_batch(self, request: RecordedRequest) -> Response:
        store = self._store(request)
        body = _json_object(request)
        file_ids = _ids(body.get("file_ids"), "file_ids")
        files = body.get("files")
        if isinstance(files, list):
            file_ids += [str(cast(dict[str, Any], f).get("file_id")) for f in cast(list[object], files) if isinstance(f, dict)]
        if not file_ids:
            return error_response(400, "Missing required parameter: 'file_ids'.", param="file_ids")
        for file_id in file_ids:
            self._attach(store, file_id)
        batch = vector_store_file_batch_object(
            id=self._new_id("vsfb"), vector_store_id=store.object["id"], status="completed",
            completed=len(file_ids), created_at=_now(),
        )  # fmt: skip
        with self._lock:
            store.batches[batch["id"]] = (batch, file_ids)
        return JSONResponse(batch)

    def retrieve_file_batch(self, request: RecordedRequest) -> Response:
        batch, _ = self._batch(request)
        return JSONResponse(batch)

    def list_batch_files(self, request: RecordedRequest) -> Response:
        store = self._store(request)
        _, file_ids = self._batch(request)
        with self._lock:
            attached = [store.files[file_id] for file_id in file_ids if file_id in store.files]
        return JSONResponse(_page(request, attached))

    # -- state -----------------------------------------------------------------------

    def _file(self, file_id: str) -> _StoredFile:
        with self._lock:
            stored = self._files.get(file_id)
        if stored is None:
            raise _BadRequest(error_response(404, f"No such File object: {file_id}", param="id"))
        return stored

    def _store(self, request: RecordedRequest) -> _VectorStore:
        store_id = request.path_params["vector_store_id"]
        with self._lock:
            store = self._stores.get(store_id)
        if store is None:
            raise _BadRequest(error_response(404, f"No vector store found with id '{store_id}'."))
        return store

    def _attachment(self, request: RecordedRequest) -> dict[str, Any]:
        store, file_id = self._store(request), request.path_params["file_id"]
        with self._lock:
            attachment = store.files.get(file_id)
        if attachment is None:
            raise _BadRequest(error_response(404, f"No file found with id '{file_id}' in vector store."))
        return attachment

    def _batch(self, request: RecordedRequest) -> tuple[dict[str, Any], list[str]]:
        store, batch_id = self._store(request), request.path_params["batch_id"]
        with self._lock:
            found = store.batches.get(batch_id)
        if found is None:
            raise _BadRequest(error_response(404, f"No file batch found with id '{batch_id}'."))
        return found

    def _attach(self, store: _VectorStore, file_id: str) -> dict[str, Any]:
        size = len(self._file(file_id).content)
        attachment = vector_store_file_object(
            id=file_id, vector_store_id=store.object["id"], status="completed", created_at=_now(), usage_bytes=size
        )
        with self._lock:
            store.files[file_id] = attachment
        return attachment

    def _store_snapshot(self, store: _VectorStore) -> dict[str, Any]:
        with self._lock:
            count = len(store.files)
            used = sum(int(f["usage_bytes"]) for f in store.files.values())
            snapshot = dict(store.object)
        counts = {"in_progress": 0, "completed": count, "failed": 0, "cancelled": 0, "total": count}
        return {**snapshot, "file_counts": counts, "usage_bytes": used}

    def _new_id(self, prefix: str) -> str:
        separator = "-" if prefix in ("file", "chatcmpl", "modr") else "_"
        return f"{prefix}{separator}demo{next(self._counter):06d}"


def _page(request: RecordedRequest, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A cursor page of `items` (oldest first), honouring `order`, `after` and `limit`."""
    ordered = sorted(items, key=lambda item: (item.get("created_at", 0), item["id"]))
    if _query(request, "order") != "asc":
        ordered.reverse()
    after = _query(request, "after")
    if after is not None:
        ids = [item["id"] for item in ordered]
        ordered = ordered[ids.index(after) + 1 :] if after in ids else []
    limit_text = _query(request, "limit")
    limit = int(limit_text) if limit_text and limit_text.isdigit() else 20
    page, more = ordered[:limit], len(ordered) > limit
    return {
        "object": "list",
        "data": page,
        "first_id": page[0]["id"] if page else None,
        "last_id": page[-1]["id"] if page else None,
        "has_more": more,
    }


def _query(request: RecordedRequest, name: str) -> str | None:
    values = request.query.get(name)
    return values[-1] if values else None


def _json_object(request: RecordedRequest) -> dict[str, Any]:
    if not request.body:
        return {}
    try:
        body = request.json()
    except RequestBodyError as exc:
        raise _BadRequest(error_response(400, str(exc))) from exc
    if not isinstance(body, dict):
        raise _BadRequest(error_response(400, "The request body must be a JSON object."))
    return cast(dict[str, Any], body)


def _required(body: dict[str, Any], name: str) -> Any:
    if body.get(name) is None:
        raise _BadRequest(
            error_response(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")
        )
    return body[name]


def _required_str(body: dict[str, Any], name: str) -> str:
    value = _required(body, name)
    if not isinstance(value, str) or not value:
        raise _BadRequest(error_response(400, f"Invalid '{name}': expected a non-empty string.", param=name))
    return value


def _texts(value: Any, name: str) -> list[str]:
    """A string or a list of strings (token arrays are counted as their text)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value:
        items = cast(list[object], value)
        if all(isinstance(item, str) for item in items):
            return [cast(str, item) for item in items]
        if all(isinstance(item, (int, list)) for item in items):
            return [str(item) for item in items]
        # moderation inputs may be content parts: keep the text ones
        texts = [str(cast(dict[str, Any], item).get("text", "")) for item in items if isinstance(item, dict)]
        if texts:
            return texts
    raise _BadRequest(error_response(400, f"Invalid '{name}': expected a string or an array of strings.", param=name))


def _ids(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in cast(list[object], value)):
        raise _BadRequest(error_response(400, f"Invalid '{name}': expected an array of ids.", param=name))
    return list(cast(list[str], value))


def _now() -> int:
    return int(time.time())
