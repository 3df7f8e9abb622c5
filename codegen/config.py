"""The project's generator config (`spec/config.yaml`) and pin (`spec/pin.yaml`), validated."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .names import OfficialNames, load_names

__all__ = [
    "AlsoNamed",
    "ClientConfig",
    "ComputedProperty",
    "Config",
    "ConfigError",
    "MethodsConfig",
    "PageShapeConfig",
    "PaginationConfig",
    "Pin",
    "SettingHeader",
    "StreamConfig",
    "TreeConfig",
    "load_config",
    "load_pin",
    "write_pin",
]


class ConfigError(Exception):
    """The config names something that does not exist, or is malformed."""


@dataclass(frozen=True)
class Pin:
    """The spec generated/ is made from: what is known of it.

    `sha256` always; `file` is the name it had when pinned; `url` (an address to download
    it from) and `commit` only when the update was told them: a user with a downloaded
    file need not invent an address, but then `codegen generate` needs `--spec`."""

    sha256: str
    file: str = ""
    url: str | None = None
    commit: str | None = None

    def describe(self) -> str:
        return self.url or f"{self.file or 'a file'} (sha256 {self.sha256}, no address recorded)"


@dataclass(frozen=True)
class TreeConfig:
    beta_tags: tuple[str, ...] = ()
    beta_path_prefixes: tuple[str, ...] = ()
    query_variant_prefixes: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    root_renames: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # "beta.vector_stores" -> "vector_stores"


@dataclass(frozen=True)
class AlsoNamed:
    """A second method for one operation, beside the one the tree gives it: the official
    SDK keeps an older name (`files.retrieve_content` beside `files.content`)."""

    name: str  # the method's name, on the same resource
    deprecated: str = ""  # why (the official SDK's reason); "" when it is not deprecated
    returns: str = ""  # "": as the main method; "object": the declared schema, not a page; "text": the body as `str`


@dataclass(frozen=True)
class ReturnsBy:
    """A method whose answer's type follows one of its arguments, as the official SDK's
    overloads say: audio `create(response_format="text")` answers `str`,
    `"verbose_json"` a `TranscriptionVerbose`. The spec gives one union for all of them."""

    param: str  # the argument (its wire name), a string enum
    default: str  # the type when it is omitted, None or a value not listed: a model name or `str`
    values: tuple[tuple[str, str], ...]  # (value, type) pairs, in the config's order


@dataclass(frozen=True)
class MethodsConfig:
    """What the spec cannot tell about a method's signature or return, by operationId."""

    single_page: tuple[str, ...] = ()  # answers a one-page list (`SyncSinglePage`), though declared an object
    binary: tuple[str, ...] = ()  # answers binary content, though the spec declares no content
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)  # body fields the spec wrongly requires
    # operationId -> why it is deprecated, where the official SDK deprecates what the spec does not
    deprecated: dict[str, str] = field(default_factory=dict)
    also_named: dict[str, tuple[AlsoNamed, ...]] = field(default_factory=dict)  # operationId -> second methods
    returns_by: dict[str, ReturnsBy] = field(default_factory=dict)  # operationId -> the argument its return type follows


@dataclass(frozen=True)
class StreamConfig:
    """An operation that answers `stream: true` with server-sent events."""

    event_schema: str  # the union of events, a component schema name
    framing: str  # "named": the SSE `event:` line names the event; "data": the JSON says it


@dataclass(frozen=True)
class ComputedProperty:
    """A read-only property the official SDK computes on a model, from the overlay."""

    function: str  # "module:function", called with the model
    returns: str  # the property's type, a Python expression


@dataclass(frozen=True)
class PageShapeConfig:
    """How a list operation pages (see `pagination:` in spec/config.yaml)."""

    name: str  # snake_case; the generated constant is its upper case (`cursor` -> `CURSOR`)
    param: str  # the query parameter the next page's cursor goes into
    cursor: tuple[str, ...] = ()  # response fields holding the next cursor, the first set one wins
    item_cursor: str | None = None  # else this field of the last item
    has_more: str | None = None  # a response field that is false on the last page


@dataclass(frozen=True)
class PaginationConfig:
    shapes: tuple[PageShapeConfig, ...] = ()  # tried in order
    # Query parameters of lists that page in a way the client does not follow (such a method
    # returns the object, not a page).
    unfollowed_params: tuple[str, ...] = ()


