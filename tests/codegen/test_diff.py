"""`codegen diff`: the API change report, on small specs (one rule each) and on the two real
releases 5162af9 -> f85dbe2."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from codegen.diff import Change, diff_specs, format_text, to_json
from codegen.load import load_spec
from codegen.normalize import normalize

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared" / "spec"
OLDER = SHARED / "openai-openapi-5162af9.yaml"
PINNED = SHARED / "openai-openapi-f85dbe2.yaml"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _spec() -> dict[str, Any]:
    """A thing API: `createThing` sends `ThingRequest` and returns `Thing`."""
    return {
        "openapi": "3.1.0",
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "requestBody": {"content": {"application/json": {"schema": _ref("ThingRequest")}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": _ref("Thing")}}}},
                },
                "get": {
                    "operationId": "listThings",
                    "parameters": [{"name": "after", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": _ref("Thing")}}}},
                },
            }
        },
        "components": {
            "schemas": {
                "ThingRequest": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "size": {"type": "integer"}, "color": _ref("Color")},
                    "required": ["name"],
                },
                "Thing": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"type": "string", "enum": ["new", "done"]},
                        "owner": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
                    },
                    "required": ["id", "status"],
                },
                "Color": {"type": "string", "enum": ["red", "green", "blue"]},
            }
        },
    }


def _diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return diff_specs(normalize(old), normalize(new))


def _only(changes: list[Change]) -> tuple[str, str, str, bool]:
    assert len(changes) == 1, changes
    (c,) = changes
    return c.where, c.kind, c.usage, c.breaking


def test_an_identical_pair_reports_nothing() -> None:
    assert _diff(_spec(), _spec()) == []
    assert format_text([], "a", "b") == "API changes a -> b: none\n"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # request fields: a new required one breaks callers, a new optional one does not
        (lambda s: s["components"]["schemas"]["ThingRequest"]["properties"].update(shape={"type": "string"}) or
         s["components"]["schemas"]["ThingRequest"]["required"].append("shape"),
         ("ThingRequest.shape", "field-added", "request", True)),
        (lambda s: s["components"]["schemas"]["ThingRequest"]["properties"].update(shape={"type": "string"}),
         ("ThingRequest.shape", "field-added", "request", False)),
        (lambda s: s["components"]["schemas"]["ThingRequest"]["required"].append("size"),
         ("ThingRequest.size", "made-required", "request", True)),
        (lambda s: s["components"]["schemas"]["ThingRequest"]["required"].remove("name"),
         ("ThingRequest.name", "made-optional", "request", False)),
        (lambda s: s["components"]["schemas"]["ThingRequest"]["properties"].pop("size"),
         ("ThingRequest.size", "field-removed", "request", True)),
        # response fields: readers break when a field may be missing or null
        (lambda s: s["components"]["schemas"]["Thing"]["required"].remove("status"),
         ("Thing.status", "made-optional", "response", True)),
        (lambda s: s["components"]["schemas"]["Thing"]["properties"]["id"].update(nullable=True),
         ("Thing.id", "nullable-added", "response", True)),
        (lambda s: s["components"]["schemas"]["Thing"]["properties"].update(extra={"type": "string"}) or
         s["components"]["schemas"]["Thing"]["required"].append("extra"),
         ("Thing.extra", "field-added", "response", False)),
        (lambda s: s["components"]["schemas"]["Thing"]["properties"]["id"].update(type="integer"),
         ("Thing.id", "type-changed", "response", True)),
        # enums: a new value is not breaking (unknown values are kept); a removed one is
        (lambda s: s["components"]["schemas"]["Thing"]["properties"]["status"]["enum"].append("failed"),
         ("Thing.status", "enum-values-added", "response", False)),
        (lambda s: s["components"]["schemas"]["Color"]["enum"].remove("blue"),
         ("Color", "enum-values-removed", "request", True)),
        # nested inline objects are followed
        (lambda s: s["components"]["schemas"]["Thing"]["properties"]["owner"]["properties"].pop("name"),
         ("Thing.owner.name", "field-removed", "response", True)),
        # operations and their parameters
        (lambda s: s["paths"]["/things"].pop("get"), ("listThings", "operation-removed", "", True)),
        (lambda s: s["paths"]["/things"]["get"]["parameters"][0].update(required=True),
         ("listThings?after", "made-required", "request", True)),
        (lambda s: s["paths"]["/things"]["get"]["parameters"].append({"name": "limit", "in": "query", "schema": {"type": "integer"}}),
         ("listThings?limit", "parameter-added", "request", False)),
        (lambda s: s["paths"]["/things"]["get"]["parameters"].append(
            {"name": "api-version", "in": "header", "required": True, "schema": {"type": "string"}}),
         ("listThings.header api-version", "parameter-added", "request", True)),
        (lambda s: s["paths"]["/things"]["post"]["responses"]["200"]["content"]["application/json"].update(schema=_ref("Color")),
         ("createThing", "response-changed", "", True)),
    ],
)
def test_each_rule(edit: Any, expected: tuple[str, str, str, bool]) -> None:
    new = copy.deepcopy(_spec())
    edit(new)
    assert _only(_diff(_spec(), new)) == expected


def test_a_schema_used_both_ways_breaks_when_either_side_does() -> None:
    old = _spec()
    old["components"]["schemas"]["ThingRequest"]["properties"]["like"] = _ref("Thing")
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Thing"]["properties"]["note"] = {"type": "string"}
    new["components"]["schemas"]["Thing"]["required"].append("note")
    assert _only(_diff(old, new)) == ("Thing.note", "field-added", "both", True)


def test_nullable_spellings_compare_equal() -> None:
    """3.0 `nullable: true` and 3.1 `anyOf [X, null]` are the same type for the client."""
    old = _spec()
    old["components"]["schemas"]["Thing"]["properties"]["id"] = {"type": "string", "nullable": True}
    new = _spec()
    new["components"]["schemas"]["Thing"]["properties"]["id"] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert _diff(old, new) == []


# -- the two real releases --------------------------------------------------------------


@pytest.fixture(scope="module")
def real_changes() -> list[Change]:
    return diff_specs(normalize(load_spec(OLDER)), normalize(load_spec(PINNED)))


def _find(changes: list[Change], where: str, kind: str) -> Change:
    found = [c for c in changes if c.where == where and c.kind == kind]
    assert len(found) == 1, f"{where} {kind}: {found}"
    return found[0]


def test_real_releases_operations_added(real_changes: list[Change]) -> None:
    added = {c.subject: c.detail for c in real_changes if c.kind == "operation-added"}
    assert added["beta_createResponse"] == "POST /responses?beta=true"
    assert added["Getprojectspendlimit"] == "GET /organization/projects/{project_id}/spend_limit"
    assert len(added) == 46
    assert not [c for c in real_changes if c.kind == "operation-removed"]  # operationIds are stable


def test_real_releases_fields_and_enums(real_changes: list[Change]) -> None:
    expires = _find(real_changes, "AdminApiKey.expires_at", "field-added")
    assert (expires.usage, expires.breaking) == ("response", False)
    keywords = _find(real_changes, "CreateTranscriptionRequest.keywords", "field-added")
    assert (keywords.usage, keywords.detail, keywords.breaking) == ("request", "optional", False)
    effort = _find(real_changes, "ReasoningEffort", "enum-values-added")
    assert effort.values == ("max",) and not effort.breaking
    removed = _find(real_changes, "Conversation2", "schema-removed")  # `Conversation-2` in the spec
    assert removed.breaking


def test_real_report_text_and_json(real_changes: list[Change]) -> None:
    text = format_text(real_changes, "5162af9", "f85dbe2")
    head = text.splitlines()[:4]
    assert head[0] == "API changes 5162af9 -> f85dbe2"
    assert head[1].startswith("operations: +46 -0; schemas: +")
    assert text.index("Breaking (") < text.index("Operations added (46)") < text.index("Schemas added (")
    assert "  beta_createResponse  POST /responses?beta=true" in text.splitlines()
    data = to_json(real_changes, "5162af9", "f85dbe2")
    assert data["summary"]["operations_added"] == 46
    assert data["summary"]["breaking"] == sum(c.breaking for c in real_changes) > 0


@pytest.mark.slow  # a whole generation (or type check) in a child process
def test_cli_json_output_parses_and_identical_files_report_nothing() -> None:
    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "codegen", "diff", *args], cwd=PROJECT, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    data = json.loads(run(str(OLDER), str(PINNED), "--json"))
    assert {"old", "new", "summary", "changes"} <= set(data)
    kinds = {(c["subject"], c["kind"]) for c in data["changes"]}
    assert ("beta_createResponse", "operation-added") in kinds
    assert ("AdminApiKey", "field-added") in kinds
    assert run(str(PINNED), str(PINNED)).strip().endswith(": none")
    assert json.loads(run(str(PINNED), str(PINNED), "--json"))["changes"] == []
