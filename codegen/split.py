"""Stage 3c: the models split into modules that a call loads only when it needs them
(DESIGN.md invariant 7).

datamodel-code-generator makes one module; importing all of it costs seconds, so it is
cut here, by its syntax tree, into modules a resource can load alone:

- a name is *reached* by the resources (nodes of the client tree, `beta.threads.runs`)
  whose operations answer with it: their responses, pages and stream event unions, and
  whatever those use, transitively. Request bodies reach nothing: they are sent as
  TypedDicts, and their models are never loaded to parse an answer;
- an *area* is a top-level segment of the client tree (`evals`, `beta`, `chat`, ...);
- a name reached within one area lives in the module of the innermost resource above
  all that reach it (`beta_threads_runs` if only runs, `beta_threads` if runs and
  messages, `beta` if threads and assistants); reached by two areas, in the module of
  that pair (`conversations__responses`); by more, in `_shared`; by none (request
  bodies, webhook payloads, WebSocket events), in `_unreferenced`.

Whatever a name uses is reached by every resource that reaches it, and more: so a
resource's module imports only from the modules of resources above it, pair modules and
`_shared`; a pair module only from `_shared`; `_shared` from nothing, and
`_unreferenced` (which nothing imports) from any of them. No import cycle is possible.

Within a module, a definition comes after the ones it uses (otherwise in the generator's
order), so that pydantic resolves every field when the class is created; only models in
a cycle of references resolve later, when first built (the base model defers building).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .ir import Resource

__all__ = ["MODELS_PACKAGE", "SHARED", "UNREFERENCED", "SplitModules", "resource_roots", "split_models", "split_module"]

MODELS_PACKAGE = "typed_openai.types._models"
SHARED = "_shared"
UNREFERENCED = "_unreferenced"
_PAIR_SEPARATOR = "__"
_PATH_SEPARATOR = "_"


@dataclass(frozen=True)
class SplitModules:
    package: str  # "typed_openai.types._models"
    module_of: dict[str, str]  # every top-level name -> its module's name in the package
    sources: dict[str, str]  # module name -> source

    def qualified(self, name: str) -> str:
        """The dotted module that defines `name`."""
        return f"{self.package}.{self.module_of[name]}"


@dataclass
class _Unit:
    """One top-level definition with the attribute docstrings that follow it."""

    name: str
    first_line: int
    last_line: int
    uses: set[str]
    is_class: bool
    bases: set[str]  # the names of its base classes


def _names_used(node: ast.AST, *, annotation: bool = False) -> set[str]:
    """Names an expression or statement reads. Inside annotations, quoted forward
    references are parsed too; `Literal[...]` contents and `Field(...)` arguments are
    values, never names."""
    found: set[str] = set()
    if isinstance(node, ast.Name):
        found.add(node.id)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        if annotation:
            try:
                found |= _names_used(ast.parse(node.value, mode="eval").body, annotation=True)
            except SyntaxError:
                pass
        return found
    elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal":
        return {"Literal"}
    elif isinstance(node, ast.Call) and annotation:
        found |= _names_used(node.func)
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            found |= _names_used(arg, annotation=False)
        return found
    elif isinstance(node, ast.AnnAssign):
        found |= _names_used(node.annotation, annotation=True)
        if node.value is not None:
            found |= _names_used(node.value)
        return found
    elif isinstance(node, ast.Call) and _call_name(node) == "TypedDict" and len(node.args) == 2:
        # `X = TypedDict("X", {"key": "Quoted[Type]"})`: the values are annotations
        found |= _names_used(node.func) | _names_used(node.args[1], annotation=True)
        return found
    elif isinstance(node, ast.Dict) and annotation:
        for value in node.values:
            found |= _names_used(value, annotation=True)
        return found
    for child in ast.iter_child_nodes(node):
        if isinstance(node, (ast.ClassDef, ast.Module)) and _is_docstring(child):
            continue
        found |= _names_used(child, annotation=annotation)
    return found


def _call_name(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else ""


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.ClassDef):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    return None


def _rebuilt_name(node: ast.stmt) -> str | None:
    """`X` of a trailing `X.model_rebuild()` statement."""
    if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and not node.value.args
            and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "model_rebuild"
            and isinstance(node.value.func.value, ast.Name)):
        return node.value.func.value.id
    return None


def _module_key(paths: set[tuple[str, ...]]) -> tuple[str, ...]:
    """Where a name reached by `paths` lives: `()` for none, the innermost common resource
    within one area, `("", a, b)` for a pair of areas, `("",)` for three or more."""
    if not paths:
        return ()
    areas = sorted({path[0] for path in paths})
    if len(areas) == 1:
        common = min(paths)
        for path in paths:
            while path[: len(common)] != common:
                common = common[:-1]
        return common
    if len(areas) == 2:
        return ("", *areas)
    return ("",)


def _module_names(keys: Iterable[tuple[str, ...]], describe: Mapping[str, str]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Each key's module name and docstring; two keys spelled alike are an error."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    spelled: dict[str, tuple[str, ...]] = {}
    for key in sorted(set(keys)):
        if not key:
            name, text = UNREFERENCED, describe["unreferenced"]
        elif key == ("",):
            name, text = SHARED, describe["shared"]
        elif key[0] == "":
            name = _PAIR_SEPARATOR.join(key[1:])
            text = describe["pair"].format(*(f"`{area}`" for area in key[1:]))
        else:
            name, text = _PATH_SEPARATOR.join(key), describe["area"].format(f"`{'.'.join(key)}`")
        if name in spelled:
            raise ValueError(f"the models of {spelled[name]} and {key} would share the module name {name!r}")
        spelled[name] = key
        out[key] = (name, f'"""{text}"""')
    return out


def _import_line(module: str, names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=lambda n: (n.lower(), n))
    line = f"from {module} import {', '.join(ordered)}"
    if len(line) <= 100:
        return line
    return f"from {module} import (\n" + "".join(f"    {name},\n" for name in ordered) + ")"


def split_module(
    source: str,
    package: str,
    roots: Mapping[tuple[str, ...], Iterable[str]],
    header: str,
    describe: Mapping[str, str],
) -> SplitModules:
    """Cut one generated module into the modules of resources, pairs of areas, and the rest.

    `roots` maps each resource's path to the names its operations answer with; `describe`
    gives each kind of module a docstring template (`area`, `pair`, `shared`, `unreferenced`).
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    imports: list[ast.ImportFrom] = []
    units: list[_Unit] = []
    rebuilds: list[str] = []
    for node in tree.body:
        name = _defined_name(node)
        if isinstance(node, ast.ImportFrom):
            imports.append(node)
        elif name is not None:
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)} if isinstance(node, ast.ClassDef) else set()
            units.append(_Unit(name, node.lineno, _end(node), _names_used(node), isinstance(node, ast.ClassDef), bases))
        elif _is_docstring(node) and units and not rebuilds:
            units[-1].last_line = _end(node)  # an attribute docstring belongs to what precedes it
        elif (rebuilt := _rebuilt_name(node)) is not None:
            rebuilds.append(rebuilt)
        else:
            raise ValueError(f"line {node.lineno}: unexpected top-level statement {ast.unparse(node)[:80]!r}")
    defined = {unit.name for unit in units}
    uses = {unit.name: (unit.uses & defined) - {unit.name} for unit in units}

    reached_by: dict[str, set[tuple[str, ...]]] = {name: set() for name in defined}
    for path in sorted(roots):
        todo = [name for name in roots[path] if name in defined]
        while todo:
            name = todo.pop()
            if path not in reached_by[name]:
                reached_by[name].add(path)
                todo.extend(uses[name])
    keys = {name: _module_key(reached_by[name]) for name in defined}
    named = _module_names(keys.values(), describe)
    module_of = {name: named[keys[name]][0] for name in sorted(defined)}
    docstrings = {module: text for module, text in named.values()}

    header_names: dict[str, tuple[str, str]] = {}  # imported name -> (module, `name` or `name as alias`)
    future = False
    for node in imports:
        if node.module == "__future__":
            future = True
            continue
        for alias in node.names:
            spelled = alias.name if alias.asname is None else f"{alias.name} as {alias.asname}"
            header_names[alias.asname or alias.name] = (node.module or "", spelled)

    sources: dict[str, str] = {}
    subclassed_elsewhere = {base for unit in units for base in unit.bases
                            if base in defined and module_of[base] != module_of[unit.name]}
    for module in sorted(set(module_of.values())):
        members, late = _dependencies_first([unit for unit in units if module_of[unit.name] == module], uses)
        used = set().union(*(unit.uses for unit in members))
        from_header: dict[str, set[str]] = {}
        for name in sorted(used & set(header_names)):
            origin, spelled = header_names[name]
            from_header.setdefault(origin, set()).add(spelled)
        from_siblings: dict[str, set[str]] = {}
        for unit in members:
            for name in uses[unit.name]:
                if module_of[name] != module:
                    from_siblings.setdefault(module_of[name], set()).add(name)
        out = [header, docstrings[module], ""]
        if future:
            out += ["from __future__ import annotations", ""]
        stdlib = [m for m in from_header if _is_stdlib(m)]
        third = [m for m in from_header if not _is_stdlib(m)]
        out += [_import_line(m, from_header[m]) for m in sorted(stdlib)]
        if stdlib and third:
            out.append("")
        out += [_import_line(m, from_header[m]) for m in sorted(third)]
        if from_siblings:
            out.append("")
            out += [_import_line(f"{package}.{m}", from_siblings[m]) for m in sorted(from_siblings)]
        body = ["\n".join(lines[unit.first_line - 1 : unit.last_line]) for unit in members]
        text = "\n".join(out) + "\n\n\n" + "\n\n\n".join(body) + "\n"
        # A subclass elsewhere copies its base's fields when created: they must be resolved.
        to_rebuild = [unit.name for unit in members if unit.name in late and unit.name in subclassed_elsewhere]
        if to_rebuild:
            text += "\n\n" + "".join(f"{name}.model_rebuild()\n" for name in to_rebuild)
        sources[module] = text
    return SplitModules(package, module_of, sources)


