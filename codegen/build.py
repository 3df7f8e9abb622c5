"""Stage 2: the normalised spec and the config become the IR (operations on a resource tree)."""

from __future__ import annotations

import ast
import re
import dataclasses
from typing import Any

from .config import AlsoNamed, Config, ConfigError
from .document import SpecError, pointer
from .ir import Operation, Param, ParamLocation, Resource, Response, ReturnsBy, StreamInfo
from .models import ModelSources, ParamField
from .naming import pascal_case, safe_identifier, snake_case
from .normalize import REF_PREFIX, object_fields, operations, ref_name
from .tree import placements

__all__ = ["build_tree", "client_params", "param_schemas", "params_schema_name"]

# Keyword arguments every method has; a spec parameter of the same name gets a `_` suffix.
_OPTION_NAMES = frozenset({"extra_headers", "extra_query", "extra_body", "timeout", "self"})
_JSON = "application/json"
_MULTIPART = "multipart/form-data"


def params_schema_name(operation_id: str) -> str:
    return safe_identifier(pascal_case(operation_id)) + "Args"


# OpenAPI: a header parameter of these names "SHALL be ignored" (the client sets them).
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def client_params(op: dict[str, Any]) -> list[dict[str, Any]]:
    """The parameters a method takes: path, query and header ones (cookies are not sent)."""
    return [
        p for p in op.get("parameters", [])
        if p.get("in") in ("path", "query") or (p.get("in") == "header" and str(p.get("name", "")).lower() not in _IGNORED_HEADERS)
    ]