@dataclass(frozen=True)
class SettingHeader:
    """A client setting (`organization=`) sent as a header, read from `env` when not given."""

    header: str
    env: str | None = None


@dataclass(frozen=True)
class ClientConfig:
    """The client's identity: its class names, address, auth and environment variables.
    What the spec says (`servers`, `securitySchemes`) is the default; see `codegen/identity.py`."""

    package: str = "typed_openai"  # the import package
    api_name: str | None = None  # in docstrings: "The synchronous client for {api_name}."; default: the spec's title
    sync_class: str = "Client"
    async_class: str = "AsyncClient"
    base_url: str | None = None  # default: the spec's first `servers` URL
    auth: str | None = None  # a `securitySchemes` name, or "none"; default: the spec's `security`
    env: dict[str, str] = field(default_factory=dict)  # api_key / admin_api_key / base_url -> variable
    organization: SettingHeader | None = None
    project: SettingHeader | None = None
    default_headers: dict[str, str] = field(default_factory=dict)
    platform_headers: bool = False  # the `X-Stainless-*` headers Stainless-made SDKs send
    regions: dict[str, str] = field(default_factory=dict)  # `data_residency=` value -> its base URL


@dataclass(frozen=True)
class Config:
    tree: TreeConfig
    streams: dict[str, StreamConfig]  # by operationId
    headers: dict[str, dict[str, str]]  # by tag: headers the spec omits
    extensions: dict[str, str]  # resource path ("beta.threads.runs") -> "module:Class" of the overlay
    root: Path
    keyword_types: tuple[str, ...] = ()  # operationIds whose keyword arguments are also a TypedDict
    # operationId -> arguments its TypedDict leaves out (a helper that takes them in another form)
    keyword_types_without: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exports: dict[str, list[str]] = field(default_factory=dict)  # overlay module -> names `typed_openai` re-exports
    # overlay module -> official `types` locations ("chat.ParsedChatCompletion") that give its class
    overlay_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    methods: MethodsConfig = field(default_factory=MethodsConfig)
    header_parameters: dict[str, str] = field(default_factory=dict)  # header param (any case) -> its keyword argument
    # security schemes whose operations authenticate with the client's `admin_api_key`
    admin_key_schemes: tuple[str, ...] = ()
    # schema -> {property name -> how to compute it}; a spec field of that name is replaced
    computed_properties: dict[str, dict[str, ComputedProperty]] = field(default_factory=dict)
    names: OfficialNames = field(default_factory=OfficialNames)  # spec/names.yaml: the official SDK's names
    # The overlay module of the module-level client (`typed_openai.chat...`): its `__all__`
    # names the package's settings, its `client()` gives the client they make.
    module_client: str | None = None
    # schema -> properties the spec marks required that the official SDK's models make optional
    optional_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    client: ClientConfig = field(default_factory=ClientConfig)
    pagination: PaginationConfig = field(default_factory=PaginationConfig)
    # Resources no operation of the spec makes, all from the overlay: resource path ->
    # "module:Class" (the async class is "Async" + Class), as `extensions` but with no
    # generated class beneath (`client.webhooks`, which verifies what the API sends).
    overlay_resources: dict[str, str] = field(default_factory=dict)
    # The name of a union schema made of the request bodies of the spec's `webhooks`
    # (OpenAPI 3.1): every event the API may send, discriminated as any other union.
    webhook_events: str | None = None


