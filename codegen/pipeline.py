"""The whole pipeline: spec file -> {path: source} for generated/. Each stage is a module."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .build import build_tree, param_schemas
from .config import Config, ConfigError
from .document import SpecError, ungenerated_operations
from .identity import Identity, client_identity
from .ir import Resource
from .models import ModelSources, generate_models
from .module_client import ModuleClient, module_client_settings
from .normalize import add_webhook_union, normalize
from .package import rename_package
from .progress import Progress
from .names import apply_names
from .official_modules import official_exports
from .render import HEADER, render_tree
from .split import split_models
from .stale import BrokenModule, StaleEntry, broken_overlay, missing_names, prune, stale_entries
from .validate import WARNING, check_config, raise_on_problems

__all__ = ["Generation", "generate", "generate_files", "overlay_source_root"]


def overlay_source_root(config: Config) -> Path:
    """The overlay's source root: `handwritten/` beside spec/ (the project's layout)."""
    return config.root.parent / "handwritten"


@dataclass
class Generation:
    files: dict[str, str]
    tree: Resource
    stale: list[StaleEntry] = field(default_factory=list)  # config entries left out
    broken_overlay: list[BrokenModule] = field(default_factory=list)  # overlay modules that cannot import
    warnings: list[str] = field(default_factory=list)
    spec_notes: list[str] = field(default_factory=list)  # what of the spec is not generated


def generate_files(spec: dict[str, Any], config: Config, progress: Progress) -> tuple[dict[str, str], Resource]:
    """`generate` for callers that only want the files; notes go to stderr."""
    result = generate(spec, config, progress)
    for note in notes(result):
        print(note, file=sys.stderr)
    return result.files, result.tree


def notes(result: Generation) -> list[str]:
    """One line per warning, stale entry and broken overlay module, for stderr."""
    out = [f"warning: spec/config.yaml: {w}" for w in result.warnings]
    out += [f"note: left out stale config entry {e.key} ({e.reason}); users lose {e.loss}" for e in result.stale]
    out += [f"note: overlay module {b.module} cannot import: {b.reason}" for b in result.broken_overlay]
    out += [f"note: {n}" for n in result.spec_notes]
    return out


def generate(
    spec: dict[str, Any], config: Config, progress: Progress, *, strict: bool = False, overlay_root: Path | None = None
) -> Generation:
    """Generate the client. Stale config entries are left out (listed in the result) unless
    `strict`, which makes them errors, as are overlay modules that cannot import.

    `overlay_root` is the overlay's source root (default: `handwritten/` beside the config's
    folder, the project's layout)."""
    overlay_root = overlay_root if overlay_root is not None else overlay_source_root(config)
    with progress.stage("normalise"):
        normalized = normalize(spec)
    with progress.stage("check config"):
        problems = check_config(normalized, config, overlay_root)
        kept = raise_on_problems(problems, strict=strict)
        stale = stale_entries(kept, config, overlay_root)
        config = prune(config, stale)
    if config.webhook_events is not None:  # a schema the spec implies (see the function)
        add_webhook_union(normalized, config.webhook_events)
    normalized = _relax_required(normalized, config.optional_fields)
    # The official SDK's class names (`RunObject` -> `Run`), and the config's schema names with them.
    normalized = apply_names(normalized, config.names)
    renames = config.names.renames
    config = replace(
        config,
        streams={op: replace(s, event_schema=renames.get(s.event_schema, s.event_schema)) for op, s in config.streams.items()},
        computed_properties={renames.get(k, k): v for k, v in config.computed_properties.items()},
    )
    identity = client_identity(normalized, config)  # before the slow stages: a bad scheme fails fast
    models = _models(normalized, config, progress)
    both = models.model_names & models.param_names
    if both:
        raise ConfigError(f"names generated both as models and as params: {sorted(both)[:10]}")
    missing = missing_names(config, models, overlay_root)
    if missing and strict:
        raise ConfigError("spec/config.yaml names types this spec does not generate:\n" + "\n".join(f"  - {e.key}: {e.reason}" for e in missing))
    stale += missing
    config = prune(config, missing)
    files, tree = _render(normalized, config, models, identity, progress, overlay_root)
    with progress.stage("check the overlay"):
        broken, needing = broken_overlay(files, overlay_root, config)
    if broken and strict:
        raise ConfigError("overlay modules cannot import against this spec:\n" + "\n".join(f"  - {b.module}: {b.reason}" for b in broken))
    if needing:  # extensions, exports or computed properties on a broken module: generate without them
        config = prune(config, needing)
        if any(e.key.startswith("computed_properties.") for e in needing):
            models = _models(normalized, config, progress)  # the properties are written into the models
        files, tree = _render(normalized, config, models, identity, progress, overlay_root)
    warnings = [p for p in kept if p.startswith(WARNING)]
    files = rename_package(files, config.client.package)
    return Generation(files, tree, sorted(stale + needing), broken, warnings, ungenerated_operations(spec))


def _relax_required(spec: dict[str, Any], optional: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """`spec` with the config's `optional_fields` no longer required: properties the spec
    requires that the API leaves out (as do the spec's own examples), which the official
    SDK's models make optional. Named schemas with `required` at their top level only."""
    if not optional:
        return spec
    out = dict(spec)
    schemas = dict(out.get("components", {}).get("schemas", {}))
    for name, fields in optional.items():
        schema = schemas.get(name)
        required = schema.get("required") if isinstance(schema, dict) else None
        if not isinstance(schema, dict) or not isinstance(required, list) or set(fields) - set(required):
            raise ConfigError(f"optional_fields.{name}: {sorted(fields)} are not all in the schema's own `required`")
        schemas[name] = {**schema, "required": [f for f in required if f not in fields]}
    out["components"] = {**out.get("components", {}), "schemas": schemas}
    return out


def _models(normalized: dict[str, Any], config: Config, progress: Progress) -> ModelSources:
    with progress.stage("models (datamodel-code-generator)"):
        try:
            return generate_models(normalized, param_schemas(normalized), config.computed_properties)
        except Exception as error:  # noqa: BLE001 - its errors name the schema path; ours add nothing
            raise SpecError([f"datamodel-code-generator cannot read the schemas: {type(error).__name__}: {error}"]) from error


def _render(
    normalized: dict[str, Any],
    config: Config,
    models: ModelSources,
    identity: Identity,
    progress: Progress,
    overlay_root: Path,
) -> tuple[dict[str, str], Resource]:
    with progress.stage("resource tree"):
        tree = build_tree(normalized, config, models)
    with progress.stage("split models by area"):
        split = split_models(models.models, tree, HEADER)
    with progress.stage("render"):
        module_client = None if config.module_client is None else ModuleClient(
            config.module_client, module_client_settings(overlay_root, config.module_client)
        )
        files = render_tree(
            tree, models, split, config.exports, official_exports(config.names, models, split, config.overlay_types),
            module_client, identity, config.pagination.shapes,
            has_version=(overlay_root / config.client.package / "_version.py").is_file(),
        )
    return files, tree
