"""Stage 1b: does `spec/config.yaml` (and the overlay it names) still match the spec?

Run on the normalised spec, before the slow models stage, so that after a spec update
every stale entry is reported at once, each naming the config key and the missing thing,
in about a second, instead of the first one after the models, or as generated code that
fails later. `build_tree` keeps its own checks as a second line of defence.

What is checked (each against the new spec):
- `resource_tree.overrides`, `streams`, `methods.*`: the operationId exists (and each
  `methods.optional` field is a field of its request body, and each `methods.returns_by`
  argument a body field or query parameter; each `methods.also_named`
  name is free on its resource); a stream's event union is
  a component schema (by its normalised, generated name) and the operation has a
  `stream` body field or query parameter (`GET /responses/{id}?stream=true`);
- `headers`, `resource_tree.beta_tags`: some operation carries the tag;
- `header_parameters`: some operation has the header parameter;
- `resource_tree.query_variant_prefixes`: every `?variant` path has an entry (else the tree
  cannot place it);
- warnings only (see `WARNING`): a `beta_path_prefixes` or `root_renames` entry no path
  starts with, a `query_variant_prefixes` entry no path uses;
- stale entries (see `STALE`): an entry naming an operation, tag, resource or schema the
  spec no longer has (`keyword_types` included). An update to a spec that dropped them
  proceeds without them (`codegen.stale`), unless `--strict`. The same holds for
  `spec/names.yaml` entries naming a schema, or an inline schema, the spec no longer has
  (`codegen.names.check_names`; a named model that is not generated is known only after
  the models stage: `codegen.stale.missing_names`);
- the tree: no two operations land on one method, no method shares its name with a
  sub-resource;
- `resource_tree.aliases`: the alias's parent and its target are resources, and its name
  is free;
- `overlay_resources`: the parent resource exists and the name is free, and the overlay
  module defines `Class` and `AsyncClass`;
- `webhook_events` (checked where the union is added, `codegen.normalize.add_webhook_union`):
  every webhook's JSON body is a component schema and the name is free; stale when the
  spec has no webhooks;
- `extensions`: the resource exists, and the overlay module (found under the overlay
  root, `handwritten/`) defines `Class` and `AsyncClass`, each subclassing the generated
  class it replaces;
- `optional_fields`: the schema exists and requires each field it names (else stale);
- `computed_properties`: the schema exists, and the overlay module defines the function;
- `admin_key_schemes`: each is a security scheme of the spec (a warning: nothing uses it).

The extension check reads the overlay's source (`ast`) instead of importing it: the
overlay imports the generated package, which is what is being regenerated, so importing
it here would test the old generated code, or fail for the wrong reason. The runtime
check (import, `issubclass`) and the signatures the overlay's helpers wrap are checked
after generation: by `tests/codegen/test_overlay.py` and by `mypy --strict` over the
package (a helper calling a generated method with a removed argument fails there).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .config import Config, ConfigError
from .module_client import module_client_problems
from .names import check_names
from .naming import snake_case
from .normalize import REF_PREFIX, object_fields, operations, webhook_bodies
from .overlay_source import all_names, defines_function, module_file, parse_module
from .render import class_names, module_of
from .tree import place_operation, singleton_paths

__all__ = ["STALE", "WARNING", "check_config", "raise_on_problems"]

# Messages that start with this are warnings: a rule that matches nothing in this spec
# (`beta_path_prefixes: [/chatkit]` before ChatKit existed) generates no wrong code, and
# keeping it lets one config serve an older spec. Every other message names something the
# config relies on that the spec no longer has, and is an error.
WARNING = "unused: "
# Messages that start with this name an entry whose subject the spec no longer has (an
# operation OpenAI removed): `STALE` + "<config key>: <what is missing>". The update leaves
# the entry out (`codegen.stale.prune`) and reports what users lose; `--strict` refuses.
STALE = "stale: "


def raise_on_problems(problems: list[str], *, strict: bool = True) -> list[str]:
    """Raise `ConfigError` listing the errors; return the warnings for the caller to show.

    Stale entries are errors when `strict`, else returned with the warnings."""
    errors = [p for p in problems if not p.startswith(WARNING) and (strict or not p.startswith(STALE))]
    if errors:
        raise ConfigError(
            f"spec/config.yaml does not match the spec ({len(errors)} problem(s)):\n"
            + "\n".join(f"  - {p}" for p in errors)
        )
    return [p for p in problems if p not in errors]


def check_config(spec: dict[str, Any], config: Config, overlay_root: Path | None = None) -> list[str]:
    """Every mismatch between the config and the (normalised) spec, one message each."""
    return [
        *_operation_names(spec, config),
        *_tags_and_paths(spec, config),
        *_tree(spec, config, overlay_root),
        *_computed_properties(spec, config, overlay_root),
        *_optional_fields(spec, config),
        *_webhook_events(spec, config),
        *check_names(spec, config.names, _added_schemas(spec, config)),
        *_admin_key_schemes(spec, config),
        *(module_client_problems(overlay_root, config.module_client) if overlay_root and config.module_client else ()),
        *_pagination(spec, config),
        *_overlay_types(config, overlay_root),
    ]


def _overlay_types(config: Config, overlay_root: Path | None) -> Iterator[str]:
    """Each overlay module exists and lists, in its `__all__`, the name of every location
    it gives (`chat.ParsedChatCompletion` -> `ParsedChatCompletion`)."""
    if overlay_root is None:
        return
    for module, locations in sorted(config.overlay_types.items()):
        source = module_file(overlay_root, module)
        if source is None:
            yield f"overlay_types.{module}: module {module} is not under {overlay_root}"
            continue
        exported = set(all_names(parse_module(source)) or ())
        for location in locations:
            if location.rpartition(".")[2] not in exported:
                yield f"overlay_types.{module}: {module}'s __all__ has no {location.rpartition('.')[2]} (for `types.{location}`)"


def _webhook_events(spec: dict[str, Any], config: Config) -> Iterator[str]:
    """The union the generator adds (`codegen.normalize.add_webhook_union`) can be made: its
    name is free, and every webhook's body is a component schema. No webhook: stale."""
    name = config.webhook_events
    if name is None:
        return
    where = f"webhook_events.{name}"
    members, problems = webhook_bodies(spec)
    if name in spec.get("components", {}).get("schemas", {}):
        yield f"{where}: the spec already has a schema {name!r}"
    yield from (f"{where}: {problem}" for problem in problems)
    if not members and not problems:
        yield f"{STALE}{where}: the spec has no webhooks"