def _mapping(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


_TOP_KEYS = {
    "resource_tree", "streams", "headers", "extensions", "keyword_types", "exports",
    "header_parameters", "computed_properties", "admin_key_schemes", "methods", "module_client",
    "optional_fields", "client", "pagination", "overlay_types", "overlay_resources", "webhook_events",
}  # fmt: skip
_METHODS_KEYS = {"single_page", "binary", "optional", "deprecated", "also_named", "returns_by"}
_RETURNS_BY_KEYS = {"param", "default", "values"}
_ALSO_NAMED_KEYS = {"name", "deprecated", "returns"}
_ALSO_NAMED_RETURNS = ("", "object", "text")


def _also_named(raw: object) -> dict[str, tuple[AlsoNamed, ...]]:
    """`also_named: {operationId: {name, deprecated, returns}}` (or a list of such mappings)."""
    out: dict[str, tuple[AlsoNamed, ...]] = {}
    for op_id, entries in _mapping(raw, "methods.also_named").items():
        where = f"methods.also_named.{op_id}"
        items = entries if isinstance(entries, list) else [entries]
        found: list[AlsoNamed] = []
        for item in items:
            entry = _mapping(item, where)
            unknown = set(entry) - _ALSO_NAMED_KEYS
            if unknown:
                raise ConfigError(f"{where}: unknown keys {sorted(unknown)}; expected {sorted(_ALSO_NAMED_KEYS)}")
            name = str(entry.get("name") or "")
            if not name.isidentifier() or name.startswith("_"):
                raise ConfigError(f"{where}.name: {name!r} is not a public Python identifier")
            returns = str(entry.get("returns") or "")
            if returns not in _ALSO_NAMED_RETURNS:
                raise ConfigError(f"{where}.returns: expected 'object' or 'text', not {returns!r}")
            found.append(AlsoNamed(name, str(entry.get("deprecated") or ""), returns))
        out[str(op_id)] = tuple(found)
    return out


def _returns_by(raw: object) -> dict[str, ReturnsBy]:
    """`returns_by: {operationId: {param, default, values: {value: type}}}`; a type is a
    model name (checked against the models when the tree is built) or `str`."""
    out: dict[str, ReturnsBy] = {}
    for op_id, entry in _mapping(raw, "methods.returns_by").items():
        where = f"methods.returns_by.{op_id}"
        fields = _mapping(entry, where)
        unknown = set(fields) - _RETURNS_BY_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)}; expected {sorted(_RETURNS_BY_KEYS)}")
        param, default = fields.get("param"), fields.get("default")
        if not isinstance(param, str) or not param:
            raise ConfigError(f"{where}.param: expected the argument's name, got {param!r}")
        values = _mapping(fields.get("values"), f"{where}.values")
        if not values:
            raise ConfigError(f"{where}.values: expected at least one `value: type`")
        types = [default, *values.values()]
        for tp in types:
            if not isinstance(tp, str) or not tp.isidentifier():
                raise ConfigError(f"{where}: {tp!r} is not a type name")
        out[str(op_id)] = ReturnsBy(param, str(default), tuple((str(v), str(t)) for v, t in values.items()))
    return out


_CLIENT_KEYS = {
    "package", "name", "classes", "base_url", "auth", "env", "organization", "project", "default_headers", "platform_headers",
    "regions",
}  # fmt: skip
# log: the variable that turns on debug logging; webhook_secret: the one `client.webhooks` reads
_ENV_KEYS = {"api_key", "admin_api_key", "base_url", "log", "webhook_secret"}
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an HTTP token (RFC 9110)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value or any(not ch.isprintable() for ch in value):
        raise ConfigError(f"{where}: expected a non-empty line of text, got {value!r}")
    return value


def _header_name(value: object, where: str) -> str:
    if not isinstance(value, str) or not _HEADER_NAME.fullmatch(value):
        raise ConfigError(f"{where}: {value!r} is not an HTTP header name")
    return value


def _env_name(value: object, where: str) -> str:
    if not isinstance(value, str) or not _ENV_NAME.fullmatch(value):
        raise ConfigError(f"{where}: {value!r} is not an environment variable name")
    return value


def _setting_header(raw: object, where: str) -> SettingHeader | None:
    if raw is None:
        return None
    entry = _mapping(raw, where)
    if not set(entry) <= {"header", "env"} or "header" not in entry:
        raise ConfigError(f"{where}: expected the keys 'header' and (optional) 'env', got {sorted(entry)}")
    env = entry.get("env")
    return SettingHeader(_header_name(entry["header"], f"{where}.header"), None if env is None else _env_name(env, f"{where}.env"))


_SHAPE_KEYS = {"param", "cursor", "item_cursor", "has_more"}


def _field_name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value or any(not ch.isprintable() for ch in value):
        raise ConfigError(f"{where}: expected a field or parameter name, got {value!r}")
    return value


