"""Chat Completions and Responses routes that answer like the API, for the examples of
the chat and responses helpers (streamed or not, plain text, structured outputs, tools).

Every answer is `DEMO_ANSWER`. With a JSON schema (`response_format` or `text.format`)
the answer is a value that fits the schema, its first string field holding the answer
text; with function tools and a user message last, the model calls the first tool with
arguments that fit its parameters. The routes also answer at Azure's deployment paths
(`/openai/deployments/{deployment}/chat/completions`).
"""

from __future__ import annotations

import json
from typing import Any, Protocol, cast

from ._chat_streams import chat_chunk, chat_choice, chat_content_chunks, chat_stream, chat_tool_call_chunks
from ._demo import DEMO_ANSWER
from ._recording import RecordedRequest
from ._response_streams import ResponseStreamBuilder, response_object
from ._responses import JSONResponse, Responder, Response, SSEResponse, error_response

__all__ = ["example_value", "install_chat_and_responses_demo"]


class _Routable(Protocol):
    def route(self, method: str, path: str, responder: Responder) -> object: ...


def example_value(schema: dict[str, Any], text: str = DEMO_ANSWER) -> Any:
    """A value that fits the JSON schema; the first string in it is `text`."""
    defs = schema.get("$defs", {})
    used = [False]

    def build(node: dict[str, Any]) -> Any:
        if "$ref" in node:
            return build(defs[node["$ref"].rsplit("/", 1)[-1]])
        if "enum" in node:
            return node["enum"][0]
        if "const" in node:
            return node["const"]
        for key in ("anyOf", "oneOf"):
            if key in node:
                options = [option for option in node[key] if option.get("type") != "null"] or node[key]
                return build(options[0])
        kind = node.get("type")
        if kind == "object":
            return {name: build(prop) for name, prop in node.get("properties", {}).items()}
        if kind == "array":
            return [build(node.get("items", {}))]
        if kind == "string":
            if not used[0]:
                used[0] = True
                return text
            return "example"
        if kind == "integer":
            return 1
        if kind == "number":
            return 1.0
        if kind == "boolean":
            return True
        return None

    return build(schema)


def _body(request: RecordedRequest) -> dict[str, Any]:
    body: Any = request.json()
    return cast("dict[str, Any]", body) if isinstance(body, dict) else {}


def _function_tools(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The request's function tools as (name, parameters), chat or Responses shape."""
    found: list[tuple[str, dict[str, Any]]] = []
    tools: list[Any] = body.get("tools") or []
    for tool in tools:
        if isinstance(tool, dict) and cast("dict[str, Any]", tool).get("type") == "function":
            definition: dict[str, Any] = cast("dict[str, Any]", tool).get("function", tool)
            found.append((str(definition.get("name")), definition.get("parameters") or {}))
    return found


def _last_role(items: object) -> str | None:
    if isinstance(items, list) and items:
        last = cast("list[object]", items)[-1]
        if isinstance(last, dict):
            entry = cast("dict[str, Any]", last)
            return str(entry.get("role") or entry.get("type"))
    return "user" if isinstance(items, str) else None


def _chat(request: RecordedRequest) -> Response:
    body = _body(request)
    if not isinstance(body.get("messages"), list) or not body.get("model"):
        return error_response(400, "Missing required parameters: 'model' and 'messages'")
    tools = _function_tools(body)
    answer = DEMO_ANSWER
    response_format: dict[str, Any] = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        answer = json.dumps(example_value(response_format["json_schema"]["schema"]))
    if tools and _last_role(body["messages"]) == "user":
        name, parameters = tools[0]
        chunks = chat_tool_call_chunks([(name, json.dumps(example_value(parameters)))])
    else:
        chunks = chat_content_chunks(answer, chunk_size=8)
    if body.get("stream"):
        return SSEResponse(chat_stream(chunks))
    return JSONResponse(_chat_completion(chunks))


def _chat_completion(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """The non-streamed completion the chunks add up to."""
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    calls: dict[int, dict[str, Any]] = {}
    finish = "stop"
    for chunk in chunks:
        for choice in chunk["choices"]:
            delta: dict[str, Any] = choice["delta"]
            if delta.get("content") is not None:
                message["content"] = (message["content"] or "") + delta["content"]
            calls_delta: list[dict[str, Any]] = delta.get("tool_calls") or []
            for call in calls_delta:
                known = calls.setdefault(call["index"], {"id": call.get("id"), "type": "function", "function": {"name": "", "arguments": ""}})
                function: dict[str, Any] = call.get("function") or {}
                known["function"]["name"] += function.get("name") or ""
                known["function"]["arguments"] += function.get("arguments") or ""
            finish = choice.get("finish_reason") or finish
    if calls:
        message["tool_calls"] = [calls[i] for i in sorted(calls)]
    first = chat_chunk(chat_choice(0))
    usage = {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30}
    return {
        **{k: v for k, v in first.items() if k != "choices"},
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": usage,
    }


def _responses(request: RecordedRequest) -> Response:
    body = _body(request)
    if not body.get("model"):
        return error_response(400, "Missing required parameter: 'model'")
    answer = DEMO_ANSWER
    text: dict[str, Any] = body.get("text") or {}
    text_format: dict[str, Any] = text.get("format") or {}
    if text_format.get("type") == "json_schema":
        answer = json.dumps(example_value(text_format["schema"]))
    builder = ResponseStreamBuilder(chunk_size=8)
    tools = _function_tools(body)
    if tools and _last_role(body.get("input")) in ("user", "message"):
        name, parameters = tools[0]
        builder.function_call(name, json.dumps(example_value(parameters)))
    else:
        builder.message(answer)
    builder.completed()
    if body.get("stream"):
        return SSEResponse(builder.events())
    final = builder.raw()[-1]["response"]
    return JSONResponse(response_object(**{k: v for k, v in final.items() if k != "object"}))


def install_chat_and_responses_demo(server: _Routable) -> None:
    """Add the demo chat completions and responses routes to `server` (a `MockServer`)."""
    server.route("POST", "/chat/completions", _chat)
    server.route("POST", "/openai/deployments/{deployment}/chat/completions", _chat)
    server.route("POST", "/responses", _responses)