def _added_schemas(spec: dict[str, Any], config: Config) -> frozenset[str]:
    """The schemas the generator adds to the spec's, once the config is checked."""
    name = config.webhook_events
    return frozenset({name}) if name is not None and webhook_bodies(spec)[0] else frozenset()


def _pagination(spec: dict[str, Any], config: Config) -> Iterator[str]:
    """A shape whose cursor parameter no GET takes pages nothing: a warning, as for tree rules."""
    taken = {
        str(p.get("name")) for _path, method, op in operations(spec) if method == "get"
        for p in op.get("parameters", []) if isinstance(p, dict) and p.get("in") == "query"
    }
    for shape in config.pagination.shapes:
        if shape.param not in taken:
            yield f"{WARNING}pagination.shapes.{shape.name}: no GET operation takes the query parameter {shape.param!r}"


def _admin_key_schemes(spec: dict[str, Any], config: Config) -> Iterator[str]:
    schemes = spec.get("components", {}).get("securitySchemes", {})
    for name in config.admin_key_schemes:
        if name not in schemes:
            yield f"{WARNING}admin_key_schemes: security scheme {name!r} is not in the spec's components"


def _optional_fields(spec: dict[str, Any], config: Config) -> Iterator[str]:
    schemas = spec.get("components", {}).get("schemas", {})
    for schema, names in sorted(config.optional_fields.items()):
        if schema not in schemas:
            yield f"{STALE}optional_fields.{schema}: schema {schema!r} is not in the spec's components"
            continue
        props, required = object_fields(schemas, {"$ref": REF_PREFIX + schema})
        for name in names:
            if name not in props:
                yield f"{STALE}optional_fields.{schema}.{name}: the schema has no property {name!r}"
            elif name not in required:
                yield f"{STALE}optional_fields.{schema}.{name}: the spec no longer requires it"


