"""Completing overlay subclasses of generated models.

A generated model's fields may name types of its own module that it resolves only when
first used; a subclass defined here resolves its inherited fields in this module's names,
which lack them. Building the subclass with both modules' names fixes that once.
"""

from __future__ import annotations

import sys
from types import ModuleType

import pydantic

__all__ = ["complete_subclasses"]


def complete_subclasses(module: ModuleType, *models: type[pydantic.BaseModel]) -> None:
    for model in models:
        names: dict[str, object] = {}
        for base in reversed(model.__mro__):
            base_module = sys.modules.get(base.__module__)
            if base_module is not None and issubclass(base, pydantic.BaseModel):
                names.update(vars(base_module))
        names.update(vars(module))
        model.model_rebuild(_types_namespace=names)
