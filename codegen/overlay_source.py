"""The overlay's modules read as source, never imported: the generator checks what the
config names in them before the generated package they import exists."""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["defines_function", "module_file", "parse_module"]


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