def _pagination(raw: object) -> PaginationConfig:
    section = _mapping(raw, "pagination")
    if set(section) - {"shapes", "unfollowed_params"}:
        raise ConfigError(f"pagination: unknown keys {sorted(set(section) - {'shapes', 'unfollowed_params'})}; "
                          "expected ['shapes', 'unfollowed_params']")
    shapes: list[PageShapeConfig] = []
    for name, entry in _mapping(section.get("shapes"), "pagination.shapes").items():
        where = f"pagination.shapes.{name}"
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ConfigError(f"{where}: a shape's name is lower-case letters, digits and `_`")
        fields = _mapping(entry, where)
        if set(fields) - _SHAPE_KEYS or "param" not in fields:
            raise ConfigError(f"{where}: expected 'param' and optionally {sorted(_SHAPE_KEYS - {'param'})}, got {sorted(fields)}")
        cursor = fields.get("cursor") or []
        if not isinstance(cursor, list):
            raise ConfigError(f"{where}.cursor: expected a list of response fields")
        item_cursor, has_more = fields.get("item_cursor"), fields.get("has_more")
        if not cursor and item_cursor is None:
            raise ConfigError(f"{where}: says nowhere where the next cursor comes from (`cursor` or `item_cursor`)")
        shapes.append(PageShapeConfig(
            name=name,
            param=_field_name(fields["param"], f"{where}.param"),
            cursor=tuple(_field_name(c, f"{where}.cursor") for c in cursor),
            item_cursor=None if item_cursor is None else _field_name(item_cursor, f"{where}.item_cursor"),
            has_more=None if has_more is None else _field_name(has_more, f"{where}.has_more"),
        ))
    unfollowed = section.get("unfollowed_params") or []
    if not isinstance(unfollowed, list):
        raise ConfigError("pagination.unfollowed_params: expected a list of query parameter names")
    return PaginationConfig(tuple(shapes), tuple(_field_name(p, "pagination.unfollowed_params") for p in unfollowed))


def _client(raw: object) -> ClientConfig:
    """The `client:` section; every value reaches generated code, so each is checked here."""
    client = _mapping(raw, "client")
    unknown = set(client) - _CLIENT_KEYS
    if unknown:
        raise ConfigError(f"client: unknown keys {sorted(unknown)}; expected {sorted(_CLIENT_KEYS)}")
    classes = _mapping(client.get("classes"), "client.classes")
    if set(classes) - {"sync", "async"}:
        raise ConfigError(f"client.classes: expected the keys 'sync' and 'async', got {sorted(classes)}")
    names = {mode: classes.get(mode, default) for mode, default in (("sync", "Client"), ("async", "AsyncClient"))}
    for mode, name in names.items():
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name) or not name[0].isupper():
            raise ConfigError(f"client.classes.{mode}: {name!r} is not a class name (an identifier starting upper-case)")
    if names["sync"] == names["async"]:
        raise ConfigError(f"client.classes: the sync and async clients cannot share the name {names['sync']!r}")
    env = _mapping(client.get("env"), "client.env")
    if set(env) - _ENV_KEYS:
        raise ConfigError(f"client.env: unknown keys {sorted(set(env) - _ENV_KEYS)}; expected {sorted(_ENV_KEYS)}")
    base_url = client.get("base_url")
    if base_url is not None and not (isinstance(base_url, str) and re.match(r"https?://[^/\s]", base_url)):
        raise ConfigError(f"client.base_url: {base_url!r} is not an http(s) URL")
    auth = client.get("auth")
    platform = client.get("platform_headers", False)
    if not isinstance(platform, bool):
        raise ConfigError(f"client.platform_headers: expected true or false, got {platform!r}")
    package = client.get("package", "typed_openai")
    if not isinstance(package, str) or not re.fullmatch(r"[a-z_][a-z0-9_]*", package) or keyword.iskeyword(package):
        raise ConfigError(f"client.package: {package!r} is not a package name (lower-case letters, digits, `_`)")
    return ClientConfig(
        package=package,
        api_name=_text(client["name"], "client.name") if "name" in client else None,
        sync_class=str(names["sync"]),
        async_class=str(names["async"]),
        base_url=_text(base_url, "client.base_url") if base_url is not None else None,
        auth=None if auth is None else _text(auth, "client.auth"),
        env={str(k): _env_name(v, f"client.env.{k}") for k, v in sorted(env.items())},
        organization=_setting_header(client.get("organization"), "client.organization"),
        project=_setting_header(client.get("project"), "client.project"),
        default_headers={
            _header_name(k, f"client.default_headers.{k}"): _text(v, f"client.default_headers.{k}")
            for k, v in _mapping(client.get("default_headers"), "client.default_headers").items()
        },
        platform_headers=platform,
        regions=_regions(client.get("regions")),
    )


