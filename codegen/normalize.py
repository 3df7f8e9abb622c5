"""Spec normalisation: rewrite the loaded spec into a form datamodel-code-generator renders well.

Each pass is a pure function over the spec dict (it mutates a deep copy made by
`normalize`), named after the defect or idiom it handles. The passes run in order:

1. `rename_schemas`: component names become unique Python class names (`Error-2` -> `Error2`).
2. `resolve_recursive_refs`: `$recursiveRef: "#"` -> a `$ref` to the anchoring component.
3. `hoist_operation_schemas`: inline request and response bodies become named components
   (`CreateTranscriptionResponse`), so every operation's types have stable names.
4. `unify_nullable`: the four spellings of "may be null" become `anyOf: [X, {type: null}]`.
5. `open_objects`: `additionalProperties: false` is dropped: a newer API may add fields, and
   the client must keep them rather than reject the response.
6. `drop_constraint_unions`: `anyOf` lists that only say which fields must be present.
7. `merge_narrowing_all_of`: an `allOf` whose later part redefines a field of an earlier
   one (narrowing a status enum) becomes one object, since a subclass cannot narrow a field.
8. `hoist_titled_members`: inline object members of a component's union that carry a
   `title` become components named by it, instead of `Parent1`, `Parent2`, ...
9. `infer_discriminators`: unions whose members all carry a tag enum get an explicit
   discriminator with a mapping; inline tagged members are hoisted and named by their tag.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from .document import prepare_document
from .naming import pascal_case, safe_identifier

__all__ = ["REF_PREFIX", "add_webhook_union", "normalize", "object_fields", "operations", "ref_name", "walk", "webhook_bodies"]

REF_PREFIX = "#/components/schemas/"
Schema = dict[str, Any]
_HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def ref_name(ref: str) -> str:
    return ref.removeprefix(REF_PREFIX)


def walk(node: object, visit: Callable[[dict[str, Any]], None]) -> None:
    """Call `visit` on every mapping in `node`, parents before children."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            visit(item)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        for method in _HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def normalize(spec: dict[str, Any]) -> dict[str, Any]:
    out = prepare_document(copy.deepcopy(spec))  # checked, operationIds and references resolved
    for step in (
        rename_schemas,
        resolve_recursive_refs,
        hoist_operation_schemas,
        unify_nullable,
        open_objects,
        drop_constraint_unions,
        merge_narrowing_all_of,
        hoist_titled_members,
        infer_discriminators,
    ):
        step(out)
    return out


def webhook_bodies(spec: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The component schemas the spec's `webhooks` (OpenAPI 3.1) send as their JSON body, in
    the spec's order, and a problem for each webhook whose body is not such a reference."""
    names: list[str] = []
    problems: list[str] = []
    hooks = spec.get("webhooks")
    for hook, item in (hooks.items() if isinstance(hooks, dict) else ()):
        for method in _HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict):
                continue
            schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = schema.get("$ref") if isinstance(schema, dict) else None
            pointer = f"#/webhooks/{str(hook).replace('~', '~0').replace('/', '~1')}/{method}"
            if not isinstance(ref, str) or not ref.startswith(REF_PREFIX) or ref_name(ref) not in _schemas(spec):
                problems.append(f"{pointer}: the JSON request body is not a reference to a component schema")
            elif ref_name(ref) not in names:
                names.append(ref_name(ref))
    return names, problems


def add_webhook_union(spec: dict[str, Any], name: str) -> None:
    """Add the component schema `name`: the union of every webhook's body (see
    `webhook_bodies`), with the discriminator its members' tags give, if they have one.
    The config check (`codegen.validate`) has said whether it can be made; if it cannot,
    nothing is added.

    The spec lists the events the API sends but names no type for "any of them"; a client
    that parses a webhook needs one, and it stays true when a new webhook appears."""
    schemas = _schemas(spec)
    members, problems = webhook_bodies(spec)
    if name in schemas or problems or not members:
        return
    refs = [{"$ref": REF_PREFIX + member} for member in members]
    union: Schema = {"description": "Any event the API sends to a webhook.", "oneOf": refs}
    found = _discriminator_for(schemas, refs)
    if found is not None:
        prop, values = found
        union["discriminator"] = {
            "propertyName": prop,
            "mapping": {tag: ref["$ref"] for ref, tags in zip(refs, values) for tag in tags},
        }
    schemas[name] = union


