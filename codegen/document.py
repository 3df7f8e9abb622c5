"""Stage 1b: check the document's structure, and resolve what later stages take as given.

Later stages assume an OpenAPI 3.0/3.1 document whose operations are mappings with an
`operationId`, whose parameters, bodies and responses are inline, and whose `$ref`s all
name a component schema. Real specs break each of these (measured on Azure's and
Anthropic's): a `$ref` into a schema's property, operations without `operationId`, a
discriminator mapping to an undefined schema. This stage makes the fixable ones hold and
refuses the rest with a `SpecError` naming the place (a JSON pointer) and the problem,
all problems at once, instead of a `KeyError` from deep inside the generator.

What is fixed (on the copy `normalize` makes):
- an operation without `operationId` gets one from its method and path
  (`GET /things/{id}/parts` -> `get_things_id_parts`), stable across runs;
- `$ref`s to `#/components/{parameters,requestBodies,responses,pathItems}` are inlined
  (responses: the success ones, which shape the client);
- a `$ref` into a schema (`#/components/schemas/Message/properties/role`) becomes a `$ref`
  to a new component holding a copy of that part (`MessageRole`);
- a discriminator mapping value that is a bare schema name (`Dog`) becomes a `$ref`;
- the boolean schema `true` (3.1: anything) becomes `{}`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["SpecError", "check_root", "pointer", "prepare_document", "ungenerated_operations"]

_SCHEMAS = "#/components/schemas/"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_GENERATED_METHODS = ("get", "post", "put", "patch", "delete")  # what `normalize.operations` reads
_PARAM_LOCATIONS = ("path", "query", "header", "cookie")
_REUSABLE = {"parameters": "parameters", "requestBodies": "requestBody", "responses": "responses", "pathItems": "path item"}
_MAX_LISTED = 25


def ungenerated_operations(spec: dict[str, Any]) -> list[str]:
    """The operations no method is generated for (HEAD, OPTIONS, TRACE), one note each, so
    that none goes missing unnoticed."""
    paths = spec.get("paths")
    return [
        f"{pointer('paths', path, method)}: {method.upper()} operations are not generated (no client method)"
        for path, item in (paths.items() if isinstance(paths, dict) else ())
        for method in _METHODS
        if method not in _GENERATED_METHODS and isinstance(item, dict) and isinstance(item.get(method), dict)
    ]


class SpecError(ValueError):
    """The spec is something the generator cannot handle; says where (JSON pointers) and what."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:_MAX_LISTED]
        more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__(
            f"the spec cannot be generated from ({len(problems)} problem(s)):\n" + "\n".join(f"  - {p}" for p in shown) + more
        )


def pointer(*parts: object) -> str:
    """A JSON pointer (RFC 6901) as a URI fragment: `#/paths/~1things~1{id}/get`."""
    return "#" + "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def check_root(spec: object) -> dict[str, Any]:
    """The document is a mapping declaring OpenAPI 3.0 or 3.1; else `SpecError`."""
    if not isinstance(spec, dict):
        raise SpecError([f"{pointer()}: the document is a {type(spec).__name__}, not an OpenAPI object"])
    version = spec.get("openapi")
    if not isinstance(version, str) or not re.fullmatch(r"3\.[01]\.\d+", version.strip()):
        found = "missing" if version is None else repr(version)
        hint = " (a Swagger 2.0 document: convert it to OpenAPI 3 first)" if "swagger" in spec else ""
        raise SpecError([f"{pointer('openapi')}: OpenAPI version {found} is not supported; 3.0.x and 3.1.x are{hint}"])
    return spec


def prepare_document(spec: object) -> dict[str, Any]:
    """Check `spec` (mutated in place) and resolve what can be; raise `SpecError` otherwise."""
    spec = check_root(spec)
    problems = list(_check_containers(spec))
    if problems:
        raise SpecError(problems)
    _true_schemas(spec)
    problems += _inline_reusable(spec)
    if problems:  # the checks below read the operations this one found malformed
        raise SpecError(problems)
    _hoist_deep_refs(spec)
    problems += _check_schemas(spec)
    problems += _check_operations(spec)
    problems += _check_refs(spec)
    if problems:
        raise SpecError(problems)
    return spec


