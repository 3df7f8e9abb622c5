"""The module-level client's overlay module, read without importing it: the settings it
declares (its `__all__`: the package re-exports them) and that it defines `client()`."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from .overlay_source import all_names, defines_function, module_file, parse_module

__all__ = ["ModuleClient", "module_client_problems", "module_client_settings"]


@dataclass(frozen=True)
class ModuleClient:
    """What the package's `__init__` needs to offer the module-level client."""

    module: str  # the overlay module (`typed_openai._module_client`)
    settings: list[str]  # the names it declares, which the package re-exports


def _parsed(overlay_root: Path, module: str) -> tuple[ast.Module | None, str | None]:
    source = module_file(overlay_root, module)
    if source is None:
        return None, f"module_client: module {module} is not under {overlay_root}"
    return parse_module(source), None


def module_client_problems(overlay_root: Path, module: str) -> list[str]:
    """What keeps `module` from serving as the module-level client, one message each."""
    tree, problem = _parsed(overlay_root, module)
    if tree is None:
        return [problem or module]
    problems = []
    if all_names(tree) is None:
        problems.append(f"module_client: {module} has no `__all__` list of its settings")
    if not defines_function(tree, "client"):
        problems.append(f"module_client: {module} defines no function client()")
    return problems


def module_client_settings(overlay_root: Path, module: str) -> list[str]:
    """The settings `module` declares, sorted (checked first by `module_client_problems`)."""
    tree, _problem = _parsed(overlay_root, module)
    return sorted(all_names(tree) or []) if tree is not None else []