def _computed_properties(spec: dict[str, Any], config: Config, overlay_root: Path | None) -> Iterator[str]:
    schemas = spec.get("components", {}).get("schemas", {})
    for schema, properties in sorted(config.computed_properties.items()):
        if schema not in schemas:
            yield f"{STALE}computed_properties.{schema}: schema {schema!r} is not in the spec's components"
        for name, prop in sorted(properties.items()):
            module, _, function = prop.function.partition(":")
            source = module_file(overlay_root, module) if overlay_root is not None else None
            if overlay_root is None:
                continue
            if source is None:
                yield f"computed_properties.{schema}.{name}: module {module} is not under {overlay_root}"
                continue
            tree = parse_module(source)
            if not defines_function(tree, function):
                yield f"computed_properties.{schema}.{name}: {module} defines no function {function}"


def _operation_names(spec: dict[str, Any], config: Config) -> Iterator[str]:
    ops = {op["operationId"]: op for _p, _m, op in operations(spec)}
    schemas = spec.get("components", {}).get("schemas", {})
    for op_id in sorted(set(config.tree.overrides) - set(ops)):
        yield f"{STALE}resource_tree.overrides.{op_id}: operation {op_id!r} is not in the spec"
    header_params = {str(p.get("name", "")).lower() for op in ops.values() for p in op.get("parameters", []) if p.get("in") == "header"}
    for header in sorted(config.header_parameters):
        if header.lower() not in header_params:
            yield f"{STALE}header_parameters.{header}: no operation has the header parameter {header!r}"
    for op_id in sorted(set(config.keyword_types) - set(ops)):
        yield f"{STALE}keyword_types.{op_id}: operation {op_id!r} is not in the spec"
    methods = config.methods
    for section, names in (
        ("methods.single_page", methods.single_page), ("methods.binary", methods.binary),
        ("methods.deprecated", tuple(methods.deprecated)), ("methods.also_named", tuple(methods.also_named)),
    ):
        for op_id in sorted(set(names) - set(ops)):
            yield f"{STALE}{section}.{op_id}: operation {op_id!r} is not in the spec"
    for op_id, fields in sorted(methods.optional.items()):
        if op_id not in ops:
            yield f"{STALE}methods.optional.{op_id}: operation {op_id!r} is not in the spec"
            continue
        for name in sorted(set(fields) - _body_fields(schemas, ops[op_id])):
            yield f"{STALE}methods.optional.{op_id}.{name}: the request body has no field {name!r}"
    for op_id, by in sorted(methods.returns_by.items()):
        if op_id not in ops:
            yield f"{STALE}methods.returns_by.{op_id}: operation {op_id!r} is not in the spec"
        elif by.param not in _body_fields(schemas, ops[op_id]) | _query_names(ops[op_id]):
            yield f"{STALE}methods.returns_by.{op_id}.param: the operation has no body field or query parameter {by.param!r}"
    for op_id, stream in sorted(config.streams.items()):
        if op_id not in ops:
            yield f"{STALE}streams.{op_id}: operation {op_id!r} is not in the spec"
            continue
        if stream.event_schema not in schemas:
            yield f"{STALE}streams.{op_id}: event schema {stream.event_schema!r} is not in the spec's components"
        elif "stream" not in _body_fields(schemas, ops[op_id]) | _query_names(ops[op_id]):
            yield f"{STALE}streams.{op_id}: the operation has no `stream` body field or query parameter"


def _query_names(op: dict[str, Any]) -> set[str]:
    return {str(p.get("name")) for p in op.get("parameters", []) if p.get("in") == "query"}


