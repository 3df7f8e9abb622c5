"""The intermediate representation the templates render: operations on a resource tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Operation", "Param", "Resource", "Response", "ReturnsBy"]

ParamLocation = Literal["path", "query", "body", "form", "file", "header"]


@dataclass(frozen=True)
class Param:
    name: str  # the keyword argument's name
    wire: str  # the name on the wire
    location: ParamLocation
    annotation: str  # its Python type expression
    required: bool
    description: str = ""


@dataclass(frozen=True)
class ReturnsBy:
    """The return type follows an argument (config `methods.returns_by`)."""

    param: str  # the keyword argument's name
    default: str  # the type when the argument is omitted or not listed: a model name or `str`
    values: tuple[tuple[str, str], ...]  # (value, type) pairs

    def types(self) -> list[str]:
        """Every type it may answer, the default first, then in the config's order."""
        return list(dict.fromkeys([self.default, *(tp for _v, tp in self.values)]))


@dataclass(frozen=True)
class Response:
    """What a successful call returns."""

    kind: Literal["model", "binary", "none", "page", "text"]  # "text": the body as `str`
    type_name: str = ""  # the model (or page item) type expression
    page_class: str = ""  # "CursorPage" or "SinglePage" for kind == "page"
    shape: str = ""  # a CursorPage's shape: the config's `pagination.shapes` name


@dataclass(frozen=True)
class StreamInfo:
    event_type: str  # the event union's name
    framing: Literal["named", "data"]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    http_method: str
    path: str  # the template, `/threads/{thread_id}/runs`, without a query variant
    query_variant: str  # `beta=true` for `/responses?beta=true`, else ""
    method_name: str
    summary: str
    description: str
    deprecated: bool
    params: tuple[Param, ...]
    response: Response
    stream: StreamInfo | None
    headers: tuple[tuple[str, str], ...]
    body_kind: Literal["json", "multipart", "none"]
    keywords_type: str = ""  # `CreateRunKeywords`: its keyword arguments as a TypedDict, for overlay helpers
    keywords_without: tuple[str, ...] = ()  # arguments (besides `stream`) that TypedDict leaves out
    schemas: tuple[str, ...] = ()  # the component schemas it answers with: responses, stream events
    deprecation: str = ""  # why it is deprecated (config `methods.deprecated`); "" gives the spec's flag a default reason
    admin_key: bool = False  # authenticates with the client's `admin_api_key` (config `admin_key_schemes`)
    returns_by: ReturnsBy | None = None  # the return type follows this argument (config `methods.returns_by`)
    part_types: tuple[tuple[str, str], ...] = ()  # (form field wire name, content type): the multipart `encoding`

    @property
    def positional(self) -> tuple[Param, ...]:
        """The first path parameter (the builder puts the last one in the path first)."""
        return self.params[:1] if self.params and self.params[0].location == "path" else ()

    @property
    def keyword(self) -> tuple[Param, ...]:
        positional = self.positional
        return tuple(p for p in self.params if p not in positional)

    def located(self, *locations: ParamLocation) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location in locations)


@dataclass
class Resource:
    """A node of the client tree: `client.beta.threads.runs`."""

    path: tuple[str, ...]  # ("beta", "threads", "runs")
    operations: list[Operation] = field(default_factory=list)
    children: dict[str, Resource] = field(default_factory=dict)
    extension: tuple[str, str] | None = None  # ("typed_openai.lib.runs", "Runs") from the config
    alias_of: Resource | None = None  # `beta.vector_stores` is `vector_stores` under a second name
    # No operation of the spec: the overlay's class is the whole resource (config `overlay_resources`)
    overlay_only: bool = False

    @property
    def name(self) -> str:
        return self.path[-1]

    def walk(self) -> list[Resource]:
        out: list[Resource] = [self]
        for child in self.children.values():
            # An alias's node is walked where it really lives; an overlay-only one has
            # nothing generated to walk.
            if child.alias_of is None and not child.overlay_only:
                out.extend(child.walk())
        return out
