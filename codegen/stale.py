"""Config entries and overlay parts that a new spec leaves behind, and what users lose.

When OpenAI removes an operation (the Assistants API is deprecated), the config still names
it: an override, a stream, a `keyword_types` entry, an extension on its resource. Such an
entry is *stale*. `codegen update` is where users most need help, so a stale entry does not
stop it: the entry is left out of the generation (`prune`), and the change report says
what the generated client no longer has (`StaleEntry.loss`). `--strict` refuses instead.

The overlay (`handwritten/`) is checked the same way after rendering (`broken_overlay`): a
module that imports a name this generation no longer makes (`CreateRunKeywords` when
`createRun` is gone) cannot load, and neither can an overlay module importing it. An
extension or export that needs such a module is left out, so the generated client falls
back to the generated class instead of importing something broken; the report names the
module and the missing name. This reads the overlay's source (`ast`), never imports it.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .config import Config
from .models import ModelSources
from .naming import pascal_case
from .validate import STALE

__all__ = [
    "BrokenModule", "StaleEntry", "broken_overlay", "losses_json", "losses_text", "missing_names", "prune", "stale_entries",
]

_PACKAGE = "typed_openai"


@dataclass(frozen=True, order=True)
class StaleEntry:
    key: str  # the config entry, `streams.beta_createResponse`
    reason: str  # what the spec no longer has
    loss: str  # what users of the generated client lose with it


@dataclass(frozen=True, order=True)
class BrokenModule:
    module: str  # `typed_openai.lib.runs`
    reason: str  # the first import that cannot work


def stale_entries(problems: Iterable[str], config: Config, overlay_root: Path) -> list[StaleEntry]:
    """The `STALE` problems of `codegen.validate.check_config`, each with what it costs."""
    entries: list[StaleEntry] = []
    for problem in problems:
        if problem.startswith(STALE):
            key, _, reason = problem.removeprefix(STALE).partition(": ")
            entries.append(StaleEntry(key, reason, _loss(key, config, overlay_root)))
    return sorted(set(entries))


def _loss(key: str, config: Config, overlay_root: Path) -> str:
    section, name = _split_key(key)
    if section == "resource_tree.overrides":
        return f"the method `client.{config.tree.overrides[name]}`"
    if section == "streams":
        return f"streaming (`stream=True`) of operation {name}, and the overlay helpers built on it"
    if section == "keyword_types":
        return f"the TypedDict `{pascal_case(name)}Keywords` that overlay helpers wrapping {name} take"
    if section == "names":
        entry = config.names.schemas[name]
        where = [f"`{_PACKAGE}.types.{loc}`" for loc in (*entry.models, *entry.params)]
        return f"the official names {', '.join(where[:4])}{' ...' if len(where) > 4 else ''}"
    if section == "headers":
        return f"nothing: the headers {sorted(config.headers[name])} went with operations tagged {name!r}"
    if section == "header_parameters":
        return f"nothing: no method takes `{config.header_parameters[name]}=` (the {name} header) any more"
    if section == "resource_tree.beta_tags":
        return f"nothing: no operation is tagged {name!r}"
    if section == "resource_tree.aliases":
        return f"`client.{name}`, another name for `client.{config.tree.aliases[name]}`"
    if section == "extensions":
        return f"the overlay's helpers on `client.{name}` ({_helpers(overlay_root, config.extensions[name])})"
    if section == "overlay_resources":
        return f"`client.{name}` ({_helpers(overlay_root, config.overlay_resources[name])})"
    if section == "webhook_events":
        return f"the union {name} of the webhook events, and what parses them"
    if section == "exports":
        return f"`{_PACKAGE}.{{{', '.join(config.exports[name])}}}` (from {name})"
    if section == "overlay_types":
        return f"the overlay's classes at {', '.join(f'`types.{loc}`' for loc in config.overlay_types[name])}; generated models, if any, take their place"
    if section == "computed_properties":
        return f"nothing: the model {name} is gone with its computed {', '.join(sorted(config.computed_properties[name]))}"
    if section == "methods.optional" and name not in config.methods.optional:
        op_id, _, field_name = name.rpartition(".")
        return f"nothing: {op_id}'s request body no longer has the field {field_name!r} to make optional"
    if section == "optional_fields":
        return f"nothing: the spec has no {name} that requires what the official SDK leaves optional"
    if section == "methods.also_named":
        names = ", ".join(f"`{n.name}`" for n in config.methods.also_named[name])
        return f"the second method {names} beside {name}'s own, gone with the operation"
    if section == "methods.returns_by" and name in config.methods.returns_by:
        by = config.methods.returns_by[name]
        return f"the return type by `{by.param}` of {name}: it answers the spec's one type for every value"
    if section.startswith("methods."):
        return f"nothing: the {section} shape went with operation {name}"
    return "an entry this version of the generator does not know how to leave out"


_SECTIONS = (
    "resource_tree.overrides", "resource_tree.aliases", "resource_tree.beta_tags",
    "streams", "keyword_types", "names", "headers", "header_parameters", "extensions", "exports", "overlay_types",
    "computed_properties", "methods.single_page", "methods.binary", "methods.optional",
    "methods.deprecated", "methods.also_named", "methods.returns_by", "optional_fields", "overlay_resources",
    "webhook_events",
)


def _split_key(key: str) -> tuple[str, str]:
    for section in _SECTIONS:
        if key.startswith(section + "."):
            return section, key.removeprefix(section + ".")
    return key, ""


def prune(config: Config, entries: Iterable[StaleEntry]) -> Config:
    """`config` without the stale entries."""
    drop: dict[str, set[str]] = {}
    for entry in entries:
        section, name = _split_key(entry.key)
        drop.setdefault(section, set()).add(name)

    def keep(section: str, names: Iterable[str]) -> list[str]:
        return [n for n in names if n not in drop.get(section, set())]

    names = dataclasses.replace(
        config.names, schemas={k: v for k, v in config.names.schemas.items() if k not in drop.get("names", set())}
    )
    tree = dataclasses.replace(
        config.tree,
        overrides={k: config.tree.overrides[k] for k in keep("resource_tree.overrides", config.tree.overrides)},
        aliases={k: config.tree.aliases[k] for k in keep("resource_tree.aliases", config.tree.aliases)},
        beta_tags=tuple(keep("resource_tree.beta_tags", config.tree.beta_tags)),
    )
    return dataclasses.replace(
        config,
        tree=tree,
        streams={k: config.streams[k] for k in keep("streams", config.streams)},
        keyword_types=tuple(keep("keyword_types", config.keyword_types)),
        names=names,
        headers={k: config.headers[k] for k in keep("headers", config.headers)},
        header_parameters={k: config.header_parameters[k] for k in keep("header_parameters", config.header_parameters)},
        extensions={k: config.extensions[k] for k in keep("extensions", config.extensions)},
        exports={k: config.exports[k] for k in keep("exports", config.exports)},
        overlay_types={k: config.overlay_types[k] for k in keep("overlay_types", config.overlay_types)},
        overlay_resources={k: config.overlay_resources[k] for k in keep("overlay_resources", config.overlay_resources)},
        webhook_events=None if "webhook_events" in drop else config.webhook_events,
        computed_properties={k: config.computed_properties[k] for k in keep("computed_properties", config.computed_properties)},
        optional_fields=_kept_optional(config.optional_fields, drop.get("optional_fields", set())),
        methods=dataclasses.replace(
            config.methods,
            single_page=tuple(keep("methods.single_page", config.methods.single_page)),
            binary=tuple(keep("methods.binary", config.methods.binary)),
            optional=_kept_optional(config.methods.optional, drop.get("methods.optional", set())),
            deprecated={k: config.methods.deprecated[k] for k in keep("methods.deprecated", config.methods.deprecated)},
            also_named={k: config.methods.also_named[k] for k in keep("methods.also_named", config.methods.also_named)},
            returns_by={k: config.methods.returns_by[k] for k in keep("methods.returns_by", config.methods.returns_by)},
        ),
    )


def _kept_optional(optional: dict[str, tuple[str, ...]], drop: set[str]) -> dict[str, tuple[str, ...]]:
    """`methods.optional` without the dropped operations (`op`) and fields (`op.field`)."""
    kept: dict[str, tuple[str, ...]] = {}
    for op_id, fields in optional.items():
        left = tuple(f for f in fields if f"{op_id}.{f}" not in drop)
        if op_id not in drop and left:
            kept[op_id] = left
    return kept


def missing_names(config: Config, models: ModelSources, overlay_root: Path) -> list[StaleEntry]:
    """`spec/names.yaml` entries whose model this spec does not generate, and
    `methods.returns_by` entries naming a type it does not generate."""
    found = [
        StaleEntry(f"names.{schema}", f"no model {config.names.generated_name(schema)!r} is generated", _loss(f"names.{schema}", config, overlay_root))
        for schema, entry in config.names.schemas.items()
        if entry.models and config.names.generated_name(schema) not in models.model_names
    ]
    for op_id, by in config.methods.returns_by.items():
        gone = sorted({tp for tp in (by.default, *(t for _v, t in by.values)) if tp != "str" and tp not in models.model_names})
        if gone:
            key = f"methods.returns_by.{op_id}"
            found.append(StaleEntry(key, f"no model {', '.join(map(repr, gone))} is generated", _loss(key, config, overlay_root)))
    return sorted(found)


# -- the overlay against what was generated -----------------------------------------------


def broken_overlay(files: dict[str, str], overlay_root: Path, config: Config) -> tuple[list[BrokenModule], list[StaleEntry]]:
    """Overlay modules that cannot import against `files`, and the config entries needing them."""
    generated = _generated_names(files)
    overlay = _overlay_modules(overlay_root)
    imports = {module: list(_imports(module, path)) for module, path in overlay.items()}
    broken: dict[str, str] = {}
    changed = True
    while changed:  # an overlay module importing a broken one is broken too
        changed = False
        for module, found in sorted(imports.items()):
            if module in broken:
                continue
            reason = _first_failure(found, generated, overlay, broken)
            package = next((p for p in _packages_of(module) if p in broken), None)
            if reason is None and package is not None:  # importing a module imports its package first
                reason = f"its package {package} cannot import"
            if reason is not None:
                broken[module] = reason
                changed = True
    entries: list[StaleEntry] = []
    for resource, target in sorted(config.extensions.items()):
        module = target.partition(":")[0]
        if module in broken:
            entries.append(StaleEntry(
                f"extensions.{resource}", f"{module} cannot import ({broken[module]})",
                f"the overlay's helpers on `client.{resource}` ({_helpers(overlay_root, target)}); "
                "the generated class takes their place",
            ))
    for resource, target in sorted(config.overlay_resources.items()):
        module = target.partition(":")[0]
        if module in broken:
            entries.append(StaleEntry(
                f"overlay_resources.{resource}", f"{module} cannot import ({broken[module]})",
                f"`client.{resource}` ({_helpers(overlay_root, target)})",
            ))
    for model, properties in sorted(config.computed_properties.items()):
        for prop, computed in sorted(properties.items()):
            module = computed.function.partition(":")[0]
            if module in broken:
                entries.append(StaleEntry(
                    f"computed_properties.{model}", f"{module} cannot import ({broken[module]})",
                    f"the computed `{model}.{prop}`",
                ))
                break  # the entry is the model's: one report for it
    for module, names in sorted(config.exports.items()):
        if module in broken:
            entries.append(StaleEntry(
                f"exports.{module}", f"{module} cannot import ({broken[module]})", f"`{_PACKAGE}.{{{', '.join(names)}}}`"
            ))
    for module, locations in sorted(config.overlay_types.items()):
        if module in broken:
            entries.append(StaleEntry(
                f"overlay_types.{module}", f"{module} cannot import ({broken[module]})",
                f"the overlay's classes at {', '.join(f'`types.{loc}`' for loc in locations)}",
            ))
    return [BrokenModule(m, r) for m, r in sorted(broken.items())], entries


def _packages_of(module: str) -> list[str]:
    """`a.b.c` -> [`a`, `a.b`]: the packages Python imports before `module`."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _module_name(rel: str) -> str:
    parts = rel.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _generated_names(files: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the names `from module import name` finds there (submodules included)."""
    names: dict[str, set[str]] = {}
    for rel, text in files.items():
        if rel.endswith(".py"):
            try:
                tree = ast.parse(text, filename=rel)
            except SyntaxError as error:  # a bug of the generator, not of the spec
                raise RuntimeError(f"the generator made {rel}, which is not valid Python ({error}): please report it") from error
            names.setdefault(_module_name(rel), set()).update(_defined(tree.body))
    for module in list(names):
        parent, _, child = module.rpartition(".")
        if parent:
            names.setdefault(parent, set()).add(child)
    return names


def _defined(body: list[ast.stmt]) -> Iterator[str]:
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name
        elif isinstance(node, ast.Assign):
            yield from (t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            yield from ((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks declare lazily loaded names
            yield from _defined(node.body)
            yield from _defined(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _defined(node.body)


def _overlay_modules(root: Path) -> dict[str, Path]:
    base = root / _PACKAGE
    if not base.is_dir():
        return {}
    return {
        _module_name(path.relative_to(root).as_posix()): path
        for path in sorted(base.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def _imports(module: str, path: Path) -> Iterator[tuple[str, str]]:
    """(source module, name) for every `from ... import`, `("module", "")` for `import x`."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                source = ".".join([*base, source] if source else base)
            for alias in node.names:
                yield source, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ""


def _first_failure(
    found: list[tuple[str, str]], generated: dict[str, set[str]], overlay: dict[str, Path], broken: dict[str, str]
) -> str | None:
    for source, name in found:
        if source != _PACKAGE and not source.startswith(_PACKAGE + "."):
            continue  # another library
        candidates = [source, f"{source}.{name}"] if name else [source]
        hit = next((m for m in candidates if m in broken), None)
        if hit is not None:
            return f"it imports {hit}, which cannot import"
        if source in overlay and source not in generated:
            continue  # an overlay module that works
        if source not in generated:
            return f"`{source}` is not generated any more"
        if name and name != "*" and name not in generated[source] and f"{source}.{name}" not in overlay:
            return f"`{name}` is no longer generated in {source}"
    return None


def _helpers(overlay_root: Path, target: str) -> str:
    """`typed_openai.lib.runs:Runs: stream, create_and_poll, ...`: the methods the overlay adds."""
    module, _, cls = target.partition(":")
    base = overlay_root.joinpath(*module.split("."))
    path = next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)
    if path is None:
        return target
    methods = sorted(
        item.name
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef) and node.name == cls
        for item in node.body
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_")
    )
    return f"{target}: {', '.join(methods)}" if methods else target


# -- the change report's section on them ---------------------------------------------------


class _Result(Protocol):
    stale: list[StaleEntry]
    broken_overlay: list[BrokenModule]


def losses_text(result: _Result) -> str:
    """The change report's last section: what this generation leaves out, and why."""
    lines: list[str] = []
    if result.stale:
        lines += ["", f"Config entries left out ({len(result.stale)}; `--strict` refuses them instead):"]
        for entry in result.stale:
            lines += [f"  {entry.key}: {entry.reason}", f"    users lose {entry.loss}"]
    if result.broken_overlay:
        lines += ["", f"Overlay modules that cannot import against this spec ({len(result.broken_overlay)}):"]
        lines += [f"  {b.module}: {b.reason}" for b in result.broken_overlay]
    return "\n".join(lines) + "\n" if lines else ""


def losses_json(result: _Result) -> dict[str, list[dict[str, str]]]:
    return {
        "stale_config": [{"key": e.key, "reason": e.reason, "loss": e.loss} for e in result.stale],
        "broken_overlay": [{"module": b.module, "reason": b.reason} for b in result.broken_overlay],
    }