def _body_fields(schemas: dict[str, Any], op: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for media in op.get("requestBody", {}).get("content", {}).values():
        schema = media.get("schema") if isinstance(media, dict) else None
        if isinstance(schema, dict) and (not schema.get("$ref") or str(schema["$ref"]).startswith(REF_PREFIX)):
            names |= set(object_fields(schemas, schema)[0])
    return names


def _tags_and_paths(spec: dict[str, Any], config: Config) -> Iterator[str]:
    tags = {tag for _p, _m, op in operations(spec) for tag in op.get("tags", [])}
    paths = [path.partition("?")[0] for path in spec.get("paths", {})]
    variants = {path.partition("?")[2] for path in spec.get("paths", {})} - {""}
    for section, names in (("headers", config.headers), ("resource_tree.beta_tags", config.tree.beta_tags)):
        for tag in sorted(set(names) - tags):
            yield f"{STALE}{section}.{tag}: no operation has the tag {tag!r}"
    for prefix in config.tree.beta_path_prefixes:
        if not any(p == prefix or p.startswith(prefix + "/") for p in paths):
            yield f"{WARNING}resource_tree.beta_path_prefixes: no path starts with {prefix!r}"
    firsts = {snake_case(p.strip("/").split("/")[0]) for p in paths}
    for segment in sorted(set(config.tree.root_renames) - firsts):
        yield f"{WARNING}resource_tree.root_renames.{segment}: no path starts with /{segment}"
    for variant in sorted(variants - set(config.tree.query_variant_prefixes)):
        yield f"resource_tree.query_variant_prefixes: paths with `?{variant}` have no entry (where do they go?)"
    for variant in sorted(set(config.tree.query_variant_prefixes) - variants):
        yield f"{WARNING}resource_tree.query_variant_prefixes.{variant}: no path has `?{variant}`"


def _tree(spec: dict[str, Any], config: Config, overlay_root: Path | None) -> Iterator[str]:
    resources: set[tuple[str, ...]] = {()}
    methods: dict[str, str] = {}  # dotted method -> operationId
    singletons = singleton_paths(spec)
    for path, method, op in operations(spec):
        if path.partition("?")[2] not in ("", *config.tree.query_variant_prefixes):
            continue  # reported above
        placement = place_operation(
            path=path, http_method=method, operation_id=op["operationId"], tags=op.get("tags", []),
            config=config.tree, singleton=path in singletons,
        )
        resources.update(placement.resource[:i] for i in range(len(placement.resource) + 1))
        if placement.dotted in methods:
            yield (
                f"{op['operationId']} and {methods[placement.dotted]} both map to `{placement.dotted}`: "
                "add an override in resource_tree.overrides"
            )
        methods.setdefault(placement.dotted, op["operationId"])
    for dotted, op_id in sorted(methods.items()):
        for second in config.methods.also_named.get(op_id, ()):
            other = ".".join((*dotted.split(".")[:-1], second.name))
            if other in methods and methods[other] != op_id:
                yield f"methods.also_named.{op_id}: `{other}` is already {methods[other]}'s method"
    for dotted in sorted(methods):
        if tuple(dotted.split(".")) in resources:
            yield f"`{dotted}` is both a method and a resource: add an override in resource_tree.overrides"
    for alias, target in sorted(config.tree.aliases.items()):
        where = f"resource_tree.aliases.{alias}"
        parts = tuple(alias.split("."))
        if tuple(target.split(".")) not in resources:
            yield f"{STALE}{where}: target resource `{target}` is not on the client tree"
        elif parts[:-1] not in resources:
            yield f"{where}: parent resource `{'.'.join(parts[:-1])}` is not on the client tree"
        elif parts in resources or alias in methods:
            yield f"{where}: `{alias}` is already a resource or method"
    for dotted, target in sorted(config.extensions.items()):
        where = f"extensions.{dotted}"
        resource_path = tuple(dotted.split("."))
        if not dotted:
            yield f"{where}: the client itself cannot be an extension"
            continue
        if resource_path not in resources:
            yield f"{STALE}{where}: resource `{dotted}` is not on the client tree"
            continue
        yield from (f"{where}: {p}" for p in _extension_problems(resource_path, target, overlay_root))
    for dotted, target in sorted(config.overlay_resources.items()):
        where = f"overlay_resources.{dotted}"
        attached = tuple(dotted.split("."))
        if attached[:-1] not in resources:
            yield f"{where}: parent resource `{'.'.join(attached[:-1])}` is not on the client tree"
        elif attached in resources or dotted in methods or dotted in config.tree.aliases:
            yield f"{where}: `{dotted}` is already a resource or method of the spec (use `extensions` for it)"
        yield from (f"{where}: {p}" for p in _overlay_resource_problems(target, overlay_root))


def _overlay_resource_problems(target: str, overlay_root: Path | None) -> Iterator[str]:
    """The overlay module defines `Class` and `AsyncClass` (they subclass the runtime's
    resource bases; mypy --strict over the package checks what they call)."""
    module, _, cls = target.partition(":")
    if overlay_root is None:
        return
    source = module_file(overlay_root, module)
    if source is None:
        yield f"module {module} is not under {overlay_root}"
        return
    tree = parse_module(source)
    defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    for name in (cls, "Async" + cls):
        if name not in defined:
            yield f"{module} defines no class {name}"


def _extension_problems(path: tuple[str, ...], target: str, overlay_root: Path | None) -> Iterator[str]:
    module, sep, cls = target.partition(":")
    if not sep or not module or not cls.isidentifier():
        yield f"{target!r} is not `module:Class`"
        return
    if overlay_root is None:
        return
    source = module_file(overlay_root, module)
    if source is None:
        yield f"module {module} is not under {overlay_root}"
        return
    tree = parse_module(source)
    if source.name == "__init__.py":
        module += ".__init__"  # a package's relative imports start from the package itself
    generated_module = module_of(path)
    for mode, generated in class_names(path).items():
        name = cls if mode == "sync" else "Async" + cls
        bases = _class_bases(tree, name, module, overlay_root)
        if bases is None:
            yield f"{module.removesuffix('.__init__')} defines no class {name}"
        elif f"{generated_module}.{generated}" not in bases:
            yield f"{module.removesuffix('.__init__')}:{name} does not subclass the generated {generated_module}.{generated}"


def _class_bases(
    tree: ast.Module, name: str, module: str, root: Path | None = None, seen: frozenset[str] = frozenset()
) -> set[str] | None:
    """Dotted names of every base `name` has, or None if it is not defined here.

    Bases are followed through local classes and, with `root`, through classes imported
    from other overlay modules under it (`Runs(RunsWithPolling)` in another module).
    """
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    key = f"{module}.{name}"
    if name not in classes or key in seen:
        return None
    imported = _imported_names(tree, module)
    out: set[str] = set()
    for base in classes[name].bases:
        dotted = ast.unparse(base)
        head, _, rest = dotted.partition(".")
        if head in classes and not rest:
            out |= _class_bases(tree, head, module, root, seen | {key}) or set()
            continue
        resolved = imported[head] + ("." + rest if rest else "") if head in imported else dotted
        out.add(resolved)
        base_module, _, base_name = resolved.rpartition(".")
        source = module_file(root, base_module) if root is not None and base_module else None
        if source is not None:
            base_tree = parse_module(source)
            package = base_module + ".__init__" if source.name == "__init__.py" else base_module
            out |= _class_bases(base_tree, base_name, package, root, seen | {key}) or set()
    return out


def _imported_names(tree: ast.Module, module: str) -> dict[str, str]:
    """Local name -> the dotted name it was imported as (relative imports resolved)."""
    names: dict[str, str] = {}
    package = module.split(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                source = ".".join(package[: len(package) - node.level] + ([source] if source else []))
            for alias in node.names:
                names[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    names[head] = head
    return names
