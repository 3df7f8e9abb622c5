"""The official `openai` package, seen from outside: its client tree and method shapes.

Shared by the compatibility tests (operations here, type names beside them). Nothing of
the official package is copied: it is imported and introspected. Each spec operation is
matched to the official method that sends it by reading which HTTP verb and path that
method's body requests (`self._post("/batches/{batch_id}/cancel", ...)`), because the
spec's Python examples name a method for only about half of the operations.

The shapes compared are the ones user code depends on: where a method is, which
parameters it takes positionally and in what order, which keyword parameters it takes and
which of them are required, what kind of thing it returns, and whether it is deprecated.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import openai

__all__ = [
    "OFFICIAL_VERSION",
    "OPTION_NAMES",
    "Shape",
    "example_calls",
    "method_shape",
    "official_methods_by_operation",
    "resolve",
    "walk_methods",
]

# The release the pinned spec (f85dbe2, 2026-08-21) matches: 3.3.1 lacks the spec's
# project `residency` and cost `quantity_unit`; 3.4.0 (2026-08-26) has both.
OFFICIAL_VERSION = "3.4.0"
if openai.__version__ != OFFICIAL_VERSION:
    raise ImportError(
        f"tests/compat compares against openai=={OFFICIAL_VERSION}, but {openai.__version__} is installed: "
        "`pip install -e '.[dev]'` installs the right one"
    )

# Keyword arguments every method of both packages has; not part of an operation's shape.
OPTION_NAMES = frozenset({"extra_headers", "extra_query", "extra_body", "timeout"})

# A method body's request: `self._get_api_list("/models", ...)`, `self._post(path_template("/x/{id}", ...)`.
_REQUEST = re.compile(
    r"self\._(get_api_list|get|post|put|patch|delete)\(\s*(?:#[^\n]*\s*)?(?:path_template\(\s*)?f?\"([^\"]+)\""
)
_EXAMPLE_CALL = re.compile(r"(?:client|openai)\.((?:[a-z_]+\.)+[a-z_]+)\(")


@dataclass(frozen=True)
class Shape:
    """What user code relies on in one method's signature."""

    positional: tuple[str, ...]  # parameters before `*`, in order
    keyword: frozenset[str]  # keyword-only parameters, but the per-request options
    required: frozenset[str]  # parameters without a default
    returns: frozenset[str]  # "object", "page", "stream", "binary", "none"
    deprecated: bool


def _return_kinds(annotation: object) -> frozenset[str]:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
    kinds: set[str] = set()
    for part in _split_union(text):
        if re.search(r"(?:^|\W)(?:Async)?Stream\[", part):
            kinds.add("stream")
        elif re.search(r"Page\[|AsyncPaginator\[", part):
            kinds.add("page")
        elif re.search(r"Binary", part):
            kinds.add("binary")
        elif part in ("None", "NoneType"):
            kinds.add("none")
        else:
            kinds.add("object")
    return frozenset(kinds)


def _split_union(text: str) -> list[str]:
    """`A[B | C] | D` -> [`A[B | C]`, `D`]: the top-level members of a union annotation."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "["
        depth -= char == "]"
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def _deprecated(func: Callable[..., Any]) -> bool:
    target: Any = func
    while target is not None:
        if getattr(target, "__deprecated__", None) is not None:
            return True
        target = getattr(target, "__wrapped__", None)
    return False


def method_shape(func: Callable[..., Any]) -> Shape:
    """The shape of a bound method of either package (its runtime signature)."""
    signature = inspect.signature(func)
    params = [p for p in signature.parameters.values() if p.name not in OPTION_NAMES]
    return Shape(
        positional=tuple(p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)),
        keyword=frozenset(p.name for p in params if p.kind is p.KEYWORD_ONLY),
        required=frozenset(p.name for p in params if p.default is p.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)),
        returns=_return_kinds(signature.return_annotation),
        deprecated=_deprecated(func),
    )


def _resources(owner: object) -> Iterator[tuple[str, object]]:
    """The sub-resources of a client or resource: its cached properties that have methods."""
    for name in sorted(dir(type(owner))):
        if name.startswith("_") or name in ("with_raw_response", "with_streaming_response"):
            continue
        if isinstance(inspect.getattr_static(type(owner), name), cached_property):
            value = getattr(owner, name)
            if hasattr(value, "with_raw_response"):
                yield name, value


def walk_methods(client: object) -> dict[str, Callable[..., Any]]:
    """Every API method on a client tree, by dotted path (`beta.threads.runs.create`).

    A resource's API methods are the ones its `with_raw_response` view offers: that leaves
    out helpers such as `create_and_poll`, which send no request of their own.
    """
    out: dict[str, Callable[..., Any]] = {}

    def visit(resource: object, prefix: str) -> None:
        raw = getattr(resource, "with_raw_response")  # noqa: B009 - any resource class, untyped here
        for name in sorted(vars(raw)):
            if not name.startswith("_") and callable(getattr(resource, name, None)):
                out[prefix + name] = getattr(resource, name)
        for name, child in _resources(resource):
            visit(child, f"{prefix}{name}.")

    for name, resource in _resources(client):
        visit(resource, name + ".")
    return out


def resolve(client: object, dotted: str) -> Any:
    """`client.a.b.c`, or None where any step is missing."""
    target: Any = client
    for part in dotted.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def _request_of(func: Callable[..., Any]) -> tuple[str, str] | None:
    source = inspect.getsource(inspect.unwrap(func))
    found = _REQUEST.search(source)
    if found is None:
        return None
    verb, path = found.groups()
    if verb == "get_api_list":
        verb = "post" if re.search(r"method=\"post\"", source) else "get"
    return verb, path


def example_calls(op: dict[str, Any]) -> set[str]:
    """The method paths the spec's own Python examples call (`chat.completions.create`)."""
    return set(_EXAMPLE_CALL.findall(json.dumps(op.get("x-oaiMeta", {}).get("examples"))))


def official_methods_by_operation(
    spec_operations: list[tuple[str, str, dict[str, Any]]], methods: dict[str, Callable[..., Any]]
) -> dict[str, list[str]]:
    """operationId -> the official methods that send it, the main one first.

    Several methods can send one request (`files.content` and the deprecated
    `files.retrieve_content`; `chat.completions.create` and its `parse` helper). The main
    one is the method the spec's examples call, else one that is not deprecated.
    """
    by_request: dict[tuple[str, str], list[str]] = {}
    for dotted, func in methods.items():
        request = _request_of(func)
        if request is not None:
            by_request.setdefault(request, []).append(dotted)
    out: dict[str, list[str]] = {}
    for path, method, op in spec_operations:
        candidates = by_request.get((method, path), [])
        if not candidates:
            continue
        calls = example_calls(op)

        def rank(dotted: str, calls: set[str] = calls) -> tuple[bool, bool, int, str]:
            in_examples = dotted in calls or dotted.removeprefix("beta.") in calls and "?" in path
            return (not in_examples, _deprecated(methods[dotted]), dotted.count("."), dotted)

        out[op["operationId"]] = sorted(candidates, key=rank)
    return out
