"""The official names: the matcher (`codegen/official_names.py`) on a small official-style
package and spec, the checks of `spec/names.yaml` against the spec, and the rename pass."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from codegen.names import OfficialNames, SchemaNames, apply_names, check_names
from codegen.normalize import normalize
from codegen.official_names import assign, match, read_official, read_spec

_OFFICIAL = {
    "__init__.py": "from .job import Job as Job\nfrom .job_status import JobStatus as JobStatus\n",
    "job_status.py": """
        from typing_extensions import Literal, TypeAlias
        __all__ = ["JobStatus"]
        JobStatus: TypeAlias = Literal["queued", "running", "done"]
    """,
    "job.py": """
        from typing import List, Optional, Union
        from typing_extensions import Literal, TypeAlias
        from pydantic import BaseModel
        from .job_status import JobStatus
        __all__ = ["Job", "Step", "TextStep", "ImageStep"]
        class TextStep(BaseModel):
            type: Literal["text"]
            text: str
        class ImageStep(BaseModel):
            type: Literal["image"]
            url: str
        Step: TypeAlias = Union[TextStep, ImageStep]
        class Job(BaseModel):
            id: str
            object: Literal["job"]
            status: JobStatus
            steps: List[Step]
            error: Optional[str] = None
    """,
    "job_create_params.py": """
        from typing_extensions import Required, TypedDict
        __all__ = ["JobCreateParams"]
        class JobCreateParams(TypedDict, total=False):
            name: Required[str]
            priority: int
    """,
}

_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {"schemas": {
        "JobObject": {"type": "object", "required": ["id", "object", "status", "steps"], "properties": {
            "id": {"type": "string"},
            "object": {"type": "string", "enum": ["job"]},
            "status": {"type": "string", "enum": ["queued", "running", "done"]},
            "steps": {"type": "array", "items": {"oneOf": [
                {"type": "object", "properties": {"type": {"type": "string", "enum": ["text"]}, "text": {"type": "string"}}},
                {"$ref": "#/components/schemas/ImageStepObject"},
            ]}},
            "error": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        }},
        "ImageStepObject": {"type": "object", "properties": {"type": {"type": "string", "enum": ["image"]}, "url": {"type": "string"}}},
        # the same shape as ImageStepObject, elsewhere in the API: structure alone cannot tell
        "ImageAttachment": {"type": "object", "properties": {"type": {"type": "string", "enum": ["image"]}, "url": {"type": "string"}}},
        "CreateJobRequest": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "priority": {"type": "integer"}}},
    }},
}


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    root = tmp_path_factory.mktemp("official")
    types = root / "fakeofficial" / "types"
    types.mkdir(parents=True)
    (root / "fakeofficial" / "__init__.py").write_text("")
    for name, source in _OFFICIAL.items():
        (types / name).write_text(textwrap.dedent(source))
    try:
        objects = read_official(root / "fakeofficial")
    finally:
        for module in [m for m in sys.modules if m.startswith("fakeofficial")]:
            del sys.modules[module]
    spec = normalize(_SPEC)
    shapes = read_spec(spec)
    return assign(match(objects, shapes, spec), {s.name for s in shapes})


def test_a_model_is_renamed_and_exposed_where_the_official_package_has_it(names: dict[str, dict[str, Any]]) -> None:
    assert names["JobObject"] == {"rename": "Job", "models": ["Job", "job.Job"]}


def test_inline_schemas_are_named_through_the_fields_that_hold_them(names: dict[str, dict[str, Any]]) -> None:
    assert names["JobObject/properties/status"] == {"rename": "JobStatus", "models": ["JobStatus", "job_status.JobStatus"]}
    assert names["JobObject/properties/steps/items"] == {"rename": "Step", "models": ["job.Step"]}
    # normalisation names the inline tagged member after its tag (`Text`); the match renames it
    assert names["Text"] == {"rename": "TextStep", "models": ["job.TextStep"]}


def test_a_field_decides_between_two_schemas_of_one_shape(names: dict[str, dict[str, Any]]) -> None:
    # `Job.steps` holds ImageStep, and `JobObject.steps` holds ImageStepObject, not ImageAttachment
    assert names["ImageStepObject"]["models"] == ["job.ImageStep"]
    assert "ImageAttachment" not in names


def test_a_request_body_is_exposed_not_renamed(names: dict[str, dict[str, Any]]) -> None:
    assert names["CreateJobRequest"] == {"params": ["job_create_params.JobCreateParams"]}


def test_stale_entries_are_reported_by_name() -> None:
    spec = normalize(_SPEC)
    stale = OfficialNames(schemas={
        "GoneObject": SchemaNames(rename="Gone", models=("gone.Gone",)),
        "JobObject/properties/gone": SchemaNames(rename="Gone2", models=("job.Gone2",)),
        "ImageAttachment": SchemaNames(rename="ImageStepObject"),
        "JobObject": SchemaNames(rename="Job", models=("job.not a name",)),
    })
    assert list(check_names(spec, stale)) == [
        "stale: names.GoneObject: schema 'GoneObject' is not in the spec's components",
        "names.ImageAttachment.rename: 'ImageStepObject' is already the name of schema 'ImageStepObject' (spec/names.yaml)",
        "names.JobObject: 'job.not a name' is not a dotted Python name (spec/names.yaml)",
        "stale: names.JobObject/properties/gone: the spec has no inline schema at 'JobObject/properties/gone'",
    ]


def test_hoisting_and_renaming_follow_every_reference() -> None:
    spec = normalize(_SPEC)
    spec["components"]["schemas"]["Holder"] = {
        "oneOf": [{"$ref": "#/components/schemas/ImageStepObject"}],
        "discriminator": {"propertyName": "type", "mapping": {"image": "#/components/schemas/ImageStepObject"}},
    }
    names = OfficialNames(schemas={
        "JobObject": SchemaNames(rename="Job"),
        "ImageStepObject": SchemaNames(rename="ImageStep"),
        "JobObject/properties/status": SchemaNames(rename="JobStatus"),
    })
    out = apply_names(spec, names)["components"]["schemas"]
    assert "JobObject" not in out and "ImageStepObject" not in out
    assert out["Job"]["properties"]["status"] == {"$ref": "#/components/schemas/JobStatus"}
    assert out["JobStatus"]["enum"] == ["queued", "running", "done"]
    assert out["Job"]["properties"]["steps"]["items"]["oneOf"][1] == {"$ref": "#/components/schemas/ImageStep"}
    assert out["Holder"]["discriminator"]["mapping"] == {"image": "#/components/schemas/ImageStep"}
    assert "JobObject" in spec["components"]["schemas"], "the input spec is not changed"


def test_a_reference_the_spec_shares_between_two_places_is_renamed_once() -> None:
    # A -> B and B -> C at once: a node reached twice (normalisation shares dicts) must
    # end as B, not run down the chain to C.
    shared = {"$ref": "#/components/schemas/A"}
    spec: dict[str, Any] = {"components": {"schemas": {
        "A": {"type": "string"}, "B": {"type": "integer"},
        "One": {"type": "object", "properties": {"x": shared}},
        "Two": {"type": "object", "properties": {"y": shared}},
    }}}
    names = OfficialNames(schemas={"A": SchemaNames(rename="B"), "B": SchemaNames(rename="C")})
    out = apply_names(spec, names)["components"]["schemas"]
    assert out["B"] == {"type": "string"} and out["C"] == {"type": "integer"}
    assert out["One"]["properties"]["x"] == out["Two"]["properties"]["y"] == {"$ref": "#/components/schemas/B"}


# -- pairing through the operations ----------------------------------------------------------

_OFFICIAL_WITH_RESOURCES = {
    "types/__init__.py": "from .role_delete_response import RoleDeleteResponse as RoleDeleteResponse\n",
    "types/role_delete_response.py": """
        from pydantic import BaseModel
        __all__ = ["RoleDeleteResponse"]
        class RoleDeleteResponse(BaseModel):
            deleted: bool
            object: str
    """,
    "resources/__init__.py": "",
    "resources/roles.py": """
        from ..types.role_delete_response import RoleDeleteResponse
        class Roles:
            def delete(self, role_id: str, *, group_id: str) -> RoleDeleteResponse:
                return self._delete(
                    path_template("/groups/{group_id}/roles/{role_id}", group_id=group_id, role_id=role_id),
                    cast_to=RoleDeleteResponse,
                )
    """,
}

# Two schemas of one shape; the name of the wrong one is the closer to the official class's.
_SPEC_WITH_OPERATIONS: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {"/groups/{group_id}/roles/{role_id}": {"delete": {
        "operationId": "unassignGroupRole",
        "parameters": [{"name": "group_id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "role_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/DeletedAssignment"}}}}},
    }}},
    "components": {"schemas": {
        name: {"type": "object", "required": ["object", "deleted"],
               "properties": {"object": {"type": "string"}, "deleted": {"type": "boolean"}}}
        for name in ("DeletedAssignment", "RoleDeleteResult")
    }},
}


def test_the_operation_that_returns_an_official_class_names_its_schema(tmp_path: Path) -> None:
    from codegen.official_names import operation_anchors

    package = tmp_path / "fakeofficial2"
    for name, source in _OFFICIAL_WITH_RESOURCES.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(textwrap.dedent(source))
    (package / "__init__.py").write_text("")
    try:
        objects = read_official(package)
    finally:
        for module in [m for m in sys.modules if m.startswith("fakeofficial2")]:
            del sys.modules[module]
    spec = normalize(_SPEC_WITH_OPERATIONS)
    shapes = read_spec(spec)
    by_structure = assign(match(objects, shapes, spec), {s.name for s in shapes})
    assert "RoleDeleteResult" in by_structure and "DeletedAssignment" not in by_structure  # the name misleads
    anchors = operation_anchors(package, spec, objects)
    assert [(a.schema, a.official.key) for a in anchors] == [("DeletedAssignment", "role_delete_response.RoleDeleteResponse")]
    names = assign(match(objects, shapes, spec, anchors), {s.name for s in shapes})
    assert names["DeletedAssignment"] == {
        "rename": "RoleDeleteResponse", "models": ["RoleDeleteResponse", "role_delete_response.RoleDeleteResponse"],
    }
    assert "RoleDeleteResult" not in names
