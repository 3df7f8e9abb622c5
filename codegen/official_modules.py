"""Stage 3d: the `typed_openai.types.*` modules the official SDK has, from `spec/names.yaml`.

Each official location (`beta.threads.run.Run`) becomes a name in a module under
`typed_openai/types/`; the object itself stays in its area module (`_models/beta.py`) or
in `_params.py`, so these modules only re-export:

- a module that has submodules here is a package whose names load on first access (a
  hidden module `__getattr__`, with the same names imported for type checkers): importing
  `typed_openai.types.beta.threads.runs` loads no model module;
- any other module imports exactly the names it re-exports: their area modules load.

The package `typed_openai.types` itself is rendered with the rest (`render.py`), with
these root-level names added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .config import ConfigError
from .models import PARAM_SUFFIX, ModelSources
from .names import OfficialNames
from .split import SplitModules

__all__ = ["Export", "official_exports", "param_name_of", "render_official_modules"]

_PARAMS_MODULE = "typed_openai.types._params"


@dataclass(frozen=True)
class Export:
    source: str  # the module that defines it ("typed_openai.types._models.beta")
    attr: str  # its generated name there


def param_name_of(schema: str, models: ModelSources) -> str | None:
    """The TypedDict generated for `schema`'s request shape (`FooParam`, or `FooInputParam`
    where the spec has a model named `FooParam`), if the schema can be sent at all."""
    for candidate in (schema + PARAM_SUFFIX, f"{schema}Input{PARAM_SUFFIX}"):
        if candidate in models.param_names and candidate not in models.model_names:
            return candidate
    return None


def official_exports(
    names: OfficialNames, models: ModelSources, split: SplitModules, overlay_types: Mapping[str, Iterable[str]] | None = None
) -> dict[str, dict[str, Export]]:
    """Module (relative to `types`, "" for the package) -> public name -> what it is.

    `overlay_types` (overlay module -> locations) wins over names.yaml: those locations give
    the overlay's class (a generic `ParsedChatCompletion[T]`), not a generated model."""
    out: dict[str, dict[str, Export]] = {}
    problems: list[str] = []

    def add(location: str, export: Export, where: str) -> None:
        module, _, name = location.rpartition(".")
        known = out.setdefault(module, {}).get(name)
        if known is not None and known != export:
            problems.append(f"{where}: `types.{location}` is both {known.attr} and {export.attr}")
        out[module][name] = export

    for schema, entry in sorted(names.schemas.items()):
        generated = names.generated_name(schema)
        if entry.models:
            if generated not in models.model_names:
                problems.append(f"names.yaml: schemas.{schema}: no model {generated!r} was generated")
                continue
            for location in entry.models:
                add(location, Export(split.qualified(generated), generated), f"names.yaml: schemas.{schema}")
        param = param_name_of(generated, models)
        if param is not None:
            for location in entry.params:
                add(location, Export(_PARAMS_MODULE, param), f"names.yaml: schemas.{schema}")
    for module, locations in sorted((overlay_types or {}).items()):
        for location in locations:
            parent, _, name = location.rpartition(".")
            out.setdefault(parent, {})[name] = Export(module, name)
    if problems:
        raise ConfigError(f"spec/names.yaml does not match the generated models ({len(problems)}):\n" + "\n".join(f"  - {p}" for p in problems))
    return out


def _import_lines(exports: dict[str, Export], indent: str) -> list[str]:
    by_source: dict[str, list[str]] = {}
    for name, export in sorted(exports.items()):
        by_source.setdefault(export.source, []).append(f"{export.attr} as {name}")
    lines: list[str] = []
    for source, spelled in sorted(by_source.items()):
        if len(spelled) == 1 and len(f"{indent}from {source} import {spelled[0]}") <= 100:
            lines.append(f"{indent}from {source} import {spelled[0]}")
        else:
            lines += [f"{indent}from {source} import (", *(f"{indent}    {s}," for s in spelled), f"{indent})"]
    return lines


def _all(names: list[str]) -> list[str]:
    return ["__all__ = [", *(f'    "{name}",' for name in names), "]"]


def _leaf(header: str, module: str, exports: dict[str, Export]) -> str:
    lines = [header, f'"""`types.{module}`, with the names the official SDK gives it."""', ""]
    lines += _import_lines(exports, "")
    lines += ["", *_all(sorted(exports))]
    return "\n".join(lines) + "\n"


def package_source(header: str, docstring: str, exports: dict[str, Export]) -> str:
    """A package whose names load on first access (the form of `typed_openai.types`)."""
    lines = [header, f'"""{docstring}"""']
    if exports:
        lines += ["", "from __future__ import annotations", "", "from typing import TYPE_CHECKING", ""]
        lines += ["if TYPE_CHECKING:", *_import_lines(exports, "    "), ""]
        lines += ["# Each name's module and its name there.", "_NAMES = {"]
        lines += [f'    "{name}": ("{e.source}", "{e.attr}"),' for name, e in sorted(exports.items())]
        lines += ["}", "", *_all(sorted(exports)), "", ""]
        lines += [
            "# Hidden from type checkers: every name is declared above, and a visible module",
            "# `__getattr__` would type a misspelled import as its return type instead of an error.",
            "if not TYPE_CHECKING:",
            "",
            "    def __getattr__(name: str) -> object:",
            "        from importlib import import_module",
            "",
            "        found = _NAMES.get(name)",
            "        if found is None:",
            '            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
            "        return getattr(import_module(found[0]), found[1])",
        ]
    return "\n".join(lines) + "\n"


def render_official_modules(header: str, exports: dict[str, dict[str, Export]]) -> dict[str, str]:
    """Every module but the root package: `{relative path: source}`."""
    modules = set(exports)
    for module in list(modules):  # every parent package exists, even one with no names of its own
        parts = module.split(".")
        modules.update(".".join(parts[:i]) for i in range(1, len(parts)))
    modules.discard("")
    packages = {m.rpartition(".")[0] for m in modules} - {""}
    files: dict[str, str] = {}
    for module in sorted(modules):
        path = "typed_openai/types/" + module.replace(".", "/")
        names = exports.get(module, {})
        if module in packages:
            doc = f"`types.{module}`, with the names the official SDK gives it; each loads on first access."
            files[f"{path}/__init__.py"] = package_source(header, doc, names)
        else:
            files[f"{path}.py"] = _leaf(header, module, names)
    return files
