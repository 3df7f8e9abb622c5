"""The API change report between two specs: what a user of the generated client sees change.

`diff_specs(old, new)` compares two **normalised** specs (`codegen.normalize.normalize`
already applied) and returns a sorted list of `Change`s; `format_text` and `to_json` render
it. Nothing here reads files or the network, so it is tested on small inline specs.

Why normalised specs: the report speaks about the generated client, so its names must be
the client's names (`Error-2` is the class `Error2`; an inline request body is the hoisted
`CreateTranscriptionRequest`), and the four spellings of "may be null" must compare equal
(a spec moving from `nullable: true` to `anyOf: [X, {type: null}]` changes nothing for
users and must not fill the report). Normalising costs a fraction of a second per spec.

What is compared:
- operations, by operationId: added, removed, moved (method or path changed), newly
  deprecated; their path, query and header parameters (the methods' keyword arguments): added,
  removed, made required or optional, type changed; the request body and the success
  response type;
- component schemas: added, removed; per field (`allOf` parents included, inline nested
  objects as `field.sub` and `field[].sub`): added, removed, made required or optional,
  may now be null or no longer null, type changed, enum values added or removed; per
  union schema: variants added or removed; per enum schema: values added or removed.

Each schema is used by requests (reachable through `$ref`s from a request body or a
parameter), by responses (from a response, a webhook payload), or both. A schema no
operation references (the Assistants stream events, which only the config connects to
operations) counts as a response type: users read such types, they do not build them.

Breaking rules (breaking = code written against the old client may fail `mypy --strict`
or fail at run time against the new one):

| change | request | response |
| --- | --- | --- |
| operation or schema removed, operation moved, body or response type changed | yes | yes |
| field or parameter removed, type changed, enum value or union variant removed | yes | yes |
| field or parameter added, required | yes | no |
| field or parameter added, optional; enum value or union variant added | no | no |
| made required | yes (callers must pass it) | no |
| made optional | no | yes (readers now get `X | None`) |
| may now be null | no | yes (readers must handle `None`) |
| no longer null | yes (passing `None` is refused) | no |
| operation deprecated | no | no |

An enum value added to a response is not breaking: the client keeps unknown values
(DESIGN.md invariant 5), though an exhaustive `match` gains a case to handle. A schema
used both ways is breaking if either column says so.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .normalize import REF_PREFIX, object_fields, operations, ref_name, walk

__all__ = ["Change", "ChangeKind", "Usage", "diff_specs", "format_text", "to_json"]

Schema = dict[str, Any]
Usage = Literal["request", "response", "both"]
ChangeKind = Literal[
    "operation-added",
    "operation-removed",
    "operation-moved",
    "operation-deprecated",
    "request-body-changed",
    "response-changed",
    "parameter-added",
    "parameter-removed",
    "schema-added",
    "schema-removed",
    "field-added",
    "field-removed",
    "made-required",
    "made-optional",
    "nullable-added",
    "nullable-removed",
    "type-changed",
    "enum-values-added",
    "enum-values-removed",
    "variants-added",
    "variants-removed",
]


@dataclass(frozen=True, order=True)
class Change:
    """One line of the report. `subject` is an operationId or a schema name; `member` a
    field path (`status`, `required_action.type`) or a parameter (`query after`)."""

    subject: str
    member: str
    kind: ChangeKind
    breaking: bool
    usage: Usage | Literal[""] = ""  # "" for operations and added/removed schemas
    detail: str = ""  # `POST /threads`, `string -> integer`
    values: tuple[str, ...] = field(default=())  # enum values or union variants

    @property
    def where(self) -> str:
        if not self.member:
            return self.subject
        return self.subject + self.member if self.member[0] in "?{" else f"{self.subject}.{self.member}"


# -- what a schema is used for ------------------------------------------------------------


def _refs(node: object) -> set[str]:
    found: set[str] = set()

    def visit(item: dict[str, Any]) -> None:
        ref = item.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            found.add(ref_name(ref))

    walk(node, visit)
    return found


def _reachable(schemas: dict[str, Schema], roots: set[str]) -> set[str]:
    seen: set[str] = set()
    stack = sorted(roots)
    while stack:
        name = stack.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        stack.extend(_refs(schemas[name]) - seen)
    return seen


def _usage(spec: dict[str, Any]) -> dict[str, Usage]:
    schemas = spec.get("components", {}).get("schemas", {})
    request: set[str] = set()
    response: set[str] = set()
    for _path, _method, op in operations(spec):
        request |= _refs(op.get("requestBody", {})) | _refs(op.get("parameters", []))
        response |= _refs(op.get("responses", {}))
    response |= _refs(spec.get("webhooks", {}))  # payloads the API sends to the user
    request, response = _reachable(schemas, request), _reachable(schemas, response)
    usage: dict[str, Usage] = {}
    for name in schemas:
        if name in request and name in response:
            usage[name] = "both"
        else:
            usage[name] = "request" if name in request else "response"
    return usage


def _breaks(usage: Usage, *, request: bool, response: bool) -> bool:
    return (usage in ("request", "both") and request) or (usage in ("response", "both") and response)


# -- type descriptions --------------------------------------------------------------------


def _is_null(schema: object) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def _strip_null(schema: Schema) -> tuple[Schema, bool]:
    """The schema without its `null` alternative, and whether it had one."""
    for key in ("anyOf", "oneOf"):
        members = schema.get(key)
        if isinstance(members, list) and any(_is_null(m) for m in members):
            rest = [m for m in members if not _is_null(m)]
            if len(rest) == 1 and isinstance(rest[0], dict):
                return rest[0], True
            return {key: rest}, True
    if isinstance(schema.get("type"), list) and "null" in schema["type"]:
        types = [t for t in schema["type"] if t != "null"]
        return {**schema, "type": types[0] if len(types) == 1 else types}, True
    return schema, False


def describe(schema: object) -> str:
    """A short, stable type expression: `string`, `list[RunObject]`, `A | B`, `"auto"`."""
    if not isinstance(schema, dict):
        return "any"
    schema, nullable = _strip_null(schema)
    text = _describe(schema)
    return f"{text} | null" if nullable else text


def _describe(schema: Schema) -> str:
    if "$ref" in schema:
        return ref_name(str(schema["$ref"]))
    if "const" in schema:
        return json.dumps(schema["const"])
    enum = schema.get("enum")
    if isinstance(enum, list) and len(enum) == 1:
        return json.dumps(enum[0])
    for key, sep in (("anyOf", " | "), ("oneOf", " | "), ("allOf", " & ")):
        members = schema.get(key)
        if isinstance(members, list) and members:
            parts = sorted({describe(m) for m in members})
            return parts[0] if len(parts) == 1 else "(" + sep.join(parts) + ")"
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(sorted(str(k) for k in kind))
    if kind == "array":
        return f"list[{describe(schema.get('items'))}]"
    if kind == "object" or "properties" in schema:
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra and "properties" not in schema:
            return f"dict[str, {describe(extra)}]"
        return "object"
    if isinstance(enum, list):
        return f"{kind or 'any'} enum"
    return str(kind) if kind else "any"


def _enum_values(schema: Schema) -> list[str] | None:
    enum = schema.get("enum")
    if isinstance(enum, list) and len(enum) > 1:
        return [json.dumps(v) if not isinstance(v, str) else v for v in enum if v is not None]
    return None


def _nested_object(schema: Schema) -> tuple[Schema, str] | None:
    """An inline object (or list of them) whose fields the report follows: (object, suffix)."""
    if "$ref" in schema:
        return None
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        inner = _nested_object(_strip_null(schema["items"])[0])
        return None if inner is None else (inner[0], "[]" + inner[1])
    if isinstance(schema.get("properties"), dict):
        return schema, ""
    return None


# -- schemas ------------------------------------------------------------------------------


def _fields_diff(
    schemas_old: dict[str, Schema], schemas_new: dict[str, Schema], old: Schema, new: Schema,
    subject: str, prefix: str, usage: Usage, depth: int = 0,
) -> Iterator[Change]:
    old_props, old_required = object_fields(schemas_old, old)
    new_props, new_required = object_fields(schemas_new, new)
    for name in sorted(set(old_props) | set(new_props)):
        member = prefix + name
        if name not in new_props:
            yield Change(subject, member, "field-removed", True, usage)
            continue
        now_required = name in new_required
        if name not in old_props:
            kind = "required" if now_required else "optional"
            yield Change(subject, member, "field-added", _breaks(usage, request=now_required, response=False), usage, kind)
            continue
        was_required = name in old_required
        if now_required and not was_required:
            yield Change(subject, member, "made-required", _breaks(usage, request=True, response=False), usage)
        elif was_required and not now_required:
            yield Change(subject, member, "made-optional", _breaks(usage, request=False, response=True), usage)
        yield from _value_diff(schemas_old, schemas_new, old_props[name], new_props[name], subject, member, usage, depth)


def _value_diff(
    schemas_old: dict[str, Schema], schemas_new: dict[str, Schema], old: object, new: object,
    subject: str, member: str, usage: Usage, depth: int = 0,
) -> Iterator[Change]:
    """What changed in one value's type: nullability, type, enum values, nested fields."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return
    old_bare, old_null = _strip_null(old)
    new_bare, new_null = _strip_null(new)
    if new_null and not old_null:
        yield Change(subject, member, "nullable-added", _breaks(usage, request=False, response=True), usage)
    elif old_null and not new_null:
        yield Change(subject, member, "nullable-removed", _breaks(usage, request=True, response=False), usage)
    old_type, new_type = _describe(old_bare), _describe(new_bare)
    if old_type != new_type:
        yield Change(subject, member, "type-changed", True, usage, f"{old_type} -> {new_type}")
        return
    old_enum, new_enum = _enum_values(old_bare), _enum_values(new_bare)
    if old_enum is not None and new_enum is not None:
        yield from _set_diff(subject, member, old_enum, new_enum, "enum-values", usage)
    old_nested, new_nested = _nested_object(old_bare), _nested_object(new_bare)
    if old_nested and new_nested and old_nested[1] == new_nested[1] and depth < 8:
        yield from _fields_diff(
            schemas_old, schemas_new, old_nested[0], new_nested[0], subject,
            f"{member}{new_nested[1]}.", usage, depth + 1,
        )