def _check_containers(spec: dict[str, Any]) -> Iterator[str]:
    paths = spec.setdefault("paths", {})
    if paths is None:
        spec["paths"] = {}
    elif not isinstance(paths, dict):
        yield f"{pointer('paths')}: is a {type(paths).__name__}, not a mapping of paths"
    components = spec.get("components", {})
    if not isinstance(components, dict):
        yield f"{pointer('components')}: is a {type(components).__name__}, not a mapping"
        return
    for section, value in components.items():
        if value is not None and not isinstance(value, dict):
            yield f"{pointer('components', section)}: is a {type(value).__name__}, not a mapping"
    for name, schema in (components.get("schemas") or {}).items():
        if not isinstance(schema, (dict, bool)):
            yield f"{pointer('components', 'schemas', name)}: a schema must be a mapping, not a {type(schema).__name__}"
    if isinstance(paths, dict):
        for path, item in paths.items():
            where = pointer("paths", path)
            if not isinstance(path, str) or not path.startswith("/"):
                yield f"{where}: a path must start with `/`"
            elif not [seg for seg in path.partition("?")[0].split("/") if seg and not seg.startswith("{")]:
                yield f"{where}: a path with no literal segment names no resource of the client (`client.<name>`)"
            elif not isinstance(item, dict):
                yield f"{where}: a path item must be a mapping, not a {type(item).__name__}"


def _true_schemas(spec: dict[str, Any]) -> None:
    schemas = spec.get("components", {}).get("schemas") or {}
    for name, schema in list(schemas.items()):
        if schema is True:
            schemas[name] = {}


# -- reusable components ----------------------------------------------------------------


def _lookup(spec: dict[str, Any], ref: str) -> tuple[bool, Any]:
    node: Any = spec
    for token in ref.removeprefix("#/").split("/"):
        token = _unescape(token)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


def _inline_reusable(spec: dict[str, Any]) -> Iterator[str]:
    """Replace `$ref`s to reusable parameters, bodies, responses and path items by copies."""

    def resolve(node: Any, where: str, seen: tuple[str, ...] = ()) -> tuple[Any, str | None]:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and not node["$ref"].startswith(_SCHEMAS):
            ref = node["$ref"]
            section = ref.removeprefix("#/components/").split("/")[0]
            if not ref.startswith("#/components/") or section not in _REUSABLE:
                return node, f"{where}: `$ref: {ref}` is not supported here (only local component references are)"
            if ref in seen:
                return node, f"{where}: `$ref: {ref}` refers to itself"
            found, target = _lookup(spec, ref)
            if not found:
                return node, f"{where}: `$ref: {ref}` names nothing in this document"
            seen = (*seen, ref)
            node = copy.deepcopy(target)
        return node, None

    for path, item in list(spec["paths"].items()):
        item, problem = resolve(item, pointer("paths", path))
        if problem or not isinstance(item, dict):
            yield problem or f"{pointer('paths', path)}: a path item must be a mapping"
            continue
        spec["paths"][path] = item
        shared = item.get("parameters", [])
        for method in _METHODS:
            op = item.get(method)
            where = pointer("paths", path, method)
            if op is None:
                continue
            if not isinstance(op, dict):
                yield f"{where}: an operation must be a mapping, not a {type(op).__name__}"
                continue
            params = op.get("parameters", [])
            if not isinstance(params, list) or not isinstance(shared, list):
                yield f"{where}/parameters: must be a list"
                continue
            merged: dict[tuple[str, str], Any] = {}
            for source, listed in ((pointer("paths", path, "parameters"), shared), (f"{where}/parameters", params)):
                for i, param in enumerate(listed):
                    param, problem = resolve(param, f"{source}/{i}")
                    if problem:
                        yield problem
                    elif not isinstance(param, dict) or not isinstance(param.get("name"), str) or param.get("in") not in _PARAM_LOCATIONS:
                        yield f"{source}/{i}: a parameter needs a `name` and `in` ({', '.join(_PARAM_LOCATIONS)})"
                    else:
                        merged[(param["in"], param["name"])] = param  # the operation's own win
            if merged or "parameters" in op:
                op["parameters"] = list(merged.values())
            if "requestBody" in op:
                body, problem = resolve(op["requestBody"], f"{where}/requestBody")
                if problem:
                    yield problem
                op["requestBody"] = body
                yield from _check_content(body, f"{where}/requestBody")
            responses = op.get("responses", {})
            if not isinstance(responses, dict):
                yield f"{where}/responses: must be a mapping of status codes"
                continue
            for status, response in list(responses.items()):
                if not str(status).startswith("2"):
                    continue  # only success responses shape the client
                response, problem = resolve(response, f"{where}/responses/{status}")
                if problem:
                    yield problem
                responses[status] = response
                yield from _check_content(response, f"{where}/responses/{status}")
        item.pop("parameters", None)