def param_schemas(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One synthetic object schema per operation with path, query or header parameters."""
    out: dict[str, dict[str, Any]] = {}
    for _path, _method, op in operations(spec):
        params = client_params(op)
        if not params:
            continue
        out[params_schema_name(op["operationId"])] = {
            "type": "object",
            "properties": {p["name"]: dict(p.get("schema", {}), description=p.get("description", "")) for p in params},
            "required": sorted({p["name"] for p in params if p.get("required") or p.get("in") == "path"}),
        }
    return out


def _kwarg_name(wire: str) -> str:
    return safe_identifier(wire.removesuffix("[]"), reserved=_OPTION_NAMES)


def _field_map(fields: list[ParamField], wires: list[str], where: str) -> dict[str, ParamField]:
    """Match TypedDict fields (Python names) to wire names, in declaration order; `where`
    (a JSON pointer) names the spec place they come from in an error."""
    by_name = {f.name: f for f in fields}
    out: dict[str, ParamField] = {}
    for wire in wires:
        field = by_name.get(wire) or by_name.get(safe_identifier(wire)) or by_name.get(re.sub(r"\W", "_", wire))
        if field is None:
            raise SpecError([
                f"{where}: the request type generated for it has no field `{wire}` (it has "
                f"{[f.name for f in fields]}); a body mixing `properties` with `oneOf`/`anyOf` is not supported"
            ])
        out[wire] = field
    return out


def _is_binary(schema: dict[str, Any]) -> bool:
    return schema.get("format") == "binary" or (
        schema.get("type") == "array" and isinstance(schema.get("items"), dict) and schema["items"].get("format") == "binary"
    )


def _file_annotation(schema: dict[str, Any]) -> str:
    return "Sequence[FileTypes]" if schema.get("type") == "array" else "FileTypes"


def _body(op: dict[str, Any]) -> tuple[str, str | None]:
    content = op.get("requestBody", {}).get("content", {})
    for media_type, kind in ((_MULTIPART, "multipart"), (_JSON, "json")):
        schema = content.get(media_type, {}).get("schema", {})
        if "$ref" in schema:
            return kind, ref_name(schema["$ref"])
    return "none", None


def _named_schemas(op: dict[str, Any], stream: StreamInfo | None) -> tuple[str, ...]:
    """The component schemas an operation answers with (responses, stream events): what
    decides its models' module. Its request body is sent as a TypedDict, never parsed."""
    found: set[str] = {stream.event_type} if stream is not None else set()
    for body in [r for r in op.get("responses", {}).values() if isinstance(r, dict)]:
        for media in body.get("content", {}).values():
            ref = media.get("schema", {}).get("$ref", "") if isinstance(media, dict) else ""
            if ref.startswith(REF_PREFIX):
                found.add(ref_name(ref))
    return tuple(sorted(found))


def _response(
    config: Config, op: dict[str, Any], method: str, query_names: set[str], models: ModelSources,
    model_fields: dict[str, dict[str, str]], returns: str = "",
) -> Response:
    """What the method returns; `returns` (config `methods.also_named`) may ask for the
    declared object where the rule gives a page (`object`), or for the body as text."""
    responses = op.get("responses", {})
    ok = next((responses[s] for s in sorted(responses) if str(s).startswith("2")), None)
    if returns == "text":
        return Response("text")
    if op["operationId"] in config.methods.binary:
        return Response("binary")
    if ok is None or not ok.get("content"):
        return Response("none")
    content = ok["content"]
    json_schema = content.get(_JSON, {}).get("schema")
    if not isinstance(json_schema, dict) or "$ref" not in json_schema:
        # audio, zip, video, sdp, and `downloadFile`, which declares a JSON string
        return Response("binary")
    name = ref_name(json_schema["$ref"])
    if name not in models.model_names:
        raise ConfigError(f"{op['operationId']}: response type {name} was not generated")
    if returns == "object":
        return Response("model", name)
    data = model_fields.get(name, {}).get("data", "")
    item = re.fullmatch(r"list\[(.+)\]", data)
    if op["operationId"] in config.methods.single_page:
        if item is None:
            raise ConfigError(f"methods.single_page.{op['operationId']}: {name} has no `data` list")
        return Response("page", item.group(1), "SinglePage")
    if method == "get" and item:
        # The first of the config's shapes whose parameter the list takes (and whose
        # `has_more` its answer has); no paging parameter at all: one page.
        paging = config.pagination
        for shape in paging.shapes:
            if shape.param in query_names and (shape.has_more is None or shape.has_more in model_fields[name]):
                return Response("page", item.group(1), "CursorPage", shape.name)
        if not query_names & ({s.param for s in paging.shapes} | set(paging.unfollowed_params)):
            return Response("page", item.group(1), "SinglePage")
    return Response("model", name)


def _model_fields(models: ModelSources) -> dict[str, dict[str, str]]:
    fields: dict[str, dict[str, str]] = {}
    for node in ast.parse(models.models).body:
        if isinstance(node, ast.ClassDef):
            fields[node.name] = {
                s.target.id: _strip_annotated(s.annotation)
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            }
    return fields


def _strip_annotated(annotation: ast.expr) -> str:
    if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Annotated":
        first = annotation.slice.elts[0] if isinstance(annotation.slice, ast.Tuple) else annotation.slice
        return ast.unparse(first)
    return ast.unparse(annotation)


def _build_operation(
    spec: dict[str, Any], path: str, method: str, op: dict[str, Any], config: Config, models: ModelSources,
    model_fields: dict[str, dict[str, str]], method_name: str,
) -> Operation:
    op_id = op["operationId"]
    bare_path, _, variant = path.partition("?")
    raw_params = client_params(op)
    params: list[Param] = []
    if raw_params:
        fields = _field_map(
            models.param_fields[params_schema_name(op_id)], [p["name"] for p in raw_params], pointer("paths", bare_path, method, "parameters")
        )
        # The official SDK's shape: the last path parameter is positional, then the others.
        path_params = [p for p in raw_params if p["in"] == "path"][::-1]
        for p in path_params + [p for p in raw_params if p["in"] == "query"]:
            f = fields[p["name"]]
            params.append(Param(_kwarg_name(p["name"]), p["name"], p["in"], f.annotation,
                                f.required or p["in"] == "path", p.get("description", "")))
    body_kind, body_schema = _body(op)
    if body_schema is not None:
        props, required = object_fields(spec["components"]["schemas"], {"$ref": REF_PREFIX + body_schema})
        body_fields = _field_map(models.param_fields.get(body_schema, []), list(props), pointer("paths", bare_path, method, "requestBody"))
        taken = {p.name for p in params}
        optional = set(config.methods.optional.get(op_id, ()))
        for wire in sorted(optional - set(props)):
            raise ConfigError(f"methods.optional.{op_id}: the request body has no field {wire!r}")
        required = {name for name in required if name not in optional}
        for wire, prop in props.items():
            name = _kwarg_name(wire)
            if name in taken:
                name += "_body"
            binary = body_kind == "multipart" and _is_binary(prop)
            location: ParamLocation = "file" if binary else ("form" if body_kind == "multipart" else "body")
            annotation = _file_annotation(prop) if binary else body_fields[wire].annotation
            params.append(Param(name, wire, location, annotation, wire in required, str(prop.get("description", ""))))
    headers_in = [p for p in raw_params if p["in"] == "header"]
    if headers_in:
        # After the body, as the official SDK orders them; named by the config, else by the header.
        fields = _field_map(
            models.param_fields[params_schema_name(op_id)], [p["name"] for p in headers_in], pointer("paths", bare_path, method, "parameters")
        )
        names = {k.lower(): v for k, v in config.header_parameters.items()}
        taken = {p.name for p in params}
        for p in headers_in:
            name = safe_identifier(names.get(p["name"].lower()) or snake_case(p["name"]) or "header", reserved=_OPTION_NAMES)
            if name in taken:
                name += "_header"
            taken.add(name)
            f = fields[p["name"]]
            params.append(Param(name, p["name"], "header", f.annotation, f.required, p.get("description", "")))
    query_names = {p.wire for p in params if p.location == "query"}
    stream_cfg = config.streams.get(op_id)
    stream = None
    if stream_cfg is not None:
        if stream_cfg.event_schema not in models.model_names:
            raise ConfigError(f"streams.{op_id}: event union {stream_cfg.event_schema!r} is not a generated type")
        if not any(p.wire == "stream" for p in params):
            raise ConfigError(f"streams.{op_id}: the operation has no `stream` parameter")
        stream = StreamInfo(stream_cfg.event_schema, "named" if stream_cfg.framing == "named" else "data")
    left_out = config.keyword_types_without.get(op_id, ())
    for name in sorted(set(left_out) - {p.name for p in params}):
        raise ConfigError(f"keyword_types.{op_id}.without: {op_id} has no argument {name!r}")
    response = _response(config, op, method, query_names, models, model_fields)
    returns_by = _returns_by(op_id, config, params, models, response)
    headers: dict[str, str] = {}
    for tag in op.get("tags", []):
        headers.update(config.headers.get(tag, {}))
    accept = _accept(op)
    if accept:
        headers.setdefault("Accept", accept)
    return Operation(
        operation_id=op_id,
        http_method=method,
        path=bare_path,
        query_variant=variant,
        method_name=method_name,
        summary=str(op.get("summary", "")),
        description=str(op.get("description", "")),
        deprecated=bool(op.get("deprecated", False)) or op_id in config.methods.deprecated,
        deprecation=config.methods.deprecated.get(op_id, ""),
        params=tuple(params),
        response=response,
        stream=stream,
        keywords_type=pascal_case(op_id) + "Keywords" if op_id in config.keyword_types else "",
        keywords_without=left_out,
        headers=tuple(sorted(headers.items())),
        body_kind="multipart" if body_kind == "multipart" else ("json" if body_schema else "none"),
        schemas=_named_schemas(op, stream),
        admin_key=_admin_key(spec, op, config),
        returns_by=returns_by,
        part_types=_part_types(op, params) if body_kind == "multipart" else (),
    )


_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*")


def _part_types(op: dict[str, Any], params: list[Param]) -> tuple[tuple[str, str], ...]:
    """The multipart body's `encoding`: each form field declared with its own content type
    (`session` as `application/json`, `sdp` as `application/sdp`), sent as one such part."""
    media = op.get("requestBody", {}).get("content", {}).get(_MULTIPART, {})
    encoding = media.get("encoding") if isinstance(media, dict) else None
    form = {p.wire for p in params if p.location == "form"}
    found: list[tuple[str, str]] = []
    for wire, entry in sorted((encoding or {}).items()) if isinstance(encoding, dict) else ():
        content_type = entry.get("contentType") if isinstance(entry, dict) else None
        if wire in form and isinstance(content_type, str) and _MEDIA_TYPE.fullmatch(content_type):
            found.append((wire, content_type))
    return tuple(found)


def _accept(op: dict[str, Any]) -> str:
    """The `Accept` header for an operation whose success answers one media type that is
    not JSON (`application/sdp`); "" otherwise (the client's default, JSON)."""
    responses = op.get("responses", {})
    ok = next((responses[s] for s in sorted(responses) if str(s).startswith("2")), None)
    content = ok.get("content") if isinstance(ok, dict) else None
    if not isinstance(content, dict) or len(content) != 1:
        return ""
    media = str(next(iter(content)))
    return media if _MEDIA_TYPE.fullmatch(media) and "json" not in media else ""


def _returns_by(
    op_id: str, config: Config, params: list[Param], models: ModelSources, response: Response
) -> ReturnsBy | None:
    """The config's `methods.returns_by` entry for the operation, checked against it."""
    entry = config.methods.returns_by.get(op_id)
    if entry is None:
        return None
    where = f"methods.returns_by.{op_id}"
    if response.kind != "model":
        raise ConfigError(f"{where}: the operation answers {response.kind}, not an object whose type could vary")
    param = next((p for p in params if p.wire == entry.param), None)
    if param is None or param.location not in ("body", "form", "query"):
        raise ConfigError(f"{where}.param: the operation has no body or query argument {entry.param!r}")
    if param.required:
        raise ConfigError(f"{where}.param: {entry.param!r} is required; the default type would never apply")
    for tp in [entry.default, *(tp for _v, tp in entry.values)]:
        if tp != "str" and tp not in models.model_names:
            raise ConfigError(f"{where}: {tp!r} is neither `str` nor a generated model")
    return ReturnsBy(param.name, entry.default, entry.values)


def _also_named(
    method: str, op: dict[str, Any], main: Operation, second: AlsoNamed, config: Config,
    models: ModelSources, model_fields: dict[str, dict[str, str]],
) -> Operation:
    """The operation's second method (config `methods.also_named`): the same request, under
    another name, deprecated with the official reason, returning what that method returns."""
    if second.returns == "object" and main.response.kind != "page":
        raise ConfigError(f"methods.also_named.{main.operation_id}: `returns: object` is for a method that returns a page")
    query_names = {p.wire for p in main.params if p.location == "query"}
    return dataclasses.replace(
        main,
        method_name=second.name,
        deprecated=bool(second.deprecated) or main.deprecated,
        deprecation=second.deprecated or main.deprecation,
        response=_response(config, op, method, query_names, models, model_fields, second.returns)
        if second.returns else main.response,
        keywords_type="",  # helpers wrap the main method
        keywords_without=(),
    )


def _admin_key(spec: dict[str, Any], op: dict[str, Any], config: Config) -> bool:
    """True if every security requirement the operation accepts is an admin-key scheme."""
    requirements = op.get("security", spec.get("security")) or []
    schemes = [name for requirement in requirements if isinstance(requirement, dict) for name in requirement]
    return bool(schemes) and all(name in config.admin_key_schemes for name in schemes)


def build_tree(spec: dict[str, Any], config: Config, models: ModelSources) -> Resource:
    """Every operation placed on the tree; raises `ConfigError` naming what does not fit."""
    known = {op["operationId"] for _p, _m, op in operations(spec)}
    sections = (
        ("resource_tree.overrides", config.tree.overrides), ("streams", config.streams), ("keyword_types", config.keyword_types),
        ("methods.single_page", config.methods.single_page), ("methods.binary", config.methods.binary),
        ("methods.optional", config.methods.optional), ("methods.deprecated", config.methods.deprecated),
        ("methods.also_named", config.methods.also_named), ("methods.returns_by", config.methods.returns_by),
    )
    for section, names in sections:
        for op_id in sorted(set(names) - known):
            raise ConfigError(f"{section}: operation {op_id!r} is not in the spec")
    model_fields = _model_fields(models)
    root = Resource(())
    placed: dict[str, str] = {}
    for path, method, op, placement in placements(spec, config.tree):
        if placement.dotted in placed:
            raise ConfigError(
                f"{op['operationId']} and {placed[placement.dotted]} both map to `{placement.dotted}`: "
                "add an override in spec/config.yaml"
            )
        placed[placement.dotted] = op["operationId"]
        node = root
        for i, segment in enumerate(placement.resource):
            node = node.children.setdefault(segment, Resource(placement.resource[: i + 1]))
        main = _build_operation(spec, path, method, op, config, models, model_fields, placement.method)
        node.operations.append(main)
        for second in config.methods.also_named.get(op["operationId"], ()):
            dotted = ".".join((*placement.resource, second.name))
            if dotted in placed:
                raise ConfigError(
                    f"methods.also_named.{op['operationId']}: `{dotted}` is already {placed[dotted]}'s method"
                )
            placed[dotted] = op["operationId"]
            node.operations.append(_also_named(method, op, main, second, config, models, model_fields))
    attach_overlay(root, config)
    for node in root.walk():
        node.operations.sort(key=lambda o: o.method_name)
        clash = {o.method_name for o in node.operations} & set(node.children)
        if clash:
            raise ConfigError(f"`{'.'.join(node.path)}` has both a method and a sub-resource named {sorted(clash)}")
    return root


def attach_overlay(root: Resource, config: Config) -> None:
    """Mark the config's extension classes, add its overlay-only resources and aliases;
    `ConfigError` names a miss."""
    for dotted, target in config.extensions.items():
        module, _, cls = target.partition(":")
        _find(root, dotted, "extensions").extension = (module, cls)
    for dotted, target in config.overlay_resources.items():
        *parent_path, name = dotted.split(".")
        parent = _find(root, ".".join(parent_path), "overlay_resources")
        if name in parent.children or any(op.method_name == name for op in parent.operations):
            raise ConfigError(f"overlay_resources: `{dotted}` is already a resource or method")
        module, _, cls = target.partition(":")
        parent.children[name] = Resource(tuple(dotted.split(".")), extension=(module, cls), overlay_only=True)
    for dotted, target in config.tree.aliases.items():
        *parent_path, name = dotted.split(".")
        parent = _find(root, ".".join(parent_path), "resource_tree.aliases")
        if name in parent.children:
            raise ConfigError(f"resource_tree.aliases: `{dotted}` is already a resource")
        parent.children[name] = Resource(tuple(dotted.split(".")), alias_of=_find(root, target, "resource_tree.aliases"))


def _find(root: Resource, dotted: str, section: str) -> Resource:
    node = root
    for segment in dotted.split(".") if dotted else ():
        if segment not in node.children:
            raise ConfigError(f"{section}: resource `{dotted}` is not on the client tree")
        node = node.children[segment]
    return node
