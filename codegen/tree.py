"""Where each operation lives on the client: `client.<resource chain>.<method>()`.

The rule is path-based (the spec's tags and `x-oaiMeta.group` cannot drive it): the
resource chain is the path's literal segments; a final literal segment is a method when
the operationId starts with it (`/runs/{run_id}/cancel` + `cancelRun` -> `runs.cancel`);
otherwise CRUD names. The config adds the `beta.` prefix and a few explicit overrides.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import TreeConfig
from .naming import safe_identifier, snake_case

__all__ = ["Placement", "place_operation"]


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


def place_operation(
    *, path: str, http_method: str, operation_id: str, tags: list[str], config: TreeConfig
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
        literals[0] = config.root_renames[literals[0]]
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
    if not last_is_param and len(literals) > 1 and _names_action(op_words, literals[-1]):
        # `/batches/{batch_id}/cancel` + `cancelBatch`: the segment is an action.
        return Placement(tuple(prefix + literals[:-1]), literals[-1])
    return Placement(tuple(prefix + literals), _CRUD[(http_method, last_is_param)])