def _schemas(spec: dict[str, Any]) -> dict[str, Schema]:
    schemas: dict[str, Schema] = spec.setdefault("components", {}).setdefault("schemas", {})
    return schemas


def _unique_name(base: str, taken: set[str] | dict[str, Any]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name


def rename_schemas(spec: dict[str, Any]) -> None:
    schemas = _schemas(spec)
    renames: dict[str, str] = {}
    taken: set[str] = set()
    for old in sorted(schemas):
        base = safe_identifier(pascal_case(old) or "Schema")
        new = base if base == old or base not in schemas else f"{base}Schema"
        new = _unique_name(new, taken)
        taken.add(new)
        renames[old] = new
    spec["components"]["schemas"] = {renames[k]: v for k, v in schemas.items()}

    def fix(node: dict[str, Any]) -> None:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            node["$ref"] = REF_PREFIX + renames[ref_name(ref)]
        mapping = node.get("discriminator", {}).get("mapping") if isinstance(node.get("discriminator"), dict) else None
        if isinstance(mapping, dict):
            for key, target in mapping.items():
                if isinstance(target, str) and target.startswith(REF_PREFIX):
                    mapping[key] = REF_PREFIX + renames[ref_name(target)]

    walk(spec, fix)


def resolve_recursive_refs(spec: dict[str, Any]) -> None:
    for name, schema in _schemas(spec).items():
        def fix(node: dict[str, Any], name: str = name) -> None:
            if node.get("$recursiveRef") == "#":
                del node["$recursiveRef"]
                node["$ref"] = REF_PREFIX + name
            node.pop("$recursiveAnchor", None)

        walk(schema, fix)


def hoist_operation_schemas(spec: dict[str, Any]) -> None:
    """Name inline request/response body schemas after their operation."""
    schemas = _schemas(spec)
    for _path, _method, op in sorted(operations(spec), key=lambda t: t[2]["operationId"]):
        base = safe_identifier(pascal_case(op["operationId"]))
        bodies: list[tuple[str, dict[str, Any]]] = []
        for media in op.get("requestBody", {}).get("content", {}).values():
            bodies.append(("Request", media))
        for status, response in sorted(op.get("responses", {}).items()):
            if str(status).startswith("2"):
                for media in response.get("content", {}).values():
                    bodies.append(("Response", media))
        for suffix, media in bodies:
            schema = media.get("schema") if isinstance(media, dict) else None
            if not isinstance(schema, dict) or "$ref" in schema or not _worth_naming(schema):
                continue
            name = _unique_name(base + suffix, schemas)
            schemas[name] = schema
            media["schema"] = {"$ref": REF_PREFIX + name}


def _worth_naming(schema: Schema) -> bool:
    return schema.get("type") == "object" or any(k in schema for k in ("oneOf", "anyOf", "allOf", "properties"))


_NULL: Schema = {"type": "null"}
# Keywords that describe a property rather than its type: they stay on the outer schema.
_META_KEYS = ("description", "default", "deprecated", "title", "example", "examples", "readOnly", "writeOnly")


def _is_null(schema: object) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null" and len(schema) <= 2


def unify_nullable(spec: dict[str, Any]) -> None:
    def fix(node: dict[str, Any]) -> None:
        # allOf: [X, {nullable: true}] -> X with nullable: true, handled below.
        all_of = node.get("allOf")
        if isinstance(all_of, list) and any(isinstance(s, dict) and s.get("nullable") is True and len(s) == 1 for s in all_of):
            rest = [s for s in all_of if not (isinstance(s, dict) and s.get("nullable") is True and len(s) == 1)]
            node["nullable"] = True
            if len(rest) == 1:
                del node["allOf"]
                node.update(rest[0])
            else:
                node["allOf"] = rest
        if node.get("default", 0) is None and node.get("type") != "null" and "anyOf" not in node and "oneOf" not in node:
            node["nullable"] = True  # `default: null` on a non-null type: the spec means "may be null"
        if node.pop("nullable", False) is not True:
            return
        if isinstance(node.get("enum"), list) and None not in node["enum"]:
            pass  # the null member below admits null; the enum keeps only real values
        elif isinstance(node.get("enum"), list):
            node["enum"] = [v for v in node["enum"] if v is not None]
        meta = {k: node.pop(k) for k in _META_KEYS if k in node}
        inner = dict(node)
        node.clear()
        node.update(meta)
        for key in ("anyOf", "oneOf"):
            members = inner.get(key)
            if isinstance(members, list) and len(inner) == 1:
                node[key] = members if any(_is_null(m) for m in members) else [*members, dict(_NULL)]
                return
        node["anyOf"] = [inner, dict(_NULL)]

    walk(spec, fix)


def open_objects(spec: dict[str, Any]) -> None:
    def fix(node: dict[str, Any]) -> None:
        if node.get("additionalProperties") is False:
            del node["additionalProperties"]

    walk(spec, fix)


def merge_narrowing_all_of(spec: dict[str, Any]) -> None:
    schemas = _schemas(spec)

    def fix(node: dict[str, Any]) -> None:
        parts = node.get("allOf")
        if not isinstance(parts, list) or len(parts) < 2:
            return
        fields = [object_fields(schemas, part) for part in parts]
        # A part narrows another when it redefines one of its properties or makes
        # one of them required: as subclasses, either would override a parent
        # field with an incompatible type or without its default.
        narrows = False
        for i, (props, required) in enumerate(fields):
            others: set[str] = set()
            for j, (other_props, _) in enumerate(fields):
                if j != i:
                    others |= set(other_props)
            narrows |= bool((set(props) | required) & others)
        if not narrows:
            return
        merged_props: dict[str, Schema] = {}
        merged_required: set[str] = set()
        for props, required in fields:
            merged_props.update(props)
            merged_required |= required
        del node["allOf"]
        node.setdefault("type", "object")
        node["properties"] = {**merged_props, **node.get("properties", {})}
        node["required"] = sorted(merged_required | set(node.get("required", [])))

    walk(spec, fix)


def hoist_titled_members(spec: dict[str, Any]) -> None:
    schemas = _schemas(spec)
    for owner in sorted(schemas):
        union = schemas[owner]
        for key in ("oneOf", "anyOf"):
            members = union.get(key)
            if not isinstance(members, list):
                continue
            for i, member in enumerate(members):
                title = member.get("title") if isinstance(member, dict) else None
                if not isinstance(title, str) or "$ref" in member or not _worth_naming(member):
                    continue
                base = safe_identifier(pascal_case(title))
                name = _unique_name(base if base not in schemas else owner + base, schemas)
                schemas[name] = member
                members[i] = {"$ref": REF_PREFIX + name}


def _resolve(spec_schemas: dict[str, Schema], schema: Schema) -> Schema:
    seen = set()
    while "$ref" in schema and schema["$ref"].startswith(REF_PREFIX):
        name = ref_name(schema["$ref"])
        if name in seen:
            break
        seen.add(name)
        schema = spec_schemas[name]
    return schema


def object_fields(schemas: dict[str, Schema], schema: Schema) -> tuple[dict[str, Schema], set[str]]:
    """An object schema's properties and required names, including those from `allOf`."""
    resolved = _resolve(schemas, schema)
    props: dict[str, Schema] = {}
    required: set[str] = set()
    for part in resolved.get("allOf", []):
        if isinstance(part, dict):
            part_props, part_required = object_fields(schemas, part)
            props.update(part_props)
            required |= part_required
    props.update(resolved.get("properties", {}))
    required |= set(resolved.get("required", []))
    return props, required


def _properties(schemas: dict[str, Schema], schema: Schema) -> dict[str, Schema]:
    return object_fields(schemas, schema)[0]


def _tag_values(schemas: dict[str, Schema], member: Schema, prop: str) -> list[str] | None:
    """The values the member's `prop` may take, if it is a string enum or const."""
    field = _properties(schemas, member).get(prop)
    if not isinstance(field, dict):
        return None
    field = _resolve(schemas, field)
    if "const" in field and isinstance(field["const"], str):
        return [field["const"]]
    enum = field.get("enum")
    if isinstance(enum, list) and enum and all(isinstance(v, str) for v in enum):
        return list(enum)
    return None


def _flatten_members(schemas: dict[str, Schema], members: list[Schema]) -> list[Schema]:
    """Replace members that are themselves plain unions of objects by their members."""
    flat: list[Schema] = []
    for member in members:
        resolved = _resolve(schemas, member)
        nested = resolved.get("oneOf") or resolved.get("anyOf")
        if isinstance(nested, list) and "properties" not in resolved and not any(_is_null(m) for m in nested):
            flat.extend(_flatten_members(schemas, nested))
        else:
            flat.append(member)
    return flat


def _discriminator_for(schemas: dict[str, Schema], members: list[Schema]) -> tuple[str, list[list[str]]] | None:
    candidates: set[str] | None = None
    for member in members:
        props = set(_properties(schemas, member))
        candidates = props if candidates is None else candidates & props
    for prop in sorted(candidates or (), key=lambda p: (p not in ("type", "event", "object"), p)):
        values = [_tag_values(schemas, m, prop) for m in members]
        if any(v is None for v in values):
            continue
        flat = [v for vs in values if vs for v in vs]
        if len(flat) == len(set(flat)):
            return prop, [vs for vs in values if vs is not None]
    return None


def infer_discriminators(spec: dict[str, Any]) -> None:
    schemas = _schemas(spec)
    unions: list[dict[str, Any]] = []

    def collect(node: dict[str, Any]) -> None:
        for key in ("oneOf", "anyOf"):
            members = node.get(key)
            if isinstance(members, list) and len(members) > 1 and not any(_is_null(m) for m in members):
                unions.append(node)

    walk(spec, collect)
    owners = {id(schema): name for name, schema in schemas.items()}
    hoisted: dict[int, str] = {}  # an inline member reached from two unions is named once
    for node in unions:
        key = "oneOf" if "oneOf" in node else "anyOf"
        members = _flatten_members(schemas, node[key])
        if not all(_is_object(schemas, m) for m in members):
            continue
        found = _discriminator_for(schemas, members)
        if found is None:
            continue
        prop, values = found
        refs: list[Schema] = []
        for member, tags in zip(members, values):
            if "$ref" not in member:
                name = hoisted.get(id(member))
                if name is None:
                    tag_name = safe_identifier(pascal_case(str(member.get("title") or tags[0])) or "Variant")
                    name = tag_name if tag_name not in schemas else _unique_name(owners.get(id(node), "") + tag_name, schemas)
                    schemas[name] = member
                    hoisted[id(member)] = name
                member = {"$ref": REF_PREFIX + name}
            refs.append(member)
        node[key] = refs
        node["discriminator"] = {
            "propertyName": prop,
            "mapping": {tag: ref["$ref"] for ref, tags in zip(refs, values) for tag in tags},
        }


def _is_object(schemas: dict[str, Schema], schema: Schema) -> bool:
    return _resolve(schemas, schema).get("type", "object") == "object" and bool(_properties(schemas, schema))


def drop_constraint_unions(spec: dict[str, Any]) -> None:
    """`anyOf: [{required: [a]}, {required: [b]}]` beside `properties` only constrains which
    fields are present; it names no types, and generators turn it into empty classes."""

    def fix(node: dict[str, Any]) -> None:
        if "properties" not in node:
            return
        for key in ("anyOf", "oneOf"):
            members = node.get(key)
            if isinstance(members, list) and all(isinstance(m, dict) and set(m) <= {"required", "not"} for m in members):
                del node[key]
        if isinstance(node.get("not"), dict) and set(node["not"]) <= {"required"}:
            del node["not"]

    walk(spec, fix)
