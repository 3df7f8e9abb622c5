"""The whole pipeline: spec file -> {path: source} for generated/. Each stage is a module."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

from .build import build_tree, param_schemas
from .config import Config, ConfigError
from .ir import Resource
from .models import generate_models
from .normalize import normalize
from .progress import Progress
from .names import apply_names
from .official_modules import official_exports
from .render import HEADER, render_tree
from .split import split_models
from .validate import check_config, raise_on_problems

__all__ = ["generate_files"]


def generate_files(spec: dict[str, Any], config: Config, progress: Progress) -> tuple[dict[str, str], Resource]:
    with progress.stage("normalise"):
        normalized = normalize(spec)
    with progress.stage("check config"):
        # The overlay's source root sits beside spec/ (the project's layout).
        warnings = raise_on_problems(check_config(normalized, config, config.root.parent / "handwritten"))
    for warning in warnings:
        print(f"warning: spec/config.yaml: {warning}", file=sys.stderr)
    # The official SDK's class names (`RunObject` -> `Run`), and the config's schema names with them.
    renames = config.names.renames
    normalized = apply_names(normalized, config.names)
    config = replace(config, streams={
        op_id: replace(stream, event_schema=renames.get(stream.event_schema, stream.event_schema))
        for op_id, stream in config.streams.items()
    })
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
        official = official_exports(config.names, models, split)
        files = render_tree(tree, models, split, config.exports, official)
    return files, tree
