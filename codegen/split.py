"""Stage 3c: the models split into one module per area of the client (DESIGN.md invariant 7).

datamodel-code-generator makes one module; importing all of it costs about a second, so
it is cut here, by its syntax tree, into modules a resource can load alone:

- an *area* is a top-level segment of the client tree (`evals`, `beta`, `chat`, ...);
- a name belongs to the areas whose operations reach it: their request bodies,
  responses and stream event unions, and whatever those use, transitively;
- a name reached by one area lives in that area's module, by two areas in the module
  of that pair (`conversations__responses`), by more in `_shared`, and by none
  (webhook payloads, WebSocket events) in `_unreferenced`.

Whatever a name uses is reached by every area that reaches it, and more: so an area
module imports only from pair modules and `_shared`, a pair module only from `_shared`,
`_shared` from nothing, and `_unreferenced` (which nothing imports) from any of them. No
import cycle is possible, and each module keeps the generator's order of definitions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .ir import Resource

__all__ = ["MODELS_PACKAGE", "SHARED", "UNREFERENCED", "SplitModules", "area_roots", "split_models", "split_module"]

MODELS_PACKAGE = "typed_openai.types._models"
SHARED = "_shared"
UNREFERENCED = "_unreferenced"
_PAIR_SEPARATOR = "__"


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


def _module_name(areas: set[str]) -> str:
    if not areas:
        return UNREFERENCED
    if len(areas) <= 2:
        return _PAIR_SEPARATOR.join(sorted(areas))
    return SHARED


def _import_line(module: str, names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=lambda n: (n.lower(), n))
    line = f"from {module} import {', '.join(ordered)}"
    if len(line) <= 100:
        return line
    return f"from {module} import (\n" + "".join(f"    {name},\n" for name in ordered) + ")"


def split_module(
    source: str, package: str, roots: Mapping[str, Iterable[str]], header: str, describe: Mapping[str, str]
) -> SplitModules:
    """Cut one generated module into area modules.

    `roots` maps each area to the names its operations use directly; `describe` gives
    each kind of module a docstring template (`area`, `pair`, `shared`, `unreferenced`).
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
            units.append(_Unit(name, node.lineno, _end(node), _names_used(node), isinstance(node, ast.ClassDef)))
        elif _is_docstring(node) and units and not rebuilds:
            units[-1].last_line = _end(node)  # an attribute docstring belongs to what precedes it
        elif (rebuilt := _rebuilt_name(node)) is not None:
            rebuilds.append(rebuilt)
        else:
            raise ValueError(f"line {node.lineno}: unexpected top-level statement {ast.unparse(node)[:80]!r}")
    defined = {unit.name for unit in units}
    uses = {unit.name: (unit.uses & defined) - {unit.name} for unit in units}

    reached_by: dict[str, set[str]] = {name: set() for name in defined}
    for area in sorted(roots):
        todo = [name for name in roots[area] if name in defined]
        while todo:
            name = todo.pop()
            if area not in reached_by[name]:
                reached_by[name].add(area)
                todo.extend(uses[name])
    module_of = {name: _module_name(reached_by[name]) for name in sorted(defined)}

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
    for module in sorted(set(module_of.values())):
        members = [unit for unit in units if module_of[unit.name] == module]
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
        out = [header, _docstring(module, describe), ""]
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
        needed = _rebuilt_here(members, uses, module_of, module)
        rebuilt = [unit.name for unit in members if unit.name in needed or unit.name in rebuilds]
        if rebuilt:
            text += "\n\n" + "".join(f"{name}.model_rebuild()\n" for name in rebuilt)
        sources[module] = text
    return SplitModules(package, module_of, sources)


def _rebuilt_here(members: list[_Unit], uses: Mapping[str, set[str]], module_of: Mapping[str, str], module: str) -> set[str]:
    """The models this module must rebuild at its end.

    A model whose schema pydantic cannot build where it is defined (it uses a name
    defined further down, or such a model) is built on first use, resolving names in the
    module of the model being validated: right within its own module, wrong for a model
    nested in one from another module. So the models other modules use (directly, or
    through this module's type aliases) are rebuilt at the module's end; the others stay
    lazy, as datamodel-code-generator leaves them.
    """
    position = {unit.name: i for i, unit in enumerate(members)}
    incomplete: set[str] = set()
    for i, unit in enumerate(members):
        local = [name for name in uses[unit.name] if module_of[name] == module]
        if any(position[name] > i or name in incomplete for name in local):
            incomplete.add(unit.name)
    is_class = {unit.name: unit.is_class for unit in members}
    todo = sorted({name for other, names in uses.items() if module_of[other] != module
                   for name in names if module_of[name] == module})
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            if not is_class[name]:  # an alias: what it names is used wherever it is
                todo.extend(n for n in uses[name] if module_of[n] == module)
    return {name for name in seen if is_class[name] and name in incomplete}


def _end(node: ast.stmt) -> int:
    assert node.end_lineno is not None
    return node.end_lineno


_STDLIB = frozenset({"collections", "datetime", "enum", "typing", "types", "decimal", "uuid", "ipaddress", "pathlib"})


def _is_stdlib(module: str) -> bool:
    return module.partition(".")[0] in _STDLIB


def _docstring(module: str, describe: Mapping[str, str]) -> str:
    if module == SHARED:
        text = describe["shared"]
    elif module == UNREFERENCED:
        text = describe["unreferenced"]
    elif _PAIR_SEPARATOR in module:
        text = describe["pair"].format(*(f"`{area}`" for area in module.split(_PAIR_SEPARATOR)))
    else:
        text = describe["area"].format(f"`{module}`")
    return f'"""{text}"""'


def area_roots(root: Resource) -> dict[str, set[str]]:
    """Each area (top-level segment of the client tree) -> the schemas its operations name."""
    roots: dict[str, set[str]] = {}
    for node in root.walk()[1:]:
        area = roots.setdefault(node.path[0], set())
        for op in node.operations:
            area.update(op.schemas)
    return roots


_MODEL_DOCSTRINGS = {
    "area": "Models of the {} resources that no other area of the client uses.",
    "pair": "Models that the {} and {} resources both use.",
    "shared": "Models that three or more areas of the client use.",
    "unreferenced": "Models that no operation reaches: webhook payloads, WebSocket events, and other schemas the spec defines on their own.",
}


def split_models(source: str, root: Resource, header: str) -> SplitModules:
    return split_module(source, MODELS_PACKAGE, area_roots(root), header, _MODEL_DOCSTRINGS)