def _check_content(holder: Any, where: str) -> Iterator[str]:
    """A request body or response: a mapping whose `content` maps media types to `{schema}`."""
    if not isinstance(holder, dict):
        yield f"{where}: must be a mapping, not a {type(holder).__name__}"
        return
    content = holder.get("content", {})
    if content is None:
        holder["content"] = {}  # "no content", written out
        return
    if not isinstance(content, dict):
        yield f"{where}/content: must be a mapping of media types, not a {type(content).__name__}"
        return
    for media_type, media in content.items():
        at = f"{where}/content/{str(media_type).replace('~', '~0').replace('/', '~1')}"
        if not isinstance(media, dict):
            yield f"{at}: must be a mapping (with a `schema`), not a {type(media).__name__}"
        elif "schema" in media and media["schema"] is None:
            del media["schema"]  # no schema: any content
        elif "schema" in media and media["schema"] is True:
            media["schema"] = {}
        elif "schema" in media and not isinstance(media["schema"], dict):
            yield f"{at}/schema: must be a schema (a mapping), not a {type(media['schema']).__name__}"


# -- schemas: the keywords the generator reads, of the types it reads them as --------------

_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_ONE = ("items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else")
_STRINGS = ("description", "title", "format", "pattern")


def _check_schemas(spec: dict[str, Any]) -> Iterator[str]:
    roots: list[tuple[Any, tuple[object, ...]]] = [
        (schema, ("components", "schemas", name)) for name, schema in spec["components"]["schemas"].items()
    ]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in _GENERATED_METHODS or not isinstance(op, dict):
                continue
            for i, param in enumerate(op.get("parameters", [])):
                if "schema" in param:
                    roots.append((param["schema"], ("paths", path, method, "parameters", i, "schema")))
            bodies = [(("requestBody",), op.get("requestBody"))] + [
                (("responses", status), r) for status, r in op.get("responses", {}).items() if str(status).startswith("2")
            ]
            for where, body in bodies:
                for media_type, media in (body or {}).get("content", {}).items() if isinstance(body, dict) else ():
                    if isinstance(media, dict) and "schema" in media:
                        roots.append((media["schema"], ("paths", path, method, *where, "content", media_type, "schema")))
    stack = roots
    while stack:
        schema, at = stack.pop()
        if isinstance(schema, bool):
            continue
        if not isinstance(schema, dict):
            yield f"{pointer(*at)}: a schema must be a mapping, not a {type(schema).__name__}"
            continue
        for key in _STRINGS:
            if key in schema and not isinstance(schema[key], str):
                yield f"{pointer(*at, key)}: must be a string, not a {type(schema[key]).__name__}"
        kind = schema.get("type")
        if kind is not None and not isinstance(kind, str) and not (isinstance(kind, list) and all(isinstance(k, str) for k in kind)):
            yield f"{pointer(*at, 'type')}: must be a type name or a list of them, not {kind!r}"
        required = schema.get("required")
        if required is not None and (not isinstance(required, list) or not all(isinstance(r, str) for r in required)):
            yield f"{pointer(*at, 'required')}: must be a list of property names, not {required!r}"
        if "enum" in schema and not isinstance(schema["enum"], list):
            yield f"{pointer(*at, 'enum')}: must be a list of values, not a {type(schema['enum']).__name__}"
        for key in _SCHEMA_MAPS:
            if key in schema:
                if not isinstance(schema[key], dict):
                    yield f"{pointer(*at, key)}: must be a mapping of names to schemas, not a {type(schema[key]).__name__}"
                else:
                    stack.extend((sub, (*at, key, name)) for name, sub in schema[key].items())
        for key in _SCHEMA_LISTS:
            if key in schema:
                if not isinstance(schema[key], list):
                    yield f"{pointer(*at, key)}: must be a list of schemas, not a {type(schema[key]).__name__}"
                else:
                    stack.extend((sub, (*at, key, i)) for i, sub in enumerate(schema[key]))
        for key in _SCHEMA_ONE:
            if key in schema:
                if isinstance(schema[key], list) and key == "items":  # draft-04 tuple form
                    stack.extend((sub, (*at, key, i)) for i, sub in enumerate(schema[key]))
                else:
                    stack.append((schema[key], (*at, key)))


# -- `$ref`s into a schema ----------------------------------------------------------------


def _hoist_deep_refs(spec: dict[str, Any]) -> None:
    """`#/components/schemas/A/properties/b` -> a new component `AB` (a copy of that part)."""
    schemas: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {}) or {}
    spec["components"]["schemas"] = schemas
    hoisted: dict[str, str] = {}
    refs: list[dict[str, Any]] = []
    _collect_refs(spec, refs)
    for node in refs:
        ref = node["$ref"]
        if not ref.startswith(_SCHEMAS) or "/" not in ref.removeprefix(_SCHEMAS):
            continue
        if ref not in hoisted:
            found, target = _lookup(spec, ref)
            if not found or not isinstance(target, (dict, bool)):
                continue  # reported as dangling by `_check_refs`
            tokens = [_unescape(t) for t in ref.removeprefix(_SCHEMAS).split("/")]
            words = [t for t in tokens if t not in ("properties", "items", "allOf", "anyOf", "oneOf", "additionalProperties")]
            base = "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", " ".join(words)) if w) or "Schema"
            name, n = base, 2
            while name in schemas:
                name, n = f"{base}{n}", n + 1
            schemas[name] = copy.deepcopy(target) if isinstance(target, dict) else {}
            hoisted[ref] = _SCHEMAS + name
        node["$ref"] = hoisted[ref]


