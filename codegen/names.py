"""The official SDK's names for the spec's schemas (`spec/names.yaml`), and the rename pass.

`spec/names.yaml` is written by `python -m codegen names --official PATH` (see
`official_names.py`); the generator reads only this file. Each entry names a component
schema (by its normalised name) and says:

- `rename`: the class name the schema is generated under (`RunObject` -> `Run`), so a
  model prints as the official SDK's does;
- `models`: where the official SDK exposes the model (or alias), as `module.Name` relative
  to `typed_openai.types` (`beta.threads.run.Run`, `beta.threads.Run`; `FileObject` at
  the package itself);
- `params`: the same for its request shape, the `...Param` TypedDict.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .normalize import REF_PREFIX, ref_name, walk

__all__ = ["NAMES_FILE", "OfficialNames", "SchemaNames", "apply_names", "check_names", "dump_names", "load_names"]

NAMES_FILE = "names.yaml"
_PROVISIONAL = "-hoisted-"  # not an identifier, so no component of a normalised spec has it


class NamesError(ValueError):
    pass


@dataclass(frozen=True)
class SchemaNames:
    rename: str | None = None
    models: tuple[str, ...] = ()
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfficialNames:
    source: str = ""  # the official package the names were read from ("openai 3.4.0")
    schemas: dict[str, SchemaNames] = field(default_factory=dict)

    @property
    def renames(self) -> dict[str, str]:
        """Component schema -> its generated name."""
        return {schema: n.rename for schema, n in self.schemas.items() if n.rename and "/" not in schema}

    @property
    def hoists(self) -> dict[str, str]:
        """Pointer to an inline schema (`RunObject/properties/status`) -> the component it becomes."""
        return {schema: n.rename for schema, n in self.schemas.items() if n.rename and "/" in schema}

    def generated_name(self, schema: str) -> str:
        entry = self.schemas.get(schema)
        return entry.rename if entry is not None and entry.rename else schema


def load_names(spec_dir: Path) -> OfficialNames:
    from .config import ConfigError

    path = spec_dir / NAMES_FILE
    if not path.is_file():
        return OfficialNames()
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict) or not isinstance(raw.get("schemas", {}), dict):
        raise ConfigError(f"{path}: expected a mapping with `schemas`")
    schemas: dict[str, SchemaNames] = {}
    for schema, entry in (raw.get("schemas") or {}).items():
        if not isinstance(entry, dict) or set(entry) - {"rename", "models", "params"}:
            raise ConfigError(f"{path}: schemas.{schema}: expected `rename`, `models`, `params`, got {entry!r}")
        rename = entry.get("rename")
        schemas[str(schema)] = SchemaNames(
            rename=str(rename) if rename else None,
            models=tuple(str(x) for x in entry.get("models", ())),
            params=tuple(str(x) for x in entry.get("params", ())),
        )
    return OfficialNames(source=str(raw.get("source", "")), schemas=schemas)


def _at(schemas: dict[str, Any], pointer: str) -> Any:
    name, *path = pointer.split("/")
    node: Any = schemas.get(name)
    for segment in path:
        segment = segment.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        elif isinstance(node, dict):
            node = node.get(segment)
        else:
            return None
    return node


def check_names(spec: dict[str, Any], names: OfficialNames, added: frozenset[str] = frozenset()) -> Iterator[str]:
    """Entries naming schemas the spec no longer has (stale: an update leaves them out);
    renames that collide and malformed names (errors). `added`: schemas the generator adds
    to the spec's (the config's `webhook_events` union)."""
    from .validate import STALE

    components = spec.get("components", {}).get("schemas", {})
    schemas: set[str] = set(components) | added
    owners: dict[str, list[str]] = {}  # generated name -> the schemas that would get it
    for schema in sorted(schemas):
        owners.setdefault(names.renames.get(schema, schema), []).append(schema)
    for pointer, name in sorted(names.hoists.items()):
        owners.setdefault(name, []).append(pointer)
    for schema, entry in sorted(names.schemas.items()):
        where = f"names.{schema}"
        if "/" in schema:
            node = _at(components, schema)
            if not isinstance(node, dict) or "$ref" in node:
                yield f"{STALE}{where}: the spec has no inline schema at {schema!r}"
                continue
            if entry.rename is None:
                yield f"{where}: an inline schema needs a `rename`, the component it becomes (spec/names.yaml)"
                continue
        elif schema not in schemas:
            yield f"{STALE}{where}: schema {schema!r} is not in the spec's components"
            continue
        if entry.rename is not None:
            if not entry.rename.isidentifier():
                yield f"{where}.rename: {entry.rename!r} is not a Python identifier (spec/names.yaml)"
            elif len(owners.get(entry.rename, [])) > 1:
                other = next(o for o in owners[entry.rename] if o != schema)
                yield f"{where}.rename: {entry.rename!r} is already the name of schema {other!r} (spec/names.yaml)"
        for location in (*entry.models, *entry.params):
            if not all(part.isidentifier() for part in location.split(".")):
                yield f"{where}: {location!r} is not a dotted Python name (spec/names.yaml)"


def apply_names(spec: dict[str, Any], names: OfficialNames) -> dict[str, Any]:
    """A copy of the spec with the named inline schemas hoisted into components, and the
    component schemas renamed, every reference followed."""
    if not names.schemas:
        return spec
    out = copy.deepcopy(spec)
    components = out.setdefault("components", {}).setdefault("schemas", {})
    renames = dict(names.renames)
    # Pointers name the spec's own components, and a hoisted schema may take the name a
    # renamed component leaves: hoist under a provisional name, then rename everything at once.
    # Deepest first, so that a pointer through another hoisted schema is still valid.
    for i, (pointer, name) in enumerate(sorted(names.hoists.items(), key=lambda item: (-item[0].count("/"), item[0]))):
        *parent_path, last = pointer.split("/")
        parent = _at(components, "/".join(parent_path))
        # an index into a list, a name into a mapping
        key: Any = int(last) if isinstance(parent, list) else last.replace("~1", "/").replace("~0", "~")
        provisional = f"{_PROVISIONAL}{i}"
        components[provisional] = parent[key]
        parent[key] = {"$ref": REF_PREFIX + provisional}
        renames[provisional] = name
    return _rename(out, renames)


def _rename(out: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    components = out.get("components", {})
    components["schemas"] = {renames.get(k, k): v for k, v in components.get("schemas", {}).items()}

    def new_ref(ref: str) -> str:
        return REF_PREFIX + renames.get(ref_name(ref), ref_name(ref)) if ref.startswith(REF_PREFIX) else ref

    done: set[int] = set()  # a node the spec shares between two places is renamed once, not twice

    def fix(node: dict[str, Any]) -> None:
        if id(node) in done:
            return
        done.add(id(node))
        ref = node.get("$ref")
        if isinstance(ref, str):
            node["$ref"] = new_ref(ref)
        mapping = node.get("mapping")
        if isinstance(mapping, dict) and "propertyName" in node:
            node["mapping"] = {k: new_ref(v) if isinstance(v, str) else v for k, v in mapping.items()}

    walk(out, fix)
    return out


def dump_names(source: str, schemas: dict[str, dict[str, Any]]) -> str:
    header = (
        "# The official SDK's names for the spec's schemas: written by\n"
        "# `python -m codegen names --official PATH` (codegen/official_names.py), read by the generator.\n"
        "# rename: the generated class name; models/params: `module.Name` under typed_openai.types\n"
        "# where the official SDK exposes the model (or alias) and the request TypedDict.\n"
    )
    body = yaml.safe_dump({"schemas": schemas}, sort_keys=True, width=200, default_flow_style=False)
    return header + yaml.safe_dump({"source": source}) + body
