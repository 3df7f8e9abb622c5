"""The project's generator config (`spec/config.yaml`) and pin (`spec/pin.yaml`), validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Config", "ConfigError", "MethodsConfig", "Pin", "StreamConfig", "TreeConfig", "load_config", "load_pin", "write_pin",
]


class ConfigError(Exception):
    """The config names something that does not exist, or is malformed."""


@dataclass(frozen=True)
class Pin:
    url: str
    commit: str
    sha256: str


@dataclass(frozen=True)
class TreeConfig:
    beta_tags: tuple[str, ...] = ()
    beta_path_prefixes: tuple[str, ...] = ()
    query_variant_prefixes: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    root_renames: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # "beta.vector_stores" -> "vector_stores"


@dataclass(frozen=True)
class MethodsConfig:
    """What the spec cannot tell about a method's signature or return, by operationId."""

    single_page: tuple[str, ...] = ()  # answers a one-page list (`SyncSinglePage`), though declared an object
    binary: tuple[str, ...] = ()  # answers binary content, though the spec declares no content
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)  # body fields the spec wrongly requires


@dataclass(frozen=True)
class StreamConfig:
    """An operation that answers `stream: true` with server-sent events."""

    event_schema: str  # the union of events, a component schema name
    framing: str  # "named": the SSE `event:` line names the event; "data": the JSON says it


@dataclass(frozen=True)
class Config:
    tree: TreeConfig
    streams: dict[str, StreamConfig]  # by operationId
    headers: dict[str, dict[str, str]]  # by tag: headers the spec omits
    extensions: dict[str, str]  # resource path ("beta.threads.runs") -> "module:Class" of the overlay
    root: Path
    keyword_types: tuple[str, ...] = ()  # operationIds whose keyword arguments are also a TypedDict
    keyword_types_without: dict[str, tuple[str, ...]] = field(default_factory=dict)  # fields a helper takes itself
    type_aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # "beta.threads" -> {"Text": schema}
    exports: dict[str, list[str]] = field(default_factory=dict)  # overlay module -> names `typed_openai` re-exports
    methods: MethodsConfig = field(default_factory=MethodsConfig)


def _mapping(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


_TOP_KEYS = {"resource_tree", "methods", "streams", "headers", "extensions", "keyword_types", "type_aliases", "exports"}
_METHODS_KEYS = {"single_page", "binary", "optional"}


def _methods(raw: object) -> MethodsConfig:
    methods = _mapping(raw, "methods")
    unknown = set(methods) - _METHODS_KEYS
    if unknown:
        raise ConfigError(f"methods: unknown keys {sorted(unknown)}; expected {sorted(_METHODS_KEYS)}")
    return MethodsConfig(
        single_page=tuple(str(n) for n in methods.get("single_page") or ()),
        binary=tuple(str(n) for n in methods.get("binary") or ()),
        optional={
            str(op_id): tuple(str(n) for n in names)
            for op_id, names in _mapping(methods.get("optional"), "methods.optional").items()
        },
    )


def load_config(spec_dir: Path) -> Config:
    path = spec_dir / "config.yaml"
    raw = _mapping(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}; expected {sorted(_TOP_KEYS)}")
    tree = _mapping(raw.get("resource_tree"), "resource_tree")
    streams = {
        op_id: StreamConfig(event_schema=str(s["events"]), framing=str(s["framing"]))
        for op_id, s in _mapping(raw.get("streams"), "streams").items()
    }
    for op_id, stream in streams.items():
        if stream.framing not in ("named", "data"):
            raise ConfigError(f"streams.{op_id}.framing must be 'named' or 'data', not {stream.framing!r}")
    return Config(
        tree=TreeConfig(
            beta_tags=tuple(tree.get("beta_tags", ())),
            beta_path_prefixes=tuple(tree.get("beta_path_prefixes", ())),
            query_variant_prefixes=dict(_mapping(tree.get("query_variant_prefixes"), "query_variant_prefixes")),
            overrides=dict(_mapping(tree.get("overrides"), "overrides")),
            root_renames=dict(_mapping(tree.get("root_renames"), "root_renames")),
            aliases=dict(_mapping(tree.get("aliases"), "aliases")),
        ),
        streams=streams,
        headers={tag: dict(h) for tag, h in _mapping(raw.get("headers"), "headers").items()},
        extensions=dict(_mapping(raw.get("extensions"), "extensions")),
        keyword_types=tuple(str(k) if isinstance(k, str) else str(next(iter(k))) for k in raw.get("keyword_types") or ()),
        keyword_types_without={
            str(op_id): tuple(str(n) for n in names)
            for k in raw.get("keyword_types") or () if isinstance(k, dict) for op_id, names in k.items()
        },
        methods=_methods(raw.get("methods")),
        exports={module: [str(n) for n in names] for module, names in _mapping(raw.get("exports"), "exports").items()},
        type_aliases={
            module: {str(k): str(v) for k, v in _mapping(names, f"type_aliases.{module}").items()}
            for module, names in _mapping(raw.get("type_aliases"), "type_aliases").items()
        },
        root=spec_dir,
    )


def load_pin(spec_dir: Path) -> Pin:
    raw = _mapping(yaml.safe_load((spec_dir / "pin.yaml").read_text(encoding="utf-8")), "pin.yaml")
    try:
        return Pin(url=str(raw["url"]), commit=str(raw["commit"]), sha256=str(raw["sha256"]))
    except KeyError as missing:
        raise ConfigError(f"{spec_dir / 'pin.yaml'}: missing {missing}") from None


def write_pin(spec_dir: Path, pin: Pin) -> None:
    text = (
        "# The OpenAPI spec that generated/ is made from. `python -m codegen update` rewrites this file.\n"
        f"url: {pin.url}\ncommit: {pin.commit}\nsha256: {pin.sha256}\n"
    )
    (spec_dir / "pin.yaml").write_text(text, encoding="utf-8")