def _regions(raw: object) -> dict[str, str]:
    """`regions: {name: base URL}`: the endpoints `data_residency=name` selects."""
    regions: dict[str, str] = {}
    for name, url in _mapping(raw, "client.regions").items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
            raise ConfigError(f"client.regions: {name!r} is not a region name (lower-case letters, digits, `-`, `_`)")
        if not isinstance(url, str) or not re.match(r"https?://[^/\s]", url):
            raise ConfigError(f"client.regions.{name}: {url!r} is not an http(s) URL")
        regions[name] = url
    return regions


_TYPES_LOCATION = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*\.[A-Za-z_][A-Za-z0-9_]*")


def _overlay_types(raw: object) -> dict[str, tuple[str, ...]]:
    """`overlay_types: {module: [types locations]}`: each a dotted path under `types`."""
    out: dict[str, tuple[str, ...]] = {}
    for module, locations in _mapping(raw, "overlay_types").items():
        if not isinstance(locations, list) or not locations:
            raise ConfigError(f"overlay_types.{module}: expected a list of `types` locations (`chat.ParsedChatCompletion`)")
        for location in locations:
            if not isinstance(location, str) or not _TYPES_LOCATION.fullmatch(location):
                raise ConfigError(f"overlay_types.{module}: {location!r} is not a location under `types` (`area.module.Name`)")
        out[str(module)] = tuple(locations)
    return out


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
        deprecated={
            str(op_id): str(reason) for op_id, reason in _mapping(methods.get("deprecated"), "methods.deprecated").items()
        },
        also_named=_also_named(methods.get("also_named")),
        returns_by=_returns_by(methods.get("returns_by")),
    )


def _keyword_types(raw: object) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """`keyword_types` items: an operationId, or `{operationId: {without: [argument, ...]}}`."""
    if raw is None:
        return (), {}
    if not isinstance(raw, list):
        raise ConfigError(f"keyword_types: expected a list, got {type(raw).__name__}")
    names: list[str] = []
    without: dict[str, tuple[str, ...]] = {}
    for item in raw:
        if isinstance(item, str):
            names.append(item)
            continue
        entry = _mapping(item, "keyword_types item")
        if len(entry) != 1:
            raise ConfigError(f"keyword_types: {entry!r} must name one operation")
        ((op_id, options),) = entry.items()
        options = _mapping(options, f"keyword_types.{op_id}")
        if set(options) - {"without"}:
            raise ConfigError(f"keyword_types.{op_id}: unknown keys {sorted(set(options) - {'without'})}; expected ['without']")
        left_out = options.get("without") or []
        if not isinstance(left_out, list) or not all(isinstance(n, str) for n in left_out):
            raise ConfigError(f"keyword_types.{op_id}.without: expected a list of argument names")
        names.append(str(op_id))
        without[str(op_id)] = tuple(left_out)
    return tuple(names), without


