"""The resource tree: the path rule plus config overrides give the official SDK's names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from codegen.config import ConfigError, TreeConfig, load_config
from codegen.tree import place_operation, placements, singleton_paths

PROJECT = Path(__file__).resolve().parents[2]
# The spec's own examples that name a method the official SDK does not have.
_EXAMPLE_TYPOS = {"DeleteThreadMethod": "beta.chat_kit.threads.delete"}


def _example_calls(op: dict[str, Any]) -> set[str]:
    text = json.dumps(op.get("x-oaiMeta", {}).get("examples"))
    return set(re.findall(r"client\.((?:[a-z_]+\.)+[a-z_]+)\(", text))


def test_placement_matches_the_python_examples_in_the_spec(pinned_spec: dict[str, Any]) -> None:
    config = load_config(PROJECT / "spec").tree
    checked, wrong = 0, []
    for path, _method, op, placement in placements(pinned_spec, config):
        calls = _example_calls(op) - {_EXAMPLE_TYPOS.get(op["operationId"], "")}
        if not calls:
            continue
        expected = placement.dotted
        if "?" in path:  # `/responses?beta=true` is placed under `beta.`; its example omits that
            expected = expected.removeprefix("beta.")
        checked += 1
        if expected not in calls:
            wrong.append((op["operationId"], placement.dotted, sorted(calls)))
    assert checked > 100
    assert wrong == []


@pytest.mark.parametrize(
    ("path", "method", "op_id", "expected"),
    [
        ("/batches/{batch_id}/cancel", "post", "cancelBatch", "batches.cancel"),
        ("/threads/{thread_id}/runs/{run_id}", "get", "getRun", "beta.threads.runs.retrieve"),
        ("/threads/{thread_id}/runs", "get", "listRuns", "beta.threads.runs.list"),
        ("/organization/admin_api_keys", "get", "admin-api-keys-list", "organization.admin_api_keys.list"),
        ("/responses/{response_id}/cancel?beta=true", "post", "beta_cancelResponse", "beta.responses.cancel"),
        # the parent's name first: `usage-completions` names the action `completions`
        ("/organization/usage/completions", "get", "usage-completions", "organization.usage.completions"),
    ],
)
def test_path_rule(path: str, method: str, op_id: str, expected: str) -> None:
    config = TreeConfig(beta_tags=("Assistants",), query_variant_prefixes={"beta=true": "beta"})
    tags = ["Assistants"] if "/threads" in path else []
    assert place_operation(path=path, http_method=method, operation_id=op_id, tags=tags, config=config).dotted == expected


@pytest.mark.parametrize(
    ("method", "as_singleton", "as_collection"),
    [("get", "limits.retrieve", "limits.list"), ("post", "limits.update", "limits.create"), ("delete", "limits.delete", "limits.delete")],
)
def test_a_singleton_path_is_retrieved_and_updated(method: str, as_singleton: str, as_collection: str) -> None:
    def place(singleton: bool) -> str:
        return place_operation(path="/limits", http_method=method, operation_id="x", tags=[], config=TreeConfig(), singleton=singleton).dotted

    assert (place(True), place(False)) == (as_singleton, as_collection)


def test_singletons_are_the_literal_paths_whose_get_answers_no_list(pinned_spec: dict[str, Any]) -> None:
    singletons = singleton_paths(pinned_spec)
    assert {"/organization/spend_limit", "/organization/data_retention", "/skills/{skill_id}/content"} <= singletons
    assert not singletons & {"/models", "/organization/projects", "/threads/{thread_id}/runs"}


def test_root_renames_to_a_chain() -> None:
    config = TreeConfig(root_renames={"organization": "admin.organization", "projects": "admin.organization.projects"})
    place = lambda path, op_id: place_operation(path=path, http_method="get", operation_id=op_id, tags=[], config=config).dotted  # noqa: E731
    assert place("/organization/invites", "list-invites") == "admin.organization.invites.list"
    assert place("/projects/{project_id}/roles", "list-project-roles") == "admin.organization.projects.roles.list"


def test_an_override_naming_a_missing_operation_is_reported(tmp_path: Path, pinned_spec: dict[str, Any]) -> None:
    from codegen.build import build_tree
    from codegen.models import ModelSources

    (tmp_path / "config.yaml").write_text("resource_tree:\n  overrides:\n    noSuchOperation: things.do\n")
    config = load_config(tmp_path)
    empty = ModelSources("", "", frozenset(), frozenset(), {})
    with pytest.raises(ConfigError, match="noSuchOperation"):
        build_tree(pinned_spec, config, empty)


def test_unknown_config_keys_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("resource_tre: {}\n")
    with pytest.raises(ConfigError, match="resource_tre"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        ("resource_tree:\n  aliases:\n    beta.vector_storez: vector_storez\n", "vector_storez"),
        ("resource_tree:\n  aliases:\n    nowhere.vector_stores: vector_stores\n", "nowhere"),
        ("resource_tree:\n  aliases:\n    beta.threads: vector_stores\n", "already a resource"),
        ("extensions:\n  beta.threads.runz: typed_openai.lib.runs:Runs\n", "beta.threads.runz"),
    ],
)
def test_a_broken_alias_or_extension_is_reported(tmp_path: Path, overlay: str, message: str) -> None:
    from codegen.build import attach_overlay
    from codegen.ir import Resource

    root = Resource(())
    beta = root.children.setdefault("beta", Resource(("beta",)))
    threads = beta.children.setdefault("threads", Resource(("beta", "threads")))
    threads.children["runs"] = Resource(("beta", "threads", "runs"))
    root.children["vector_stores"] = Resource(("vector_stores",))
    (tmp_path / "config.yaml").write_text(overlay)
    with pytest.raises(ConfigError, match=message):
        attach_overlay(root, load_config(tmp_path))
