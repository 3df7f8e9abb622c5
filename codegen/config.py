"""The project's generator config (`spec/config.yaml`) and pin (`spec/pin.yaml`), validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .names import OfficialNames, load_names

__all__ = ["Config", "ConfigError", "Pin", "StreamConfig", "TreeConfig", "load_config", "load_pin", "write_pin"]


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
    exports: dict[str, list[str]] = field(default_factory=dict)  # overlay module -> names `typed_openai` re-exports
    names: OfficialNames = field(default_factory=OfficialNames)  # spec/names.yaml: the official SDK's names


def _mapping(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


_TOP_KEYS = {"resource_tree", "streams", "headers", "extensions", "keyword_types", "exports"}


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
        keyword_types=tuple(raw.get("keyword_types") or ()),
        exports={module: [str(n) for n in names] for module, names in _mapping(raw.get("exports"), "exports").items()},
        names=load_names(spec_dir),
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