def load_config(spec_dir: Path) -> Config:
    path = spec_dir / "config.yaml"
    raw = _mapping(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}; expected {sorted(_TOP_KEYS)}")
    tree = _mapping(raw.get("resource_tree"), "resource_tree")
    keyword_types, keywords_without = _keyword_types(raw.get("keyword_types"))
    streams = {
        op_id: StreamConfig(event_schema=str(s["events"]), framing=str(s["framing"]))
        for op_id, s in _mapping(raw.get("streams"), "streams").items()
    }
    for header, name in _mapping(raw.get("header_parameters"), "header_parameters").items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ConfigError(f"header_parameters.{header}: {name!r} is not a Python identifier")
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
        keyword_types=keyword_types,
        keyword_types_without=keywords_without,
        methods=_methods(raw.get("methods")),
        exports={module: [str(n) for n in names] for module, names in _mapping(raw.get("exports"), "exports").items()},
        overlay_types=_overlay_types(raw.get("overlay_types")),
        header_parameters={str(k): str(v) for k, v in _mapping(raw.get("header_parameters"), "header_parameters").items()},
        computed_properties=_computed_properties(raw.get("computed_properties")),
        admin_key_schemes=tuple(str(s) for s in raw.get("admin_key_schemes") or ()),
        names=load_names(spec_dir),
        module_client=None if raw.get("module_client") is None else str(raw["module_client"]),
        optional_fields={
            str(schema): tuple(str(n) for n in names)
            for schema, names in _mapping(raw.get("optional_fields"), "optional_fields").items()
        },
        root=spec_dir,
        client=_client(raw.get("client")),
        pagination=_pagination(raw.get("pagination")),
        overlay_resources=_overlay_resources(raw.get("overlay_resources")),
        webhook_events=_webhook_events(raw.get("webhook_events")),
    )


def _overlay_resources(raw: object) -> dict[str, str]:
    out: dict[str, str] = {}
    for dotted, target in _mapping(raw, "overlay_resources").items():
        where = f"overlay_resources.{dotted}"
        parts = str(dotted).split(".")
        if not all(part.isidentifier() and not keyword.iskeyword(part) and not part.startswith("_") for part in parts):
            raise ConfigError(f"{where}: {dotted!r} is not a resource path (public identifiers joined by `.`)")
        module, sep, cls = str(target).partition(":")
        if not sep or not all(p.isidentifier() for p in module.split(".")) or not cls.isidentifier():
            raise ConfigError(f"{where}: {target!r} is not `module:Class`")
        out[str(dotted)] = str(target)
    return out


def _webhook_events(raw: object) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.isidentifier() or keyword.iskeyword(raw) or not raw[0].isupper():
        raise ConfigError(f"webhook_events: {raw!r} is not a schema name (an identifier starting upper-case)")
    return raw


def _computed_properties(raw: object) -> dict[str, dict[str, ComputedProperty]]:
    out: dict[str, dict[str, ComputedProperty]] = {}
    for schema, properties in _mapping(raw, "computed_properties").items():
        for name, entry in _mapping(properties, f"computed_properties.{schema}").items():
            where = f"computed_properties.{schema}.{name}"
            fields = _mapping(entry, where)
            if set(fields) != {"function", "returns"}:
                raise ConfigError(f"{where}: expected exactly the keys 'function' and 'returns', got {sorted(fields)}")
            function = str(fields["function"])
            if function.count(":") != 1 or not all(function.split(":")):
                raise ConfigError(f"{where}.function: expected 'module:function', got {function!r}")
            out.setdefault(str(schema), {})[str(name)] = ComputedProperty(function, str(fields["returns"]))
    return out


def load_pin(spec_dir: Path) -> Pin:
    path = spec_dir / "pin.yaml"
    raw = _mapping(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    unknown = set(raw) - {"url", "commit", "file", "sha256"}
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}; expected file, sha256, url, commit")
    sha256 = str(raw.get("sha256") or "").lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ConfigError(f"{path}: `sha256` must be 64 hex digits, not {raw.get('sha256')!r}")
    url = str(raw["url"]) if raw.get("url") else None
    commit = str(raw["commit"]) if raw.get("commit") and raw.get("commit") != "unknown" else None
    file = str(raw.get("file") or (url.rstrip("/").rsplit("/", 1)[-1] if url else ""))
    return Pin(sha256=sha256, file=file, url=url, commit=commit)


def write_pin(spec_dir: Path, pin: Pin) -> None:
    lines = [
        "# The OpenAPI spec that generated/ is made from. `python -m codegen update` rewrites this file.",
        f"file: {_scalar(pin.file)}",
        f"sha256: {pin.sha256}",
    ]
    if pin.url:
        lines.append(f"url: {_scalar(pin.url)}")
    if pin.commit:
        lines.append(f"commit: {_scalar(pin.commit)}")
    (spec_dir / "pin.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _scalar(text: str) -> str:
    """`text` as one YAML scalar: plain when it reads back unchanged, else quoted."""
    dumped: str = yaml.safe_dump(text, default_flow_style=True, width=10_000)
    return dumped.removesuffix("\n...\n").strip()