def _collect_refs(node: Any, out: list[dict[str, Any]]) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                out.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


# -- operations ---------------------------------------------------------------------------


def _check_operations(spec: dict[str, Any]) -> Iterator[str]:
    seen: dict[str, str] = {}
    unnamed: list[tuple[str, str, dict[str, Any]]] = []
    for path, item in spec["paths"].items():
        for method in _GENERATED_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            where = pointer("paths", path, method)
            op_id = op.get("operationId")
            if op_id is None:
                unnamed.append((path, method, op))
                continue
            if not isinstance(op_id, str) or not re.search(r"[A-Za-z]", op_id):
                yield f"{where}/operationId: {op_id!r} is not a name"
                continue
            if op_id in seen:
                yield f"{where}/operationId: {op_id!r} is also the operationId of {seen[op_id]}"
            seen[op_id] = where
            yield from _check_path_params(path, op, where)
        for method in set(_METHODS) - set(_GENERATED_METHODS):
            item.pop(method, None)  # HEAD, OPTIONS, TRACE: not generated
    for path, method, op in unnamed:
        base = "_".join([method, *(w for w in re.split(r"[^0-9A-Za-z]+", path) if w)])
        name, n = base, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        op["operationId"] = name
        seen[name] = pointer("paths", path, method)
        yield from _check_path_params(path, op, seen[name])


def _check_path_params(path: str, op: dict[str, Any], where: str) -> Iterator[str]:
    declared = {p["name"] for p in op.get("parameters", []) if p.get("in") == "path"}
    template = set(re.findall(r"\{([^}]*)\}", path.partition("?")[0]))
    for name in sorted(template - declared):
        yield f"{where}/parameters: the path names `{{{name}}}`, but no path parameter `{name}` is declared"
    for name in sorted(declared - template):
        yield f"{where}/parameters: path parameter `{name}` is not in the path {path}"


# -- schema references --------------------------------------------------------------------


def _check_refs(spec: dict[str, Any]) -> Iterator[str]:
    schemas = spec["components"]["schemas"]
    stack: list[tuple[Any, tuple[object, ...]]] = [(spec, ())]
    while stack:
        node, at = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and at[-1:] != ("properties",):
                if not ref.startswith("#/"):
                    yield f"{pointer(*at)}: `$ref: {ref}` is not supported (only references within the document are)"
                elif ref.startswith(_SCHEMAS) and ref.removeprefix(_SCHEMAS) not in schemas:
                    yield f"{pointer(*at)}: `$ref: {ref}` names no schema in this document"
                elif not ref.startswith(_SCHEMAS) and not _lookup(spec, ref)[0]:
                    yield f"{pointer(*at)}: `$ref: {ref}` names nothing in this document"
            disc = node.get("discriminator")
            if isinstance(disc, dict) and at[-1:] != ("properties",):
                yield from _check_discriminator(disc, schemas, at)
            # examples and `x-` extensions are data, not schemas
            stack.extend((v, (*at, k)) for k, v in node.items() if k not in ("example", "examples") and not str(k).startswith("x-"))
        elif isinstance(node, list):
            stack.extend((value, (*at, i)) for i, value in enumerate(node))


def _check_discriminator(disc: dict[str, Any], schemas: dict[str, Any], at: tuple[object, ...]) -> Iterator[str]:
    if not isinstance(disc.get("propertyName"), str):
        yield f"{pointer(*at, 'discriminator')}: needs a `propertyName`"
    mapping = disc.get("mapping", {})
    if not isinstance(mapping, dict):
        yield f"{pointer(*at, 'discriminator', 'mapping')}: must be a mapping of values to schemas"
        return
    for value, target in list(mapping.items()):
        where = pointer(*at, "discriminator", "mapping", value)
        if isinstance(target, str) and not target.startswith("#") and target in schemas:
            mapping[value] = _SCHEMAS + target  # a bare schema name, as OpenAPI allows
        elif not isinstance(target, str) or not target.startswith(_SCHEMAS) or target.removeprefix(_SCHEMAS) not in schemas:
            yield f"{where}: maps to {target!r}, which is no schema in this document"
