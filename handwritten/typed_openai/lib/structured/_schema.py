"""A pydantic model as the strict JSON schema that structured outputs require.

The API's strict mode accepts a subset of JSON Schema: every object closes its properties
(`additionalProperties: false`) and lists all of them as required (an optional field is
written as a nullable type instead), and a `$ref` cannot carry sibling keywords. Pydantic's
own schema is rewritten to fit, leaving the caller's model untouched.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeGuard, cast

import pydantic

__all__ = ["is_model_type", "is_pydantic_dataclass", "to_strict_json_schema"]

JSONSchema = dict[str, Any]


def is_model_type(value: object) -> TypeGuard[type[pydantic.BaseModel]]:
    return inspect.isclass(value) and issubclass(value, pydantic.BaseModel)


def is_pydantic_dataclass(value: object) -> bool:
    """A class made with `@pydantic.dataclasses.dataclass` (or a stdlib dataclass)."""
    return inspect.isclass(value) and dataclasses.is_dataclass(value)


def to_strict_json_schema(model: type[pydantic.BaseModel] | pydantic.TypeAdapter[Any]) -> JSONSchema:
    """The strict JSON schema of a pydantic model (or a `TypeAdapter`), for
    `response_format`, `text.format` or a function tool's `parameters`."""
    if is_model_type(model):
        schema = model.model_json_schema()
    elif isinstance(model, pydantic.TypeAdapter):
        schema = model.json_schema()
    else:
        raise TypeError(f"Expected a pydantic model class or a pydantic.TypeAdapter, got {model!r}")
    return _strict(schema, root=schema, path="#")


def _child(node: object, key: str) -> object:
    """`node[key]` when `node` is an object holding `key`, else None."""
    if isinstance(node, dict):
        return cast("dict[str, object]", node).get(key)
    return None


def _resolve(root: JSONSchema, ref: str) -> JSONSchema:
    if not ref.startswith("#/"):
        raise ValueError(f"Only local `$ref`s (starting with '#/') can be inlined, got {ref!r}")
    node: object = root
    for key in ref[2:].split("/"):
        node = _child(node, key)
        if node is None:
            raise ValueError(f"`$ref: {ref}` does not resolve inside the schema")
    if not isinstance(node, dict):
        raise ValueError(f"`$ref: {ref}` resolves to {node!r}, not a schema object")
    return cast(JSONSchema, node)


def _strict(schema: object, *, root: JSONSchema, path: str) -> JSONSchema:
    """`schema` rewritten in place (it is pydantic's fresh output) and returned."""
    if not isinstance(schema, dict):
        raise TypeError(f"Expected a schema object at {path}, got {schema!r}")
    node = cast(JSONSchema, schema)
    for defs_key in ("$defs", "definitions"):
        defs = node.get(defs_key)
        if isinstance(defs, dict):
            for name, definition in cast(JSONSchema, defs).items():
                _strict(definition, root=root, path=f"{path}/{defs_key}/{name}")
    if node.get("type") == "object":
        node.setdefault("additionalProperties", False)
    properties = node.get("properties")
    if isinstance(properties, dict):
        props = cast(JSONSchema, properties)
        node["required"] = list(props)
        node["properties"] = {
            key: _strict(value, root=root, path=f"{path}/properties/{key}") for key, value in props.items()
        }
    items = node.get("items")
    if isinstance(items, dict):
        node["items"] = _strict(cast(object, items), root=root, path=f"{path}/items")
    any_of = node.get("anyOf")
    if isinstance(any_of, list):
        node["anyOf"] = [_strict(v, root=root, path=f"{path}/anyOf/{i}") for i, v in enumerate(cast("list[object]", any_of))]
    all_of = node.get("allOf")
    if isinstance(all_of, list):
        entries = cast("list[object]", all_of)
        if len(entries) == 1:  # pydantic's wrapper for a described `$ref`: flatten it
            node.pop("allOf")
            node.update(_strict(entries[0], root=root, path=f"{path}/allOf/0"))
        else:
            node["allOf"] = [_strict(v, root=root, path=f"{path}/allOf/{i}") for i, v in enumerate(entries)]
    # A null default says nothing the nullable type does not: strict mode rejects it.
    if "default" in node and node["default"] is None:
        node.pop("default")
    ref = node.get("$ref")
    if isinstance(ref, str) and len(node) > 1:
        # Strict mode forbids keywords beside a `$ref`: inline the target, ours winning.
        target = _resolve(root, ref)
        merged = {**target, **node}
        merged.pop("$ref")
        node.clear()
        node.update(merged)
        return _strict(node, root=root, path=path)  # the inlined part needs the rules too
    return node