def _set_diff(
    subject: str, member: str, old: Iterable[str], new: Iterable[str], what: Literal["enum-values", "variants"], usage: Usage
) -> Iterator[Change]:
    old_set, new_set = set(old), set(new)
    if new_set - old_set:
        added: ChangeKind = "enum-values-added" if what == "enum-values" else "variants-added"
        yield Change(subject, member, added, False, usage, values=tuple(sorted(new_set - old_set)))
    if old_set - new_set:
        removed: ChangeKind = "enum-values-removed" if what == "enum-values" else "variants-removed"
        yield Change(subject, member, removed, True, usage, values=tuple(sorted(old_set - new_set)))


def _union_members(schema: Schema) -> list[str] | None:
    """A union schema's variants by name, if every member is a `$ref` (or null)."""
    bare, _ = _strip_null(schema)
    for key in ("oneOf", "anyOf"):
        members = bare.get(key)
        if isinstance(members, list) and members and all(isinstance(m, dict) and "$ref" in m for m in members):
            return [ref_name(m["$ref"]) for m in members]
    return None


def _is_object_like(schema: Schema) -> bool:
    return isinstance(schema.get("properties"), dict) or isinstance(schema.get("allOf"), list)


def _schema_diff(old_spec: dict[str, Any], new_spec: dict[str, Any], name: str, usage: Usage) -> Iterator[Change]:
    schemas_old = old_spec["components"]["schemas"]
    schemas_new = new_spec["components"]["schemas"]
    old, new = schemas_old[name], schemas_new[name]
    old_union, new_union = _union_members(old), _union_members(new)
    if old_union is not None and new_union is not None:
        _old_bare, old_null = _strip_null(old)
        _new_bare, new_null = _strip_null(new)
        if new_null != old_null:
            yield from _value_diff(schemas_old, schemas_new, old, new, name, "", usage)
        yield from _set_diff(name, "", old_union, new_union, "variants", usage)
        return
    if _is_object_like(old) and _is_object_like(new):
        yield from _fields_diff(schemas_old, schemas_new, old, new, name, "", usage)
        return
    yield from _value_diff(schemas_old, schemas_new, old, new, name, "", usage)