def _dependencies_first(members: list[_Unit], uses: Mapping[str, set[str]]) -> tuple[list[_Unit], set[str]]:
    """The members, each after the members it uses, otherwise in the generator's order;
    and the names whose fields pydantic cannot resolve when the class is created.

    In a cycle of references, the first remaining definition in the generator's order
    comes next: its base classes and alias values are defined (the generator's order
    guarantees it), only some annotations are not yet: its fields are late.
    """
    local = {unit.name for unit in members}
    pending = {unit.name: (uses[unit.name] & local) for unit in members}
    done: set[str] = set()
    late: set[str] = set()
    ordered: list[_Unit] = []
    remaining = list(members)
    while remaining:
        ready = next((unit for unit in remaining if pending[unit.name] <= done), None)
        if ready is None:
            ready = remaining[0]
            late.add(ready.name)
        remaining.remove(ready)
        done.add(ready.name)
        ordered.append(ready)
    return ordered, late


def _end(node: ast.stmt) -> int:
    assert node.end_lineno is not None
    return node.end_lineno


_STDLIB = frozenset({"collections", "datetime", "enum", "typing", "types", "decimal", "uuid", "ipaddress", "pathlib"})


def _is_stdlib(module: str) -> bool:
    return module.partition(".")[0] in _STDLIB


def resource_roots(root: Resource) -> dict[tuple[str, ...], set[str]]:
    """Each resource of the client tree -> the schemas its operations answer with."""
    return {node.path: {name for op in node.operations for name in op.schemas} for node in root.walk()[1:]}


_MODEL_DOCSTRINGS = {
    "area": "Models that only the {} resources (and those under it) answer with.",
    "pair": "Models that the {} and {} resources both answer with.",
    "shared": "Models that three or more areas of the client answer with.",
    "unreferenced": "Models that no answer of an operation reaches: request bodies (sent as TypedDicts), webhook payloads, WebSocket events, and other schemas the spec defines on their own.",
}


def split_models(source: str, root: Resource, header: str) -> SplitModules:
    return split_module(source, MODELS_PACKAGE, resource_roots(root), header, _MODEL_DOCSTRINGS)
