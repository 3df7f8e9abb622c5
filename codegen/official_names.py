"""`python -m codegen names --official PATH`: which official SDK name each spec schema has.

A dev-time tool, run by hand after a spec update or against a newer official package; it
writes `spec/names.yaml`, which the generator reads (and nothing else of the official
package). The official names cannot be derived from the spec, so they are found by
matching structure:

1. every public class and type alias of the official `types` package is read by
   introspection: a pydantic model's or TypedDict's field names and its single-value
   `Literal` tags, a `Literal` alias's values, a union's members;
2. every component schema of the (normalised) spec is read the same way: property names,
   single-value enum tags, enum values, union members;
3. an official object is matched to the schema that scores best, if any scores well
   enough: the overlap of field sets, tags that must agree, field kinds (string, number,
   array, object, ...), and the similarity of the two names. Unions are matched last, by
   their members' matches.

Structure cannot tell apart schemas of one shape (`{object, deleted}` is a group's role
unassignment and a project's model permissions deletion), so the operations come first:
the official method that sends an operation (read from its `resources/` source: the
verb and path it requests) names, by its return annotation, the class of the operation's
response schema (`operation_anchors`). Those pairings win, and their fields pair next.

A schema may match several official names (`EvalCreateResponse`, `EvalListResponse`,
... all have the shape of `Eval`); each official name goes to one schema at most.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import re
import sys
import types as pytypes
import typing

import typing_extensions
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .naming import snake_case
from .normalize import object_fields, operations, ref_name

__all__ = [
    "Match", "OfficialObject", "SchemaShape", "assign", "iter_report", "match", "official_source", "operation_anchors",
    "read_official", "read_spec",
]

# Below this score a pair is not a match (see `_score`).
_THRESHOLD = 0.62


@dataclass
class OfficialObject:
    """One public class or alias of the official `types` package, by where it is defined."""

    module: str  # defining module, relative to `types` ("beta.threads.run"; "" for the package)
    name: str
    kind: str  # "model" | "param" | "enum" | "union" | "alias" (of a builtin type)
    fields: dict[str, str] = field(default_factory=dict)  # wire name -> kind ("str", "list", "object", ...)
    tags: dict[str, str] = field(default_factory=dict)  # field -> its one Literal value
    values: frozenset[str] = frozenset()  # an enum's values
    members: tuple[str, ...] = ()  # a union's members (keys of official objects)
    refs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> official objects its type names
    locations: list[str] = field(default_factory=list)  # "module.Name" wherever it is public
    main: bool = False  # re-exported by its package (not a helper nested in a module)

    @property
    def key(self) -> str:
        return f"{self.module}.{self.name}" if self.module else self.name


@dataclass
class SchemaShape:
    name: str
    kind: str  # "object" | "enum" | "union" | "other"
    fields: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    values: frozenset[str] = frozenset()
    members: tuple[str, ...] = ()


# -- the official package ------------------------------------------------------------------


def official_source(package_dir: Path) -> str:
    """`openai 3.4.0`: the package's name and the version its `_version.py` declares."""
    version = "unknown"
    path = package_dir / "_version.py"
    if path.is_file():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets):
                if isinstance(node.value, ast.Constant):
                    version = str(node.value.value)
    return f"{package_dir.name} {version}"