# -- operations ---------------------------------------------------------------------------


def _operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {op["operationId"]: (method.upper(), path, op) for path, method, op in operations(spec)}


# The body encodings the generated client sends; a spec adding or dropping another one
# (`application/x-www-form-urlencoded`) changes nothing for its users.
_CLIENT_BODIES = ("application/json", "multipart/form-data")


def _body_type(op: dict[str, Any]) -> str:
    content = op.get("requestBody", {}).get("content", {})
    used = [(kind, content[kind]) for kind in _CLIENT_BODIES if isinstance(content.get(kind), dict)]
    return " or ".join(f"{describe(media.get('schema'))} ({kind})" for kind, media in used) or "none"


def _response_type(op: dict[str, Any]) -> str:
    """The JSON type the method returns, else the media types it returns as bytes."""
    responses = op.get("responses", {})
    ok = next((responses[s] for s in sorted(responses) if str(s).startswith("2")), None)
    content = ok.get("content", {}) if isinstance(ok, dict) else {}
    if isinstance(content.get("application/json"), dict):
        return describe(content["application/json"].get("schema"))
    return " or ".join(sorted(content)) or "none"


def _params(op: dict[str, Any]) -> dict[str, Schema]:
    """Path, query and header parameters (the methods' keyword arguments), keyed the way the
    report shows them: `{run_id}`, `?after`, `header openai-beta`."""
    keys = {"path": "{%s}", "query": "?%s", "header": "header %s"}
    return {keys[p["in"]] % p["name"]: p for p in op.get("parameters", []) if p.get("in") in keys}


