"""A response model's optional field the server left out is None, as in the official SDK,
not the spec's `default` (what the server assumes for a request): `codegen/models.py`.
Tags (one possible value) keep their default; required fields are left as they were."""

from __future__ import annotations

import ast
from typing import Any

from codegen.models import generate_models

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Usage": {
                "type": "object",
                "required": ["total", "kind"],
                "properties": {
                    "total": {"type": "integer", "default": 0},
                    "kind": {"type": "string", "enum": ["usage", "other"], "default": "usage"},
                    "audio_tokens": {"type": "integer", "default": 0},
                    "quality": {"type": "string", "enum": ["low", "auto"], "default": "auto"},
                    "type": {"type": "string", "enum": ["usage"], "default": "usage"},
                    "details": {
                        "type": "object",
                        "properties": {"cached": {"type": "integer", "default": 0}},
                    },
                },
            }
        }
    },
}


def _fields(source: str) -> dict[str, str]:
    """`Class.field` -> its source line, for every field of every class."""
    found: dict[str, str] = {}
    for cls in ast.parse(source).body:
        if isinstance(cls, ast.ClassDef):
            for node in cls.body:
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    found[f"{cls.name}.{node.target.id}"] = ast.unparse(node)
    return found


def test_optional_fields_default_to_none_and_required_ones_keep_their_default() -> None:
    fields = _fields(generate_models(SPEC, {}).models)
    assert fields["Usage.audio_tokens"] == "audio_tokens: int | None = None"
    assert fields["Usage.quality"] == "quality: Literal['low', 'auto'] | None = None"
    assert fields["UsageDetails.cached"] == "cached: int | None = None"  # nested objects too
    assert fields["Usage.total"].startswith("total: int")  # required: as datamodel-code-generator makes it
    assert fields["Usage.kind"].startswith("kind: Literal['usage', 'other']")
    assert fields["Usage.type"] == "type: Literal['usage'] = 'usage'"  # a tag


def test_request_shapes_are_unchanged() -> None:
    schema = SPEC["components"]["schemas"]["Usage"]
    generate_models(SPEC, {})
    assert schema["properties"]["audio_tokens"] == {"type": "integer", "default": 0}  # the spec is not edited