def _public_names(path: Path) -> tuple[list[str], set[str]]:
    """A module's public names (`__all__`, and `X as X` re-exports), and those it defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    public: list[str] = []
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            if isinstance(node.value, (ast.List, ast.Tuple)):
                public += [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.ImportFrom) and path.name == "__init__.py":
            public += [a.name for a in node.names if a.asname == a.name]
        if isinstance(node, ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
        elif isinstance(node, ast.Assign):
            defined.update(t.id for t in node.targets if isinstance(t, ast.Name) and t.id != "__all__")
    return public, defined


def _kind_of(annotation: object) -> str:
    """A coarse kind of a field's type, comparable with a spec property's."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind_of(args[0])
    if origin in (typing.Union, pytypes.UnionType):
        kinds = {_kind_of(a) for a in args if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else "union"
    if origin is typing.Literal:
        return "str" if all(isinstance(a, str) for a in args) else "literal"
    if origin in (list, typing.List, tuple, set) or (origin is not None and getattr(origin, "__name__", "") in ("Iterable", "Sequence", "SequenceNotStr")):
        return "list"
    if origin in (dict, typing.Dict) or annotation in (dict, object):
        return "map"
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if annotation in (int, float):
        return "number"
    if isinstance(annotation, type):
        return "object"
    return "other"


def _literal_tag(annotation: object) -> str | None:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _literal_tag(args[0])
    if origin in (typing.Union, pytypes.UnionType):
        tags = [t for a in args if a is not type(None) for t in [_literal_tag(a)]]
        return tags[0] if len(tags) == 1 and tags[0] is not None else None
    if origin is typing.Literal and len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return None


def _literal_values(annotation: object) -> frozenset[str] | None:
    """The strings a `Literal` alias (or `Union[str, Literal[...]]`) allows."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return frozenset(a for a in args if isinstance(a, str))
    if origin in (typing.Union, pytypes.UnionType):
        parts = [_literal_values(a) if typing.get_origin(a) is typing.Literal else (frozenset() if a is str else None) for a in args]
        if all(p is not None for p in parts) and any(parts):
            return frozenset().union(*(p for p in parts if p is not None))
    return None


def _union_members(annotation: object) -> list[object] | None:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _union_members(args[0])
    if origin in (typing.Union, pytypes.UnionType):
        return [a for a in args if a is not type(None)]
    return None


def _class_fields(cls: type) -> tuple[dict[str, str], dict[str, str]] | None:
    from pydantic import BaseModel

    fields: dict[str, str] = {}
    tags: dict[str, str] = {}
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        for name, info in cls.model_fields.items():
            wire = info.alias or name
            fields[wire] = _kind_of(info.annotation)
            tag = _literal_tag(info.annotation)
            if tag is not None:
                tags[wire] = tag
        return fields, tags
    if typing_extensions.is_typeddict(cls):
        try:
            hints = typing.get_type_hints(cls, include_extras=True)
        except Exception:  # an unresolvable forward reference: read what can be read
            hints = dict(getattr(cls, "__annotations__", {}))
        for name, hint in hints.items():
            wire = name
            if typing.get_origin(hint) is typing.Annotated:
                for meta in typing.get_args(hint)[1:]:
                    wire = getattr(meta, "alias", None) or wire
            inner = hint
            while typing.get_origin(inner) in (typing.Required, typing.NotRequired, typing.Annotated, typing_extensions.Required, typing_extensions.NotRequired):
                inner = typing.get_args(inner)[0]
            fields[wire] = _kind_of(inner)
            tag = _literal_tag(inner)
            if tag is not None:
                tags[wire] = tag
        return fields, tags
    return None


def _named_in(annotation: object, known: dict[int, Any], found: list[int], depth: int = 0) -> None:
    """Ids of the public objects an annotation names: itself, or what it wraps (lists, unions)."""
    if id(annotation) in known:
        found.append(id(annotation))
    elif depth < 6:
        for arg in typing.get_args(annotation):
            _named_in(arg, known, found, depth + 1)


def _field_refs(cls: type, known: dict[int, Any]) -> dict[str, list[int]]:
    from pydantic import BaseModel

    out: dict[str, list[int]] = {}
    if issubclass(cls, BaseModel):
        for name, info in cls.model_fields.items():
            _named_in(info.annotation, known, out.setdefault(info.alias or name, []))
        return out
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except Exception:  # an unresolvable forward reference
        return out
    for name, hint in hints.items():
        wire = name
        if typing.get_origin(hint) is typing.Annotated:
            for meta in typing.get_args(hint)[1:]:
                wire = getattr(meta, "alias", None) or wire
        _named_in(hint, known, out.setdefault(wire, []))
    return out


def read_official(package_dir: Path) -> list[OfficialObject]:
    """Every public class and alias under `<package_dir>/types`, with all its public locations."""
    types_dir = package_dir / "types"
    sys.path.insert(0, str(package_dir.parent))
    try:
        return _read_official(types_dir, package_dir.name)
    finally:
        sys.path.remove(str(package_dir.parent))


def _read_official(types_dir: Path, package: str) -> list[OfficialObject]:
    by_id: dict[int, OfficialObject] = {}
    pending_unions: list[tuple[OfficialObject, list[object]]] = []
    for path in sorted(types_dir.rglob("*.py")):
        rel = path.relative_to(types_dir).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        if any(p.startswith("_") for p in parts):
            continue
        relative = ".".join(parts)
        module = importlib.import_module(".".join([package, "types", *parts]))
        public, defined = _public_names(path)
        for name in dict.fromkeys(public + sorted(n for n in defined if not n.startswith("_"))):
            if not hasattr(module, name):
                continue
            obj = getattr(module, name)
            if isinstance(obj, pytypes.ModuleType):
                continue
            location = f"{relative}.{name}" if relative else name
            known = by_id.get(id(obj))
            if known is not None:
                if location not in known.locations:
                    known.locations.append(location)
                continue
            if name not in defined:
                continue  # defined elsewhere; its own module is read too, whichever comes first
            official = _describe(relative, name, obj, pending_unions)
            if official is None:
                continue
            official.locations.append(location)
            by_id[id(obj)] = official
    # re-exports met before their definition
    for path in sorted(types_dir.rglob("__init__.py")):
        rel = path.relative_to(types_dir).parent
        parts = [p for p in rel.parts]
        if any(p.startswith("_") for p in parts):
            continue
        module = importlib.import_module(".".join([package, "types", *parts]))
        for name in _public_names(path)[0]:
            obj = getattr(module, name, None)
            known = by_id.get(id(obj))
            relative = ".".join(parts)
            location = f"{relative}.{name}" if relative else name
            if known is not None and location not in known.locations:
                known.locations.append(location)
    for official, members in pending_unions:
        official.members = tuple(by_id[id(m)].key for m in members if id(m) in by_id)
    for official in by_id.values():
        if official.kind in ("model", "param"):
            cls = getattr(importlib.import_module(".".join([package, "types", *official.module.split(".")]) if official.module else f"{package}.types"), official.name)
            official.refs = {wire: tuple(by_id[i].key for i in ids if i in by_id) for wire, ids in _field_refs(cls, by_id).items()}
    objects = list(by_id.values())
    for obj in objects:
        obj.main = _is_main(obj.module, obj.name)
    return objects


def _is_main(module: str, name: str) -> bool:
    """The class or alias a module is named after (`run.Run`, `completion_create_params.
    CompletionCreateParamsBase`), not a helper nested in it (`run.RequiredAction`)."""
    stem, own = module.rpartition(".")[2], snake_case(name)
    if own.replace("_", "") == stem.replace("_", ""):  # `ChatKitThread` in `chatkit_thread`
        return True
    return own == stem or own in (f"{stem}_base", f"{stem}_non_streaming", f"{stem}_streaming")


def _describe(module: str, name: str, obj: object, pending_unions: list[tuple[OfficialObject, list[object]]]) -> OfficialObject | None:
    is_param_module = module.rpartition(".")[2].endswith(("_param", "_params")) or module.startswith("shared_params")
    shape = _class_fields(obj) if isinstance(obj, type) else None
    if shape is not None:
        kind = "param" if typing_extensions.is_typeddict(obj) else "model"
        return OfficialObject(module, name, kind, fields=shape[0], tags=shape[1])
    values = _literal_values(obj)
    if values:
        return OfficialObject(module, name, "enum", values=values)
    members = _union_members(obj)
    if members:
        official = OfficialObject(module, name, "union", tags={"side": "param" if is_param_module else "model"})
        pending_unions.append((official, members))
        return official
    if typing.get_origin(obj) in (dict, list) or obj in (str, int, float, bool, object):
        return OfficialObject(module, name, "alias", tags={"side": "param" if is_param_module else "model"})
    return None


# -- the spec ------------------------------------------------------------------------------

_TYPE_KINDS = {"string": "str", "integer": "number", "number": "number", "boolean": "bool", "array": "list", "object": "object"}


def _schema_kind(schemas: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> str:
    if depth > 5:
        return "other"
    if "$ref" in schema:
        target = schemas.get(ref_name(str(schema["$ref"])), {})
        kind = _schema_kind(schemas, target, depth + 1)
        return "object" if kind in ("object", "map") and "properties" in target else kind
    for key in ("anyOf", "oneOf"):
        if key in schema:
            kinds = {_schema_kind(schemas, s, depth + 1) for s in schema[key] if s.get("type") != "null"}
            return kinds.pop() if len(kinds) == 1 else "union"
    if "allOf" in schema:
        return "object"
    declared = schema.get("type")
    if isinstance(declared, list):
        non_null = [k for k in declared if k != "null"]
        declared = non_null[0] if len(non_null) == 1 else None
    if declared == "object" and "properties" not in schema:
        return "map"
    return _TYPE_KINDS.get(str(declared), "other")


def _enum_values(schemas: dict[str, Any], schema: dict[str, Any]) -> frozenset[str] | None:
    if isinstance(schema.get("enum"), list):
        return frozenset(v for v in schema["enum"] if isinstance(v, str))
    for key in ("anyOf", "oneOf"):
        members = schema.get(key)
        if isinstance(members, list) and members:
            parts = []
            for m in members:
                if "$ref" in m:
                    m = schemas.get(ref_name(str(m["$ref"])), {})
                if isinstance(m.get("enum"), list):
                    parts.append(frozenset(v for v in m["enum"] if isinstance(v, str)))
                elif m.get("type") == "string" and "enum" not in m:
                    parts.append(frozenset())
                else:
                    return None
            if any(parts):
                return frozenset().union(*parts)
    return None


def _tag(prop: dict[str, Any]) -> str | None:
    if "const" in prop and isinstance(prop["const"], str):
        return str(prop["const"])
    values = prop.get("enum")
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    return None


def _shape(schemas: dict[str, Any], key: str, schema: dict[str, Any]) -> SchemaShape:
    values = _enum_values(schemas, schema)
    if values:
        return SchemaShape(key, "enum", values=values)
    members = [m for m in schema.get("anyOf", schema.get("oneOf", [])) if isinstance(m, dict) and not _is_null(m)]
    if len(members) > 1 and "properties" not in schema:
        return SchemaShape(key, "union", members=tuple(ref_name(str(m["$ref"])) for m in members if "$ref" in m))
    props, _required = object_fields(schemas, schema)
    if props:
        fields = {wire: _schema_kind(schemas, p) for wire, p in props.items() if isinstance(p, dict)}
        tags = {wire: t for wire, p in props.items() if isinstance(p, dict) for t in [_tag(p)] if t is not None}
        return SchemaShape(key, "object", fields=fields, tags=tags)
    return SchemaShape(key, "other")


def _is_null(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "null"


def read_spec(spec: dict[str, Any]) -> list[SchemaShape]:
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    return [_shape(schemas, name, schema) for name, schema in sorted(schemas.items())]


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _fields_at(schemas: dict[str, Any], key: str, schema: dict[str, Any], depth: int = 0) -> dict[str, tuple[str, dict[str, Any]]]:
    """An object node's properties, each with its pointer (`RunObject/properties/status`)."""
    if "$ref" in schema and depth < 8:
        name = ref_name(str(schema["$ref"]))
        return _fields_at(schemas, name, schemas.get(name, {}), depth + 1)
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for i, part in enumerate(schema.get("allOf", [])):
        if isinstance(part, dict) and depth < 8:
            out.update(_fields_at(schemas, f"{key}/allOf/{i}", part, depth + 1))
    for wire, prop in schema.get("properties", {}).items():
        if isinstance(prop, dict):
            out[wire] = (f"{key}/properties/{_escape(wire)}", prop)
    return out


def _nodes_in(schemas: dict[str, Any], key: str, schema: dict[str, Any], depth: int = 0) -> list[tuple[str, dict[str, Any]]]:
    """The schemas a property's type names: a component, or an inline object, enum or union
    (by pointer); arrays and "or null" are looked through."""
    if depth > 6:
        return []
    if "$ref" in schema:
        name = ref_name(str(schema["$ref"]))
        return [(name, schemas.get(name, {}))]
    if isinstance(schema.get("items"), dict):
        return _nodes_in(schemas, f"{key}/items", schema["items"], depth + 1)
    for union in ("anyOf", "oneOf"):
        members = schema.get(union)
        if isinstance(members, list):
            real = [(i, m) for i, m in enumerate(members) if isinstance(m, dict) and not _is_null(m)]
            if len(real) == 1:
                return _nodes_in(schemas, f"{key}/{union}/{real[0][0]}", real[0][1], depth + 1)
    all_of = schema.get("allOf")
    if isinstance(all_of, list) and "properties" not in schema:
        real = [(i, p) for i, p in enumerate(all_of) if isinstance(p, dict) and not _only_says_nullable(p)]
        if len(real) == 1:  # `allOf: [{$ref: X}, {description, anyOf: [{}, null]}]` is X
            return _nodes_in(schemas, f"{key}/allOf/{real[0][0]}", real[0][1], depth + 1)
    if "properties" in schema or "enum" in schema or "anyOf" in schema or "oneOf" in schema or "allOf" in schema:
        return [(key, schema)]
    return []


def _only_says_nullable(part: dict[str, Any]) -> bool:
    """An `allOf` part that adds a description or "or null", not a type."""
    if any(k in part for k in ("$ref", "properties", "items", "enum", "allOf", "oneOf", "type", "const")):
        return False
    return all(m == {} or (isinstance(m, dict) and _is_null(m)) for m in part.get("anyOf", []))


def _union_member_nodes(schemas: dict[str, Any], key: str, schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    if "$ref" in schema:
        name = ref_name(str(schema["$ref"]))
        return _union_member_nodes(schemas, name, schemas.get(name, {}))
    for union in ("anyOf", "oneOf"):
        members = schema.get(union)
        if isinstance(members, list):
            out: list[tuple[str, dict[str, Any]]] = []
            for i, m in enumerate(members):
                if isinstance(m, dict) and not _is_null(m):
                    out += _nodes_in(schemas, f"{key}/{union}/{i}", m)
            return out
    return []


# -- matching ------------------------------------------------------------------------------

_NOISE = re.compile(r"(Object|Resource|Request|Body)(?=[A-Z]|$)")


def _name_similarity(official: str, schema: str) -> float:
    """0 to 1; names that disagree on being a `Beta...` twin score low."""
    a = _NOISE.sub("", official.removesuffix("Param")).lower()
    b = _NOISE.sub("", schema).lower()
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    return ratio if a.startswith("beta") == b.startswith("beta") else ratio / 2


def _score(official: OfficialObject, shape: SchemaShape) -> float:
    """How well an official class fits an object schema: 0 is no match, 1 is perfect.

    Mostly the field sets' overlap, then field kinds and the names; a tag that both
    declare for one field and that differs rules the pair out.
    """
    a, b = set(official.fields), set(shape.fields)
    if not a or not b:
        return 0.0
    for wire, value in official.tags.items():
        if wire in shape.tags and shape.tags[wire] != value:
            return 0.0
    common = a & b
    overlap = len(common) / len(a | b)
    if overlap < 0.4:
        return 0.0
    kinds = sum(1 for f in common if _compatible(official.fields[f], shape.fields[f])) / max(len(common), 1)
    tags = sum(1 for w, v in official.tags.items() if shape.tags.get(w) == v)
    tag_bonus = 0.1 if tags and tags == len(official.tags) else 0.0
    return 0.6 * overlap + 0.15 * kinds + 0.25 * _name_similarity(official.name, shape.name) + tag_bonus


def _compatible(official: str, spec: str) -> bool:
    if official == spec:
        return True
    loose = {"union", "other", "literal"}
    return official in loose or spec in loose or {official, spec} == {"object", "map"}


def _enum_score(official: OfficialObject, shape: SchemaShape) -> float:
    if not official.values or not shape.values:
        return 0.0
    overlap = len(official.values & shape.values) / len(official.values | shape.values)
    if overlap < 0.8:
        return 0.0
    return 0.7 * overlap + 0.3 * _name_similarity(official.name, shape.name)


@dataclass(frozen=True)
class Match:
    schema: str
    official: OfficialObject
    score: float


def _pair_score(obj: OfficialObject, shape: SchemaShape) -> float:
    if obj.kind in ("model", "param") and shape.kind == "object":
        return _score(obj, shape)
    if obj.kind == "enum" and shape.kind == "enum":
        return _enum_score(obj, shape)
    if obj.kind == "union" and shape.kind == "union":
        return 0.8 + 0.2 * _name_similarity(obj.name, shape.name)
    return 0.0


_CONTEXT_THRESHOLD = 0.35  # structure needed to pair two types that sit in matching fields
_ANCHOR_THRESHOLD = 0.7  # a match good enough to trust its fields' types too


def propagate(objects: list[OfficialObject], spec: dict[str, Any], anchors: list[Match]) -> list[Match]:
    """Matches found through the fields of trusted matches, inline schemas included.

    `Message.content` is a list of `MessageContent` and `MessageObject.content` a list of
    an inline union: the two unions are paired, then their members, by structure. A type
    paired this way keeps that pairing, whatever the global best match says.
    """
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    by_key = {o.key: o for o in objects}
    found: dict[str, Match] = {}
    queue = sorted(anchors, key=lambda m: -m.score)
    while queue:
        current = queue.pop(0)
        obj = current.official
        known = found.get(obj.key)
        if known is not None and (known.score >= 1.5 or current.score < 1.5):
            continue  # a pairing through fields beats a global match, once
        found[obj.key] = current
        node_schema = _resolve_key(schemas, current.schema)
        if node_schema is None:
            continue
        pairs: list[tuple[list[OfficialObject], list[tuple[str, dict[str, Any]]]]] = []
        if obj.kind in ("model", "param"):
            fields = _fields_at(schemas, current.schema, node_schema)
            for wire, refs in obj.refs.items():
                if wire in fields and refs:
                    pointer, prop = fields[wire]
                    pairs.append(([by_key[r] for r in refs], _nodes_in(schemas, pointer, prop)))
        elif obj.kind == "union":
            pairs.append(([by_key[m] for m in obj.members if m in by_key], _union_member_nodes(schemas, current.schema, node_schema)))
        for officials, nodes in pairs:
            # `Union[A, B]` on one side, `A | B` spelled inline on the other: compare members
            if not any(o.kind == "union" for o in officials):
                nodes = [m for key, sch in nodes for m in (
                    _union_member_nodes(schemas, key, sch) if _shape(schemas, key, sch).kind == "union" else [(key, sch)])]
            if not any(_shape(schemas, key, sch).kind == "union" for key, sch in nodes):
                officials = [m for o in officials for m in ([by_key[k] for k in o.members if k in by_key] if o.kind == "union" else [o])]
            scored = sorted(
                ((_pair_score(o, _shape(schemas, key, sch)), o.key, key) for o in officials for key, sch in nodes),
                key=lambda t: (-t[0], t[1], t[2]),
            )
            used_o: set[str] = set()
            used_n: set[str] = set()
            for score, o_key, key in scored:
                if score < _CONTEXT_THRESHOLD or o_key in used_o or key in used_n or (o_key in found and found[o_key].score >= 1.5):
                    continue
                used_o.add(o_key)
                used_n.add(key)
                queue.append(Match(key, by_key[o_key], 1.5 + score))
        queue.sort(key=lambda m: -m.score)
    return list(found.values())


def _resolve_key(schemas: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The schema at a component name or a pointer into one."""
    name, *path = key.split("/")
    node: Any = schemas.get(name)
    for segment in path:
        segment = segment.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and segment.isdigit():
            node = node[int(segment)]
        elif isinstance(node, dict):
            node = node.get(segment)
        else:
            return None
    return node if isinstance(node, dict) else None


# -- the operations: which class each official method returns ---------------------------------

_REQUEST_VERBS = {"_get": "get", "_post": "post", "_put": "put", "_patch": "patch", "_delete": "delete", "_get_api_list": "get"}
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_OPERATION_SCORE = 2.0  # above any match by structure (< 1) or through fields (1.5 + score)


def _types_imports(tree: ast.Module) -> dict[str, str]:
    """`from ...types.beta.thread import Thread` -> {"Thread": "beta.thread.Thread"}: the
    location (relative to `types`) of each name a resource module imports from `types`."""
    out: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        module = node.module
        if module != "types" and not module.startswith("types."):
            continue
        relative = module.removeprefix("types").removeprefix(".")
        for alias in node.names:
            out[alias.asname or alias.name] = f"{relative}.{alias.name}" if relative else alias.name
    return out


def _path_text(node: ast.expr) -> str | None:
    """The request path a call passes: `"/x"`, `path_template("/x/{id}", ...)`, `f"/x/{id}"`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "path_template" and node.args:
        node = node.args[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _requests(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[str, str]]:
    """The (verb, path) requests a method's body sends: `self._post("/batches", ...)`."""
    for node in ast.walk(func):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self" and node.func.attr in _REQUEST_VERBS):
            continue
        path = _path_text(node.args[0])
        if path is None:
            continue
        verb = _REQUEST_VERBS[node.func.attr]
        if node.func.attr == "_get_api_list" and any(
            k.arg == "method" and isinstance(k.value, ast.Constant) and k.value.value == "post" for k in node.keywords
        ):
            verb = "post"
        yield verb, path


def _response_schema(op: dict[str, Any]) -> str | None:
    responses = op.get("responses", {})
    ok = next((responses[s] for s in sorted(responses, key=str) if str(s).startswith("2")), None)
    content = ok.get("content") if isinstance(ok, dict) else None
    media = content.get("application/json") if isinstance(content, dict) else None
    ref = media.get("schema", {}).get("$ref", "") if isinstance(media, dict) else ""
    return ref_name(ref) if isinstance(ref, str) and ref.startswith("#/components/schemas/") else None


def _returned_class(annotation: ast.expr | None) -> tuple[str, bool] | None:
    """`-> Batch`: ("Batch", False); `-> SyncCursorPage[Batch]`: ("Batch", True), a page of it."""
    if isinstance(annotation, ast.Name):
        return annotation.id, False
    if (
        isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name)
        and annotation.value.id.startswith("Sync") and annotation.value.id.endswith("Page")
        and isinstance(annotation.slice, ast.Name)
    ):
        return annotation.slice.id, True
    return None


def _page_item(schemas: dict[str, Any], name: str) -> str | None:
    """A list schema's item: the component its `data` items name, else their inline key."""
    items = schemas.get(name, {}).get("properties", {}).get("data", {}).get("items")
    if not isinstance(items, dict):
        return None
    ref = items.get("$ref")
    if isinstance(ref, str):
        return ref_name(ref) if ref.startswith("#/components/schemas/") else None
    return f"{_escape(name)}/properties/data/items"


def operation_anchors(package_dir: Path, spec: dict[str, Any], objects: list[OfficialObject]) -> list[Match]:
    """Official class -> the response schema of the operation whose method returns it.

    Each official method under `resources/` whose return annotation is one class of
    `types` (or a page of one: then the list's `data` items) and whose body requests one
    verb and path is paired with that operation of the spec; a class returned by several
    operations goes to the schema it fits best.
    A pair whose shapes disagree (below the threshold for pairing through fields) is left out.
    """
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    by_request: dict[tuple[str, str], str] = {}
    for path, method, op in operations(spec):
        schema = _response_schema(op)
        if schema is not None:
            by_request[(method, _PLACEHOLDER.sub("{}", path))] = schema
    by_location = {location: obj for obj in objects for location in obj.locations}
    wanted: dict[str, set[str]] = {}
    for source in sorted((package_dir / "resources").rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        imported = _types_imports(tree)
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for func in (n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
                returned = _returned_class(func.returns)
                if returned is None or returned[0] not in imported:
                    continue
                obj = by_location.get(imported[returned[0]])
                if obj is None or obj.kind not in ("model", "union"):
                    continue
                for verb, path in _requests(func):
                    schema = by_request.get((verb, _PLACEHOLDER.sub("{}", path)))
                    if schema is not None and returned[1]:
                        schema = _page_item(schemas, schema)
                    if schema is not None:
                        wanted.setdefault(obj.key, set()).add(schema)
    by_key = {o.key: o for o in objects}
    out: list[Match] = []
    for key, names in sorted(wanted.items()):
        obj = by_key[key]
        nodes = [(n, _resolve_key(schemas, n)) for n in sorted(names)]
        scored = sorted((_pair_score(obj, _shape(schemas, n, node)), n) for n, node in nodes if node is not None)
        if scored and scored[-1][0] >= _CONTEXT_THRESHOLD:
            out.append(Match(scored[-1][1], obj, _OPERATION_SCORE + scored[-1][0]))
    return out


def match(
    objects: list[OfficialObject], shapes: list[SchemaShape], spec: dict[str, Any] | None = None,
    anchors: list[Match] | None = None,
) -> list[Match]:
    """Each official object to its best schema, where one fits; unions by their members;
    then, with `spec`, what the fields of the best matches pair up (`propagate`), starting
    from `anchors` (`operation_anchors`: pairs known from the operations), which win."""
    matches = _match_globally(objects, shapes)
    if spec is None:
        return matches
    contextual = propagate(objects, spec, [*(anchors or []), *(m for m in matches if m.score >= _ANCHOR_THRESHOLD)])
    paired = {m.official.key for m in contextual}
    return contextual + [m for m in matches if m.official.key not in paired]


def _match_globally(objects: list[OfficialObject], shapes: list[SchemaShape]) -> list[Match]:
    by_kind: dict[str, list[SchemaShape]] = {}
    for shape in shapes:
        by_kind.setdefault(shape.kind, []).append(shape)
    matches: list[Match] = []
    matched_schema: dict[str, str] = {}
    for obj in objects:
        if not obj.main:
            continue
        if obj.kind in ("model", "param"):
            candidates = [(_score(obj, s), s.name) for s in by_kind.get("object", [])]
        elif obj.kind == "enum":
            candidates = [(_enum_score(obj, s), s.name) for s in by_kind.get("enum", [])]
        elif obj.kind == "alias":  # `Metadata = Dict[str, str]`: nothing but the name to go by
            candidates = [(1.0, s.name) for s in by_kind.get("other", []) if s.name == obj.name]
        else:
            continue
        best = max(candidates, default=(0.0, ""))
        if best[0] >= _THRESHOLD:
            matches.append(Match(best[1], obj, best[0]))
            matched_schema[obj.key] = best[1]
    by_key = {o.key: o for o in objects}
    shape_of = {s.name: s for s in shapes}
    union_tags = {
        s.name: frozenset(f"{f}={v}" for m in s.members if m in shape_of for f, v in shape_of[m].tags.items())
        for s in by_kind.get("union", [])
    }
    for obj in objects:
        if obj.kind != "union" or not obj.members or not obj.main:
            continue
        wanted = {matched_schema[m] for m in obj.members if m in matched_schema}
        if len(wanted) < max(1, len(obj.members) // 2):
            # an event union whose members are helpers of its module: compare the members' tags
            tags = frozenset(f"{f}={v}" for m in obj.members if m in by_key for f, v in by_key[m].tags.items())
            if len(tags) >= 2:
                scored = [(len(tags & t) / len(tags | t), name) for name, t in union_tags.items() if t]
                overlap, name = max(scored, default=(0.0, ""))
                if overlap >= 0.7:
                    matches.append(Match(name, obj, 0.5 + 0.4 * overlap + 0.1 * _name_similarity(obj.name, name)))
            continue
        best_union, best_score = "", 0.0
        for shape in by_kind.get("union", []):
            members = set(shape.members)
            overlap = len(members & wanted) / len(members | wanted)
            if overlap >= 0.6:
                score = 0.6 * overlap + 0.2 + 0.2 * _name_similarity(obj.name, shape.name)
                if score > best_score:
                    best_union, best_score = shape.name, score
        if best_union:
            matches.append(Match(best_union, obj, best_score))
        elif len(wanted) == 1 and all(m.rpartition(".")[2].startswith(obj.name) for m in obj.members):
            # `X = Union[XNonStreaming, XStreaming]`: both are one request body
            matches.append(Match(wanted.pop() or "", obj, 0.7))
    return matches


def _location_side(obj: OfficialObject, location: str) -> str:
    """An alias of a builtin type (`FunctionParameters = Dict[str, object]`) is one object
    in both `shared` and `shared_params`; here the request side has its own type."""
    module = location.rpartition(".")[0]
    if obj.kind == "alias":
        in_params = module.startswith("shared_params") or module.rpartition(".")[2].endswith(("_param", "_params"))
        return "params" if in_params else "models"
    return _side(obj)


def _side(obj: OfficialObject) -> str:
    """Which generated object an official one is: the model (or alias) or the TypedDict."""
    if obj.kind in ("union", "alias"):
        return "params" if obj.tags.get("side") == "param" else "models"
    return "params" if obj.kind == "param" else "models"


def assign(matches: list[Match], schema_names: set[str]) -> dict[str, dict[str, Any]]:
    """`schema -> {rename?, models: [...], params: [...]}`, the content of `spec/names.yaml`.

    A schema is renamed to the official name of its best model match (or of its best
    request match, `FooParam` -> `Foo`), unless another schema already has that name:
    generated names are unique, the better match keeps the name, the other is only
    re-exported under it.
    """
    out: dict[str, dict[str, Any]] = {}
    for m in sorted(matches, key=lambda m: (m.schema, m.official.key)):
        entry = out.setdefault(m.schema, {})
        for location in sorted(m.official.locations):
            entry.setdefault(_location_side(m.official, location), []).append(location)
    candidates: list[tuple[float, float, str, str]] = []
    for m in matches:
        name = m.official.name
        if m.official.kind == "param" or _side(m.official) == "params":
            if name.endswith("Param"):
                name = name.removesuffix("Param")
            elif "/" not in m.schema:
                continue  # a request body (`CompletionCreateParams`): re-exported, not renamed
        # A model's name is what prints; a request-only helper (`video_edit_params.Video`)
        # takes a name only where no model wants it.
        bias = 0.05 if _side(m.official) == "models" else (-2.0 if "/" in m.schema else 0.0)
        candidates.append((m.score + bias, _name_similarity(name, m.schema), m.schema, name))
    taken = set(schema_names)
    renamed: set[str] = set()
    for _round in range(3):  # a rename frees a name that a worse match may take in the next round
        for _score_, _similarity, schema, name in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
            if schema in renamed or name == schema:
                renamed.add(schema)
                continue
            if name in taken or (name + "Param" in taken and name + "Param" != schema):
                continue
            taken.discard(schema)
            taken.add(name)
            renamed.add(schema)
            out[schema]["rename"] = name
    # An inline schema is hoisted into a component to be named at all: where its official
    # name is taken, it is named after its parent, as datamodel-code-generator would.
    for schema, name in sorted((c[2], c[3]) for c in candidates if "/" in c[2]):
        if schema in renamed:
            continue
        parent = schema.split("/")[0]
        fallback = out.get(parent, {}).get("rename", parent) + name
        renamed.add(schema)
        if fallback not in taken and fallback + "Param" not in taken:
            taken.add(fallback)
            out[schema]["rename"] = fallback
    for schema in [s for s in out if "/" in s and "rename" not in out[s]]:
        del out[schema]  # no free name: not exported
    return {schema: {k: entry[k] for k in ("rename", "models", "params") if k in entry} for schema, entry in sorted(out.items())}


def iter_report(matches: list[Match]) -> Iterator[str]:
    for m in sorted(matches, key=lambda m: m.score):
        yield f"{m.score:.2f} {m.schema} -> {m.official.key} ({m.official.kind})"