def _operation_diff(old_spec: dict[str, Any], new_spec: dict[str, Any], op_id: str, old_op: tuple[str, str, dict[str, Any]], new_op: tuple[str, str, dict[str, Any]]) -> Iterator[Change]:
    schemas_old = old_spec["components"]["schemas"]
    schemas_new = new_spec["components"]["schemas"]
    (old_method, old_path, old), (new_method, new_path, new) = old_op, new_op
    if (old_method, old_path) != (new_method, new_path):
        yield Change(op_id, "", "operation-moved", True, detail=f"{old_method} {old_path} -> {new_method} {new_path}")
    if new.get("deprecated") and not old.get("deprecated"):
        yield Change(op_id, "", "operation-deprecated", False, detail=f"{new_method} {new_path}")
    if _body_type(old) != _body_type(new):
        yield Change(op_id, "", "request-body-changed", True, detail=f"{_body_type(old)} -> {_body_type(new)}")
    if _response_type(old) != _response_type(new):
        yield Change(op_id, "", "response-changed", True, detail=f"{_response_type(old)} -> {_response_type(new)}")
    old_params, new_params = _params(old), _params(new)
    for key in sorted(set(old_params) | set(new_params)):
        if key not in new_params:
            yield Change(op_id, key, "parameter-removed", True, "request")
            continue
        required = bool(new_params[key].get("required"))
        if key not in old_params:
            yield Change(op_id, key, "parameter-added", required, "request", "required" if required else "optional")
            continue
        was = bool(old_params[key].get("required"))
        if required and not was:
            yield Change(op_id, key, "made-required", True, "request")
        elif was and not required:
            yield Change(op_id, key, "made-optional", False, "request")
        yield from _value_diff(schemas_old, schemas_new, old_params[key].get("schema", {}), new_params[key].get("schema", {}), op_id, key, "request")


