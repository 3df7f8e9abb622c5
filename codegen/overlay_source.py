"""The overlay's modules read as source, never imported: the generator checks what the
config names in them before the generated package they import exists."""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["all_names", "defines_function", "module_file", "parse_module"]


def module_file(root: Path, module: str) -> Path | None:
    """The source of the dotted `module` under `root` (`a/b.py` or `a/b/__init__.py`)."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def parse_module(source: Path) -> ast.Module:
    return ast.parse(source.read_text(encoding="utf-8"), filename=str(source))


def defines_function(tree: ast.Module, name: str) -> bool:
    """Whether the module defines the function `name` at its top level."""
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name for node in tree.body)


def all_names(tree: ast.Module) -> list[str] | None:
    """The module's `__all__`, when it is a literal list of strings."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            if isinstance(node.value, ast.List) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.value.elts
            ):
                return [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return None
