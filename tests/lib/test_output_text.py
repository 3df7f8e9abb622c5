"""`Response.output_text`: computed from the output, as the official SDK's property."""

from __future__ import annotations

from typing import Any

from typed_openai._core._models import parse_data
from typed_openai.testing import response_object
from typed_openai.types import Response


def _response(output: list[dict[str, Any]]) -> Response:
    return parse_data(Response, response_object("", output=output))


def _message(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed", "content": list(parts)}


def _text(text: str) -> dict[str, Any]:
    return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}


def test_every_output_text_part_of_every_message_in_order() -> None:
    call = {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "f", "arguments": "{}", "status": "completed"}
    response = _response([_message(_text("Hello, ")), call, _message(_text("world"), _text("!"))])
    assert response.output_text == "Hello, world!"


def test_no_text_is_the_empty_string() -> None:
    refusal = {"type": "refusal", "refusal": "I can't help with that."}
    assert _response([_message(refusal)]).output_text == ""
    assert _response([]).output_text == ""


def test_an_item_of_a_newer_type_is_skipped() -> None:
    response = _response([{"type": "hologram", "id": "h_1"}, _message(_text("kept"))])
    assert response.output_text == "kept"


def test_not_a_field_and_not_serialised() -> None:
    response = _response([_message(_text("x"))])
    assert "output_text" not in Response.model_fields
    assert "output_text" not in response.model_dump()