# -- the whole report ---------------------------------------------------------------------


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new` (both normalised), sorted by subject."""
    changes: list[Change] = []
    old_ops, new_ops = _operations(old), _operations(new)
    for op_id in sorted(set(old_ops) | set(new_ops)):
        if op_id not in new_ops:
            method, path, _op = old_ops[op_id]
            changes.append(Change(op_id, "", "operation-removed", True, detail=f"{method} {path}"))
        elif op_id not in old_ops:
            method, path, _op = new_ops[op_id]
            changes.append(Change(op_id, "", "operation-added", False, detail=f"{method} {path}"))
        else:
            changes.extend(_operation_diff(old, new, op_id, old_ops[op_id], new_ops[op_id]))
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    old_usage, new_usage = _usage(old), _usage(new)
    for name in sorted(set(old_schemas) | set(new_schemas)):
        if name not in new_schemas:
            changes.append(Change(name, "", "schema-removed", True))
        elif name not in old_schemas:
            changes.append(Change(name, "", "schema-added", False))
        else:
            usage = _merge_usage(old_usage[name], new_usage[name])
            changes.extend(_schema_diff(old, new, name, usage))
    return sorted(changes)


def _merge_usage(old: Usage, new: Usage) -> Usage:
    return old if old == new else "both"


# -- rendering ----------------------------------------------------------------------------

_PHRASES: dict[ChangeKind, str] = {
    "operation-added": "operation added",
    "operation-removed": "operation removed",
    "operation-moved": "operation moved",
    "operation-deprecated": "operation deprecated",
    "request-body-changed": "request body type changed",
    "response-changed": "response type changed",
    "parameter-added": "parameter added",
    "parameter-removed": "parameter removed",
    "schema-added": "schema added",
    "schema-removed": "schema removed",
    "field-added": "field added",
    "field-removed": "field removed",
    "made-required": "made required",
    "made-optional": "made optional",
    "nullable-added": "may now be null",
    "nullable-removed": "no longer accepts null",
    "type-changed": "type changed",
    "enum-values-added": "enum values added",
    "enum-values-removed": "enum values removed",
    "variants-added": "union variants added",
    "variants-removed": "union variants removed",
}


def describe_change(change: Change, *, max_values: int | None = None) -> str:
    """One line: `RunObject.status: enum values added: "cancelling" (response)`."""
    text = f"{change.where}: {_PHRASES[change.kind]}"
    if change.detail:
        text += f", {change.detail}" if change.kind in ("field-added", "parameter-added") else f": {change.detail}"
    if change.values:
        shown = change.values if max_values is None else change.values[:max_values]
        text += ": " + ", ".join(json.dumps(v) for v in shown)
        if len(shown) < len(change.values):
            text += f" and {len(change.values) - len(shown)} more"
    if change.usage:
        text += f" ({change.usage})"
    return text


def _summary(changes: list[Change]) -> dict[str, int]:
    def count(kind: ChangeKind) -> int:
        return sum(c.kind == kind for c in changes)

    listed = ("operation-added", "operation-removed", "schema-added", "schema-removed")
    return {
        "operations_added": count("operation-added"),
        "operations_removed": count("operation-removed"),
        "schemas_added": count("schema-added"),
        "schemas_removed": count("schema-removed"),
        "schema_and_operation_changes": sum(c.kind not in listed for c in changes),
        "breaking": sum(c.breaking for c in changes),
    }


def format_text(changes: list[Change], old_label: str, new_label: str, *, width: int = 100) -> str:
    """The plain-text report: breaking changes first, then additions, then the rest."""
    if not changes:
        return f"API changes {old_label} -> {new_label}: none\n"
    s = _summary(changes)
    lines = [
        f"API changes {old_label} -> {new_label}",
        f"operations: +{s['operations_added']} -{s['operations_removed']}; "
        f"schemas: +{s['schemas_added']} -{s['schemas_removed']}; "
        f"{s['schema_and_operation_changes']} other changes; {s['breaking']} breaking",
    ]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", f"{title} ({len(items)})", *(f"  {item}" for item in items)])

    def line(change: Change) -> str:
        return describe_change(change, max_values=6)  # `--json` lists every value

    section("Breaking", [line(c) for c in changes if c.breaking])
    section("Operations added", [f"{c.subject}  {c.detail}" for c in changes if c.kind == "operation-added"])
    section(
        "Other changes (not breaking)",
        [line(c) for c in changes if not c.breaking and c.kind not in ("operation-added", "schema-added")],
    )
    added = [c.subject for c in changes if c.kind == "schema-added"]
    if added:
        lines.extend(["", f"Schemas added ({len(added)})"])
        lines.extend(textwrap.wrap(", ".join(added), width=width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False))
    return "\n".join(lines) + "\n"


def to_json(changes: list[Change], old_label: str, new_label: str) -> dict[str, Any]:
    """The report as JSON-ready data: labels, counts, and every change."""
    return {
        "old": old_label,
        "new": new_label,
        "summary": _summary(changes),
        "changes": [
            {
                "kind": c.kind,
                "subject": c.subject,
                "member": c.member,
                "breaking": c.breaking,
                "usage": c.usage,
                "detail": c.detail,
                "values": list(c.values),
                "text": describe_change(c),
            }
            for c in changes
        ],
    }
