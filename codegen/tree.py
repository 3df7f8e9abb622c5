"""Where each operation lives on the client: `client.<resource chain>.<method>()`.

The rule is path-based (the spec's tags and `x-oaiMeta.group` cannot drive it): the
resource chain is the path's literal segments; a final literal segment is a method when
the operationId starts with it (`/runs/{run_id}/cancel` + `cancelRun` -> `runs.cancel`);
otherwise CRUD names. A path that ends in a literal but names one object (its GET answers
something other than a list: `/organization/data_retention`, `/skills/{id}/content`) is a
singleton, read by `retrieve` and written by `update`. The config adds the `beta.` prefix,
the renamed roots (`/organization` -> `admin.organization`) and a few explicit overrides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .config import TreeConfig
from .naming import safe_identifier, snake_case
from .normalize import REF_PREFIX, object_fields, operations

__all__ = ["Placement", "place_operation", "placements", "singleton_paths"]


@dataclass(frozen=True, order=True)
class Placement:
    resource: tuple[str, ...]  # ("beta", "threads", "runs")
    method: str  # "create"

    @property
    def dotted(self) -> str:
        return ".".join((*self.resource, self.method))


_CRUD = {
    ("get", True): "retrieve",
    ("post", True): "update",
    ("delete", True): "delete",
    ("get", False): "list",
    ("post", False): "create",
    ("delete", False): "delete",
    ("put", True): "update",
    ("patch", True): "update",
    ("put", False): "update",  # `PUT /pet` with the pet in the body
    ("patch", False): "update",
}


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _names_action(op_words: str, segment: str) -> bool:
    """`cancel_batch` names the action `cancel`; `admin_api_keys_list` names no action."""
    if not op_words.startswith(segment):
        return False
    rest = op_words[len(segment) :].lstrip("_")
    return rest.split("_", 1)[0] not in _CRUD_WORDS


_CRUD_WORDS = frozenset({"list", "create", "get", "retrieve", "update", "delete", "modify"})


def _answers_one_object(spec: dict[str, Any], op: dict[str, Any]) -> bool:
    """The 2xx answer declares content, and it is not a `data` list (an unknown shape is not)."""
    components = spec.get("components", {})
    responses = op.get("responses", {})
    ok = next((responses[s] for s in sorted(responses, key=str) if str(s).startswith("2")), None)
    if isinstance(ok, dict) and str(ok.get("$ref", "")).startswith("#/components/responses/"):
        ok = components.get("responses", {}).get(str(ok["$ref"]).rpartition("/")[2])
    content = ok.get("content") if isinstance(ok, dict) else None
    if not isinstance(content, dict) or not content:
        return False
    for media in content.values():
        schema = media.get("schema") if isinstance(media, dict) else None
        if isinstance(schema, dict) and str(schema.get("$ref", REF_PREFIX)).startswith(REF_PREFIX):
            data = object_fields(components.get("schemas", {}), schema)[0].get("data")
            if isinstance(data, dict) and data.get("type") == "array":
                return False
    return True


def singleton_paths(spec: dict[str, Any]) -> frozenset[str]:
    """Paths ending in a literal whose GET answers one object, not a list: singletons."""
    return frozenset(
        path
        for path, method, op in operations(spec)
        if method == "get" and not _is_param(path.partition("?")[0].rstrip("/").split("/")[-1])
        and _answers_one_object(spec, op)
    )


def placements(spec: dict[str, Any], config: TreeConfig) -> Iterator[tuple[str, str, dict[str, Any], Placement]]:
    """Every operation of the spec with its place on the client tree."""
    singletons = singleton_paths(spec)
    for path, method, op in operations(spec):
        placement = place_operation(
            path=path, http_method=method, operation_id=op["operationId"], tags=op.get("tags", []),
            config=config, singleton=path in singletons,
        )
        yield path, method, op, placement


def place_operation(
    *, path: str, http_method: str, operation_id: str, tags: list[str], config: TreeConfig, singleton: bool = False
) -> Placement:
    override = config.overrides.get(operation_id)
    if override is not None:
        *chain, method = override.split(".")
        return Placement(tuple(chain), method)

    bare_path, _, query_variant = path.partition("?")
    segments = [s for s in bare_path.split("/") if s]
    # `/class/...`, `/2024-01/...`: a segment must still be a module and attribute name
    literals = [safe_identifier(snake_case(s) or "_") for s in segments if not _is_param(s)]
    if literals and literals[0] in config.root_renames:
        literals[:1] = config.root_renames[literals[0]].split(".")
    prefix: list[str] = []
    if query_variant:
        prefix.append(config.query_variant_prefixes[query_variant])
    elif set(tags) & set(config.beta_tags) or any(
        bare_path == p or bare_path.startswith(p + "/") for p in config.beta_path_prefixes
    ):
        prefix.append("beta")

    last_is_param = _is_param(segments[-1])
    op_words = snake_case(operation_id)
    if prefix and op_words.startswith(prefix[0] + "_"):
        op_words = op_words[len(prefix[0]) + 1 :]  # `beta_cancelResponse` names `cancel`
    if not last_is_param and len(literals) > 1:
        # `/batches/{batch_id}/cancel` + `cancelBatch`: the segment is an action; so is
        # `/organization/usage/completions` + `usage-completions` (the parent's name first).
        parent = literals[-2] + "_"
        if _names_action(op_words, literals[-1]) or (
            op_words.startswith(parent) and _names_action(op_words[len(parent) :], literals[-1])
        ):
            return Placement(tuple(prefix + literals[:-1]), literals[-1])
    if singleton and not last_is_param:
        return Placement(tuple(prefix + literals), _SINGLETON[http_method])
    return Placement(tuple(prefix + literals), _CRUD[(http_method, last_is_param)])


_SINGLETON = {"get": "retrieve", "post": "update", "put": "update", "patch": "update", "delete": "delete"}
