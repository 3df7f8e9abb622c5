"""The whole pipeline: spec file -> {path: source} for generated/. Each stage is a module."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .build import build_tree, param_schemas
from .config import Config, ConfigError
from .ir import Resource
from .models import generate_models
from .normalize import normalize
from .progress import Progress
from .render import HEADER, render_tree, render_type_aliases
from .split import split_models
from .validate import check_config, raise_on_problems

__all__ = ["generate_files", "overlay_root"]


def overlay_root(config: Config) -> Path:
    """The overlay's source root: `handwritten/` beside spec/ (the project's layout)."""
    return config.root.parent / "handwritten"


def generate_files(spec: dict[str, Any], config: Config, progress: Progress) -> tuple[dict[str, str], Resource]:
    with progress.stage("normalise"):
        normalized = normalize(spec)
    with progress.stage("check config"):
        warnings = raise_on_problems(check_config(normalized, config, overlay_root(config)))
    for warning in warnings:
        print(f"warning: spec/config.yaml: {warning}", file=sys.stderr)
    with progress.stage("models (datamodel-code-generator)"):
        models = generate_models(normalized, param_schemas(normalized))
    both = models.model_names & models.param_names
    if both:
        raise ConfigError(f"names generated both as models and as params: {sorted(both)[:10]}")
    with progress.stage("resource tree"):
        tree = build_tree(normalized, config, models)
    with progress.stage("split models by area"):
        split = split_models(models.models, tree, HEADER)
    with progress.stage("render"):
        files = render_tree(tree, models, split, config.exports)
        files.update(render_type_aliases(config.type_aliases, models, split))
    return files, tree
